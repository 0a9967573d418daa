"""Participation's part of the privacy register, the data export and account deletion."""

import pytest

from tests.participation.factories import ContributionFactory, UserFactory
from wijkkompas.accounts import privacy
from wijkkompas.accounts.services import delete_account, export_personal_data
from wijkkompas.participation import services
from wijkkompas.participation.models import Contribution, Follow, Reaction, Report, ReportReason, Support

#: Free text that residents write (or professionals write down for them), with the person's point and photo.
RESIDENT_TEXT = {
    Contribution: {"title", "text", "place_description", "latitude", "longitude", "photo"},
    Reaction: {"text"},
    Report: {"text"},
}


def test_free_text_written_by_residents_is_in_the_register():
    declared = {(entry.model, field) for entry in privacy.personal_data() for field in entry.fields}
    missing = [(model.__name__, field) for model, fields in RESIDENT_TEXT.items() for field in fields
               if (model, field) not in declared]
    assert not missing


@pytest.mark.django_db
def test_export_holds_what_the_person_wrote_entered_supported_and_reported(buurt, professional):
    resident = UserFactory()
    own = ContributionFactory(region=buurt, author=resident, title="Mijn idee")
    other = ContributionFactory(region=buurt)
    services.support(user=resident, contribution=other)
    services.follow(user=resident, contribution=other)
    services.react(author=resident, contribution=other, text="Mee eens")
    services.report(reporter=resident, contribution=other, reason=ReportReason.SPAM)
    data = export_personal_data(user=resident)["participation"]
    assert [item["title"] for item in data["contributions"]] == ["Mijn idee"]
    assert data["contributions"][0]["trail"][0]["to_status"] == "ontvangen"
    assert data["supports"] == [other.pk] and data["follows"] == [other.pk]
    assert data["reactions"][0]["text"] == "Mee eens" and data["reports"][0]["reason"] == ReportReason.SPAM
    assert own.pk not in data["supports"]


@pytest.mark.django_db
def test_deleting_an_account_keeps_the_contribution_and_its_trail_without_the_person(buurt):
    resident = UserFactory()
    own = ContributionFactory(region=buurt, author=resident)
    other = ContributionFactory(region=buurt)
    services.support(user=resident, contribution=other)
    services.follow(user=resident, contribution=other)
    reaction = services.react(author=resident, contribution=other, text="Goed")
    delete_account(user=resident)
    own.refresh_from_db()
    reaction.refresh_from_db()
    assert own.author is None and own.title and own.events.count() == 1 and own.events.get().actor is None
    assert reaction.author is None and reaction.text == "Goed"
    assert not Follow.objects.filter(user=resident).exists()
    assert Support.objects.filter(contribution=other).count() == 1  # the count stays; the account has no name left
