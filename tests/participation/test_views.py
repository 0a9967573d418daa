"""The resident-voice pages over HTTP with Django's client: forms that keep their input, the
no-JavaScript submit with its near-duplicate step, PRG, CSRF, escaping and permission refusals."""

from __future__ import annotations

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tests.accounts.factories import MembershipFactory, OrganisationFactory, RoleAssignmentFactory, UserFactory, add_totp
from tests.core.html import parse
from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.accounts.permissions import Role
from wijkkompas.participation import services
from wijkkompas.participation.models import Channel, Contribution, Reaction, Support
from wijkkompas.participation.workflow import Status, allowed_transitions
from wijkkompas.regions.models import Level

pytestmark = pytest.mark.django_db

SQUARE = {"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.02, 52.0], [5.02, 52.02], [5.0, 52.02], [5.0, 52.0]]]}
XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "<a href=\"javascript:alert(1)\">klik</a>",
    "'';!--\"<XSS>=&{()}",
    "<iframe src=//evil.example></iframe>",
    "<body onload=alert(1)>",
]


@pytest.fixture
def area():
    municipality = RegionFactory(code="GM9801", name="Proefstad")
    RegionYearFactory(region=municipality)
    district = RegionFactory(code="WK980101", level=Level.DISTRICT, name="Proefwijk", municipality_code="GM9801")
    RegionYearFactory(region=district, parent=municipality, geometry=SQUARE)
    return district


@pytest.fixture
def other_municipality():
    municipality = RegionFactory(code="GM9802", name="Andersdorp")
    RegionYearFactory(region=municipality)
    return municipality


@pytest.fixture
def resident(client):
    user = UserFactory(public_name="Fatima")
    client.force_login(user)
    return user


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def professional_of(region, organisation=None):
    user = UserFactory(public_name="Pim Professional")
    RoleAssignmentFactory(user=user, region=region, role=Role.PROFESSIONAL, organisation=organisation)
    return user


def contribution_in(area, *, author=None, title="Kapotte lantaarnpaal bij het plein", text="Het is er 's avonds donker.", **extra):
    return services.submit_contribution(
        author=author or UserFactory(), region=area, kind="signaal", title=title, text=text, theme="veiligheid", **extra,
    )


def submission(**overrides) -> dict:
    return {
        "kind": "idee", "title": "Meer bankjes in het park", "text": "Ouderen willen kunnen zitten tijdens een wandeling.",
        "theme": "leefbaarheid", "place_description": "Het Wilhelminapark", **overrides,
    }


def jpeg_bytes() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(output, "JPEG")
    return output.getvalue()


# The area page and submitting without JavaScript


def test_visitor_sees_the_list_and_a_sign_in_link_that_comes_back(client, area):
    contribution_in(area)
    response = client.get(reverse("participation:area", args=[area.code]))
    assert response.status_code == 200
    document = parse(response.content)
    assert "Kapotte lantaarnpaal" in document.find("main").text()
    links = [a.attrs.get("href", "") for a in document.find_all("a")]
    assert f"{reverse('account_login')}?next=/gebied/{area.code}/inbreng/" in links
    assert document.find("form", enctype="multipart/form-data") is None


def test_unknown_area_is_404(client):
    assert client.get("/gebied/WK000000/inbreng/").status_code == 404


def test_submit_without_javascript_redirects_to_the_new_contribution(client, resident, area):
    response = client.post(reverse("participation:area", args=[area.code]), submission(latitude="52.01", longitude="5.01"))
    contribution = Contribution.objects.get(title="Meer bankjes in het park")
    assert response.status_code == 302
    assert response["Location"] == reverse("participation:detail", args=[contribution.pk])
    assert (contribution.author, contribution.latitude, contribution.region) == (resident, 52.01, area)
    page = parse(client.get(response["Location"]).content)
    assert "Ouderen willen kunnen zitten" in page.find("main").text()
    assert page.find("ol", class_="wk-trail").find("span", class_="wk-status--ontvangen") is not None


