"""Residents writing at once: 2,000 contributions and 10,000 supports through the real HTTP server.

A fresh database (PostgreSQL beside DATABASE_URL when that names one, else SQLite) gets one
benchmark wijk under a benchmark gemeente (codes GM9999/WK999901, named "synthetisch"; no figures)
and 1,000 signed-in residents (accounts and sessions written directly: signing in is not what is
measured). Gunicorn runs with gunicorn.conf.py. Then 50 keep-alive clients, each acting for its
own 20 residents, POST the contribution form (as the second step after the near-duplicate check)
on a fixed schedule (together --rate writes per second, default 160: an open load, latency
counted from the scheduled moment) until 2,000 are in, and then 10,000 supports, most of them on a few popular contributions and some
repeated by the same resident (which must not count twice). The real CSRF check and rate limits
stay on; `--redis URL` keeps their counters in Redis, as CACHE_URL does in production.

Prints throughput and p50/p95/p99 latency per phase and checks in the database that no
contribution was lost or duplicated and every support count is exact. Exits 1 when a check fails,
or when p95 reaches 150 ms or throughput stays under 150 writes/s.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wijkkompas .venv/bin/python bench/participation_writes.py
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.server import database_name, fresh_database, manage, production_environment, serve  # noqa: E402

CLIENTS, RESIDENTS_PER_CLIENT = 50, 20
CONTRIBUTIONS, SUPPORTS = 2_000, 10_000
#: Supports mostly go to a few popular contributions, as they do when one issue stirs a neighbourhood.
POPULAR, POPULAR_SHARE, REPEAT_SHARE = 40, 0.7, 0.05
P95_TARGET_MS, THROUGHPUT_TARGET = 150, 150
AREA_CODE = "WK999901"

SETUP = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from wijkkompas.accounts.models import User
from wijkkompas.regions.models import Level, Region, RegionYear
gemeente = Region.objects.create(code="GM9999", level=Level.MUNICIPALITY, name="Benchmarkgemeente (synthetisch)",
                                 search_name="benchmarkgemeente synthetisch", municipality_code="GM9999")
wijk = Region.objects.create(code="{code}", level=Level.DISTRICT, name="Benchmarkwijk (synthetisch)",
                             search_name="benchmarkwijk synthetisch", municipality_code="GM9999")
RegionYear.objects.create(region=gemeente, year=2024, name=gemeente.name)
RegionYear.objects.create(region=wijk, year=2024, name=wijk.name, parent=gemeente)
keys = []
for number in range({residents}):
    user = User.objects.create_user(f"bewoner{{number}}@bench.wijkkompas.example")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    keys.append(session.session_key)
print(json.dumps(keys))
"""

CHECK = """
import json
from django.db.models import Count
from wijkkompas.participation.models import Contribution, Support
titles = list(Contribution.objects.values_list("title", flat=True))
counts = dict(Support.objects.values_list("contribution_id").annotate(n=Count("id")).values_list("contribution_id", "n"))
print(json.dumps({{"titles": titles, "supports": {{str(k): v for k, v in counts.items()}}}}))
"""


@dataclass
class Phase:
    name: str
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def record(self, started: float, status: int | str) -> None:
        with self.lock:
            self.latencies.append((time.perf_counter() - started) * 1000)
            self.statuses[status] += 1

    def report(self) -> tuple[float, float]:
        ordered = sorted(self.latencies)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        throughput = len(ordered) / self.seconds
        print(f"{self.name}: {len(ordered)} writes in {self.seconds:.1f} s = {throughput:.0f} writes/s; "
              f"p50 {statistics.median(ordered):.0f} ms, p95 {p95:.0f} ms, "
              f"p99 {ordered[int(0.99 * (len(ordered) - 1))]:.0f} ms; answers {dict(self.statuses)}")
        return p95, throughput


class Client:
    """One keep-alive connection posting for its own residents, with the CSRF check passed as a browser does."""

    def __init__(self, port: int, sessions: list[str]) -> None:
        self.port = port
        self.connection = self.connect()
        self.sessions = sessions
        self.csrf = secrets.token_hex(16)  # 32 characters: the form a CSRF cookie takes

    def post(self, path: str, form: dict[str, str], session: str, phase: Phase,
             scheduled: float, *, forwarded_for: str = "") -> http.client.HTTPResponse | None:
        """`forwarded_for`: the resident's own address as a trusted proxy passes it on
        (X-Forwarded-For, with TRUSTED_PROXY_COUNT=1 on the server), for what is counted per address."""
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={session}; csrftoken={self.csrf}",
            "X-CSRFToken": self.csrf,
        }
        if forwarded_for:
            headers["X-Forwarded-For"] = forwarded_for
        try:
            self.connection.request("POST", path, body=urlencode(form), headers=headers)
            response = self.connection.getresponse()
            response.read()
        except (ConnectionError, http.client.HTTPException) as error:
            # Counted, not retried: a retry could hide a lost or a doubled write.
            self.connection.close()
            self.connection = self.connect()
            phase.record(scheduled, type(error).__name__)
            return None
        phase.record(scheduled, response.status)
        return response

    def connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)


def shell_json(code: str, *, env: dict[str, str]):
    """What a snippet run by `manage.py shell` printed last, as JSON."""
    return json.loads(manage("shell", "--verbosity", "0", "-c", code, env=env).strip().splitlines()[-1])


