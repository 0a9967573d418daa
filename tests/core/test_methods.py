"""Pages and API addresses answer only the methods they are for: read-only pages GET and HEAD,
the API's operations GET, the resident voice's form actions also POST; any other method gets
405 with an Allow header."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

pytestmark = pytest.mark.django_db
WRITES = ["post", "put", "patch", "delete", "options", "trace"]
#: Sample values for path parameters, by converter.
SAMPLES = {"int": "1"}


def addresses(patterns=None, prefix=""):
    """Every URL pattern as an address, with a sample value for each path parameter."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from addresses(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            filled = re.sub(r"<(?:(\w+):)?\w+>", lambda match: SAMPLES.get(match.group(1), "GM0344"), route)
            yield "/" + filled.lstrip("^").rstrip("$")


#: django-ninja's anchor for the API's own addresses: a 404 whatever the method.
API_ROOT = "/api/"
#: Sign-up, sign-in and account pages are django-allauth's form views (a kept library; CSRF and
#: its own method handling apply), tested in tests/accounts.
ACCOUNT_PAGES = "/account/"
#: The resident voice's actions, which take a POST (and redirect after it).
FORM_VIEWS = {
    "participation:area", "participation:assisted", "participation:support", "participation:follow",
    "participation:react", "participation:report", "participation:status", "participation:rate",
    "participation:reopen", "participation:moderate", "participation:forwarded-action",
    # The Wijktoets: saving and running again; the API operation that runs a definition sent as JSON.
    "wijktoets:save", "wijktoets:rerun", "api:wijktoets-run",
    # The Leefbaarheidspeiling: answering, paper entry and printing codes, and managing a period.
    "surveys:survey", "surveys:paper", "surveys:paper-forms", "surveys:manage", "surveys:add-question",
    "surveys:status",
}
ALL = sorted(set(addresses()) - {API_ROOT})
PAGES = [address for address in ALL if not address.startswith(ACCOUNT_PAGES)]
FORMS = [address for address in PAGES if resolve(address).view_name in FORM_VIEWS]
READ_ONLY = [address for address in PAGES if address not in FORMS]
OPERATION = re.compile(r"/api/(?!docs$|openapi\.json$)")


def test_the_walk_finds_pages_forms_and_the_api():
    assert {"/", "/zoeken/", "/landelijk/", "/gebied/GM0344/", "/api/regions/GM0344/hierarchy"} <= set(READ_ONLY)
    assert {"/inbreng/1/", "/mijn-inbreng/"} <= set(READ_ONLY)
    assert {"/gebied/GM0344/inbreng/", "/inbreng/1/steunen/"} <= set(FORMS)
    assert len(FORMS) == len(FORM_VIEWS)


@pytest.mark.parametrize("address", READ_ONLY)
def test_read_only_addresses_allow_only_get_and_head(client, address):
    for method in WRITES:
        response = getattr(client, method)(address)
        assert response.status_code == 405, f"{method.upper()} {address} answered {response.status_code}"
        assert set(response["Allow"].replace(" ", "").split(",")) <= {"GET", "HEAD"}
    readers = ["get"] if OPERATION.match(address) else ["get", "head"]
    for method in readers:
        assert getattr(client, method)(address).status_code != 405, f"{method.upper()} {address}"


@pytest.mark.parametrize("address", FORMS)
def test_form_actions_take_a_post_and_nothing_else_that_writes(client, django_user_model, address):
    client.force_login(django_user_model.objects.create_user("methods@wijkkompas.example"))
    for method in ["put", "patch", "delete", "trace"]:
        response = getattr(client, method)(address)
        # The area pages look the area up first (a 404 for the sample code, which has no region).
        assert response.status_code in {404, 405}, f"{method.upper()} {address} answered {response.status_code}"
        if response.status_code == 405:
            assert set(response["Allow"].replace(" ", "").split(",")) <= {"GET", "HEAD", "POST"}
