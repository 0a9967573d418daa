"""The survey pages, the CSV and the API without a browser: taking part signed in and with a
code, paper entry, and 9 versus 10 respondents on page, API and CSV alike."""

import csv
import io

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.surveys.factories import add_responses, close_period, make_survey_area, open_period, professional
from wijkkompas.surveys import services
from wijkkompas.surveys.models import Channel, Response

pytestmark = pytest.mark.django_db


def page(client, region, **query):
    return client.get(reverse("surveys:survey", args=[region.code]), query)


def test_a_resident_answers_and_changes_without_javascript(client):
    area = make_survey_area()
    period = open_period(area.wijk)
    resident = UserFactory()
    client.force_login(resident)
    body = page(client, area.wijk).content.decode()
    assert 'type="radio" name="v_rapportcijfer"' in body and "<script" not in body.split("<main", 1)[1]
    answer = {"v_rapportcijfer": "8", "v_eerst_beter": ["wonen", "veiligheid"], "age_group": "45_64",
              "buurt": area.buurt_b.code}
    response = client.post(reverse("surveys:survey", args=[area.wijk.code]) + f"?periode={period.pk}", answer)
    assert response.status_code == 302
    again = page(client, area.wijk).content.decode()
    assert "al meegedaan" in again and 'value="8" checked' in again.replace('id="id_v_rapportcijfer_7" ', "")
    client.post(reverse("surveys:survey", args=[area.wijk.code]), {"v_rapportcijfer": "6"})
    assert Response.objects.filter(period=period).count() == 1
    assert list(Response.objects.get().answers.values_list("value", flat=True)) == ["6"]


