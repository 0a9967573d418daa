"""Residents answering the Leefbaarheidspeiling at once: 5,000 responses through the real HTTP server.

A fresh database (PostgreSQL beside DATABASE_URL when that names one, else SQLite) gets one
benchmark wijk under a benchmark gemeente (codes GM9998/WK999801, named "synthetisch"; no
figures), an open survey period, 1,000 signed-in residents (accounts and sessions written
directly: signing in is not what is measured) and 4,000 one-time paper codes. Gunicorn runs with
gunicorn.conf.py. Then 50 keep-alive clients, each acting for its own residents and codes, POST
the survey form on a fixed schedule (together --rate responses per second, default 160: an open
load, latency counted from the scheduled moment) until 5,000 are in; then 250 of them are sent
again with other answers (a response is changed, never doubled). The real CSRF check stays on.

Checks in the database that there is exactly one response per resident and per code, and that
the published results (selectors.results, what page, API and CSV show) equal a recount of the
answers the clients last sent. Prints throughput and p50/p95/p99. Exits 1 when a check fails.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wijkkompas .venv/bin/python bench/survey_responses.py
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.participation_writes import Client, Phase, run_phase, shell_json  # noqa: E402
from tests.e2e.server import database_name, fresh_database, manage, production_environment, serve  # noqa: E402

CLIENTS, RESIDENTS, CODES, CHANGES = 50, 1_000, 4_000, 250
AREA_CODE = "WK999801"
THEMES = ["bevolking", "wonen", "inkomen_werk", "onderwijs", "veiligheid", "voorzieningen", "gezondheid",
          "leefbaarheid", "energie", "omgeving"]
SAFE = ["altijd", "meestal", "soms", "nooit"]

SETUP = """
import datetime, json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from wijkkompas.accounts.models import RoleAssignment, User
from wijkkompas.regions.models import Level, Region, RegionYear
from wijkkompas.surveys import services
gemeente = Region.objects.create(code="GM9998", level=Level.MUNICIPALITY, name="Benchmarkgemeente (synthetisch)",
                                 search_name="benchmarkgemeente synthetisch", municipality_code="GM9998")
wijk = Region.objects.create(code="{code}", level=Level.DISTRICT, name="Benchmarkwijk (synthetisch)",
                             search_name="benchmarkwijk synthetisch", municipality_code="GM9998")
RegionYear.objects.create(region=gemeente, year=2024, name=gemeente.name)
RegionYear.objects.create(region=wijk, year=2024, name=wijk.name, parent=gemeente)
organiser = User.objects.create_user("organisator@bench.wijkkompas.example")
RoleAssignment.objects.create(user=organiser, role="bewonersvertegenwoordiger", region=gemeente)
professional = User.objects.create_user("professional@bench.wijkkompas.example")
RoleAssignment.objects.create(user=professional, role="professional", region=gemeente)
today = datetime.date.today()
period = services.create_period(actor=organiser, region=wijk, title="Benchmarkpeiling (synthetisch)",
                                starts_on=today, ends_on=today + datetime.timedelta(days=30))
