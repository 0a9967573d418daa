"""The Leefbaarheidspeiling in Chromium on a 360 px wide phone, against the production server.

A resident signs up and fills in the survey of Bijlmer Centrum; a professional enters eight paper
forms under their codes and prints forms; a tenth fills it in with a paper code in a browser
without JavaScript. While the period is open no figure is published anywhere (only the number of
responses, rounded down to tens); the organiser closes it on the management page and the figures
of its 10 responses appear on the page, in the API, in the CSV and next to the figures on the
profile, while last year's closed
period with 9 responses withholds every figure in all three. The municipality's extra question
shows only in its own period. axe-core finds no serious or critical violation on the survey
pages, panels opened (an open period of Bijlmer Oost gives a form to check whatever the order of
the tests). The periods, roles and codes are made with `manage.py shell`, as an administrator
would; the organiser's management page is checked with axe as well.
"""

from __future__ import annotations

import csv
import io
import json
import secrets

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.server import RunningServer, manage
from tests.e2e.test_accessibility import AXE, BLOCKING, describe
from tests.e2e.test_participation import phone, sign_in_by_code, sign_up

pytestmark = pytest.mark.e2e

AREA = "WK036393"  # Bijlmer Centrum
OPEN_AREA = "WK036394"  # Bijlmer Oost, whose period stays open
MUNICIPALITY = "GM0363"
PAGE = f"/gebied/{AREA}/peiling/"
OPEN_PAGE = f"/gebied/{OPEN_AREA}/peiling/"
OPEN_REASON = "uitkomsten komen als de peiling gesloten is"
EXTRA = "Speel je weleens in de nieuwe speeltuin?"

WORLD_SCRIPT = """
import datetime, json
from allauth.account.models import EmailAddress
from wijkkompas.accounts.models import RoleAssignment, User
from wijkkompas.regions.models import Region
from wijkkompas.surveys import services
area, municipality = Region.objects.get(code="{area}"), Region.objects.get(code="{municipality}")
open_area = Region.objects.get(code="{open_area}")
people = {{}}
for key, role in (("organiser", "bewonersvertegenwoordiger"), ("professional", "professional")):
    email = f"peiling-{{key}}-{suffix}@example.org"
    user = User.objects.create_user(email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    RoleAssignment.objects.create(user=user, role=role, region=municipality)
    people[key] = user
start = datetime.date.today() - datetime.timedelta(days=400)
earlier = services.create_period(actor=people["organiser"], region=area, title="Peiling vorig jaar {suffix}",
    starts_on=start, ends_on=start + datetime.timedelta(days=30))
services.change_period_status(actor=people["organiser"], period=earlier, to_status="open")
for code in services.issue_paper_codes(actor=people["professional"], period=earlier, count=9):
    services.submit_with_code(period=earlier, code=code.code, answers={{"rapportcijfer": ["7"]}}, channel="papier",
        entered_by=people["professional"])
services.change_period_status(actor=people["organiser"], period=earlier, to_status="gesloten")
current = services.create_period(actor=people["organiser"], region=area, title="Peiling dit jaar {suffix}",
    starts_on=datetime.date.today(), ends_on=datetime.date.today() + datetime.timedelta(days=30))
services.add_question(actor=people["organiser"], period=current, wording="{extra}", options=["Ja", "Nee"],
    origin="gemeente")
services.change_period_status(actor=people["organiser"], period=current, to_status="open")
codes = [code.code for code in services.issue_paper_codes(actor=people["professional"], period=current, count=9)]
elsewhere = services.create_period(actor=people["organiser"], region=open_area, title="Peiling Bijlmer Oost {suffix}",
    starts_on=datetime.date.today(), ends_on=datetime.date.today() + datetime.timedelta(days=30))
services.change_period_status(actor=people["organiser"], period=elsewhere, to_status="open")
print(json.dumps({{"professional": people["professional"].email, "organiser": people["organiser"].email,
                  "current": current.pk, "earlier": earlier.pk, "codes": codes}}))
"""


@pytest.fixture(scope="module")
def world(production_env) -> dict:
    suffix = secrets.token_hex(3)
    output = manage("shell", "-c", WORLD_SCRIPT.format(area=AREA, open_area=OPEN_AREA, municipality=MUNICIPALITY,
                                                       suffix=suffix, extra=EXTRA), env=production_env)
    return json.loads(output.strip().splitlines()[-1])


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"surveys-{name}.png", full_page=True)


def no_blocking_violations(page: Page, where: str) -> None:
    page.evaluate("() => document.querySelectorAll('details').forEach(details => { details.open = true; })")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    blocking = [violation for violation in result["violations"] if violation["impact"] in BLOCKING]
    assert not blocking, f"axe found on {where}:\n{describe(blocking)}"