def test_a_refused_form_keeps_its_input(client):
    area = make_survey_area()
    open_period(area.buurt_a)
    response = client.post(reverse("surveys:survey", args=[area.buurt_a.code]),
                           {"code": "FOUT-CODE", "v_rapportcijfer": "3", "v_veilig_avond": "soms"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Deze code hoort niet bij deze peiling" in body
    assert 'value="FOUT-CODE"' in body and 'value="soms" checked' in body.replace(' id="id_v_veilig_avond_2"', "")


def test_a_code_on_paper_lets_someone_without_an_account_answer_once(client):
    area = make_survey_area()
    period = open_period(area.buurt_a)
    (code,) = services.issue_paper_codes(actor=professional(area.gemeente), period=period, count=1)
    url = reverse("surveys:survey", args=[area.buurt_a.code])
    assert client.post(url, {"code": code.code, "v_woning": "tevreden"}).status_code == 302
    assert client.post(url, {"code": code.code, "v_woning": "ontevreden"}).status_code == 302
    assert list(Response.objects.get(period=period).answers.values_list("value", flat=True)) == ["ontevreden"]


def test_a_professional_enters_paper_forms_with_their_channel_and_residents_cannot(client):
    area = make_survey_area()
    period = open_period(area.wijk)
    worker = professional(area.gemeente)
    (code,) = services.issue_paper_codes(actor=worker, period=period, count=1)
    client.force_login(UserFactory())
    assert client.get(reverse("surveys:paper", args=[area.wijk.code])).status_code == 403
    client.force_login(worker)
    response = client.post(reverse("surveys:paper", args=[area.wijk.code]),
                           {"code": code.code, "channel": Channel.CONVERSATION, "v_rapportcijfer": "5"})
    assert response.status_code == 302
    saved = Response.objects.get(period=period)
    assert (saved.channel, saved.entered_by) == (Channel.CONVERSATION, worker)


def test_the_printable_forms_carry_their_codes(client):
    area = make_survey_area()
    period = open_period(area.buurt_a)
    client.force_login(professional(area.gemeente))
    response = client.post(reverse("surveys:paper-forms", args=[area.buurt_a.code]), {"count": 2})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert period.paper_codes.count() == 2


def _csv(client, region, period):
    response = client.get(reverse("surveys:csv", args=[region.code]), {"periode": period.pk})
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _api(client, period, **query):
    return client.get(f"/api/surveys/{period.pk}/results", query).json()


def test_nine_respondents_publish_nothing_anywhere_and_the_tenth_shows_all(client):
    area = make_survey_area()
    period = open_period(area.buurt_a)
    add_responses(period, 9)
    close_period(period)
    body = page(client, area.buurt_a).content.decode()
    assert "te weinig antwoorden" in body and "9 deelnemers" not in body
    data = _api(client, period)
    assert data["respondents"] is None and data["suppressed_reason"] == "te weinig antwoorden"
    assert all(option["count"] is None and option["share"] is None
               for question in data["questions"] for option in question["options"])
    rows = _csv(client, area.buurt_a, period)
    assert rows and all(row["aantal"] == "" and row["aandeel"] == "" and row["respondenten"] == "" for row in rows)
    assert all(row["opmerking"] == "te weinig antwoorden" for row in rows)

    period = open_period(area.buurt_b)
    add_responses(period, 10)
    close_period(period)
    body = page(client, area.buurt_b).content.decode()
    assert "10 deelnemers" in body
    data = _api(client, period)
    mark = next(question for question in data["questions"] if question["key"] == "rapportcijfer")
    assert (data["respondents"], mark["respondents"], mark["mean"]) == (10, 10, 7.0)
    total_rows = [row for row in _csv(client, area.buurt_b, period) if row["indeling"] == "" and row["vraag"] == "rapportcijfer"]
    assert [row["aantal"] for row in total_rows] == ["0"] * 6 + ["10"] + ["0"] * 3


def test_the_api_refuses_two_filters_at_once(client):
    area = make_survey_area()
    period = open_period(area.wijk)
    add_responses(period, 12, age_group="65_plus", buurt=area.buurt_a)
    close_period(period)
    response = client.get(f"/api/surveys/{period.pk}/results", {"age_group": "65_plus", "buurt": area.buurt_a.code})
    assert response.status_code == 422
    assert _api(client, period, age_group="65_plus")["respondents"] == 12
    assert client.get(f"/api/surveys/{period.pk}/results", {"channel": "brief"}).status_code == 422
    listed = client.get("/api/surveys", {"region": area.wijk.code}).json()["items"]
    assert [item["id"] for item in listed] == [period.pk]


def test_the_api_is_in_the_openapi_schema(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/surveys" in schema["paths"] and "/api/surveys/{period_id}/results" in schema["paths"]


def test_a_draft_is_not_public(client):
    area = make_survey_area()
    draft = open_period(area.buurt_a, opened=False)
    assert "nog geen peiling" in page(client, area.buurt_a).content.decode()
    assert client.get(f"/api/surveys/{draft.pk}/results").status_code == 404


def test_a_representative_prepares_a_period_adds_a_question_opens_and_closes_it(client):
    from wijkkompas.accounts.permissions import Role
    from tests.participation.factories import staff

    area = make_survey_area()
    representative = staff(Role.REPRESENTATIVE, area.wijk)
    client.force_login(UserFactory())
    assert client.get(reverse("surveys:manage", args=[area.wijk.code])).status_code == 403
    client.force_login(representative)
    manage_url = reverse("surveys:manage", args=[area.wijk.code])
    refused = client.post(manage_url, {"title": "Voorjaar", "starts_on": "2026-05-01", "ends_on": "2026-04-01"})
    assert refused.status_code == 400 and 'value="Voorjaar"' in refused.content.decode()
    assert client.post(manage_url, {"title": "Voorjaar", "starts_on": "2026-04-01", "ends_on": "2026-05-01"}).status_code == 302
    period = area.wijk.survey_periods.get()
    question = reverse("surveys:add-question", args=[area.wijk.code, period.pk])
    assert client.post(question, {"wording": "Ken je de wijkagent?", "options": "Ja\nNee", "origin": "bewonersvertegenwoordiging"}).status_code == 302
    assert period.questions.filter(wording="Ken je de wijkagent?", origin="bewonersvertegenwoordiging").exists()
    status = reverse("surveys:status", args=[area.wijk.code, period.pk])
    client.post(status, {"to_status": "open"})
    assert "Ken je de wijkagent?" in page(client, area.wijk).content.decode()
    client.post(status, {"to_status": "gesloten"})
    client.post(status, {"to_status": "open"})  # refused: a closed period stays closed
    period.refresh_from_db()
    assert period.status == "gesloten" and period.events.count() == 3


def test_the_profile_of_a_wijk_links_to_its_survey(client):
    area = make_survey_area()
    body = client.get(f"/gebied/{area.wijk.code}/").content.decode()
    assert reverse("surveys:survey", args=[area.wijk.code]) in body
    assert reverse("surveys:survey", args=[area.wijk.code]) not in client.get(f"/gebied/{area.gemeente.code}/").content.decode()


def test_sending_the_survey_is_rate_limited_and_the_form_keeps_its_input(client, settings):
    settings.SURVEY_RATE_LIMITS = {"answer": "2/m"}
    area = make_survey_area()
    period = open_period(area.buurt_a)
    client.force_login(UserFactory())
    url = reverse("surveys:survey", args=[area.buurt_a.code])
    assert [client.post(url, {"v_rapportcijfer": mark}).status_code for mark in ("4", "5")] == [302, 302]
    refused = client.post(url, {"v_rapportcijfer": "9", "v_veilig_avond": "soms"})
    body = refused.content.decode()
    assert refused.status_code == 429
    assert "Je hebt dit formulier vaak verstuurd in korte tijd" in body
    assert 'value="soms" checked' in body.replace(' id="id_v_veilig_avond_2"', "")
    assert list(Response.objects.get(period=period).answers.values_list("value", flat=True)) == ["5"]


def test_trying_paper_codes_is_rate_limited_and_right_codes_do_not_count(client, settings):
    settings.SURVEY_RATE_LIMITS = {"code": "2/h"}
    area = make_survey_area()
    period = open_period(area.buurt_a)
    right, other = services.issue_paper_codes(actor=professional(area.gemeente), period=period, count=2)
    url = reverse("surveys:survey", args=[area.buurt_a.code])
    for _attempt in range(3):
        assert client.post(url, {"code": right.code, "v_woning": "tevreden"}).status_code == 302
    assert [client.post(url, {"code": f"FOUT{number}", "v_woning": "tevreden"}).status_code for number in (1, 2)] == [400, 400]
    refused = client.post(url, {"code": other.code, "v_woning": "ontevreden"})
    body = refused.content.decode()
    assert refused.status_code == 429 and "te veel verkeerde codes geprobeerd" in body
    assert f'value="{other.code}"' in body and 'value="ontevreden" checked' in body.replace(' id="id_v_woning_2"', "")
    assert Response.objects.filter(period=period).count() == 1


def test_a_signed_in_resident_cannot_also_answer_with_a_paper_code(client):
    """The page was opened signed out (with its code field), the resident signed in meanwhile:
    the code is refused with a message, the input is kept, and nothing is saved under the code."""
    area = make_survey_area()
    period = open_period(area.buurt_a)
    (code,) = services.issue_paper_codes(actor=professional(area.gemeente), period=period, count=1)
    resident = UserFactory()
    client.force_login(resident)
    url = reverse("surveys:survey", args=[area.buurt_a.code])
    assert "Je doet mee met je account" in page(client, area.buurt_a).content.decode()
    refused = client.post(url, {"code": code.code, "v_rapportcijfer": "3", "v_veilig_avond": "soms"})
    body = refused.content.decode()
    assert refused.status_code == 400
    assert "Je bent ingelogd. Dan doe je mee met je account en kun je geen code" in body
    assert 'value="soms" checked' in body.replace(' id="id_v_veilig_avond_2"', "")
    assert not Response.objects.filter(period=period).exists()
    assert client.post(url, {"v_rapportcijfer": "3"}).status_code == 302
    assert Response.objects.get(period=period).respondent == resident
