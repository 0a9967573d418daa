"""The write path: permissions, validation, the trail, the audit log and the outbox."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from tests.participation.factories import (
    INSIDE, IN_HOLE, OUTSIDE, ContributionFactory, UserFactory, make_area, staff,
)
from wijkkompas.accounts.permissions import Role
from wijkkompas.core.models import AuditEvent
from wijkkompas.notifications.models import Notification
from wijkkompas.participation import selectors, services
from wijkkompas.participation.models import (
    Channel, Contribution, ContributionEvent, EventKind, Follow, Kind, Reaction, ReportReason, Support,
)
from wijkkompas.participation.workflow import ReasonCategory, Status, TransitionError
from wijkkompas.regions.selectors import region_ids_below

pytestmark = pytest.mark.django_db


def submit(author, region, **extra):
    values = {"kind": Kind.SIGNAL, "title": "Losse stoeptegels", "text": "Bij de school liggen losse tegels.",
              "theme": "leefbaarheid", **extra}
    return services.submit_contribution(author=author, region=region, **values)


def jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="JPEG")
    return SimpleUploadedFile("mijn naam.jpg", buffer.getvalue(), content_type="image/jpeg")


# Submitting


def test_submit_with_a_point_in_the_area_and_a_photo(buurt):
    author = UserFactory()
    contribution = submit(author, buurt, latitude=INSIDE[0], longitude=INSIDE[1], photo=jpeg())
    assert contribution.status == Status.RECEIVED and contribution.channel == Channel.ONLINE
    assert contribution.photo.name.startswith("inbreng/") and "naam" not in contribution.photo.name
    event = contribution.events.get()
    assert (event.kind, event.to_status, event.actor) == (EventKind.SUBMITTED, Status.RECEIVED, author)


@pytest.mark.parametrize("point", [OUTSIDE, IN_HOLE], ids=["outside", "in a hole"])
def test_a_point_outside_the_boundary_is_refused(buurt, point):
    with pytest.raises(ValidationError) as refused:
        submit(UserFactory(), buurt, latitude=point[0], longitude=point[1])
    assert "latitude" in refused.value.message_dict
    assert not Contribution.objects.filter(region=buurt).exists()


def test_a_point_in_an_area_without_boundary_is_refused_but_a_description_is_fine(area):
    wijk = area[1]
    with pytest.raises(ValidationError):
        submit(UserFactory(), wijk, latitude=INSIDE[0], longitude=INSIDE[1])
    assert submit(UserFactory(), wijk, place_description="Hoek Dorpsstraat en Kerkweg").place_description


def test_submit_refuses_a_municipality_wrong_choices_and_too_long_text(area):
    with pytest.raises(ValidationError) as refused:
        submit(UserFactory(), area[0], kind="klacht", theme="weer", title="x" * 121, text="")
    assert set(refused.value.message_dict) >= {"region", "kind", "theme", "title", "text"}


def test_submit_needs_an_account(buurt):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        submit(AnonymousUser(), buurt)


def test_a_bad_photo_is_refused_by_field(buurt):
    fake = SimpleUploadedFile("foto.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")
    with pytest.raises(ValidationError) as refused:
        submit(UserFactory(), buurt, photo=fake)
    assert list(refused.value.message_dict) == ["photo"]


# Assisted input


def assisted(entered_by, region, **extra):
    values = {"kind": Kind.IDEA, "title": "Speeltuin opknappen", "text": "Drie moeders willen een schommel.",
              "theme": "leefbaarheid", "channel": Channel.KITCHEN_TABLE, "residents_count": 3,
              "conversation_date": datetime.date(2026, 1, 5), "consent_asked": True, **extra}
    return services.record_assisted_input(entered_by=entered_by, region=region, **values)


def test_assisted_input_records_who_entered_it_for_staff_only(buurt, professional):
    contribution = assisted(professional, buurt)
    assert contribution.author is None and contribution.entered_by == professional and contribution.is_assisted
    assert selectors.staff_trail(contribution=contribution).get().actor == professional
    assert list(selectors.public_trail(contribution=contribution).values_list("kind", flat=True)) == ["submitted"]


def test_assisted_input_needs_consent_a_real_channel_and_a_past_date(buurt, professional):
    with pytest.raises(ValidationError) as refused:
        assisted(professional, buurt, consent_asked=False, channel=Channel.ONLINE, residents_count=0,
                 conversation_date=timezone.localdate() + datetime.timedelta(days=1))
    assert set(refused.value.message_dict) >= {"consent_asked", "channel", "residents_count", "conversation_date"}


def test_a_resident_cannot_record_assisted_input(buurt):
    with pytest.raises(PermissionDenied):
        assisted(UserFactory(), buurt)


# Supports, reactions, follows, reports


def test_support_counts_once_per_person_and_can_be_withdrawn():
    contribution, user = ContributionFactory(), UserFactory()
    assert services.support(user=user, contribution=contribution) is True
    assert services.support(user=user, contribution=contribution) is False
    assert selectors.contribution_detail(contribution_id=contribution.pk).support_count == 1
    services.withdraw_support(user=user, contribution=contribution)
    assert not Support.objects.filter(contribution=contribution).exists()


def test_react_follow_and_report():
    contribution, user = ContributionFactory(), UserFactory()
    reaction = services.react(author=user, contribution=contribution, text="  Goed plan!  ")
    assert reaction.text == "Goed plan!"
    services.follow(user=user, contribution=contribution)
    services.follow(user=user, contribution=contribution)
    assert Follow.objects.filter(contribution=contribution).count() == 1
    services.report(reporter=UserFactory(), reaction=reaction, reason=ReportReason.ABUSE)
    assert list(selectors.moderation_queue().values_list("reaction", flat=True)) == [reaction.pk]
    services.unfollow(user=user, contribution=contribution)
    assert not Follow.objects.filter(contribution=contribution).exists()


def test_a_report_has_exactly_one_target_and_a_reason():
    contribution = ContributionFactory()
    with pytest.raises(ValidationError):
        services.report(reporter=UserFactory(), reason=ReportReason.SPAM)
    with pytest.raises(ValidationError) as refused:
        services.report(reporter=UserFactory(), contribution=contribution, reason="saai")
    assert "reason" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.react(author=UserFactory(), contribution=contribution, text="x" * 2001)


# The lifecycle


def test_change_status_appends_audits_and_notifies_the_author_and_followers(buurt, professional):
    contribution = ContributionFactory(region=buurt)
    follower = UserFactory()
    services.follow(user=follower, contribution=contribution)
    event = services.change_status(actor=professional, contribution=contribution, to_status=Status.IN_AGENDA,
                                   public_text="We nemen dit op in de buurtagenda van 2026.")
    contribution.refresh_from_db()
    assert contribution.status == Status.IN_AGENDA and contribution.closed_at and contribution.first_public_answer_at
    assert (event.from_status, event.to_status, event.actor) == (Status.RECEIVED, Status.IN_AGENDA, professional)
    assert AuditEvent.objects.filter(target=f"contribution:{contribution.pk}", actor=professional).exists()
    recipients = set(Notification.objects.filter(event=event).values_list("recipient", flat=True))
    assert recipients == {contribution.author_id, follower.pk}


def test_a_closing_state_needs_an_explanation_and_not_adopted_a_reason(buurt, professional):
    contribution = ContributionFactory(region=buurt)
    with pytest.raises(ValidationError):
        services.change_status(actor=professional, contribution=contribution, to_status=Status.DONE)
    with pytest.raises(ValidationError) as refused:
        services.change_status(actor=professional, contribution=contribution, to_status=Status.NOT_ADOPTED,
                               public_text="Past niet.")
    assert "reason_category" in refused.value.message_dict
    assert contribution.events.count() == 1 and Contribution.objects.get(pk=contribution.pk).status == Status.RECEIVED


def test_a_professional_of_another_municipality_cannot_change_a_status(buurt):
    elsewhere = staff(Role.PROFESSIONAL, make_area(2)[0])
    contribution = ContributionFactory(region=buurt)
    with pytest.raises(PermissionDenied):
        services.change_status(actor=elsewhere, contribution=contribution, to_status=Status.IN_PROGRESS)
    with pytest.raises(PermissionDenied):
        services.change_status(actor=contribution.author, contribution=contribution, to_status=Status.IN_PROGRESS)


def test_a_transition_the_state_machine_does_not_know_is_refused(buurt, professional):
    contribution = ContributionFactory(region=buurt)
    services.change_status(actor=professional, contribution=contribution, to_status=Status.DONE, public_text="Klaar.")
    with pytest.raises(TransitionError):
        services.change_status(actor=professional, contribution=contribution, to_status=Status.IN_PROGRESS)


def test_forward_accept_and_answer(buurt, professional, organisation, org_member):
    contribution = ContributionFactory(region=buurt)
    services.change_status(actor=professional, contribution=contribution, to_status=Status.FORWARDED,
                           public_text="Dit is voor de woningcorporatie.", organisation=organisation)
    assert contribution.forwarded_to == organisation
    assert contribution.forward_due == timezone.localdate() + datetime.timedelta(days=10)
    with pytest.raises(PermissionDenied):  # a professional, but not of that organisation
        services.accept_forwarded(actor=professional, contribution=contribution)
    services.accept_forwarded(actor=org_member, contribution=contribution)
    with pytest.raises(ValidationError):
        services.accept_forwarded(actor=org_member, contribution=contribution)
    event = services.answer_forwarded(actor=org_member, contribution=contribution,
                                      public_text="De tegels worden volgende week gelegd.")
    assert (event.kind, event.to_status, event.organisation) == (EventKind.FORWARD_ANSWERED, Status.DONE, organisation)
    assert contribution.status == Status.DONE and contribution.closed_at
    kinds = list(selectors.public_trail(contribution=contribution).values_list("kind", flat=True))
    assert kinds == ["submitted", "status_changed", "forward_accepted", "forward_answered"]


def test_forwarding_needs_an_organisation(buurt, professional):
    contribution = ContributionFactory(region=buurt)
    with pytest.raises(ValidationError) as refused:
        services.change_status(actor=professional, contribution=contribution, to_status=Status.FORWARDED,
                               public_text="Door naar de politie.")
    assert "organisation" in refused.value.message_dict


def close(contribution, actor, *, days_ago=0):
    services.change_status(actor=actor, contribution=contribution, to_status=Status.DONE, public_text="Gedaan.")
    Contribution.objects.filter(pk=contribution.pk).update(closed_at=timezone.now() - datetime.timedelta(days=days_ago))
    contribution.refresh_from_db()


def test_the_author_rates_once_and_reopens_within_14_days(buurt, professional):
    contribution = ContributionFactory(region=buurt)
    author = contribution.author
    with pytest.raises(ValidationError):
        services.rate_answer(user=author, contribution=contribution, satisfied=False)
    close(contribution, professional, days_ago=13)
    with pytest.raises(PermissionDenied):
        services.rate_answer(user=UserFactory(), contribution=contribution, satisfied=True)
    services.rate_answer(user=author, contribution=contribution, satisfied=False)
    with pytest.raises(ValidationError):
        services.rate_answer(user=author, contribution=contribution, satisfied=True)
    event = services.request_reopen(user=author, contribution=contribution, reason="De tegels liggen er nog.")
    assert (event.from_status, event.to_status, event.public_text) == (Status.DONE, Status.REOPENED,
                                                                      "De tegels liggen er nog.")
    assert contribution.status == Status.REOPENED and contribution.closed_at is None
    assert contribution.events.count() == 4  # submitted, closed, rated, reopened: the history is intact
    services.change_status(actor=professional, contribution=contribution, to_status=Status.IN_PROGRESS)


def test_reopening_after_14_days_or_by_someone_else_or_without_reason_is_refused(buurt, professional):
    contribution = ContributionFactory(region=buurt)
    close(contribution, professional, days_ago=15)
    with pytest.raises(ValidationError):
        services.request_reopen(user=contribution.author, contribution=contribution, reason="Nog steeds kapot.")
    with pytest.raises(PermissionDenied):
        services.request_reopen(user=UserFactory(), contribution=contribution, reason="Ik wil het ook.")
    with pytest.raises(ValidationError):
        services.request_reopen(user=contribution.author, contribution=contribution, reason=" ")
    with pytest.raises(TransitionError):
        services.change_status(actor=professional, contribution=contribution, to_status=Status.REOPENED,
                               public_text="Toch weer open.")


# Moderation


def test_hide_and_restore_a_contribution_and_a_reaction(moderator):
    contribution = ContributionFactory()
    reaction = services.react(author=UserFactory(), contribution=contribution, text="Scheldwoord")
    services.report(reporter=UserFactory(), reaction=reaction, reason=ReportReason.ABUSE)
    services.hide(moderator=moderator, reaction=reaction, reason="Scheldwoorden")
    reaction.refresh_from_db()
    assert reaction.hidden and reaction.hidden_reason == "Scheldwoorden"
    assert not selectors.moderation_queue().exists()
    services.hide(moderator=moderator, contribution=contribution, reason="Bevat persoonsgegevens")
    assert contribution.events.filter(kind=EventKind.HIDDEN, public_text="Bevat persoonsgegevens").exists()
    services.restore(moderator=moderator, contribution=contribution)
    contribution.refresh_from_db()
    assert not contribution.hidden and contribution.events.filter(kind=EventKind.RESTORED).exists()
    assert AuditEvent.objects.filter(action="moderation.hide", actor=moderator).count() == 2


def test_only_moderators_hide_and_a_reason_is_needed(moderator):
    contribution = ContributionFactory()
    with pytest.raises(PermissionDenied):
        services.hide(moderator=UserFactory(), contribution=contribution, reason="Weg ermee")
    with pytest.raises(ValidationError):
        services.hide(moderator=moderator, contribution=contribution, reason="")
    services.hide(moderator=moderator, contribution=contribution, reason="Spam")
    with pytest.raises(ValidationError):  # no support for what a moderator hid
        services.support(user=UserFactory(), contribution=contribution)


# Retention and demo content


def test_anonymise_closed_unlinks_people_and_keeps_the_trail(buurt, professional):
    old, recent = ContributionFactory(region=buurt), ContributionFactory(region=buurt)
    services.react(author=UserFactory(), contribution=old, text="Eens")
    services.follow(user=UserFactory(), contribution=old)
    close(old, professional, days_ago=400)
    close(recent, professional, days_ago=10)
    assert services.anonymise_closed(older_than_days=365) == 1
    old.refresh_from_db()
    assert old.author is None and old.anonymised and old.text
    assert not old.follows.exists() and not Reaction.objects.filter(contribution=old, author__isnull=False).exists()
    assert old.events.count() == 2 and old.events.get(kind=EventKind.SUBMITTED).actor is None
    assert old.events.get(kind=EventKind.STATUS_CHANGED).actor == professional  # staff stay accountable
    assert Contribution.objects.get(pk=recent.pk).author is not None
    assert services.anonymise_closed(older_than_days=365) == 0


def test_the_command_anonymises(buurt, professional):
    old = ContributionFactory(region=buurt)
    close(old, professional, days_ago=40)
    out = io.StringIO()
    call_command("anonymise_closed", "--days", "30", stdout=out)
    assert "1 " in out.getvalue() and Contribution.objects.get(pk=old.pk).author is None


def test_delete_example_content_removes_only_examples_with_their_trail(buurt, professional):
    example = ContributionFactory(region=buurt, is_example=True)
    services.follow(user=UserFactory(), contribution=example)
    services.change_status(actor=professional, contribution=example, to_status=Status.IN_AGENDA, public_text="Ja.")
    real = ContributionFactory(region=buurt)
    assert services.delete_example_content() == 1
    assert not Contribution.objects.filter(pk=example.pk).exists()
    assert not ContributionEvent.objects.filter(contribution_id=example.pk).exists()
    assert Contribution.objects.filter(pk=real.pk).exists() and real.events.count() == 1


def test_not_adopted_keeps_its_reason(buurt, professional):
    contribution = ContributionFactory(region=buurt)
    event = services.change_status(actor=professional, contribution=contribution, to_status=Status.NOT_ADOPTED,
                                   public_text="Geen geld.", reason_category=ReasonCategory.NO_BUDGET)
    assert event.reason_category == ReasonCategory.NO_BUDGET


def test_the_moderation_queue_can_be_limited_to_areas(buurt):
    here, elsewhere = ContributionFactory(region=buurt), ContributionFactory(region=make_area(3)[2])
    for contribution in (here, elsewhere):
        services.report(reporter=UserFactory(), contribution=contribution, reason=ReportReason.OTHER, text="?")
    queue = selectors.moderation_queue(regions=region_ids_below(make_area()[0].pk))
    assert [report.contribution for report in queue] == [here]


def test_assisted_input_can_be_demo_content(buurt, professional):
    assert assisted(professional, buurt, is_example=True).is_example
    assert services.delete_example_content() == 1
