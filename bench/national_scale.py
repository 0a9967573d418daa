"""National scale: every region of the Netherlands, 20 years, 120 indicators (about 44 million
values), imported through the normal importer and scored, then the profile under load.

The values are generated (`bench/synthetic_kwb.py`, seeded random numbers under a source that says
it is synthetic) into a temporary folder and imported into a database of their own that is
dropped and created for the run (`--database`, default `wk_bench_national` beside the one
DATABASE_URL names; SQLite in the temporary folder when DATABASE_URL is not PostgreSQL). Nothing
generated is kept. Each year is one file for `cbs-kwb-odata`; then `scores_recompute` runs once.

Prints rows, values, seconds and peak memory (RSS, sampled) per phase, and p50/p95/p99 of the
profile page and JSON at 20 keep-alive clients on that database. Targets on a 2-core machine
with PostgreSQL: import and scoring under 5 minutes, import memory under 1.5 GB, and with
`--baseline-p95 PAGE,JSON` (milliseconds, from `bench/load_profile.py` on the bundled data) the
p95s within 20% of it. Exits 1 when a target is missed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wijkkompas .venv/bin/python bench/national_scale.py
    … --years 3   (a slice for development: the first 3 of the 20 years)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.load_profile import CODES, measure, profile_urls, report  # noqa: E402
from tests.e2e.server import fresh_database, manage, production_environment, serve  # noqa: E402

FIRST_YEAR, YEARS, INDICATORS = 2005, 20, 120
IMPORT_AND_SCORE_SECONDS = 300
IMPORT_PEAK_BYTES = 1.5 * 1024**3
P95_MARGIN = 1.20
#: The load benchmark's regions, with Amsterdam's two wijken that were renumbered by 2024 swapped
#: for two of its 2024 wijken, so every address exists in the 2024 indeling.
NATIONAL_CODES = [{"WK036393": "WK0363AA", "WK036325": "WK0363AE"}.get(code, code) for code in CODES]
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


class PeakMemory:
    """The highest resident set size of this process per phase, sampled every 20 ms."""

    def __init__(self) -> None:
        self.current_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @staticmethod
    def rss() -> int:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.current_peak = max(self.current_peak, self.rss())

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @contextlib.contextmanager
    def phase(self) -> Iterator[dict]:
        """Yields a dict that holds `seconds` and `peak` (bytes) after the block."""
        self.current_peak = self.rss()
        figures: dict = {}
        started = time.perf_counter()
        try:
            yield figures
        finally:
            figures["seconds"] = time.perf_counter() - started
            figures["peak"] = max(self.current_peak, self.rss())


@dataclass
class Figures:
    rows: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def line(self, text: str) -> None:
        print(text, flush=True)
        self.rows.append(text)

    def target(self, name: str, held: bool, detail: str) -> None:
        self.line(f"  target {name}: {'held' if held else 'MISSED'} ({detail})")
        if not held:
            self.missed.append(name)


def mib(size: float) -> str:
    return f"{size / 1024**2:,.0f} MiB"


def django_setup(database_url: str) -> None:
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "wijkkompas.settings", "DEBUG": "0", "DATABASE_URL": database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40),
    })
    import django

    django.setup()


def import_and_score(options, folder: Path, memory: PeakMemory, out: Figures) -> None:
    """Generate, import year by year, score once; prints the figures of each phase."""
    from django.core.management import call_command

    from bench import synthetic_kwb
    from wijkkompas.imports.services import import_file
    from wijkkompas.indicators.models import Observation
    from wijkkompas.scores.services import scores_recompute

    years = list(range(options.first_year, options.first_year + options.years))
    call_command("migrate", "--noinput", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the shared page and rate-limit caches, as `make run` makes
    with memory.phase() as generated:
        plan = synthetic_kwb.make_plan(years=years, indicators=options.indicators)
        paths = [synthetic_kwb.write_year(plan, year, folder, seed=options.seed) for year in years]
    size = sum(path.stat().st_size for path in paths)
    lent = len(plan.lent_keys)
    out.line(f"\nGenerated (synthetic, seed {options.seed}): {len(plan.regions):,} regions x {len(years)} years x "
             f"{len(plan.columns)} indicators = {plan.value_count:,} values; {len(paths)} files, {mib(size)}, "
             f"{generated['seconds']:.1f} s (not counted)")
    out.line(f"  indicators: {len(plan.columns) - lent} on key stems the importer maps, {lent} on benchmark stems "
             f"lent to it; {sum(c.indicator.direction != 'neutral' and not c.indicator.score_exclusion for c in plan.columns)} scored")
    out.line(f"  {'phase':22} {'rows':>8} {'values':>11} {'seconds':>8} {'peak RSS':>10}")
    import_seconds, import_peak = 0.0, 0
    with synthetic_kwb.bench_odata_keys(plan):
        for year, path in zip(years, paths, strict=True):
            with memory.phase() as phase:
                run = import_file(source="cbs-kwb-odata", path=path)
                synthetic_kwb.mark_synthetic([year])
            import_seconds += phase["seconds"]
            import_peak = max(import_peak, phase["peak"])
            out.line(f"  {f'import {year}':22} {run.rows_read:8,} {run.observations_created + run.observations_updated:11,} "
                     f"{phase['seconds']:8.1f} {mib(phase['peak']):>10}")
    values = Observation.objects.count()
    out.line(f"  {'import, all years':22} {'':8} {values:11,} {import_seconds:8.1f} {mib(import_peak):>10}")
    with memory.phase() as scoring:
        result = scores_recompute()
    out.line(f"  {'scores_recompute':22} {result.score_count:8,} {result.basis_count:11,} "
             f"{scoring['seconds']:8.1f} {mib(scoring['peak']):>10}   (rows: scores, values: basis rows)")
    total = import_seconds + scoring["seconds"]
    full = options.years == YEARS and options.indicators == INDICATORS
    out.target("import and scoring under 5 minutes", total < IMPORT_AND_SCORE_SECONDS,
               f"{total:.1f} s{'' if full else ', a slice only'}")
    out.target("import memory under 1.5 GB", import_peak < IMPORT_PEAK_BYTES, f"peak RSS {mib(import_peak)}")


def load(options, database_url: str, folder: Path, out: Figures) -> None:
    env = production_environment(database_url=database_url, static_root=folder / "static", API_RATE_LIMIT="1000000/m")
    manage("collectstatic", "--noinput", env=env)
    with serve(env=env, log_path=folder / "server.log") as server:
        results, elapsed, cold = measure(
            urlsplit(server.base_url).port, profile_urls(NATIONAL_CODES),
            clients=options.clients, seconds=options.seconds, requests=options.requests,
        )
    out.line(f"\nLoad on the profile of the national database: {options.clients} keep-alive clients, "
             f"at most {options.seconds:.0f} s or {options.requests} requests each")
    figures = report(results, elapsed, cold)
    if results.errors:
        out.missed.append("no errors under load")
    if options.baseline_p95:
        for endpoint, baseline in zip(("profile page", "profile JSON"), options.baseline_p95, strict=True):
            p95 = figures.get(endpoint, (0, float("inf"), 0))[1]
            out.target(f"{endpoint} p95 within 20% of today", p95 <= baseline * P95_MARGIN,
                       f"{p95:.1f} ms against {baseline:.1f} ms, x{p95 / baseline:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=YEARS, help=f"how many years from --first-year (default {YEARS})")
    parser.add_argument("--first-year", type=int, default=FIRST_YEAR)
    parser.add_argument("--indicators", type=int, default=INDICATORS)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--database", default="wk_bench_national", help="PostgreSQL database to drop and create")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--no-load", action="store_true", help="leave out the load on the profile")
    parser.add_argument("--baseline-p95", type=lambda text: [float(part) for part in text.split(",")],
                        help="p95 ms of the profile page and JSON today (PAGE,JSON), from bench/load_profile.py")
    options = parser.parse_args()

    engine = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    out = Figures()
    print(f"National scale on {engine}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="wijkkompas-national-") as temporary:
        folder = Path(temporary)
        with fresh_database(name=options.database, folder=folder) as database_url, PeakMemory() as memory:
            django_setup(database_url)
            import_and_score(options, folder, memory, out)
            from django.db import connections

            connections.close_all()
            if not options.no_load:
                load(options, database_url, folder, out)
    if out.missed:
        print(f"\nMissed: {', '.join(out.missed)}")
    return 1 if out.missed else 0


if __name__ == "__main__":
    sys.exit(main())
