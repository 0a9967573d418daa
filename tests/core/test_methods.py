"""Every page and API address is read-only: pages answer GET and HEAD, the API's operations GET;
any other method gets 405 with an Allow header."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db
WRITES = ["post", "put", "patch", "delete", "options", "trace"]


def addresses(patterns=None, prefix=""):
    """Every URL pattern as an address, with a sample value for each path parameter."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from addresses(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield "/" + re.sub(r"<[^>]+>", "GM0344", route).lstrip("^").rstrip("$")


#: django-ninja's anchor for the API's own addresses: a 404 whatever the method.
API_ROOT = "/api/"
ADDRESSES = sorted(set(addresses()) - {API_ROOT})
OPERATION = re.compile(r"/api/(?!docs$|openapi\.json$)")


def test_the_walk_finds_pages_and_the_api():
    assert {"/", "/zoeken/", "/landelijk/", "/gebied/GM0344/", "/api/regions/GM0344/hierarchy"} <= set(ADDRESSES)


@pytest.mark.parametrize("address", ADDRESSES)
def test_only_get_and_head_are_allowed(client, address):
    for method in WRITES:
        response = getattr(client, method)(address)
        assert response.status_code == 405, f"{method.upper()} {address} answered {response.status_code}"
        assert set(response["Allow"].replace(" ", "").split(",")) <= {"GET", "HEAD"}
    readers = ["get"] if OPERATION.match(address) else ["get", "head"]
    for method in readers:
        assert getattr(client, method)(address).status_code != 405, f"{method.upper()} {address}"
