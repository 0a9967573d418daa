"""Time 200 searches over the bundled data: postcodes, names with typos, aliases and "name town".

Runs the search selector (what the search page and /api/regions call) in this process against the
database DATABASE_URL names (SQLite in var/ by default), after `migrate` and `load_bundled_data
--if-empty`, and prints p50, p95 and the slowest search. Each query is searched once before timing, so the figures
are of a warm database as a running server has it.

    .venv/bin/python bench/search.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wijkkompas .venv/bin/python bench/search.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkkompas.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from wijkkompas.regions.selectors import search_results  # noqa: E402

SEARCHES = 200
#: The cases of issue 15 and some more as residents type them.
QUERIES = [
    "3523", "3523 AB", "1102", "Overveckt", "den haag", "Amsterdam Zuidoost", "Rotterdam-Zuid",
    "Overvecht Utrecht", "Schilderswijk", "Transvaal", "Bijlmer", "Utrecht", "Groningen Noord",
    "Schildersbuurt Den Haag", "Amsterdm", "Zuidoost", "Bos en Lommer", "Eindhoven Woensel",
    "Nieuw-West", "Leeuwarden-Oost",
]


def main() -> int:
    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_bundled_data", "--if-empty", verbosity=0)
    for query in QUERIES:
        search_results(query=query)
    durations = []
    for number in range(SEARCHES):
        query = QUERIES[number % len(QUERIES)]
        started = time.perf_counter()
        search_results(query=query)
        durations.append(((time.perf_counter() - started) * 1000, query))
    ordered = [milliseconds for milliseconds, _query in sorted(durations)]
    slowest_query = max(durations)[1]
    p95 = ordered[int(0.95 * len(ordered)) - 1]
    engine = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    print(f"{SEARCHES} searches over the bundled data, {engine}: p50 {statistics.median(ordered):.1f} ms, "
          f"p95 {p95:.1f} ms, slowest {ordered[-1]:.1f} ms ({slowest_query!r})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
