"""A database of its own, migrated and used by separate processes, for tests of imports that run
at the same time.

Concurrent imports need connections that really commit. In the test database that would mean
`transactional_db`, whose flush wipes the session's bundled data, and `serialized_rollback`
would restore the state from before that data was loaded. So these tests never touch the test
database: they create another one (an SQLite file in the test's folder, or a PostgreSQL
database named after the test database), migrate it in a subprocess, run `manage.py` or a small
script in processes with their own connections, and drop it afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from django.db import connection

REPO = Path(__file__).resolve().parents[2]


@contextmanager
def separate_database(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of a process that uses a fresh, migrated database of the same kind as the
    test database."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        name = f"{settings['NAME']}_concurrent"
        server = {"host": settings["HOST"] or "127.0.0.1", "port": settings["PORT"] or 5432, "user": settings["USER"]}
        url = f"postgres://{server['user']}@{server['host']}:{server['port']}/{name}"
        _admin(server, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    else:
        name, server = "", {}
        url = f"sqlite:///{tmp_path / 'separate.sqlite3'}"
    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    try:
        run_manage(environment, "migrate", "--no-input", "-v", "0", check=True)
        yield environment
    finally:
        if name:
            _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin(server: dict, *statements: str) -> None:
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        for statement in statements:
            admin.execute(statement)


def run_manage(environment: dict[str, str], *arguments: str, check: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "manage.py"), *arguments],
        cwd=REPO, env=environment, capture_output=True, text=True, check=check, timeout=600,
    )


def start_manage(environment: dict[str, str], *arguments: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(REPO / "manage.py"), *arguments],
        cwd=REPO, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def run_script(environment: dict[str, str], script: str) -> dict:
    """Run `script` with Django set up on the separate database; it prints one JSON object last."""
    prelude = "import django, json\ndjango.setup()\n"
    done = subprocess.run(
        [sys.executable, "-c", prelude + script], cwd=REPO, env=environment, capture_output=True, text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def count_rows(environment: dict[str, str]) -> dict:
    """Regions, regions named by their code, figures and import runs by status in the separate database."""
    return run_script(environment, (
        "from django.db.models import F\n"
        "from wijkkompas.imports.models import ImportRun\n"
        "from wijkkompas.indicators.models import Observation\n"
        "from wijkkompas.regions.models import Region\n"
        "print(json.dumps({'regions': Region.objects.count(), 'figures': Observation.objects.count(),\n"
        "    'named_by_code': Region.objects.filter(name=F('code')).count(),\n"
        "    'runs': sorted(ImportRun.objects.values_list('status', flat=True))}))\n"
    ))