def test_submit_with_a_photo_serves_it_reencoded(client, resident, area, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = io.BytesIO(jpeg_bytes())
    photo.name = "IMG_0001.jpg"
    response = client.post(reverse("participation:area", args=[area.code]), {**submission(), "photo": photo})
    contribution = Contribution.objects.get(title="Meer bankjes in het park")
    assert response.status_code == 302 and contribution.photo
    served = client.get(reverse("participation:photo", args=[contribution.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(b"".join(served.streaming_content))).format == "JPEG"


def test_form_keeps_the_input_on_an_error(client, resident, area):
    response = client.post(reverse("participation:area", args=[area.code]), submission(text="", title="Bankjes <b>graag</b>"))
    assert response.status_code == 400
    document = parse(response.content)
    assert document.find("input", name="title").attrs["value"] == "Bankjes <b>graag</b>"
    assert document.find("input", name="kind", value="idee").attrs.get("checked") is not None
    assert document.find("input", name="place_description").attrs["value"] == "Het Wilhelminapark"
    summary = document.find("div", role="alert")
    assert summary is not None and summary.find("a", href="#id_text") is not None
    assert document.find("textarea", name="text").attrs["aria-invalid"] == "true"
    assert not Contribution.objects.filter(region=area).exists()


def test_a_point_outside_the_area_is_refused_with_the_input_kept(client, resident, area):
    response = client.post(reverse("participation:area", args=[area.code]), submission(latitude="53.5", longitude="6.5"))
    assert response.status_code == 400
    document = parse(response.content)
    assert "Proefwijk" in document.find("div", role="alert").text()
    assert document.find("input", name="title").attrs["value"] == "Meer bankjes in het park"


def test_near_duplicate_step_then_support_or_send_anyway(client, resident, area):
    existing = contribution_in(area, title="Meer bankjes in het Wilhelminapark", text="Er zijn te weinig bankjes.")
    url = reverse("participation:area", args=[area.code])

    step = client.post(url, submission())
    assert step.status_code == 200
    document = parse(step.content)
    assert document.find("a", href=reverse("participation:detail", args=[existing.pk])) is not None
    assert document.find("form", action=reverse("participation:support", args=[existing.pk])) is not None
    assert document.find("input", name="confirmed_new").attrs["value"] == "True"
    assert document.find("input", name="title").attrs["value"] == "Meer bankjes in het park"
    assert Contribution.objects.filter(region=area).count() == 1

    anyway = client.post(url, submission(confirmed_new="True"))
    assert anyway.status_code == 302
    assert Contribution.objects.filter(region=area).count() == 2


def test_similar_fragment_for_htmx(client, area):
    existing = contribution_in(area, title="Hondenpoep op de stoep", text="Overal hondenpoep.")
    url = reverse("participation:similar", args=[area.code])
    response = client.get(url, {"title": "hondenpoep", "text": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert parse(response.content).find("a", href=reverse("participation:detail", args=[existing.pk])) is not None
    assert client.get(url, {"title": "hondenpoep"}).content.count(b"<html") == 1


def test_filters_narrow_the_list_and_ignore_unknown_values(client, area):
    contribution_in(area, title="Onveilig kruispunt")
    services.submit_contribution(author=UserFactory(), region=area, kind="compliment", title="Fijne speeltuin",
                                 text="Mooi opgeknapt.", theme="leefbaarheid")
    url = reverse("participation:area", args=[area.code])
    only_compliments = parse(client.get(url, {"soort": "compliment"}).content).find("ul", class_="wk-items").text()
    assert "Fijne speeltuin" in only_compliments and "Onveilig kruispunt" not in only_compliments
    everything = parse(client.get(url, {"soort": "<nonsense>"}).content).find("ul", class_="wk-items").text()
    assert "Fijne speeltuin" in everything and "Onveilig kruispunt" in everything


def test_map_has_a_table_with_the_same_points(client, area):
    pointed = contribution_in(area, latitude=52.01, longitude=5.01)
    contribution_in(area, title="Zonder punt")
    document = parse(client.get(reverse("participation:area", args=[area.code])).content)
    svg_links = document.find("div", class_="wk-contribution-map").find_all("a")
    table_links = document.find("table").find_all("a")
    detail = reverse("participation:detail", args=[pointed.pk])
    assert [a.attrs["href"] for a in svg_links] == [detail] == [a.attrs["href"] for a in table_links]


# Actions on one contribution


def test_support_is_post_redirect_get_and_counts_once(client, resident, area):
    contribution = contribution_in(area)
    url = reverse("participation:support", args=[contribution.pk])
    first, second = client.post(url), client.post(url)
    assert first.status_code == second.status_code == 302
    assert first["Location"].startswith(reverse("participation:detail", args=[contribution.pk]))
    assert Support.objects.filter(contribution=contribution).count() == 1
    page = parse(client.get(reverse("participation:detail", args=[contribution.pk])).content)
    assert page.find("p", data_support_count="1") is not None
    assert client.get(url).status_code == 405


def test_actions_need_signing_in(client, area):
    contribution = contribution_in(area)
    for name in ("support", "follow", "react", "report", "status", "rate", "reopen"):
        response = client.post(reverse(f"participation:{name}", args=[contribution.pk]))
        assert response.status_code == 302 and reverse("account_login") in response["Location"], name
    assert not Support.objects.filter(contribution=contribution).exists()


def test_requests_without_a_csrf_token_are_refused(area):
    contribution = contribution_in(area)
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    assert client.post(reverse("participation:support", args=[contribution.pk])).status_code == 403
    assert client.post(reverse("participation:area", args=[area.code]), submission()).status_code == 403
    assert not Support.objects.filter(contribution=contribution).exists()
    assert Contribution.objects.filter(region=area).count() == 1


def test_reaction_error_keeps_the_page_and_a_valid_one_appears(client, resident, area):
    contribution = contribution_in(area)
    url = reverse("participation:react", args=[contribution.pk])
    refused = client.post(url, {"text": "x" * 2001})
    assert refused.status_code == 400
    assert parse(refused.content).find("textarea", name="text").text() == "x" * 2001
    assert client.post(url, {"text": "Eens, het is er echt donker."}).status_code == 302
    assert Reaction.objects.get(contribution=contribution).text == "Eens, het is er echt donker."


def test_report_a_reaction(client, resident, area):
    contribution = contribution_in(area)
    reaction = services.react(author=UserFactory(), contribution=contribution, text="Jij bent dom")
    response = client.post(reverse("participation:report", args=[contribution.pk]),
                           {"reaction": reaction.pk, "reason": "scheldwoorden"})
    assert response.status_code == 302
    assert reaction.reports.get().reporter == resident


def test_stored_xss_payloads_are_inert_on_every_page(client, resident, area):
    for number, payload in enumerate(XSS):
        contribution = services.submit_contribution(
            author=resident, region=area, kind="idee", title=f"{payload[:100]} {number}", text=payload,
            theme="wonen", place_description=payload,
        )
        services.react(author=resident, contribution=contribution, text=payload)
    pages = [reverse("participation:area", args=[area.code]), reverse("participation:mine"),
             reverse("participation:voice", args=[area.code])]
    pages += [reverse("participation:detail", args=[c.pk]) for c in Contribution.objects.filter(region=area)]
    for url in pages:
        body = client.get(url).content.decode()
        for payload in XSS:
            if "<" in payload:
                assert payload not in body, (url, payload)
        assert "onerror=alert(1)>" not in body and "<script>alert" not in body, url


# Staff: status, moderation, paper forms, forwarded items


def test_professional_sees_only_the_allowed_transitions_and_changes_status(area):
    professional = professional_of(area)
    contribution = contribution_in(area)
    client = signed_in(professional)
    page = parse(client.get(reverse("participation:detail", args=[contribution.pk])).content)
    offered = [radio.attrs["value"] for radio in page.find_all("input", name="to_status")]
    assert offered == list(allowed_transitions(Status.RECEIVED, {Role.PROFESSIONAL}))
    assert Status.REOPENED not in offered

    refused = client.post(reverse("participation:status", args=[contribution.pk]), {"to_status": Status.DONE})
    assert refused.status_code == 400
    assert parse(refused.content).find("input", name="to_status", value=Status.DONE).attrs.get("checked") is not None

    done = client.post(reverse("participation:status", args=[contribution.pk]),
                       {"to_status": Status.DONE, "public_text": "De lamp is vervangen."})
    assert done.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == Status.DONE
    trail = parse(signed_in(UserFactory()).get(reverse("participation:detail", args=[contribution.pk])).content)
    assert "De lamp is vervangen." in trail.find("ol", class_="wk-trail").text()


def test_residents_and_professionals_elsewhere_cannot_change_status(client, resident, area, other_municipality):
    contribution = contribution_in(area)
    data = {"to_status": Status.IN_PROGRESS}
    assert client.post(reverse("participation:status", args=[contribution.pk]), data).status_code == 403
    outsider = signed_in(professional_of(other_municipality))
    assert outsider.post(reverse("participation:status", args=[contribution.pk]), data).status_code == 403
    page = parse(outsider.get(reverse("participation:detail", args=[contribution.pk])).content)
    assert page.find("input", name="to_status") is None
    contribution.refresh_from_db()
    assert contribution.status == Status.RECEIVED


def test_only_the_author_rates_and_asks_to_reopen(client, resident, area):
    contribution = contribution_in(area, author=resident)
    services.change_status(actor=professional_of(area), contribution=contribution, to_status=Status.DONE,
                           public_text="Opgelost.")
    other = signed_in(UserFactory())
    assert other.post(reverse("participation:rate", args=[contribution.pk]), {"satisfied": "nee"}).status_code == 403
    assert other.post(reverse("participation:reopen", args=[contribution.pk]), {"reason": "Nee"}).status_code == 403

    mine = parse(client.get(reverse("participation:mine")).content)
    assert mine.find("form", action=reverse("participation:rate", args=[contribution.pk])) is not None
    assert client.post(reverse("participation:rate", args=[contribution.pk]), {"satisfied": "nee"}).status_code == 302
    reopened = client.post(reverse("participation:reopen", args=[contribution.pk]), {"reason": "De lamp is weer kapot."})
    assert reopened.status_code == 302
    contribution.refresh_from_db()
    assert (contribution.satisfied, contribution.status) == (False, Status.REOPENED)
    trail = parse(client.get(reverse("participation:mine")).content).find("article", id=f"inbreng-{contribution.pk}")
    assert "De lamp is weer kapot." in trail.text() and "Opgelost." in trail.text()


def test_moderation_queue_and_hiding_a_reaction(client, resident, area):
    contribution = contribution_in(area)
    reaction = services.react(author=UserFactory(), contribution=contribution, text="Scheldwoord hier")
    services.report(reporter=resident, reaction=reaction, reason="scheldwoorden")
    assert client.get(reverse("participation:moderation")).status_code == 403
    assert Client().get(reverse("participation:moderation")).status_code == 302

    moderator = UserFactory()
    RoleAssignmentFactory(user=moderator, region=area, role=Role.MODERATOR)
    add_totp(moderator)
    staff = signed_in(moderator)
    queue = parse(staff.get(reverse("participation:moderation")).content)
    assert "Scheldwoord hier" in queue.find("main").text()
    response = staff.post(reverse("participation:moderate"), {"reaction": reaction.pk, "reason": "Scheldwoorden"})
    assert response.status_code == 302
    page = parse(client.get(reverse("participation:detail", args=[contribution.pk])).content)
    assert "Scheldwoord hier" not in page.find("main").text()
    assert "Scheldwoorden" in page.find("li", id=f"reactie-{reaction.pk}").text()
    assert client.post(reverse("participation:moderate"), {"reaction": reaction.pk, "restore": "1"}).status_code == 403


def test_a_moderator_sees_only_the_reports_of_their_own_areas(area, other_municipality):
    contribution = contribution_in(area, title="Melding in Proefwijk")
    services.report(reporter=UserFactory(), contribution=contribution, reason="spam")
    elsewhere = UserFactory()
    RoleAssignmentFactory(user=elsewhere, region=other_municipality, role=Role.MODERATOR)
    add_totp(elsewhere)
    queue = parse(signed_in(elsewhere).get(reverse("participation:moderation")).content)
    assert "Melding in Proefwijk" not in queue.find("main").text()


def test_paper_forms_keep_channel_and_date_and_list_what_was_entered(area):
    professional = professional_of(area)
    client = signed_in(professional)
    url = reverse("participation:assisted", args=[area.code])
    date = (timezone.localdate() - datetime.timedelta(days=2)).isoformat()
    for number in range(3):
        response = client.post(url, {
            "channel": Channel.NEIGHBOURHOOD_EVENING, "conversation_date": date, "residents_count": 4,
            "kind": "signaal", "title": f"Formulier {number}", "text": "Te hard rijden.", "theme": "veiligheid",
            "consent_asked": "on",
        })
        assert response.status_code == 302
    page = parse(client.get(url).content)
    assert page.find("select", name="channel").find("option", selected="").attrs["value"] == Channel.NEIGHBOURHOOD_EVENING
    assert page.find("input", name="conversation_date").attrs["value"] == date
    assert page.find("input", name="title").attrs.get("value") is None
    assert [li.find("a").text() for li in page.find("ol", class_="wk-entered").find_all("li")] == [
        "Formulier 2", "Formulier 1", "Formulier 0",
    ]
    entered = Contribution.objects.filter(region=area, entered_by=professional)
    assert entered.count() == 3 and not entered.filter(author__isnull=False).exists()


def test_paper_forms_need_consent_and_the_role(client, resident, area):
    url = reverse("participation:assisted", args=[area.code])
    assert client.get(url).status_code == 403
    staff = signed_in(professional_of(area))
    response = staff.post(url, {"channel": Channel.PAPER, "conversation_date": timezone.localdate().isoformat(),
                                "residents_count": 1, "kind": "idee", "title": "Zonder toestemming", "text": "Iets",
                                "theme": "wonen"})
    assert response.status_code == 400
    assert parse(response.content).find("input", name="title").attrs["value"] == "Zonder toestemming"
    assert not Contribution.objects.filter(title="Zonder toestemming").exists()


def test_organisation_accepts_and_answers_a_forwarded_item(area):
    organisation = OrganisationFactory(response_days=5)
    contribution = contribution_in(area)
    services.change_status(actor=professional_of(area), contribution=contribution, to_status=Status.FORWARDED,
                           public_text="Dit is voor de woningcorporatie.", organisation=organisation)
    member = professional_of(area, organisation)
    MembershipFactory(user=member, organisation=organisation)
    client = signed_in(member)
    url = reverse("participation:forwarded", args=[organisation.pk])
    assert contribution.title in parse(client.get(url).content).find("main").text()
    action = reverse("participation:forwarded-action", args=[organisation.pk, contribution.pk])
    assert client.post(action, {"action": "accept"}).status_code == 302
    assert client.post(action, {"action": "answer", "public_text": "Gerepareerd."}).status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == Status.DONE

    assert signed_in(UserFactory()).get(url).status_code == 403


def test_overdue_forwarded_items_are_flagged(area):
    organisation = OrganisationFactory(response_days=0)
    contribution = contribution_in(area)
    professional = professional_of(area)
    services.change_status(actor=professional, contribution=contribution, to_status=Status.FORWARDED,
                           public_text="Doorgezet.", organisation=organisation)
    Contribution.objects.filter(pk=contribution.pk).update(forward_due=timezone.localdate() - datetime.timedelta(days=1))
    member = UserFactory()
    MembershipFactory(user=member, organisation=organisation)
    page = parse(signed_in(member).get(reverse("participation:forwarded", args=[organisation.pk])).content)
    assert page.find("li", class_="wk-item--overdue") is not None
    area_page = parse(signed_in(professional).get(reverse("participation:area", args=[area.code])).content)
    assert area_page.find("div", class_="utrecht-alert--warning") is not None


# Rate limits and the profile


def test_supporting_is_rate_limited(client, resident, area, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"support": "2/m"}
    contributions = [contribution_in(area, title=f"Punt {number}") for number in range(3)]
    statuses = [client.post(reverse("participation:support", args=[c.pk])).status_code for c in contributions]
    assert statuses == [302, 302, 429]
    assert Support.objects.filter(user=resident).count() == 2


def test_profile_links_to_the_voice_which_is_fresh_every_time(client, area):
    profile = parse(client.get(reverse("profile", args=[area.code])).content)
    placeholder = profile.find("div", id="wat-bewoners-zeggen")
    assert placeholder.attrs["hx-get"] == reverse("participation:voice", args=[area.code])
    assert placeholder.find("a", href=reverse("participation:area", args=[area.code])) is not None

    url = reverse("participation:voice", args=[area.code])
    before = client.get(url)
    assert before["Cache-Control"] == "no-store"
    contribution_in(area, title="Gevaarlijke oversteek bij school")
    after = parse(client.get(url).content)
    slot = after.find("div", id="stem-veiligheid")
    assert slot.attrs["hx-swap-oob"] == "true"
    assert "Gevaarlijke oversteek bij school" in slot.text()
    assert after.find("dd", data_figure="count").text() == "1"


def test_example_content_is_labelled(client, area):
    services.submit_contribution(author=UserFactory(), region=area, kind="idee", title="Voorbeeldidee", text="Tekst",
                                 theme="wonen", is_example=True)
    page = parse(client.get(reverse("participation:area", args=[area.code])).content)
    assert page.find("span", class_="wk-label--example") is not None


def test_policy_page(client):
    response = client.get(reverse("participation:policy"))
    assert response.status_code == 200
    assert parse(response.content).find("h1") is not None
