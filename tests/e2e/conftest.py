"""End-to-end set-up: the production server on a fresh database, and Debian's Chromium.

The browser is the system Chromium driven by Playwright for Python; Playwright never downloads
a browser of its own. Screenshots of every page visited go to test-artifacts/ (git-ignored).
"""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, Response, sync_playwright

from tests.e2e.server import (
    REPO, RunningServer, database_name, fresh_database, prepare, production_environment, serve,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"
PHONE = {"width": 390, "height": 844}
SCREENSHOT_HEIGHT = 4000


@pytest.fixture(scope="session")
def production_env(tmp_path_factory) -> Iterator[dict[str, str]]:
    """The environment of a production server on a fresh database, prepared as `make run` does."""
    folder = tmp_path_factory.mktemp("e2e")
    with fresh_database(name=database_name("e2e"), folder=folder) as database_url:
        env = production_environment(database_url=database_url, static_root=folder / "static")
        prepare(env=env)
        yield env


@pytest.fixture(scope="session")
def production_server(production_env, tmp_path_factory) -> Iterator[RunningServer]:
    with serve(env=production_env, log_path=tmp_path_factory.mktemp("e2e-log") / "server.log") as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One browser per module: Playwright's event loop must not outlive the e2e tests, or the
    database tests that run after them would see a running loop and refuse synchronous ORM calls."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, production_server: RunningServer) -> Iterator[Page]:
    context = browser.new_context(
        base_url=production_server.base_url,
        viewport={"width": 1280, "height": 900},
        locale="nl-NL",
        accept_downloads=True,
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def visit(page: Page, production_server: RunningServer) -> Callable[[str], Response]:
    """Open a path and require a 200, showing the server's log when it is not."""

    def open_path(path: str) -> Response:
        response = page.goto(path)
        status = response.status if response else "nothing"
        assert response is not None and response.status == 200, (
            f"GET {path} answered {status}.\nServer log:\n{production_server.log_tail()}"
        )
        return response

    return open_path


@pytest.fixture
def screenshot(page: Page) -> Callable[..., None]:
    """Save the page (or one element of it) as a desktop and as a phone would show it. Of a
    page, its first screens down to SCREENSHOT_HEIGHT pixels: painting a whole long page takes
    Chromium many seconds."""

    def save(name: str, *, element: Locator | None = None) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        desktop = page.viewport_size
        for label, viewport in (("desktop", desktop), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            path = ARTIFACTS / f"{name}-{label}.png"
            if element is not None:
                element.screenshot(path=path)
                continue
            height = min(page.evaluate("document.documentElement.scrollHeight"), SCREENSHOT_HEIGHT)
            clip = {"x": 0, "y": 0, "width": viewport["width"], "height": height}
            page.screenshot(path=path, full_page=True, clip=clip)
        page.set_viewport_size(desktop)

    return save
