"""Load on one cached profile with a worker killed halfway: does the server keep answering?

Prepares a fresh database as `make run` does (SQLite, or a PostgreSQL database beside the one in
DATABASE_URL) and starts Gunicorn with gunicorn.conf.py and three workers on a free loopback
port. Every worker renders the profile once; then 50 keep-alive clients ask for it (compressed,
as browsers do) until the time is up, and halfway one worker is killed with SIGKILL. The master
starts a new one. Prints the requests, the errors (apart: connections that the killed worker held
when it died, which no server can save) and p50/p95/p99 latency. Exits 1 when any other error
occurred or p95 reached 100 ms. Only 127.0.0.1 is ever contacted.

    .venv/bin/python bench/load_failover.py [--clients 50] [--seconds 20] [--code WK036393]
"""

import argparse
import http.client
import os
import signal
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.server import (  # noqa: E402
    RunningServer, database_name, fresh_database, prepare, production_environment, serve,
)

HEADERS = {"Accept-Encoding": "gzip, deflate, br, zstd"}
WORKERS = 3
P95_TARGET_MS = 100
#: Errors a client sees when the process at the other end of its connection dies.
DROPPED = (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected, http.client.IncompleteRead)


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list[float] = field(default_factory=list)
    dropped_by_kill: int = 0
    other_errors: Counter = field(default_factory=Counter)
    started: float = 0.0
    killed_at: float | None = None


def client(port: int, path: str, deadline: float, results: Results) -> None:
    connection, opened = None, 0.0
    while time.monotonic() < deadline:
        if connection is None:
            connection, opened = http.client.HTTPConnection("127.0.0.1", port, timeout=30), time.monotonic()
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=HEADERS)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            connection = None
            killed_at = results.killed_at
            with results.lock:
                if isinstance(error, DROPPED) and killed_at is not None and opened < killed_at:
                    results.dropped_by_kill += 1
                else:
                    results.other_errors[type(error).__name__] += 1
            continue
        elapsed = time.perf_counter() - started
        with results.lock:
            if response.status == 200:
                results.latencies.append(elapsed)
            else:
                results.other_errors[f"HTTP {response.status}"] += 1
    if connection is not None:
        connection.close()


def warm_every_worker(port: int, path: str, *, rounds: int = 20) -> None:
    """Each worker has its own page cache: ask on many new connections at once, so every worker
    renders the page once before the clock starts."""
    for _ in range(rounds):
        threads = [threading.Thread(target=_one_request, args=(port, path)) for _ in range(WORKERS * 4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def _one_request(port: int, path: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers=HEADERS)
        connection.getresponse().read()
    finally:
        connection.close()


def kill_one_worker(server: RunningServer, results: Results, at: float) -> None:
    time.sleep(max(at - time.monotonic(), 0))
    victim = server.worker_pids()[0]
    results.killed_at = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    print(f"  killed worker {victim} after {at - results.started:.1f} s")


def report(results: Results, elapsed: float) -> bool:
    good = len(results.latencies)
    others = sum(results.other_errors.values())
    total = good + results.dropped_by_kill + others
    cuts = statistics.quantiles(results.latencies, n=100)
    p50, p95, p99 = (cuts[index] * 1000 for index in (49, 94, 98))
    print(f"  requests: {total} in {elapsed:.1f} s ({total / elapsed:.0f}/s), answered 200: {good}")
    print(f"  errors: {results.dropped_by_kill + others} "
          f"({results.dropped_by_kill} connections of the killed worker, {others} other)")
    for error, count in results.other_errors.most_common():
        print(f"    {error} x {count}")
    print(f"  latency p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms (target p95 < {P95_TARGET_MS} ms)")
    return others == 0 and p95 < P95_TARGET_MS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--code", default="WK036393", help="the profile asked for (a real area of the bundled data)")
    options = parser.parse_args()
    engine = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    path = f"/gebied/{options.code}/"
    with tempfile.TemporaryDirectory(prefix="wijkkompas-bench-") as temporary:
        folder = Path(temporary)
        with fresh_database(name=database_name("bench_failover"), folder=folder) as database_url:
            env = production_environment(database_url=database_url, static_root=folder / "static",
                                         WEB_CONCURRENCY=str(WORKERS))
            print(f"\nPreparing a fresh {engine} database (migrate, bundled data, static files) …")
            prepare(env=env)
            with serve(env=env, log_path=folder / "server.log") as server:
                port = urlsplit(server.base_url).port
                warm_every_worker(port, path)
                print(f"{options.clients} clients on {path} for {options.seconds:.0f} s, {WORKERS} workers, "
                      f"one killed halfway ({engine}):")
                results = Results()
                results.started = time.monotonic()
                deadline = results.started + options.seconds
                threads = [threading.Thread(target=client, args=(port, path, deadline, results))
                           for _ in range(options.clients)]
                threads.append(threading.Thread(
                    target=kill_one_worker, args=(server, results, results.started + options.seconds / 2)
                ))
                started = time.perf_counter()
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                passed = report(results, time.perf_counter() - started)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
