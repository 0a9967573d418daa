"""A person who switched notification e-mails off gets no outbox row; everyone else still gets
exactly one, and every notification says where to switch them off."""

import pytest

from tests.accounts.factories import UserFactory
from tests.notifications.factories import ContributionFactory, EventFactory, FollowFactory
from wijkkompas.notifications import services
from wijkkompas.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _notify(contribution):
    event = EventFactory(contribution=contribution)
    services.notify_change(contribution=event.contribution, event=event)
    return event


def test_an_author_who_switched_off_e_mail_about_own_input_gets_none_and_followers_still_do():
    contribution = ContributionFactory(author=UserFactory(email_own_contributions=False))
    follower = FollowFactory(contribution=contribution).user
    _notify(contribution)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [follower.pk]


def test_a_follower_who_switched_off_e_mail_about_followed_input_gets_none():
    contribution = ContributionFactory()
    quiet = FollowFactory(contribution=contribution, user=UserFactory(email_followed=False)).user
    loud = FollowFactory(contribution=contribution).user
    _notify(contribution)
    recipients = sorted(Notification.objects.values_list("recipient", flat=True))
    assert recipients == sorted([contribution.author_id, loud.pk]) and quiet.pk not in recipients


def test_the_author_s_own_switch_decides_even_when_they_follow_their_input():
    author = UserFactory(email_own_contributions=False, email_followed=True)
    contribution = ContributionFactory(author=author)
    FollowFactory(contribution=contribution, user=author)
    _notify(contribution)
    assert not Notification.objects.exists()

    author.email_own_contributions, author.email_followed = True, False
    author.save()
    _notify(contribution)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [author.pk]


def test_the_others_get_each_e_mail_exactly_once(django_capture_on_commit_callbacks, mailoutbox):
    contribution = ContributionFactory()
    FollowFactory(contribution=contribution, user=UserFactory(email_followed=False))
    follower = FollowFactory(contribution=contribution).user
    with django_capture_on_commit_callbacks(execute=True):
        event = _notify(contribution)
    services.notify_change(contribution=contribution, event=event)  # a second notify adds nothing
    assert services.deliver_pending() == 0  # the commit already delivered them
    assert sorted(to for message in mailoutbox for to in message.to) == sorted(
        [contribution.author.email, follower.email]
    )
    assert set(Notification.objects.values_list("status", flat=True)) == {Notification.Status.SENT}


def test_every_notification_says_how_to_switch_it_off(settings):
    settings.SITE_URL = "https://wijkkompas.example/"
    contribution = ContributionFactory()
    FollowFactory(contribution=contribution)
    _notify(contribution)
    for body in Notification.objects.values_list("body", flat=True):
        assert "Liever geen e-mails meer? Zet ze uit op je accountpagina:" in body
        assert "https://wijkkompas.example/account/#e-mail" in body
