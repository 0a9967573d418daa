"""GET /api/contributions: public data only, with the trail and the figures."""

import json

import pytest

from tests.participation.factories import ContributionFactory
from wijkkompas.participation import services
from wijkkompas.participation.models import Channel, Kind
from wijkkompas.participation.workflow import Status

pytestmark = pytest.mark.django_db
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def answered(buurt, professional):
    contribution = ContributionFactory(region=buurt, title=f"Titel {XSS}", text=XSS)
    services.change_status(actor=professional, contribution=contribution, to_status=Status.IN_AGENDA,
                           public_text="Komt op de buurtagenda.")
    return contribution


def test_list_filters_and_includes_the_area_below(client, area, answered):
    ContributionFactory(region=area[2], kind=Kind.COMPLIMENT)
    body = client.get("/api/contributions", {"region": area[0].code, "kind": Kind.IDEA}).json()
    assert body["count"] == 1 and body["items"][0]["id"] == answered.pk
    assert body["items"][0]["status"] == Status.IN_AGENDA and body["items"][0]["support_count"] == 0
    assert client.get("/api/contributions", {"region": area[0].code, "status": "verzonnen"}).status_code == 422
    assert client.get("/api/contributions", {"region": "BU00000000"}).status_code == 404


def test_detail_has_the_public_trail_and_no_personal_data(client, answered, professional):
    response = client.get(f"/api/contributions/{answered.pk}")
    body = response.json()
    assert response["Content-Type"].startswith("application/json")
    assert [event["to_status"] for event in body["trail"]] == [Status.RECEIVED, Status.IN_AGENDA]
    assert body["trail"][1]["public_text"] == "Komt op de buurtagenda."
    raw = response.content.decode()
    for secret in (answered.author.email, professional.email, '"actor"', '"author"', '"entered_by"', "@example.org"):
        assert secret not in raw
    assert body["text"] == XSS  # JSON carries the text as data; nothing in it is interpreted


def test_assisted_input_is_labelled_without_who_entered_it(client, buurt, professional):
    import datetime

    contribution = services.record_assisted_input(
        entered_by=professional, region=buurt, kind=Kind.IDEA, title="Bankje", text="Bij de bushalte.",
        theme="leefbaarheid", channel=Channel.OFFICE_HOURS, conversation_date=datetime.date(2026, 2, 2),
        residents_count=2, consent_asked=True,
    )
    body = client.get(f"/api/contributions/{contribution.pk}").json()
    assert body["assisted"] is True and body["channel"] == Channel.OFFICE_HOURS and body["residents_count"] == 2
    assert professional.email not in json.dumps(body)


def test_a_hidden_contribution_shows_only_its_reason(client, answered, moderator):
    services.hide(moderator=moderator, contribution=answered, reason="Scheldwoorden")
    body = client.get(f"/api/contributions/{answered.pk}").json()
    assert body["hidden"] and body["hidden_reason"] == "Scheldwoorden"
    assert body["title"] is None and body["text"] is None


def test_figures_and_unknown_ids(client, area, answered):
    body = client.get(f"/api/contributions/figures/{area[0].code}").json()
    assert body["count"] == 1 and body["share_answered"] == 1 and body["share_in_agenda"] == 1
    assert client.get("/api/contributions/999999999").status_code == 404
    assert client.get("/api/contributions/0").status_code == 422


def test_the_trail_cannot_be_written_through_the_api(client, answered):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(f"/api/contributions/{answered.pk}", content_type="application/json")
        assert response.status_code == 405
    assert answered.events.count() == 2


PAYLOADS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>", "javascript:alert(1)", "<iframe src=javascript:alert(1)>", "<body onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "{{7*7}}", "${alert(1)}", "<details open ontoggle=alert(1)>", "<input autofocus onfocus=alert(1)>",
    "</script><script>alert(1)</script>", "<style>*{background:url(javascript:alert(1))}</style>",
    "<object data=javascript:alert(1)>", "<marquee onstart=alert(1)>", "&lt;script&gt;alert(1)&lt;/script&gt;",
    "=HYPERLINK(\"http://x\",\"klik\")", "\u2028<script>alert(1)</script>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_stored_payloads_come_back_as_plain_json_strings(client, buurt, payload):
    contribution = ContributionFactory(region=buurt, title=payload[:120], text=payload, place_description=payload)
    response = client.get(f"/api/contributions/{contribution.pk}")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"  # a browser never renders it as HTML
    body = response.json()
    assert (body["title"], body["text"], body["place_description"]) == (payload[:120], payload, payload)
