"""One import writes at a time.

Two imports writing at once would both insert the same new indicators and regions (on
PostgreSQL an IntegrityError for the second), so the write transaction of every import holds
one lock:

- PostgreSQL: a transaction-level advisory lock (`pg_advisory_xact_lock`), released at commit
  or rollback. A second import waits for it up to `LOCK_WAIT_SECONDS`, then is refused.
- SQLite: the settings open every transaction with `BEGIN IMMEDIATE`, which takes the database's
  write lock at once; a second writer waits for it up to the connection's `timeout` (settings).

Either way a second import that cannot get the lock in time is refused with `ImportRefused`
before it has written anything, never with a database traceback.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import OperationalError, connection, transaction
from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportRefused

#: Key of the advisory lock, the same for every import ("WijkKomp" as 8 bytes).
LOCK_KEY = int.from_bytes(b"WijkKomp", "big") >> 1
#: How long an import on PostgreSQL waits for another one to finish before it gives up.
LOCK_WAIT_SECONDS = 900.0
_POLL_SECONDS = 0.2


def busy_reason() -> str:
    return _("the database is busy with another import; nothing was changed. Try again later.")


def is_locked(error: OperationalError) -> bool:
    """SQLite's answer when another connection holds the write lock longer than the timeout."""
    return "database is locked" in str(error) or "database table is locked" in str(error)


@contextmanager
def import_transaction(path: Path) -> Iterator[None]:
    """`transaction.atomic()` that holds the import lock, refusing the import when the lock is
    not free in time."""
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                _wait_for_advisory_lock(path)
            yield
    except OperationalError as error:
        if is_locked(error):
            raise ImportRefused(busy_reason(), file=path) from None
        raise


def _wait_for_advisory_lock(path: Path) -> None:
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    with connection.cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_KEY])
            if cursor.fetchone()[0]:
                return
            if time.monotonic() >= deadline:
                raise ImportRefused(busy_reason(), file=path)
            time.sleep(_POLL_SECONDS)
