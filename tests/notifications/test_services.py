"""Writing the outbox and delivering it: who is told, what they read, and how failures are retried."""

from datetime import timedelta

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.notifications.factories import ContributionFactory, EventFactory, FollowFactory, NotificationFactory
from wijkkompas.notifications import services
from wijkkompas.notifications.models import Notification
from wijkkompas.participation.models import EventKind
from wijkkompas.participation.workflow import Status

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def _event(**kwargs):
    event = EventFactory(**kwargs)
    services.notify_change(contribution=event.contribution, event=event)
    return event


def test_the_author_and_followers_are_told_but_not_the_one_who_made_the_change():
    contribution = ContributionFactory()
    followers = [FollowFactory(contribution=contribution).user for _ in range(2)]
    actor = FollowFactory(contribution=contribution).user
    FollowFactory(contribution=contribution, user=UserFactory(is_active=False))

    _event(contribution=contribution, actor=actor)

    assert sorted(Notification.objects.values_list("email", flat=True)) == sorted(
        [contribution.author.email, *(follower.email for follower in followers)]
    )


def test_events_that_are_not_public_tell_no_one():
    _event(is_public=False)
    assert not Notification.objects.exists()


def test_notifying_twice_about_one_event_writes_each_notification_once():
    event = _event()
    services.notify_change(contribution=event.contribution, event=event)
    assert Notification.objects.get().dedupe_key == f"{event.pk}:{event.contribution.author_id}"


def test_nothing_is_written_or_sent_when_the_change_is_rolled_back(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            _event()
            raise RuntimeError("the change fails after notifying")
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_delivery_starts_after_the_commit(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            event = _event()
            assert mailoutbox == []
    assert len(callbacks) == 1
    assert [message.to for message in mailoutbox] == [[event.contribution.author.email]]
    assert Notification.objects.get().status == Notification.Status.SENT


def test_the_e_mail_is_dutch_plain_text_with_a_link_and_a_stable_message_id(settings, mailoutbox):
    settings.SITE_URL = "https://wijkkompas.example/"
    contribution = ContributionFactory(title=f"Lantaarn\nkapot {XSS}")
    _event(contribution=contribution, public_text=f"Gemeld bij de gemeente. {XSS}")

    assert services.deliver_pending() == 1
    [message] = mailoutbox
    notification = Notification.objects.get()
    assert message.subject == f"Nieuws over je inbreng: Lantaarn kapot {XSS}"
    assert message.extra_headers["Message-ID"] == f"<notification.{notification.pk}@localhost>"
    assert message.message()["Message-ID"] == f"<notification.{notification.pk}@localhost>"
    assert message.content_subtype == "plain" and not getattr(message, "alternatives", [])
    assert f"De status is nu: {Status.IN_PROGRESS.label}." in message.body
    assert f"Gemeld bij de gemeente. {XSS}" in message.body  # plain text: shown as typed, never markup
    assert "&lt;" not in message.body
    assert f"https://wijkkompas.example/inbreng/{contribution.pk}/" in message.body


def test_followers_read_that_they_follow_it(mailoutbox):
    contribution = ContributionFactory(author=None)
    FollowFactory(contribution=contribution)
    _event(contribution=contribution, kind=EventKind.FORWARD_ACCEPTED, public_text="")
    services.deliver_pending()
    [message] = mailoutbox
    assert message.subject.startswith("Nieuws over inbreng die je volgt:")
    assert "omdat je deze inbreng volgt" in message.body
    assert "Uitleg:" not in message.body


class _Refusing(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server does not answer")


def test_a_failure_is_retried_later_with_a_growing_wait(settings):
    settings.EMAIL_BACKEND = f"{__name__}._Refusing"
    NotificationFactory()
    waits = []
    for attempt in range(1, 4):
        before = timezone.now()
        assert services.deliver_pending() == 0
        notification = Notification.objects.get()
        assert (notification.status, notification.attempts) == (Notification.Status.PENDING, attempt)
        assert "ConnectionRefusedError" in notification.last_error
        waits.append(round((notification.next_attempt_at - before).total_seconds() / 60))
        assert services.deliver_pending() == 0  # not due yet: no new attempt
        Notification.objects.update(next_attempt_at=timezone.now())  # the wait is over
    assert waits == [1, 2, 4]


def test_after_the_last_attempt_it_is_failed_until_the_retry_command(settings, mailoutbox):
    settings.EMAIL_BACKEND = f"{__name__}._Refusing"
    NotificationFactory(attempts=services.MAX_ATTEMPTS - 1)
    services.deliver_pending()
    assert Notification.objects.get().status == Notification.Status.FAILED

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Notification.objects.update(next_attempt_at=timezone.now())
    assert services.deliver_pending() == 0  # failed stays failed
    call_command("retry_notifications", stdout=open("/dev/null", "w"))
    assert services.deliver_pending() == 1
    assert len(mailoutbox) == 1


def test_an_unreachable_server_stops_the_batch_after_one_try(settings):
    settings.EMAIL_BACKEND = f"{__name__}._Refusing"
    NotificationFactory.create_batch(3)
    services.deliver_pending()
    assert sorted(Notification.objects.values_list("attempts", flat=True)) == [0, 0, 1]


def test_a_claimed_notification_is_not_taken_by_another_worker_until_its_claim_runs_out(mailoutbox):
    claimed = NotificationFactory()
    assert services._claim_next() == claimed
    assert services.deliver_pending() == 0
    Notification.objects.update(next_attempt_at=timezone.now())  # the worker died; its claim ran out
    assert services.deliver_pending() == 1


def test_sent_notifications_are_deleted_after_90_days():
    old = NotificationFactory(status=Notification.Status.SENT, sent_at=timezone.now() - timedelta(days=91))
    recent = NotificationFactory(status=Notification.Status.SENT, sent_at=timezone.now() - timedelta(days=89))
    waiting = NotificationFactory(created_at=timezone.now() - timedelta(days=200))
    assert services.delete_sent() == 1
    assert set(Notification.objects.all()) == {recent, waiting}
    assert not Notification.objects.filter(pk=old.pk).exists()