services.change_period_status(actor=organiser, period=period, to_status="open")
codes = []
for _batch in range({codes} // 500):
    codes += [code.code for code in services.issue_paper_codes(actor=professional, period=period, count=500)]
keys = []
for number in range({residents}):
    user = User.objects.create_user(f"bewoner{{number}}@bench.wijkkompas.example")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    keys.append(session.session_key)
print(json.dumps({{"period": period.pk, "sessions": keys, "codes": codes}}))
"""

CHECK = """
import json
from django.db.models import Count
from wijkkompas.accounts.models import User
from wijkkompas.surveys import selectors, services
from wijkkompas.surveys.models import Response, SurveyPeriod
from wijkkompas.surveys.workflow import PeriodStatus
period = SurveyPeriod.objects.get(pk={period})
# Results are published once a period is closed (surveys/suppression.py, rule 5).
services.change_period_status(actor=User.objects.get(email="organisator@bench.wijkkompas.example"), period=period,
                              to_status=PeriodStatus.CLOSED)
period.refresh_from_db()
responses = Response.objects.filter(period=period)
doubled = (responses.filter(respondent__isnull=False).values("respondent").annotate(n=Count("id")).filter(n__gt=1).count()
           + responses.filter(paper_code__isnull=False).values("paper_code").annotate(n=Count("id")).filter(n__gt=1).count())
results = selectors.results(period=period)
published = {{question.key: {{option.value: option.count for option in question.options}} for question in results.questions
             if question.key in ("rapportcijfer", "veilig_avond", "eerst_beter")}}
print(json.dumps({{"responses": responses.count(), "accounts": responses.filter(respondent__isnull=False).count(),
                  "codes": responses.filter(paper_code__isnull=False).count(), "doubled": doubled,
                  "respondents": results.respondents, "published": published}}))
"""


def answers(rng: random.Random) -> dict[str, list[str]]:
    return {"rapportcijfer": [str(rng.randint(1, 10))], "veilig_avond": [rng.choice(SAFE)],
            "eerst_beter": rng.sample(THEMES, rng.randint(1, 3))}


def form_of(chosen: dict[str, list[str]], code: str = "") -> list[tuple[str, str]]:
    fields = [(f"v_{key}", value) for key, values in chosen.items() for value in values]
    return fields + ([("code", code)] if code else [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--rate", type=float, default=160, help="responses per second offered by all clients together")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    database = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")) else "SQLite"
    print(f"Survey responses on {database}: {CLIENTS} clients offering {options.rate:.0f} responses/s, "
          f"{RESIDENTS + CODES} responses ({RESIDENTS} signed in, {CODES} with a paper code), then {CHANGES} changed")

    with tempfile.TemporaryDirectory() as folder, fresh_database(name=database_name("bench_survey"), folder=Path(folder)) as url:
        # Behind one trusted proxy, as in production: people who answer with a paper code are not
        # signed in, and each is counted by their own address (the rate limits count per address).
        env = production_environment(database_url=url, static_root=Path(folder) / "static", TRUSTED_PROXY_COUNT="1")
        manage("migrate", "--noinput", env=env)
        manage("createcachetable", env=env)
        manage("collectstatic", "--noinput", env=env)
        world = shell_json(SETUP.format(code=AREA_CODE, residents=RESIDENTS, codes=CODES), env=env)
        identities = [("session", key) for key in world["sessions"]] + [("code", code) for code in world["codes"]]
        addresses = {code: f"10.{number // 65536}.{number // 256 % 256}.{number % 256}"
                     for number, code in enumerate(world["codes"], start=1)}
        rng.shuffle(identities)
        last_sent: dict[tuple[str, str], dict] = {}
        accepted: set[tuple[str, str]] = set()
        lock = threading.Lock()
        path = f"/gebied/{AREA_CODE}/peiling/?periode={world['period']}"

        with serve(env=env, log_path=Path(folder) / "server.log") as server:
            port = urlsplit(server.base_url).port
            clients = [Client(port, []) for _ in range(CLIENTS)]

            def respond(phase: Phase):
                def act(client: Client, item: tuple[tuple[str, str], dict], scheduled: float) -> None:
                    (kind, value), chosen = item
                    session = value if kind == "session" else ""
                    response = client.post(path, form_of(chosen, value if kind == "code" else ""), session, phase,
                                           scheduled, forwarded_for=addresses.get(value, ""))
                    if response is not None and response.status == 302:
                        with lock:
                            last_sent[(kind, value)] = chosen
                            accepted.add((kind, value))
                return act

            first = Phase("responses")
            work = [[(identity, answers(rng)) for identity in identities[i::CLIENTS]] for i in range(CLIENTS)]
            run_phase(first, clients, work, respond(first), rate=options.rate)
            changing = Phase("changed responses")
            changed = rng.sample(sorted(accepted), CHANGES)
            work = [[(identity, answers(rng)) for identity in changed[i::CLIENTS]] for i in range(CLIENTS)]
            run_phase(changing, clients, work, respond(changing), rate=options.rate)
        stored = shell_json(CHECK.format(period=world["period"]), env=env)

    print(f"Machine: {os.cpu_count()} cores; server: gunicorn.conf.py ({os.environ.get('WEB_CONCURRENCY', '3')} workers x 4 threads)")
    first.report()
    changing.report()
    recount: dict[str, Counter] = {key: Counter() for key in ("rapportcijfer", "veilig_avond", "eerst_beter")}
    for chosen in last_sent.values():
        for key, values in chosen.items():
            recount[key].update(values)
    failures = []
    if len(accepted) != len(identities):
        failures.append(f"{len(identities) - len(accepted)} of {len(identities)} responses were not accepted")
    if stored["responses"] != len(accepted) or stored["doubled"]:
        failures.append(f"{stored['responses']} responses stored for {len(accepted)} accepted, {stored['doubled']} doubled")
    if stored["respondents"] != len(accepted):
        failures.append(f"published respondents {stored['respondents']}, expected {len(accepted)}")
    for key, counts in recount.items():
        published = {value: count for value, count in stored["published"][key].items() if count}
        if published != dict(counts):
            failures.append(f"{key}: published {published} differs from the recount {dict(counts)}")
    print(f"Stored: {stored['responses']} responses ({stored['accounts']} signed in, {stored['codes']} with a code), "
          f"{stored['doubled']} doubled; published results equal the recount: {not failures}")
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
