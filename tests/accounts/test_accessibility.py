"""axe-core on the sign-up, sign-in, code and account pages, in Debian's Chromium: no serious or
critical violation. The pages are rendered by the Django test client (each in the state it is
reached in: after a sign-up, with a form error, signed in) and shown to the browser together with
the site's own static files, so the test needs no server of its own."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
BLOCKING = {"serious", "critical"}
ORIGIN = "http://testserver"


def _signed_in() -> Client:
    client = Client()
    client.force_login(UserFactory(email="toegankelijk@example.org"))
    return client


def _after(method: str, url: str, data: dict, then: str | None = None) -> tuple[str, str]:
    client = Client()
    response = getattr(client, method)(url, data)
    if then:
        response = client.get(then)
    return then or url, response.content.decode()


PAGES = {
    "login": lambda: (reverse("account_login"), Client().get(reverse("account_login")).content.decode()),
    "login-error": lambda: _after("post", reverse("account_login"), {"login": "geen-adres"}),
    "signup": lambda: (reverse("account_signup"), Client().get(reverse("account_signup")).content.decode()),
    "signup-error": lambda: _after("post", reverse("account_signup"), {"email": "x"}),
    "signup-code": lambda: _after("post", reverse("account_signup"), {"email": "nieuw@example.org"},
                                  then=reverse("account_email_verification_sent")),
    "request-code": lambda: (reverse("account_request_login_code"),
                             Client().get(reverse("account_request_login_code")).content.decode()),
    "privacy": lambda: (reverse("privacy"), Client().get(reverse("privacy")).content.decode()),
}
SIGNED_IN = ["account_home", "account_export", "account_delete", "account_email", "mfa_index", "mfa_activate_totp"]


def _axe(url: str, html: str) -> list[dict]:
    """Open the page in Chromium (its static files served from the finders) and run axe."""
    from playwright.sync_api import sync_playwright

    def fulfil(route):
        path = urlsplit(route.request.url).path
        if path.startswith("/static/"):
            found = finders.find(path.removeprefix("/static/"))
            return route.fulfill(path=found) if found else route.fulfill(status=404)
        return route.fulfill(body=html, content_type="text/html; charset=utf-8")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 360, "height": 800})
        page.route(f"{ORIGIN}/**", fulfil)
        page.goto(ORIGIN + url)
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        browser.close()
    return [violation for violation in result["violations"] if violation["impact"] in BLOCKING]


def _check(url: str, html: str) -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium).")
    blocking = _axe(url, html)
    assert not blocking, "\n".join(
        f"[{v['impact']}] {v['id']}: {v['help']} at {[' '.join(n['target']) for n in v['nodes'][:5]]}" for v in blocking
    )


@pytest.mark.parametrize("name", PAGES)
def test_sign_up_and_sign_in_pages(name):
    url, html = PAGES[name]()  # rendered before the browser starts: no ORM call inside its event loop
    _check(url, html)


@pytest.mark.parametrize("name", SIGNED_IN)
def test_account_pages(name):
    response = _signed_in().get(reverse(name), follow=True)
    _check(response.request["PATH_INFO"], response.content.decode())
