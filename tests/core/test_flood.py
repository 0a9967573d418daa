"""A flood of addresses cannot fill a worker's memory or wipe the rate-limit counters."""

import pytest
from django.core.cache import caches
from django.urls import reverse
from django_ratelimit.core import get_usage

from tests.scores.world import score_world, world  # noqa: F401  (fixtures)
from wijkkompas.core.cache_backends import BoundedLocMemCache

MAX_BYTES = 60_000


@pytest.fixture
def small_page_cache(settings) -> BoundedLocMemCache:
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "wijkkompas.core.cache_backends.BoundedLocMemCache", "LOCATION": "flood-test",
                    "OPTIONS": {"MAX_BYTES": MAX_BYTES}},
    }
    pages = caches["default"]
    pages.clear()
    yield pages
    pages.clear()


def page_entries(pages: BoundedLocMemCache) -> int:
    return sum(":page:" in key for key in pages._cache)


def test_made_up_parameters_all_share_one_cached_page(client, world, small_page_cache):
    profile = reverse("profile", args=[world.code(0)])
    for index in range(200):
        assert client.get(profile, {"kaart": f"x{index}", f"p{index}": "1"}).status_code == 200
    assert page_entries(small_page_cache) == 1


def test_a_flood_of_valid_pages_stays_within_the_bytes_and_leaves_the_counters(client, world, settings,
                                                                               small_page_cache):
    settings.SEARCH_RATE_LIMIT = "5/d"  # one window for the whole test
    search = reverse("search")
    assert [client.get(search, {"q": "Testwijk"}).status_code for _ in range(3)] == [200, 200, 200]
    national = reverse("national")
    for population in range(60):  # every one a real, different page
        assert client.get(national, {"level": "wijk", "min_population": population}).status_code == 200
        assert small_page_cache.size_in_bytes <= MAX_BYTES
    assert 1 < page_entries(small_page_cache) < 60  # the oldest pages made room
    request = client.get(search, {"q": "Testwijk"}).wsgi_request
    usage = get_usage(request, fn=request.resolver_match.func.__wrapped__, key="ip", rate="5/d")
    assert usage["count"] == 4
    assert [client.get(search, {"q": "Testwijk"}).status_code for _ in range(2)] == [200, 429]
