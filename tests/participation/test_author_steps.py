"""The author's answer to an answer over HTTP: rate it, ask to reopen; back on /mijn-inbreng/."""

import pytest

from tests.participation.factories import ContributionFactory
from wijkkompas.participation import services
from wijkkompas.participation.workflow import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(buurt, professional):
    contribution = ContributionFactory(region=buurt)
    services.change_status(actor=professional, contribution=contribution, to_status=Status.DONE,
                           public_text="De lamp is gemaakt.")
    return contribution


def test_the_author_rates_the_answer_and_asks_to_reopen(client, closed):
    client.force_login(closed.author)

    rated = client.post(f"/inbreng/{closed.pk}/beoordelen/", {"satisfied": "nee"})
    reopened = client.post(f"/inbreng/{closed.pk}/heropenen/", {"reason": "De lamp is weer kapot."})

    assert rated["Location"] == reopened["Location"] == f"/mijn-inbreng/#inbreng-{closed.pk}"
    closed.refresh_from_db()
    assert (closed.satisfied, closed.status) == (False, Status.REOPENED)


def test_an_empty_form_changes_nothing_and_says_why(client, closed):
    client.force_login(closed.author)

    response = client.post(f"/inbreng/{closed.pk}/heropenen/", {"reason": ""}, follow=True)

    assert "Schrijf op waarom" in response.content.decode()
    closed.refresh_from_db()
    assert closed.status == Status.DONE


def test_someone_else_cannot_rate_or_reopen(client, closed):
    from tests.accounts.factories import UserFactory

    client.force_login(UserFactory())
    client.post(f"/inbreng/{closed.pk}/beoordelen/", {"satisfied": "ja"})
    client.post(f"/inbreng/{closed.pk}/heropenen/", {"reason": "Ik wil het anders."})

    closed.refresh_from_db()
    assert (closed.satisfied, closed.status) == (None, Status.DONE)
