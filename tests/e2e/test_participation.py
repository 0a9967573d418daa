"""The resident-voice journey in Chromium on a 360 px wide phone, against the production server.

Residents sign up with the code from the e-mail (the console mail backend writes it into the
server's log), submit an idea with a point on the map and a photo, a second resident is shown it
as a near-duplicate while typing and supports it, a professional forwards it, the organisation
accepts and answers it, the first resident finds the trail on /mijn-inbreng/, is not satisfied and
asks to reopen, and a professional enters three paper forms; the response figures follow.
Staff accounts and roles are made with `manage.py shell`, as an administrator would.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import struct
import time

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.server import RunningServer, manage

pytestmark = pytest.mark.e2e

AREA = "WK036393"  # Bijlmer Centrum, with its boundary in the bundled data
MUNICIPALITY = "GM0363"
PHONE = {"width": 360, "height": 800}
#: allauth's codes: two groups of letters and digits with a dash (e.g. CBTF-MRCK), or one group.
CODE = re.compile(r"^\s*([A-Z0-9]{3,5}-[A-Z0-9]{3,5}|[A-Z0-9]{6,8})\s*$", re.M)

STAFF_SCRIPT = """
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from wijkkompas.accounts.models import Membership, Organisation, RoleAssignment, User
from wijkkompas.regions.models import Region
municipality = Region.objects.get(code="{municipality}")
organisation, _ = Organisation.objects.get_or_create(name="Woningcorporatie Proef", defaults={{"kind": "woningcorporatie"}})
for email in ("{professional}", "{member}"):
    user = User.objects.create_user(email, public_name=email.split("@")[0])
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    RoleAssignment.objects.create(user=user, role="professional", region=municipality,
                                  organisation=organisation if email == "{member}" else None)
Membership.objects.create(user=User.objects.get(email="{member}"), organisation=organisation)
moderator = User.objects.create_user("{moderator}", public_name="Moderator")
EmailAddress.objects.create(user=moderator, email="{moderator}", verified=True, primary=True)
RoleAssignment.objects.create(user=moderator, role="moderator", region=municipality)
TOTP.activate(moderator, "{totp_secret}")
print(organisation.pk)
"""


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"participation-{name}.png", full_page=True)


def phone(browser: Browser, server: RunningServer) -> Page:
    context = browser.new_context(base_url=server.base_url, viewport=PHONE, locale="nl-NL")
    context.set_default_timeout(30_000)
    return context.new_page()


def mailed_code(server: RunningServer, email: str, *, after: int) -> str:
    """The last code mailed to `email`, from the console mail in the server's log."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        log = server.log_path.read_text(errors="replace")[after:]
        messages = [part for part in log.split("Content-Type: text/plain") if f"To: {email}" in part]
        codes = [match for message in messages for match in CODE.findall(message)]
        if codes:
            return codes[-1]
        time.sleep(0.3)
    raise AssertionError(f"no code mailed to {email}:\n{server.log_tail()}")


def log_size(server: RunningServer) -> int:
    return len(server.log_path.read_text(errors="replace"))


#: Sign-up and sign-in count per client address (ACCOUNT_RATE_LIMIT, 10 a minute); the tests all
#: come from 127.0.0.1, so a refused step waits for the next minute and is tried again.
RATE_LIMIT_WAIT = 61


def _submit_within_limit(page: Page, fill, submit) -> None:
    for _attempt in range(3):
        fill()
        with page.expect_navigation() as navigation:
            submit()
        if navigation.value is None or navigation.value.status != 429:
            return
        time.sleep(RATE_LIMIT_WAIT)
        page.go_back()
    raise AssertionError("still rate-limited after three minutes")


def _enter_code(page: Page, server: RunningServer, email: str, path: str) -> None:
    start = log_size(server)
    page.goto(path)
    _submit_within_limit(
        page, lambda: page.locator("input[name=email]").fill(email),
        lambda: page.locator("main form [type=submit]").first.click(),
    )
    code = mailed_code(server, email, after=start)
    _submit_within_limit(
        page, lambda: page.locator("input[name=code]").fill(code), lambda: page.locator("input[name=code]").press("Enter"),
    )
    expect(page.locator("input[name=code]")).to_have_count(0)


