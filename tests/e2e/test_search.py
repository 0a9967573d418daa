"""Finding your neighbourhood on a 360 px phone, as residents type it, against the production server."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_accessibility import AXE, BLOCKING, describe

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 800}
SEARCH_FIELD = "main input[name='q']"


def search(page: Page, query: str) -> None:
    """Type on the search page and submit, as without JavaScript; a single match opens its profile."""
    page.set_viewport_size(PHONE)
    page.goto("/zoeken/")
    page.locator(SEARCH_FIELD).fill(query)
    with page.expect_navigation():
        page.locator(SEARCH_FIELD).press("Enter")


@pytest.mark.parametrize(("query", "code", "name", "straight"), [
    ("3523", "WK034407", "Zuid", True),                 # a postcode in one wijk goes straight to it
    ("Overveckt", "WK034403", "Overvecht", False),      # a typo
    ("Schilderswijk", "WK051829", "Schildersbuurt", False),  # Den Haag's wijk 29 Schildersbuurt
    ("den haag", "GM0518", "Gravenhage", False),        # 's-Gravenhage
])
def test_search_lands_on_the_area_meant(page: Page, production_server, screenshot, query, code, name, straight):
    search(page, query)
    if not straight:
        first = page.locator("#zoekresultaten li.wk-result a").first
        expect(first).to_have_attribute("href", f"/gebied/{code}/")
        with page.expect_navigation():
            first.click()
    expect(page).to_have_url(re.compile(rf"/gebied/{code}/$"))
    expect(page.locator("h1")).to_contain_text(name)  # the profile itself, not an error page
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(f"search-{code}")


def test_live_results_while_typing_a_postcode_over_several_wijken(page: Page, production_server):
    page.set_viewport_size(PHONE)
    page.goto("/zoeken/")
    page.locator(SEARCH_FIELD).press_sequentially("1102", delay=50)
    results = page.locator("#zoekresultaten li.wk-result")
    expect(results.first).to_contain_text("%")
    assert results.count() >= 2
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=1102$"))  # live results never navigate away


def test_search_page_with_results_has_no_serious_accessibility_violations(page: Page, production_server, screenshot):
    search(page, "Bijlmer")
    expect(page.locator("#zoekresultaten li.wk-result").first).to_be_visible()
    screenshot("search-bijlmer")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    blocking = [violation for violation in result["violations"] if violation["impact"] in BLOCKING]
    assert not blocking, f"axe found on the search page:\n{describe(blocking)}"