def run_phase(phase: Phase, clients: list[Client], work: list[list], act, *, rate: float) -> None:
    """Every client sends its items on a fixed schedule, together `rate` writes per second (an open
    load, as residents do not wait for each other). Latency counts from the scheduled moment, so a
    server that falls behind is not flattered by clients that wait for it."""
    interval = len(clients) / rate
    start = time.perf_counter() + 0.5

    def send_all(index: int, client: Client, items: list) -> None:
        for number, item in enumerate(items):
            scheduled = start + (number + index / len(clients)) * interval
            time.sleep(max(0.0, scheduled - time.perf_counter()))
            act(client, item, scheduled)

    for client in clients:  # a connection left idle since the last phase may have been closed by the server
        client.connection.close()
        client.connection = client.connect()
    threads = [threading.Thread(target=send_all, args=(i, c, w)) for i, (c, w) in enumerate(zip(clients, work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase.seconds = time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--rate", type=float, default=160, help="writes per second offered by all clients together")
    parser.add_argument("--redis", metavar="URL", default="",
                        help="a Redis database of the benchmark's own (emptied first) for the rate-limit counters "
                             "and the worker's queue, as CACHE_URL gives them in production")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    database = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")) else "SQLite"
    print(f"Participation writes on {database}: {CLIENTS} clients offering {options.rate:.0f} writes/s, "
          f"{CONTRIBUTIONS} contributions, {SUPPORTS} supports")

    with tempfile.TemporaryDirectory() as folder, fresh_database(name=database_name("bench_writes"), folder=Path(folder)) as url:
        env = production_environment(database_url=url, static_root=Path(folder) / "static", CACHE_URL=options.redis)
        if options.redis:
            import redis

            redis.Redis.from_url(options.redis).flushdb()  # counters of an earlier run would count against this one
        manage("migrate", "--noinput", env=env)
        manage("createcachetable", env=env)
        manage("collectstatic", "--noinput", env=env)
        sessions = shell_json(SETUP.format(code=AREA_CODE, residents=CLIENTS * RESIDENTS_PER_CLIENT), env=env)
        with serve(env=env, log_path=Path(folder) / "server.log") as server:
            port = urlsplit(server.base_url).port
            clients = [Client(port, sessions[i * RESIDENTS_PER_CLIENT:(i + 1) * RESIDENTS_PER_CLIENT]) for i in range(CLIENTS)]
            created: list[int] = []
            created_lock = threading.Lock()

            def submit(client: Client, number: int, scheduled: float) -> None:
                form = {"kind": "idee", "title": f"Benchmarkbijdrage {number}", "theme": "leefbaarheid",
                        "text": f"Synthetische tekst voor de benchmark, nummer {number}.", "confirmed_new": "on"}
                response = client.post(f"/gebied/{AREA_CODE}/inbreng/", form, client.sessions[number % RESIDENTS_PER_CLIENT],
                                       submitting, scheduled)
                location = response.getheader("Location", "") if response else ""
                if response and response.status == 302 and location.startswith("/inbreng/"):
                    with created_lock:
                        created.append(int(location.strip("/").split("/")[-1]))

            submitting = Phase("contributions")
            numbers = list(range(CONTRIBUTIONS))
            run_phase(submitting, clients, [numbers[i::CLIENTS] for i in range(CLIENTS)], submit, rate=options.rate)

            popular = created[:POPULAR]
            supporting = Phase("supports")
            work: list[list] = [[] for _ in clients]
            for index in range(SUPPORTS):
                owner = index % CLIENTS
                session = rng.choice(clients[owner].sessions)
                previous = [pair for pair in work[owner][-5:] if pair[0] == session]
                if previous and rng.random() < REPEAT_SHARE:
                    target = previous[-1][1]  # the same resident supports the same one again
                else:
                    target = rng.choice(popular) if rng.random() < POPULAR_SHARE else rng.choice(created)
                work[owner].append((session, target))
            accepted: set[tuple[str, int]] = set()
            accepted_lock = threading.Lock()

            def support(client: Client, pair: tuple[str, int], scheduled: float) -> None:
                response = client.post(f"/inbreng/{pair[1]}/steunen/", {}, pair[0], supporting, scheduled)
                if response and response.status == 302:
                    with accepted_lock:
                        accepted.add(pair)

            run_phase(supporting, clients, work, support, rate=options.rate)
            attempted = {pair for items in work for pair in items}

        stored = shell_json(CHECK.format(), env=env)

    store = f"Redis ({options.redis})" if options.redis else "the database"
    print(f"Machine: {os.cpu_count()} cores; server: gunicorn.conf.py ({os.environ.get('WEB_CONCURRENCY', '3')} workers x 4 threads); "
          f"rate-limit counters in {store}")
    p95_submit, rate_submit = submitting.report()
    p95_support, rate_support = supporting.report()
    failures = []
    titles = Counter(stored["titles"])
    if len(titles) != CONTRIBUTIONS or any(count > 1 for count in titles.values()):
        failures.append(f"{len(stored['titles'])} contributions stored for {CONTRIBUTIONS} submitted ({len(titles)} distinct)")
    expected = Counter(target for _session, target in accepted)
    actual = {int(key): value for key, value in stored["supports"].items()}
    if dict(expected) != actual or len(accepted) != len(attempted):
        failures.append(f"supports: {sum(actual.values())} stored, {len(accepted)} distinct accepted of {len(attempted)} distinct attempted")
    print(f"Stored: {len(stored['titles'])} contributions, {sum(actual.values())} supports "
          f"({SUPPORTS - len(attempted)} repeated supports not counted); counts exact: {dict(expected) == actual}")
    for name, p95, rate in (("contributions", p95_submit, rate_submit), ("supports", p95_support, rate_support)):
        if p95 >= P95_TARGET_MS:
            failures.append(f"{name}: p95 {p95:.0f} ms, target under {P95_TARGET_MS} ms")
        if rate < THROUGHPUT_TARGET:
            failures.append(f"{name}: {rate:.0f} writes/s, target at least {THROUGHPUT_TARGET}")
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
