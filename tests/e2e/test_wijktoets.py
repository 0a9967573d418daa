"""The Wijktoets in Chromium, on a 360 px phone and on a desktop, against the production server:
define a measure with the form, run it, read the ranked table and the map, download the CSV and the
report; axe-core finds no serious or critical violation on its pages."""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.server import RunningServer
from tests.e2e.test_accessibility import AXE, BLOCKING, describe

pytestmark = pytest.mark.e2e

VIEWPORTS = {"phone": {"width": 360, "height": 800}, "desktop": {"width": 1280, "height": 900}}
PAGES = ["/wijktoets/", "/wijktoets/nieuw/", "/wijktoets/methode/"]


def new_page(browser: Browser, server: RunningServer, viewport: dict) -> Page:
    context = browser.new_context(base_url=server.base_url, viewport=viewport, locale="nl-NL", accept_downloads=True)
    context.set_default_timeout(30_000)
    return context.new_page()


def axe_violations(page: Page) -> list[dict]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [violation for violation in result["violations"] if violation["impact"] in BLOCKING]


def assert_fits(page: Page, width: int) -> None:
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= width, f"{page.url} is {page_width} px wide on a {width} px screen"


@pytest.mark.parametrize("size", VIEWPORTS)
def test_define_run_read_and_export(browser: Browser, production_server: RunningServer, size):
    viewport = VIEWPORTS[size]
    page = new_page(browser, production_server, viewport)
    page.goto("/wijktoets/")
    page.get_by_role("link", name="Begin een nieuwe toets").click()
    expect(page.locator("h1")).to_have_text("Nieuwe wijktoets")
    page.locator("input[name=titel]").fill("Hogere eigen bijdrage")
    page.locator("input[name=niveau][value=wijk]").check()
    page.locator("select[name=jaar]").select_option("2022")
    page.locator("select[name=gemeente]").select_option("GM0473")
    page.locator("select[name=groep1]").select_option("pct_personen_laag_inkomen*inwoners")
    page.locator("input[name=effect1][value=burden]").check()
    page.get_by_role("button", name="Voer de toets uit").click()

    expect(page.locator("h1")).to_contain_text("Hogere eigen bijdrage")
    expect(page.locator(".wk-toets-ratio")).to_contain_text(re.compile(r"vijfde: \d+,\d\d\."))
    rows = page.locator("#uitkomst tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Zandvoort Noord")
    expect(rows.first).to_contain_text("44,8%")
    expect(page.locator("#ontbreekt")).to_contain_text("Buitengebied")
    expect(page.locator("svg.wk-kaart")).to_be_visible()
    assert page.locator("svg.wk-kaart path").count() == 4
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"wijktoets-result-{size}.png", full_page=True)
    assert_fits(page, viewport["width"])
    blocking = axe_violations(page)
    assert not blocking, f"axe on the result:\n{describe(blocking)}"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download alle gebieden als CSV").click()
    text = open(download_info.value.path(), encoding="utf-8-sig").read()
    table = list(csv.DictReader(io.StringIO(text)))
    assert {row["code"] for row in table} == {"WK047301", "WK047302", "WK047303", "WK047304"}
    assert next(row for row in table if row["code"] == "WK047301")["last_aantal_gewogen"] == "3407.04"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download het rapport (pdf)").click()
    with open(download_info.value.path(), "rb") as report:
        assert report.read(5) == b"%PDF-"
    page.context.close()


def test_a_refused_form_keeps_the_input(browser: Browser, production_server: RunningServer):
    page = new_page(browser, production_server, VIEWPORTS["phone"])
    page.goto("/wijktoets/nieuw/")
    page.locator("input[name=titel]").fill("Zonder groep")
    page.get_by_role("button", name="Voer de toets uit").click()
    expect(page.locator(".utrecht-alert--error")).to_contain_text("Kies minstens één groep.")
    expect(page.locator("input[name=titel]")).to_have_value("Zonder groep")
    page.context.close()


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("size", VIEWPORTS)
def test_pages_have_no_serious_accessibility_violations(browser: Browser, production_server: RunningServer,
                                                        path, size):
    page = new_page(browser, production_server, VIEWPORTS[size])
    response = page.goto(path)
    assert response is not None and response.status == 200
    assert_fits(page, VIEWPORTS[size]["width"])
    blocking = axe_violations(page)
    assert not blocking, f"axe on {path}:\n{describe(blocking)}"
    page.context.close()
