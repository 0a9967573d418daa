"""Two cache backends with the guarantees this site relies on (settings.CACHES).

The page cache must stay within a memory budget whatever addresses are asked for, and the
rate-limit counters must count every request of every worker and server exactly.
"""

import base64
import pickle
from dataclasses import dataclass, field
from threading import Lock

from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connections, router, transaction
from django.utils.timezone import now as tz_now

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


@dataclass
class _Sizes:
    """The stored size of every entry of one named cache, shared by all its per-thread instances."""

    by_key: dict[str, int] = field(default_factory=dict)
    total: int = 0


_sizes: dict[str, _Sizes] = {}
_sizes_lock = Lock()


class BoundedLocMemCache(LocMemCache):
    """LocMemCache that also keeps its entries within OPTIONS["MAX_BYTES"] (pickled size plus key).

    MAX_ENTRIES alone does not bound memory: entries are whole pages of very different sizes.
    The least recently used entries make room; an entry larger than the whole budget is not kept.
    """

    def __init__(self, name, params):
        super().__init__(name, params)
        self.max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", DEFAULT_MAX_BYTES))
        with _sizes_lock:
            self._sizes = _sizes.setdefault(name, _Sizes())

    @property
    def size_in_bytes(self) -> int:
        return self._sizes.total

    def _set(self, key, value, timeout=None):
        """Called with the lock held and the value pickled."""
        self._delete(key)
        size = len(key) + len(value)
        if size > self.max_bytes:
            return
        while self._cache and self._sizes.total + size > self.max_bytes:
            self._delete(next(reversed(self._cache)))  # the least recently used
        super()._set(key, value, timeout)
        self._sizes.by_key[key] = size
        self._sizes.total += size

    def incr(self, key, delta=1, version=None):
        value = super().incr(key, delta, version)
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if key in self._cache:  # the new value may be longer than the old one
                size = len(key) + len(self._cache[key])
                self._sizes.total += size - self._sizes.by_key.get(key, 0)
                self._sizes.by_key[key] = size
        return value

    def _cull(self):
        if self._cull_frequency == 0:
            self._clear_entries()
            return
        for _ in range(len(self._cache) // self._cull_frequency):
            self._delete(next(reversed(self._cache)))

    def _delete(self, key):
        deleted = super()._delete(key)
        if deleted:
            self._sizes.total -= self._sizes.by_key.pop(key, 0)
        return deleted

    def clear(self):
        with self._lock:
            self._clear_entries()

    def _clear_entries(self):
        self._cache.clear()
        self._expire_info.clear()
        self._sizes.by_key.clear()
        self._sizes.total = 0


class AtomicDatabaseCache(DatabaseCache):
    """DatabaseCache whose `incr` is atomic, for counters that all workers and servers share.

    Django's own `incr` reads the value, adds and writes it back, so two requests at the same
    moment can count as one, and it resets the expiry. Here the row stays locked from read to
    write (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions in
    settings.DATABASES take the write lock at the start), and the expiry is left as it was.
    """

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, cache_key, expires = quote(self._table), quote("cache_key"), quote("expires")
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0))
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT value FROM {table} WHERE {cache_key} = %s AND {expires} > %s{lock}", [key, now]
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta
            stored = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET value = %s WHERE {cache_key} = %s", [stored, key])
        return value
