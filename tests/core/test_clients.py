"""One client address for every rate limit: X-Forwarded-For counts only behind a trusted proxy."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from wijkkompas.core.clients import client_ip

pytestmark = pytest.mark.django_db
API = "/api/indicators"
SEARCH = reverse("search")


def asking(forwarded: str | None = None, remote: str = "203.0.113.5"):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(asking("198.51.100.7")) == "203.0.113.5"


@pytest.mark.parametrize(("proxies", "forwarded", "client"), [
    (1, "198.51.100.7", "198.51.100.7"),
    (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # what the client wrote itself stands further left
    (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
    (2, "198.51.100.7", "198.51.100.7"),  # it did not pass both proxies
    (1, "2001:db8::1", "2001:db8::1"),
    (1, "not-an-address", "203.0.113.5"),
    (1, "", "203.0.113.5"),
])
def test_behind_trusted_proxies_the_address_the_first_proxy_saw_counts(settings, proxies, forwarded, client):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(asking(forwarded)) == client


def test_a_made_up_forwarded_header_does_not_escape_the_api_limit(client, settings):
    settings.API_RATE_LIMIT = "3/d"
    statuses = [client.get(API, HTTP_X_FORWARDED_FOR=f"10.0.{index}.1").status_code for index in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    refused = client.get(API, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert refused["Content-Type"].startswith("application/json")
    assert refused.json() == {"detail": "Te veel verzoeken. Wacht even en probeer het dan opnieuw."}
    assert 1 <= int(refused["Retry-After"]) <= 24 * 3600  # until the window of the limit ends


def test_a_made_up_forwarded_header_does_not_escape_the_search_limit(client, settings):
    settings.SEARCH_RATE_LIMIT = "2/d"
    statuses = [client.get(SEARCH, {"q": "Utrecht"}, HTTP_X_FORWARDED_FOR=f"10.0.{index}.1").status_code
                for index in range(3)]
    assert statuses == [200, 200, 429]


@pytest.mark.parametrize("path", [API, SEARCH])
def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client, settings, path):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.API_RATE_LIMIT = settings.SEARCH_RATE_LIMIT = "2/d"

    def status(address: str) -> int:
        return client.get(path, {"q": "Utrecht"}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address).status_code

    assert [status("198.51.100.1") for _ in range(3)] == [200, 200, 429]
    assert status("198.51.100.2") == 200  # the proxy's own address is no longer one shared limit
    assert status("6.6.6.6, 198.51.100.1") == 429