def sign_up(page: Page, server: RunningServer, email: str) -> None:
    _enter_code(page, server, email, "/account/signup/")


def sign_in_by_code(page: Page, server: RunningServer, email: str) -> None:
    _enter_code(page, server, email, "/account/login/code/")


def totp(secret: str) -> str:
    """The current six-digit TOTP code (RFC 6238: HMAC-SHA1, 30 s), as an authenticator app shows it."""
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def sign_in_with_second_factor(page: Page, server: RunningServer, email: str, secret: str) -> None:
    start = log_size(server)
    page.goto("/account/login/code/")
    _submit_within_limit(
        page, lambda: page.locator("input[name=email]").fill(email),
        lambda: page.locator("main form [type=submit]").first.click(),
    )
    code = mailed_code(server, email, after=start)
    _submit_within_limit(
        page, lambda: page.locator("input[name=code]").fill(code), lambda: page.locator("input[name=code]").press("Enter"),
    )
    expect(page).to_have_url(re.compile(r"/2fa/authenticate/"))
    _submit_within_limit(
        page, lambda: page.locator("input[name=code]").fill(totp(secret)),
        lambda: page.locator("input[name=code]").press("Enter"),
    )
    expect(page.locator("input[name=code]")).to_have_count(0)


def figure(page: Page, name: str) -> str:
    return page.locator(f"dd[data-figure='{name}']").inner_text()


@pytest.fixture(scope="module")
def staff(production_env) -> dict:
    suffix = secrets.token_hex(3)
    accounts = {
        "professional": f"prof-{suffix}@example.org", "member": f"corporatie-{suffix}@example.org",
        "moderator": f"moderator-{suffix}@example.org", "totp_secret": base64.b32encode(secrets.token_bytes(20)).decode(),
    }
    script = STAFF_SCRIPT.format(municipality=MUNICIPALITY, **accounts)
    organisation_id = manage("shell", "-c", script, env=production_env).strip().splitlines()[-1]
    return {**accounts, "organisation": int(organisation_id)}