def api_results(page: Page, period: int) -> dict:
    response = page.request.get(f"/api/surveys/{period}/results")
    assert response.ok
    return response.json()


def csv_rows(page: Page, period: int) -> list[dict]:
    response = page.request.get(f"/gebied/{AREA}/peiling/resultaten.csv?periode={period}")
    assert response.ok
    return list(csv.DictReader(io.StringIO(response.text())))


def fill_paper_form(page: Page, code: str, number: int) -> None:
    page.locator("input[name=code]").fill(code)
    page.locator("input[name=channel][value=papier]").check()
    page.locator(f"input[name=v_rapportcijfer][value='{number % 4 + 5}']").check()
    page.locator("input[name=v_veilig_avond][value=soms]").check()
    page.locator("input[name=v_eerst_beter][value=veiligheid]").check()
    with page.expect_navigation():
        page.locator("main form.wk-survey-form button[type=submit]").click()
    expect(page.locator(".wk-messages")).to_contain_text("Opgeslagen")


def nothing_published(page: Page, period: int, reason: str) -> dict:
    """Every figure of the period is withheld with `reason` in the API and empty in the CSV; the API's answer."""
    data = api_results(page, period)
    assert data["respondents"] is None and data["suppressed_reason"] == reason
    assert all(option["count"] is None and option["share"] is None
               for question in data["questions"] for option in question["options"])
    rows = csv_rows(page, period)
    assert rows and all(row["aantal"] == "" and row["respondenten"] == "" and row["opmerking"] == reason for row in rows)
    return data


def test_no_figure_while_open_and_after_closing_nine_withhold_everything_and_ten_show_them(
        browser: Browser, production_server: RunningServer, world):
    server = production_server
    # A resident signs up and fills in the survey on a phone, the municipality's question included.
    resident = phone(browser, server)
    sign_up(resident, server, f"peiling-bewoner-{secrets.token_hex(3)}@example.org")
    resident.goto(PAGE)
    expect(resident.locator("legend", has_text=EXTRA)).to_be_visible()
    resident.locator("input[name=v_rapportcijfer][value='8']").check()
    resident.locator("input[name=v_veilig_overdag][value=altijd]").check()
    resident.locator("input[name=v_eerst_beter][value=wonen]").check()
    resident.locator("input[name=v_eerst_beter][value=veiligheid]").check()
    resident.locator("fieldset", has_text=EXTRA).locator("input[value='1']").check()
    resident.locator("input[name=age_group][value='25_44']").check()
    shot(resident, "form")
    resident.locator("main form.wk-survey-form button[type=submit]").click()
    expect(resident.locator("main")).to_contain_text("Je antwoorden zijn opgeslagen")
    expect(resident.locator("main")).to_contain_text("Je hebt al meegedaan")
    assert resident.evaluate("document.documentElement.scrollWidth") <= 360

    # A professional prints two forms and enters eight paper forms under their codes.
    professional = phone(browser, server)
    sign_in_by_code(professional, server, world["professional"])
    professional.goto(f"/gebied/{AREA}/peiling/papier/")
    professional.locator("input[name=count]").fill("2")
    with professional.expect_download() as download:
        professional.locator("form[action$='formulieren.pdf'] button[type=submit]").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    for number, code in enumerate(world["codes"][:8]):
        fill_paper_form(professional, code, number)
    shot(professional, "paper")

    # 9 responses in the open period: no figure on the page, in the API or in the CSV.
    resident.goto(PAGE)
    results = resident.locator("section[aria-labelledby=resultaten]")
    expect(resident.locator("#aantal-respondenten")).to_contain_text("minder dan 10")
    expect(results).to_contain_text("als de peiling gesloten is")
    expect(resident.locator(".wk-result")).to_have_count(0)
    assert "%" not in results.inner_text()
    shot(resident, "nine-open")
    assert nothing_published(resident, world["current"], OPEN_REASON)["responses_so_far"] == 0

    # The tenth fills it in with the code of a paper form, in a browser without JavaScript.
    context = browser.new_context(base_url=server.base_url, viewport={"width": 360, "height": 800}, locale="nl-NL",
                                  java_script_enabled=False)
    plain = context.new_page()
    plain.goto(PAGE)
    plain.locator("input[name=code]").fill(world["codes"][8])
    plain.locator("input[name=v_rapportcijfer][value='6']").check()
    plain.locator("input[name=v_woning][value=tevreden]").check()
    plain.locator("main form.wk-survey-form button[type=submit]").click()
    expect(plain.locator("main")).to_contain_text("Je antwoorden zijn opgeslagen")
    context.close()

    # Still open: the rounded number of responses moves, no figure does.
    resident.goto(PAGE)
    expect(resident.locator("#aantal-respondenten")).to_contain_text("10 of meer")
    expect(resident.locator(".wk-result")).to_have_count(0)
    assert nothing_published(resident, world["current"], OPEN_REASON)["responses_so_far"] == 10

    # The organiser closes the period; its 10 responses are published everywhere.
    organiser = phone(browser, server)
    sign_in_by_code(organiser, server, world["organiser"])
    organiser.goto(f"/gebied/{AREA}/peiling/beheer/")
    with organiser.expect_navigation():
        organiser.locator(f"form[action$='/beheer/{world['current']}/status/'] button[type=submit]").click()
    expect(organiser.locator(".wk-messages")).to_contain_text("De peiling is gesloten")

    resident.goto(PAGE)
    expect(resident.locator("#aantal-respondenten")).to_contain_text("10 deelnemers")
    mark = resident.locator(".wk-result[data-question=rapportcijfer]")
    expect(mark).to_contain_text("10 deelnemers")
    expect(mark.locator("td.wk-suppressed")).to_have_count(0)
    shot(resident, "ten")
    ten = api_results(resident, world["current"])
    figures = {question["key"]: question for question in ten["questions"]}
    assert ten["respondents"] == 10 and figures["rapportcijfer"]["respondents"] == 10
    assert ten["responses_so_far"] is None
    assert sum(option["count"] for option in figures["rapportcijfer"]["options"]) == 10
    total = [row for row in csv_rows(resident, world["current"]) if row["indeling"] == "" and row["vraag"] == "rapportcijfer"]
    assert sum(int(row["aantal"]) for row in total) == 10

    # The (page-cached) profile shows the closed period next to the figures at once, loaded by htmx.
    resident.goto(f"/gebied/{AREA}/")
    beside = resident.locator("#peiling-naast-cijfers")
    expect(beside).to_contain_text("Gemiddeld cijfer")
    expect(beside).to_contain_text("Peiling dit jaar")
    shot(resident, "profile")

    # Last year's closed period has 9 responses: every figure withheld on the page, in the API and in the CSV.
    resident.goto(f"{PAGE}?periode={world['earlier']}")
    expect(resident.locator("#aantal-respondenten")).to_contain_text("te weinig antwoorden")
    rows = resident.locator(".wk-result tbody tr")
    assert rows.count() == resident.locator(".wk-result td.wk-suppressed").count() > 0
    assert "%" not in resident.locator("section[aria-labelledby=resultaten]").inner_text()
    shot(resident, "nine-closed")
    nothing_published(resident, world["earlier"], "te weinig antwoorden")


