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
