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


# The resident-voice pages, signed out and signed in, with every panel (<details>) opened.

PARTICIPATION_SCRIPT = """
from allauth.account.models import EmailAddress
from wijkkompas.accounts.models import Membership, Organisation, RoleAssignment, User
from wijkkompas.participation import services
from wijkkompas.regions.models import Region
area, municipality = Region.objects.get(code="WK036393"), Region.objects.get(code="GM0363")
author = User.objects.create_user("a11y-auteur-{suffix}@example.org")
professional = User.objects.create_user("{professional}")
EmailAddress.objects.create(user=professional, email="{professional}", verified=True, primary=True)
RoleAssignment.objects.create(user=professional, role="professional", region=municipality)
organisation = Organisation.objects.create(name="Welzijn Toegankelijk {suffix}", kind="welzijn")
Membership.objects.create(user=professional, organisation=organisation)
item = services.submit_contribution(author=author, region=area, kind="signaal", theme="veiligheid",
    title="Losse stoeptegels {suffix}", text="Bij de bushalte liggen losse tegels.", place_description="Bushalte")
services.react(author=author, contribution=item, text="Ik ben er bijna over gestruikeld.")
services.change_status(actor=professional, contribution=item, to_status="doorgezet", public_text="Naar welzijn.",
    organisation=organisation)
print(item.pk, organisation.pk)
"""


@pytest.fixture(scope="module")
def participation_world(production_env):
    import secrets

    from tests.e2e.server import manage

    suffix = secrets.token_hex(3)
    professional = f"a11y-prof-{suffix}@example.org"
    output = manage("shell", "-c", PARTICIPATION_SCRIPT.format(suffix=suffix, professional=professional),
                    env=production_env)
    contribution, organisation = output.split()[-2:]
    return {"contribution": contribution, "organisation": organisation, "professional": professional}


def assert_no_blocking_violations(page: Page, where: str) -> None:
    page.evaluate("() => document.querySelectorAll('details').forEach(details => { details.open = true; })")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    blocking = [violation for violation in result["violations"] if violation["impact"] in BLOCKING]
    assert not blocking, f"axe found on {where}:\n{describe(blocking)}"


def test_participation_pages_signed_out(page: Page, visit, screenshot, participation_world):
    paths = {
        "inbreng": "/gebied/WK036393/inbreng/",
        "inbreng-detail": f"/inbreng/{participation_world['contribution']}/",
        "moderatiebeleid": "/moderatiebeleid/",
    }
    for name, path in paths.items():
        visit(path)
        screenshot(f"a11y-{name}")
        assert_no_blocking_violations(page, path)
    page.set_viewport_size({"width": 320, "height": 800})
    for path in paths.values():
        visit(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} px wide on a 320 px screen"


def test_participation_pages_signed_in(page: Page, visit, screenshot, production_server, participation_world):
    from tests.e2e.test_participation import sign_in_by_code

    sign_in_by_code(page, production_server, participation_world["professional"])
    contribution = participation_world["contribution"]
    paths = {
        "inbreng-formulier": "/gebied/WK036393/inbreng/",
        "inbreng-staf": f"/inbreng/{contribution}/",
        "mijn-inbreng": "/mijn-inbreng/",
        "papier": "/gebied/WK036393/inbreng/papier/",
        "doorgezet": f"/organisatie/{participation_world['organisation']}/doorgezet/",
    }
    for name, path in paths.items():
        visit(path)
        screenshot(f"a11y-{name}")
        assert_no_blocking_violations(page, path)

    # The form's errors and the near-duplicate step.
    visit("/gebied/WK036393/inbreng/")
    page.locator("input[name=title]").fill("Losse stoeptegels bij de bushalte")
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    assert_no_blocking_violations(page, "the form with errors")
    page.locator("input[name=kind][value=signaal]").check()
    page.locator("select[name=theme]").select_option("veiligheid")
    page.locator("textarea[name=text]").fill("Er liggen losse tegels.")
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    screenshot("a11y-lijkt-op")
    assert_no_blocking_violations(page, "the near-duplicate step")