def test_the_municipal_question_shows_only_in_its_own_period(page: Page, world):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{PAGE}?periode={world['current']}")
    expect(page.locator("main")).to_contain_text(EXTRA)  # in the form while open, in the results once closed
    page.goto(f"{PAGE}?periode={world['earlier']}")
    expect(page.locator("main")).to_contain_text("gesloten")
    expect(page.locator(".wk-result").first).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(EXTRA)
    expect(page.locator("form.wk-survey-form")).to_have_count(0)


def test_survey_pages_have_no_serious_accessibility_violations(page: Page, production_server: RunningServer, world):
    assert AXE.exists(), f"{AXE} is missing: run `npm ci`."
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(OPEN_PAGE)
    no_blocking_violations(page, f"{OPEN_PAGE} signed out")
    page.locator("input[name=code]").fill("FOUT-CODE")
    page.locator("main form.wk-survey-form button[type=submit]").click()
    expect(page.locator("#peiling-fouten")).to_be_visible()
    no_blocking_violations(page, "the survey form with errors")
    page.goto(f"{PAGE}?periode={world['earlier']}")
    no_blocking_violations(page, "a closed period")
    page.goto(PAGE)
    no_blocking_violations(page, PAGE)
    sign_in_by_code(page, production_server, world["professional"])
    page.goto(f"/gebied/{OPEN_AREA}/peiling/papier/")
    no_blocking_violations(page, "the paper entry page")
    page.goto(OPEN_PAGE)
    no_blocking_violations(page, f"{OPEN_PAGE} signed in")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_management_page_has_no_serious_accessibility_violations(browser: Browser, production_server: RunningServer,
                                                                      world):
    organiser = phone(browser, production_server)
    sign_in_by_code(organiser, production_server, world["organiser"])
    organiser.goto(f"/gebied/{AREA}/peiling/beheer/")
    expect(organiser.locator("main")).to_contain_text(EXTRA)
    no_blocking_violations(organiser, "the management page")
    organiser.locator("input[name=title]").fill("Zonder datums")
    organiser.locator("form[action$='/beheer/'] button[type=submit]").click()
    expect(organiser.locator("#peiling-fouten")).to_be_visible()
    no_blocking_violations(organiser, "the management page with errors")
    shot(organiser, "manage")
