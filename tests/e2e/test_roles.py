"""A municipal manager manages roles, a partner organisation and its members in Chromium, against
the production server: signed in with a second factor, from the account page, through forms that
keep their input on an error, without JavaScript, and axe-core finds nothing serious or critical
on any of the pages. The accounts are made with `manage.py shell`, as an administrator would.
"""

from __future__ import annotations

import base64
import secrets

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.server import RunningServer, manage
from tests.e2e.test_accessibility import assert_no_blocking_violations
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_participation import PHONE, sign_in_with_second_factor

pytestmark = pytest.mark.e2e

MUNICIPALITY = "GM0363"
AREA = "WK036393"  # Bijlmer Centrum

ACCOUNTS_SCRIPT = """
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from wijkkompas.accounts.models import RoleAssignment, User
from wijkkompas.regions.models import Region
for email in ("{manager}", "{colleague}"):
    user = User.objects.create_user(email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
manager = User.objects.get(email="{manager}")
RoleAssignment.objects.create(user=manager, role="beheerder", region=Region.objects.get(code="{municipality}"))
TOTP.activate(manager, "{totp_secret}")
"""


@pytest.fixture(scope="module")
def accounts(production_env) -> dict:
    suffix = secrets.token_hex(3)
    names = {
        "manager": f"beheer-{suffix}@example.org", "colleague": f"collega-{suffix}@example.org",
        "totp_secret": base64.b32encode(secrets.token_bytes(20)).decode(), "suffix": suffix,
    }
    manage("shell", "-c", ACCOUNTS_SCRIPT.format(municipality=MUNICIPALITY, **names), env=production_env)
    return names


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"roles-{name}.png", full_page=True)


def without_javascript(browser: Browser, server: RunningServer) -> Page:
    context = browser.new_context(base_url=server.base_url, viewport=PHONE, locale="nl-NL", java_script_enabled=False)
    context.set_default_timeout(30_000)
    return context.new_page()


def check_accessibility(browser: Browser, page: Page, where: str) -> None:
    """axe-core on the page as it is now: its HTML, served again at its own address (with the
    site's styles) to a tab that runs scripts, as axe needs them; the page itself runs none."""
    viewer = browser.new_context(base_url=page.url, viewport=PHONE, locale="nl-NL").new_page()
    html = page.content()
    viewer.route(page.url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html))
    viewer.goto(page.url)
    assert_no_blocking_violations(viewer, where)
    viewer.context.close()


def test_a_manager_manages_roles_an_organisation_and_its_members(browser: Browser, production_server, accounts):
    server = production_server
    page = without_javascript(browser, server)
    sign_in_with_second_factor(page, server, accounts["manager"], accounts["totp_secret"])

    # From the account page to the roles in the manager's areas.
    page.goto("/account/")
    page.get_by_role("link", name="Rollen in je gebieden").click()
    expect(page.locator("h1")).to_have_text("Rollen in je gebieden")
    check_accessibility(browser, page, "the roles page")
    shot(page, "roles")

    # A mistake keeps the input and says what to do, in Dutch.
    form = page.locator("form[action='/account/beheer/rollen/']")
    form.locator("input[name=email]").fill(f"onbekend-{accounts['suffix']}@example.org")
    form.locator("select[name=role]").select_option("moderator")
    form.locator("input[name=region]").fill(AREA)
    form.locator("button[type=submit]").click()
    expect(page.locator("#rol-fouten")).to_contain_text("Er is geen account met dit e-mailadres.")
    expect(page.locator("input[name=region]")).to_have_value(AREA)
    expect(page.locator("select[name=role]")).to_have_value("moderator")
    check_accessibility(browser, page, "the roles page with an error")

    # The role is given, shows in the table, and is taken away again.
    page.locator("input[name=email]").fill(accounts["colleague"])
    page.locator("form[action='/account/beheer/rollen/'] button[type=submit]").click()
    expect(page.locator(".utrecht-alert--ok")).to_contain_text(f"{accounts['colleague']} is nu moderator")
    row = page.locator("tr", has_text=accounts["colleague"])
    expect(row).to_contain_text("Bijlmer")
    row.get_by_role("button").click()
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("is ingetrokken")
    expect(page.locator("tr", has_text=accounts["colleague"])).to_have_count(0)

    # A partner organisation of the municipality, with a member.
    page.get_by_role("link", name="Partnerorganisaties").click()
    check_accessibility(browser, page, "the organisations page")
    name = f"Buurtteam Proef {accounts['suffix']}"
    form = page.locator("form[action='/account/beheer/organisaties/']")
    form.locator("input[name=name]").fill(name)
    form.locator("select[name=kind]").select_option("welzijn")
    form.locator("select[name=municipality]").select_option(label="Amsterdam (GM0363)")
    form.locator("input[name=response_days]").fill("0")
    form.locator("button[type=submit]").click()
    expect(page.locator("#organisatie-fouten")).to_contain_text("van 1 tot 365")
    expect(page.locator("input[name=name]")).to_have_value(name)
    page.locator("input[name=response_days]").fill("14")
    page.locator("form[action='/account/beheer/organisaties/'] button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(name)
    page.locator("input[name=email]").fill(accounts["colleague"])
    page.get_by_role("button", name="Lid toevoegen").click()
    expect(page.locator(".wk-members")).to_contain_text(accounts["colleague"])
    check_accessibility(browser, page, "an organisation's page")
    shot(page, "organisation")
    page.locator(".wk-members").get_by_role("button").click()
    expect(page.locator(".wk-members")).to_have_count(0)
    page.get_by_role("link", name="Partnerorganisaties").click()
    expect(page.locator("tr", has_text=name)).to_contain_text("14 dagen")
    page.context.close()
