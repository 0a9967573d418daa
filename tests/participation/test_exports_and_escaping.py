"""User text is inert everywhere it goes out (HTML pages, CSV, e-mail; the API in test_api.py),
and the area export is for staff and representatives only, audited, with formula cells neutralised."""

import csv
import io

import pytest
from django.core import mail
from django.utils.html import escape

from tests.accounts.factories import UserFactory
from tests.participation.factories import ContributionFactory, staff
from tests.participation.test_api import PAYLOADS
from wijkkompas.accounts.permissions import Role
from wijkkompas.core.models import AuditEvent
from wijkkompas.participation import services
from wijkkompas.participation.models import Reaction
from wijkkompas.participation.workflow import Status

pytestmark = pytest.mark.django_db


def assert_inert(html: str, payload: str) -> None:
    assert escape(payload) in html, "the text is shown as typed"
    if escape(payload) != payload:
        assert payload not in html, "never as markup"
    assert 'href="javascript:' not in html.lower()


@pytest.fixture
def written(buurt, professional, moderator, django_capture_on_commit_callbacks):
    """One contribution per payload, the payload in every text field people write; the e-mails
    about them are sent as after a commit."""
    with django_capture_on_commit_callbacks(execute=True):
        made = _write_payloads(buurt, professional)
    hidden = Reaction.objects.create(contribution=made[0][1], author=UserFactory(), text="scheldwoord")
    services.hide(moderator=moderator, reaction=hidden, reason=PAYLOADS[1])
    return made


def _write_payloads(buurt, professional) -> list:
    made = []
    for payload in PAYLOADS:
        author = UserFactory(public_name=payload[:80])
        contribution = ContributionFactory(region=buurt, author=author, title=payload[:120], text=payload,
                                           place_description=payload[:300])
        services.follow(user=author, contribution=contribution)
        services.react(author=UserFactory(), contribution=contribution, text=payload)
        services.change_status(actor=professional, contribution=contribution, to_status=Status.DONE,
                               public_text=payload)
        made.append((payload, contribution))
    return made


def test_payloads_are_inert_on_the_contribution_page(client, written):
    for payload, contribution in written:
        html = client.get(f"/inbreng/{contribution.pk}/").content.decode()
        assert_inert(html, payload[:120])  # title, text, place, reaction, explanation
    assert_inert(client.get(f"/inbreng/{written[0][1].pk}/").content.decode(), PAYLOADS[1])  # hiding reason


def test_payloads_are_inert_in_the_area_list_and_the_residents_voice(client, buurt, written):
    for address in (f"/gebied/{buurt.code}/inbreng/", f"/gebied/{buurt.code}/inbreng/stem/"):
        html = client.get(address).content.decode()
        for payload, _contribution in written[:8]:  # the first page of the list
            assert payload not in html or escape(payload) == payload
        assert "<script>alert(1)</script>" not in html


def test_payloads_are_inert_on_the_authors_own_page(client, written):
    payload, contribution = written[2]
    client.force_login(contribution.author)
    assert_inert(client.get("/mijn-inbreng/").content.decode(), payload)


def test_payloads_travel_as_plain_text_in_e_mail(written):
    assert mail.outbox, "status changes were mailed to authors"
    for message in mail.outbox:
        assert not getattr(message, "alternatives", None), "plain text only: nothing a mail client renders as HTML"
    bodies = "\n".join(message.body for message in mail.outbox)
    for payload in PAYLOADS:
        assert payload in bodies or payload.replace("\u2028", " ") in bodies


def _export(client, region) -> list[list[str]]:
    response = client.get(f"/gebied/{region.code}/inbreng/inbreng.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_export_neutralises_formulas_and_keeps_text_as_typed(client, area, buurt, professional, written):
    client.force_login(professional)
    rows = _export(client, area[0])
    header, body = rows[0], rows[1:]
    titles = {row[header.index("titel")] for row in body}
    assert "'=HYPERLINK(\"http://x\",\"klik\")" in titles
    assert "<script>alert(1)</script>" in titles  # CSV is data; the spreadsheet shows it as text
    for row in body:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)
    assert len(body) == len(written)


def test_the_export_holds_no_personal_data(client, area, professional, written):
    client.force_login(professional)
    content = "\n".join(",".join(row) for row in _export(client, area[0]))
    for _payload, contribution in written:
        assert contribution.author.email not in content
    assert professional.email not in content


def test_each_export_is_audited(client, area, professional, written):
    client.force_login(professional)
    _export(client, area[0])
    event = AuditEvent.objects.get(action="data.export_area")
    assert (event.actor, event.region, event.details) == (professional, area[0], {"contributions": len(written)})


def test_residents_and_other_municipalities_get_no_export(client, area):
    from tests.participation.factories import make_area

    other_gemeente = make_area(2)[0]
    for user in (UserFactory(), staff(Role.PROFESSIONAL, other_gemeente)):
        client.force_login(user)
        assert client.get(f"/gebied/{area[0].code}/inbreng/inbreng.csv").status_code == 403
    client.logout()
    assert client.get(f"/gebied/{area[0].code}/inbreng/inbreng.csv").status_code == 302  # to sign in
    assert not AuditEvent.objects.filter(action="data.export_area").exists()


def test_a_representative_may_export(client, area):
    client.force_login(staff(Role.REPRESENTATIVE, area[1]))
    assert client.get(f"/gebied/{area[1].code}/inbreng/inbreng.csv").status_code == 200
