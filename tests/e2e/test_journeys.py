"""The journeys that matter, in a real browser against the production server.

Elements are found by role, name attribute or link target rather than by visible text, so the
tests hold in English and in Dutch.
"""

import csv
import io
import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

BIJLMER_CENTRUM = "WK036393"
OVERVECHT = "WK034403"


def test_search_a_place_and_open_its_profile(page: Page, visit, screenshot):
    visit("/")
    search_box = page.locator("header input[type='search'], header input[name='q']").first
    search_box.fill("Overvecht")
    with page.expect_navigation():
        search_box.press("Enter")
    if f"/gebied/{OVERVECHT}/" not in page.url:
        page.locator(f"main a[href$='/gebied/{OVERVECHT}/']").first.click()

    expect(page).to_have_url(re.compile(rf"/gebied/{OVERVECHT}/$"))
    expect(page.locator("h1")).to_contain_text("Overvecht")
    screenshot("journey-search")


def test_open_a_profile_with_its_figures(page: Page, visit, screenshot):
    visit(f"/gebied/{BIJLMER_CENTRUM}/")

    expect(page.locator("h1")).to_contain_text("Bijlmer Centrum")
    figure_rows = page.locator("main table tbody tr").filter(has_text=re.compile(r"\d"))
    expect(figure_rows.first).to_be_visible()
    screenshot("journey-profile")


def test_change_the_map_indicator(page: Page, visit, screenshot):
    visit(f"/gebied/{BIJLMER_CENTRUM}/")
    chooser = page.locator("select[name='kaart']")
    current = chooser.input_value()
    other = next(
        value for value in chooser.locator("option").evaluate_all("options => options.map(o => o.value)")
        if value and value != current
    )
    figures_before = page.locator("main figure").all_inner_texts()

    chooser.select_option(other)
    if not page.evaluate("() => 'htmx' in window"):
        chooser.locator("xpath=ancestor::form[1]").locator("[type=submit]").click()

    page.wait_for_url(re.compile(rf"[?&]kaart={re.escape(other)}(&|$)"))
    expect(page.locator("select[name='kaart']")).to_have_value(other)
    page.wait_for_function(
        "before => JSON.stringify([...document.querySelectorAll('main figure')].map(f => f.innerText))"
        " !== JSON.stringify(before)",
        arg=figures_before,
    )
    screenshot("journey-map", element=chooser.locator("xpath=ancestor::section[1]"))


def test_download_the_figures_as_csv(page: Page, visit):
    visit(f"/gebied/{BIJLMER_CENTRUM}/")
    with page.expect_download() as download_info:
        page.locator("a[href$='cijfers.csv']").first.click()
    download = download_info.value
    text = download.path().read_text(encoding="utf-8-sig")

    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    header, *rows = list(csv.reader(io.StringIO(text), dialect))
    assert len(header) > 1 and all(cell.strip() for cell in header), header
    assert rows and all(len(row) == len(header) for row in rows if row)
    assert BIJLMER_CENTRUM in text or BIJLMER_CENTRUM in download.suggested_filename


def test_open_the_national_view(page: Page, visit, screenshot):
    visit("/landelijk/")

    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("main table tbody tr").first).to_be_visible()
    assert page.locator("main table tbody tr").count() > 10
    screenshot("journey-national")
