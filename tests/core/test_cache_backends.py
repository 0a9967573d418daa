"""The page cache keeps to its byte budget; the counter store counts atomically and keeps expiry."""

import time

import pytest
from django.core.cache import caches

from wijkkompas.core.cache_backends import AtomicDatabaseCache, BoundedLocMemCache


def bounded(name: str, max_bytes: int) -> BoundedLocMemCache:
    cache = BoundedLocMemCache(name, {"OPTIONS": {"MAX_BYTES": max_bytes, "MAX_ENTRIES": 1000}})
    cache.clear()
    return cache


def test_the_page_cache_stays_within_its_bytes_and_drops_the_least_recently_used():
    cache = bounded("test-bounded-lru", 10_000)
    for index in range(30):
        cache.set(f"page{index}", b"x" * 1000)
        if index >= 3:
            cache.get("page0")  # page0 stays in use
        assert cache.size_in_bytes <= 10_000
    assert cache.get("page0") is not None
    assert cache.get("page29") is not None
    assert cache.get("page1") is None  # the least recently used went first
    assert cache.size_in_bytes == sum(len(k) + len(v) for k, v in cache._cache.items())


def test_an_entry_larger_than_the_budget_is_not_kept_and_replacing_one_frees_its_bytes():
    cache = bounded("test-bounded-large", 5_000)
    cache.set("small", b"x" * 100)
    used = cache.size_in_bytes
    cache.set("huge", b"x" * 6_000)
    assert cache.get("huge") is None and cache.size_in_bytes == used
    cache.set("small", b"x" * 10)
    assert cache.size_in_bytes < used
    cache.delete("small")
    assert cache.size_in_bytes == 0


def test_every_thread_sees_the_same_bytes_for_the_same_cache():
    first, second = bounded("test-bounded-shared", 5_000), BoundedLocMemCache("test-bounded-shared", {})
    first.set("a", "b")
    assert second.size_in_bytes == first.size_in_bytes > 0
    first.set("counter", 1)
    assert second.incr("counter", 10**30) == 10**30 + 1  # a longer value: its bytes are counted again
    assert first.size_in_bytes == sum(len(k) + len(v) for k, v in first._cache.items())
    second.clear()
    assert first.size_in_bytes == 0


def test_the_settings_keep_pages_and_counters_apart():
    assert isinstance(caches["default"], BoundedLocMemCache)
    assert isinstance(caches["ratelimit"], AtomicDatabaseCache)


@pytest.mark.django_db
def test_the_counter_store_increments_in_the_database_and_keeps_the_expiry():
    """Django's own incr would give the counter the default timeout of 300 s: a limit per second
    would then count on for five minutes."""
    counters = caches["ratelimit"]
    assert counters.add("client", 1, 1)
    assert not counters.add("client", 1, 1)
    assert [counters.incr("client") for _ in range(3)] == [2, 3, 4]
    assert counters.get("client") == 4
    time.sleep(2.1)
    assert counters.get("client") is None
    with pytest.raises(ValueError):
        counters.incr("client")
    with pytest.raises(ValueError):
        counters.incr("never-set")
