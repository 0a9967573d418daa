"""One resident never sees another's personal data: not in their export, not on their own page,
not in a contribution's public trail."""

import json

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.participation.factories import ContributionFactory
from wijkkompas.participation import services
from wijkkompas.participation.workflow import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_residents(buurt, professional):
    first = UserFactory(email="eerste@example.org", public_name="Eerste")
    second = UserFactory(email="tweede@example.org", public_name="Tweede")
    theirs = ContributionFactory(region=buurt, author=second, title="Van de tweede", text="Tekst van de tweede")
    services.react(author=second, contribution=theirs, text="Reactie van de tweede")
    services.follow(user=second, contribution=theirs)
    services.change_status(actor=professional, contribution=theirs, to_status=Status.DONE, public_text="Klaar.")
    services.rate_answer(user=second, contribution=theirs, satisfied=False)
    mine = ContributionFactory(region=buurt, author=first, title="Van de eerste")
    services.support(user=first, contribution=theirs)
    return first, second, mine, theirs


def test_an_export_holds_only_ones_own_data(client, two_residents):
    first, second, _mine, _theirs = two_residents
    client.force_login(first)
    exported = json.dumps(json.loads(client.post(reverse("account_export")).content), ensure_ascii=False)
    assert "eerste@example.org" in exported and "Van de eerste" in exported
    for private in ("tweede@example.org", "Tweede", "Reactie van de tweede", "Tekst van de tweede"):
        assert private not in exported


def test_ones_own_page_shows_what_one_supported_but_not_who_wrote_it_or_their_rating(client, two_residents):
    first, _second, _mine, theirs = two_residents
    client.force_login(first)
    html = client.get("/mijn-inbreng/").content.decode()
    assert "Van de tweede" in html  # supported: its public trail is shown
    assert "tweede@example.org" not in html
    assert "beoordelen" not in html.split("Van de tweede", 1)[1].split("</article>", 1)[0]  # no rating form for it


def test_a_contribution_page_shows_no_e_mail_addresses_and_no_staff_trail_to_residents(client, two_residents,
                                                                                     professional):
    first, _second, _mine, theirs = two_residents
    client.force_login(first)
    html = client.get(f"/inbreng/{theirs.pk}/").content.decode()
    assert "tweede@example.org" not in html and professional.email not in html
    assert str(professional) not in html  # who changed the status is for staff only
