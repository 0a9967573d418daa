"""Load on the production server: concurrent keep-alive clients on profile pages and profile JSON.

Prepares a fresh database as `make run` does (SQLite, or a PostgreSQL database `wijkkompas_bench`
when DATABASE_URL points at PostgreSQL) and starts Gunicorn with gunicorn.conf.py on a free
loopback port. Times the first, uncached render of every URL; asks every URL on several
connections at once to warm up every worker; then lets the clients run until the time is up or
each has made its number of requests. Clients ask for compressed responses, as every browser
does. Prints requests per second, p50/p95/p99 latency per endpoint and the errors. Only
127.0.0.1 is ever contacted.

    .venv/bin/python bench/load_profile.py [--clients 20] [--seconds 20] [--requests 5000]
"""

import argparse
import http.client
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from itertools import cycle, islice, product
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.server import fresh_database, prepare, production_environment, serve  # noqa: E402

# Real regions of the bundled data: municipalities and districts across the country,
# Amsterdam's among them (the city with the most sources).
CODES = [
    "GM0363", "GM0344", "GM0599", "GM0518", "GM0772",
    "WK036393", "WK034403", "WK036325", "WK001400", "WK051807",
]
ENDPOINTS = {"profile page": "/gebied/{code}/", "profile JSON": "/api/regions/{code}"}
#: What Chromium sends; the server answers gzip.
HEADERS = {"Accept-Encoding": "gzip, deflate, br, zstd"}


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter[tuple[str, str]] = Counter()

    def record(self, endpoint: str, seconds: float, error: str | None) -> None:
        with self.lock:
            if error:
                self.errors[endpoint, error] += 1
            else:
                self.latencies[endpoint].append(seconds)


def client(port: int, requests: list[tuple[str, str]], deadline: float, results: Results) -> None:
    """One client: its own keep-alive connection, reopened after a failure."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    for endpoint, path in requests:
        if time.monotonic() >= deadline:
            break
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=HEADERS)
            response = connection.getresponse()
            response.read()
            error = None if response.status == 200 else f"HTTP {response.status}"
        except (OSError, http.client.HTTPException) as failure:
            error = type(failure).__name__
            connection.close()
        results.record(endpoint, time.perf_counter() - started, error)
    connection.close()


def first_renders(port: int, urls: list[tuple[str, str]]) -> list[tuple[float, str]]:
    """Ask every URL once, one after the other, before anything is cached: (seconds, path)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    timings = []
    for _, path in urls:
        started = time.perf_counter()
        connection.request("GET", path, headers=HEADERS)
        connection.getresponse().read()
        timings.append((time.perf_counter() - started, path))
    connection.close()
    return timings


def warm_up(port: int, urls: list[tuple[str, str]], *, connections: int = 8) -> None:
    """Ask every URL on several connections at once, so every worker process has it cached."""

    def ask_all() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _, path in urls:
            connection.request("GET", path, headers=HEADERS)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                print(f"  warm-up: GET {path} answered {response.status}")
        connection.close()

    threads = [threading.Thread(target=ask_all) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def latency_percentiles(values: list[float]) -> tuple[float, float, float]:
    """p50, p95 and p99 in milliseconds."""
    cuts = statistics.quantiles(values, n=100)
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


def report(results: Results, elapsed: float, cold: list[tuple[float, str]]) -> dict[str, tuple[float, float, float]]:
    """Print the figures; returns p50, p95 and p99 (ms) per endpoint that had enough good responses."""
    slowest, slowest_path = max(cold)
    print(f"  first render of each address (nothing cached): median {statistics.median(t for t, _ in cold) * 1000:.0f} ms, "
          f"slowest {slowest * 1000:.0f} ms ({slowest_path})")
    total = sum(len(values) for values in results.latencies.values())
    print(f"  {total} good responses in {elapsed:.1f} s: {total / elapsed:.0f} requests/s")
    figures = {}
    print(f"  {'endpoint':14} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for endpoint in ENDPOINTS:
        values = results.latencies.get(endpoint, [])
        if len(values) < 2:
            print(f"  {endpoint:14} {len(values):8}   (too few good responses for percentiles)")
            continue
        p50, p95, p99 = figures[endpoint] = latency_percentiles(values)
        print(f"  {endpoint:14} {len(values):8} {len(values) / elapsed:7.0f} {p50:7.1f} {p95:7.1f} {p99:7.1f}")
    errors = sum(results.errors.values())
    print(f"  errors: {errors}")
    for (endpoint, error), count in results.errors.most_common():
        print(f"    {endpoint}: {error} x {count}")
    return figures


def profile_urls(codes: list[str]) -> list[tuple[str, str]]:
    """(endpoint, path) of every endpoint for every code."""
    return [(name, template.format(code=code)) for (name, template), code in product(ENDPOINTS.items(), codes)]


def measure(
    port: int, urls: list[tuple[str, str]], *, clients: int, seconds: float, requests: int
) -> tuple[Results, float, list[tuple[float, str]]]:
    """First renders, warm-up, then `clients` keep-alive clients: (results, elapsed seconds, first renders)."""
    results = Results()
    cold = first_renders(port, urls)
    warm_up(port, urls)
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=client,
            args=(port, list(islice(cycle(urls[offset:] + urls[:offset]), requests)), deadline, results),
        )
        for offset in (index % len(urls) for index in range(clients))
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started, cold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20, help="stop after this long")
    parser.add_argument("--requests", type=int, default=5000, help="stop each client after this many")
    options = parser.parse_args()

    engine = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    with tempfile.TemporaryDirectory(prefix="wijkkompas-bench-") as temporary:
        folder = Path(temporary)
        with fresh_database(name="wijkkompas_bench", folder=folder) as database_url:
            # A generous rate limit: this measures the application, not the limiter.
            env = production_environment(
                database_url=database_url, static_root=folder / "static", API_RATE_LIMIT="1000000/m"
            )
            print(f"\nPreparing a fresh {engine} database (migrate, bundled data, static files) …")
            prepare(env=env)
            with serve(env=env, log_path=folder / "server.log") as server:
                results, elapsed, cold = measure(
                    urlsplit(server.base_url).port, profile_urls(CODES),
                    clients=options.clients, seconds=options.seconds, requests=options.requests,
                )

    print(f"Load on the profile, {engine}: {options.clients} keep-alive clients, "
          f"at most {options.seconds:.0f} s or {options.requests} requests each, Gunicorn as gunicorn.conf.py sets it")
    report(results, elapsed, cold)
    return 1 if results.errors else 0


if __name__ == "__main__":
    sys.exit(main())