def test_the_trail_from_an_idea_to_an_answer(browser: Browser, production_server: RunningServer, staff, tmp_path):
    server = production_server
    suffix = secrets.token_hex(3)
    first_email, second_email = f"bewoner-{suffix}@example.org", f"buur-{suffix}@example.org"
    title = f"Meer bankjes langs de Amsterdamse Poort {suffix}"
    photo = tmp_path / "bankje.jpg"
    Image.new("RGB", (320, 240), "seagreen").save(photo, "JPEG")

    # A resident signs up with the code from the e-mail and submits an idea with a point and a photo.
    resident = phone(browser, server)
    sign_up(resident, server, first_email)
    resident.goto(f"/gebied/{AREA}/inbreng/")
    count_before = int(figure(resident, "count") or 0) if resident.locator("dd[data-figure='count']").count() else 0
    resident.locator("input[name=kind][value=idee]").check()
    resident.locator("select[name=theme]").select_option("leefbaarheid")
    resident.locator("input[name=title]").fill(title)
    resident.locator("textarea[name=text]").fill("Ouderen willen onderweg naar de markt even kunnen zitten.")
    resident.locator("input[name=place_description]").fill("Bij de ingang van het winkelcentrum")
    picker = resident.locator("[data-picker] svg")
    expect(picker).to_be_visible()
    box = picker.locator("path").first.bounding_box()
    resident.locator("[data-picker] svg path").first.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    expect(resident.locator("input[name=latitude]")).not_to_have_value("")
    resident.locator("input[name=photo]").set_input_files(str(photo))
    shot(resident, "form")
    resident.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    if "/gebied/" in resident.url:  # the near-duplicate step (an earlier run's idea): send it anyway
        resident.locator("form[enctype='multipart/form-data'] input[name=photo]").set_input_files(str(photo))
        resident.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    expect(resident).to_have_url(re.compile(r"/inbreng/\d+/$"))
    detail_url = resident.url
    expect(resident.locator("h1")).to_have_text(title)
    expect(resident.locator("img.wk-contribution__photo")).to_be_visible()
    assert resident.locator("img.wk-contribution__photo").evaluate("img => img.naturalWidth") == 320
    shot(resident, "detail")

    # A second resident types something similar, is shown the idea while typing, and supports it.
    neighbour = phone(browser, server)
    sign_up(neighbour, server, second_email)
    neighbour.goto(f"/gebied/{AREA}/inbreng/")
    neighbour.locator("input[name=title]").press_sequentially("bankjes Amsterdamse Poort", delay=20)
    suggestion = neighbour.locator("#vergelijkbaar a", has_text=title)
    expect(suggestion).to_be_visible()
    shot(neighbour, "similar")
    suggestion.click()
    neighbour.locator("form[action$='/steunen/'] button[type=submit]").click()
    expect(neighbour.locator("[data-support-count='1']")).to_be_visible()
    abuse = f"Wie dit wil is een idioot {suffix}"
    neighbour.locator("form#reageren textarea[name=text]").fill(abuse)
    neighbour.locator("form#reageren button[type=submit]").click()
    expect(neighbour.locator(".wk-reactions")).to_contain_text(abuse)

    # The resident reports it; a moderator (signed in with a second factor) hides it with a reason.
    resident.goto(detail_url)
    reaction = resident.locator("li.wk-reaction", has_text=abuse)
    reaction.locator("summary").click()
    reaction.locator("input[name=reason][value=scheldwoorden]").check()
    reaction.locator("button[type=submit]").click()
    moderator = phone(browser, server)
    sign_in_with_second_factor(moderator, server, staff["moderator"], staff["totp_secret"])
    moderator.goto("/moderatie/")
    report = moderator.locator("li.wk-item", has_text=abuse)
    report.locator("input[name=reason]").fill("Scheldwoorden")
    shot(moderator, "moderation")
    report.locator("button[type=submit]").click()
    expect(moderator.locator("li.wk-item", has_text=abuse)).to_have_count(0)
    resident.goto(detail_url)
    expect(resident.locator(".wk-reactions")).not_to_contain_text(abuse)
    expect(resident.locator(".wk-reactions .wk-placeholder")).to_contain_text("Scheldwoorden")

    # A professional of the municipality forwards it to the housing association.
    professional = phone(browser, server)
    sign_in_by_code(professional, server, staff["professional"])
    professional.goto(detail_url)
    professional.locator("input[name=to_status][value=doorgezet]").check()
    professional.locator("textarea[name=public_text]").fill("De bankjes staan op grond van de corporatie.")
    professional.locator("select[name=organisation]").select_option(label="Woningcorporatie Proef")
    professional.locator("form[action$='/status/'] button[type=submit]").click()
    expect(professional.locator(".wk-trail")).to_contain_text("De bankjes staan op grond van de corporatie.")
    shot(professional, "status")

    # The organisation accepts it and closes it with an answer.
    member = phone(browser, server)
    sign_in_by_code(member, server, staff["member"])
    member.goto(f"/organisatie/{staff['organisation']}/doorgezet/")
    item = member.locator("li.wk-item", has_text=title)
    item.locator("input[name=action][value=accept] ~ button").click()
    item = member.locator("li.wk-item", has_text=title)
    item.locator("textarea[name=public_text]").fill("We plaatsen in het voorjaar drie bankjes.")
    item.locator("input[name=action][value=answer] ~ button").click()
    expect(member.locator("li.wk-item", has_text=title).locator(".wk-status--afgerond")).to_be_visible()
    shot(member, "forwarded")

    # Every public step was mailed to the resident (the console mail in the server's log), each once.
    mails = [part for part in server.log_path.read_text().split("Content-Type: text/plain")
             if f"To: {first_email}" in part and "Subject: Nieuws over je inbreng" in part]
    for step in ("De bankjes staan op grond van de corporatie.", "heeft de inbreng aangenomen",
                 "We plaatsen in het voorjaar drie bankjes."):
        assert sum(step in part for part in mails) == 1, f"one e-mail about {step!r}"

    # The resident sees the whole trail, is not satisfied, and asks to reopen.
    resident.goto("/mijn-inbreng/")
    mine = resident.locator("article.wk-mine", has_text=title)
    expect(mine.locator(".wk-trail")).to_contain_text("We plaatsen in het voorjaar drie bankjes.")
    expect(mine.locator(".wk-trail")).to_contain_text("Woningcorporatie Proef")
    shot(resident, "mine")
    mine.locator("input[name=satisfied][value=nee]").check()
    mine.locator("form[action$='/beoordelen/'] button").click()
    mine = resident.locator("article.wk-mine", has_text=title)
    mine.locator("summary").click()
    mine.locator("textarea[name=reason]").fill("Drie bankjes is te weinig voor zo'n groot plein.")
    mine.locator("form[action$='/heropenen/'] button").click()
    expect(resident.locator("article.wk-mine", has_text=title).locator(".wk-status--heropend").first).to_be_visible()

    # A professional enters three paper forms; the figures count them.
    professional.goto(f"/gebied/{AREA}/inbreng/papier/")
    professional.locator("select[name=channel]").select_option("buurtavond")
    professional.locator("input[name=conversation_date]").fill(time.strftime("%Y-%m-%d"))
    for number in range(3):
        professional.locator("input[name=kind][value=signaal]").check()
        professional.locator("select[name=theme]").select_option("veiligheid")
        professional.locator("input[name=title]").fill(f"Donkere onderdoorgang {suffix} {number}")
        professional.locator("textarea[name=text]").fill("Bewoners voelen zich er 's avonds onveilig.")
        professional.locator("input[name=residents_count]").fill("3")
        professional.locator("input[name=consent_asked]").check()
        professional.locator("main form button[type=submit]").click()
        expect(professional.locator("ol.wk-entered li")).to_have_count(number + 1)
        expect(professional.locator("select[name=channel]")).to_have_value("buurtavond")
    shot(professional, "paper")

    resident.goto(f"/gebied/{AREA}/inbreng/")
    assert int(figure(resident, "count")) == count_before + 4
    assert figure(resident, "share_assisted") != "–"
    shot(resident, "area")

    # The profile shows the residents' voice beside the figures, fresh despite its page cache.
    resident.goto(f"/gebied/{AREA}/")
    expect(resident.locator("#stem-veiligheid")).to_contain_text(f"Donkere onderdoorgang {suffix}")


def test_submitting_works_without_javascript(browser: Browser, production_server: RunningServer):
    context = browser.new_context(base_url=production_server.base_url, viewport=PHONE, locale="nl-NL",
                                  java_script_enabled=False)
    page = context.new_page()
    sign_up(page, production_server, f"zonderjs-{secrets.token_hex(3)}@example.org")
    page.goto(f"/gebied/{AREA}/inbreng/")
    expect(page.locator("[data-picker]")).to_be_hidden()
    page.locator("input[name=kind][value=compliment]").check()
    page.locator("select[name=theme]").select_option("voorzieningen")
    title = f"Fijne bibliotheek {secrets.token_hex(3)}"
    page.locator("input[name=title]").fill(title)
    page.locator("textarea[name=text]").fill("Het personeel helpt iedereen.")
    page.locator("input[name=place_description]").fill("De bibliotheek aan het plein")
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    if "/gebied/" in page.url:  # the near-duplicate step: send it anyway
        page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/inbreng/\d+/$"))
    expect(page.locator("h1")).to_have_text(title)
    context.close()
