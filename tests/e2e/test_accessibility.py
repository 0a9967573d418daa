"""axe-core (installed from package-lock.json) on the main pages: no serious or critical violation."""

import pytest
from playwright.sync_api import Page

from tests.e2e.server import REPO

pytestmark = pytest.mark.e2e

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}

PAGES = {
    "home": "/",
    "profile": "/gebied/WK036393/",
    "method": "/methode/",
    "national": "/landelijk/",
}


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}")
            lines.extend(f"      {line}" for line in node["failureSummary"].splitlines())
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(page: Page, visit, screenshot, name):
    assert AXE.exists(), f"{AXE} is missing: run `npm ci`."
    visit(PAGES[name])
    screenshot(f"a11y-{name}")

    # Evaluated through the browser's debugging protocol: the site's Content-Security-Policy
    # (rightly) refuses injected script tags.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    blocking = [violation for violation in result["violations"] if violation["impact"] in BLOCKING]
    assert not blocking, f"axe found on {PAGES[name]}:\n{describe(blocking)}"


@pytest.mark.parametrize("name", PAGES)
def test_on_a_phone_only_tables_scroll_sideways(page: Page, visit, name):
    """WCAG 1.4.10 Reflow: at 320 CSS pixels wide the page itself needs no sideways scrolling."""
    page.set_viewport_size({"width": 320, "height": 800})
    visit(PAGES[name])
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 320, f"{PAGES[name]} is {page_width} px wide on a 320 px screen"
