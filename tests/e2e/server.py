"""The real production server as a subprocess, on its own fresh database, for the end-to-end tests
and the benchmarks (bench/).

It is started the way `make run` starts it: Gunicorn with gunicorn.conf.py, DEBUG off, static
files collected and served by WhiteNoise. Only loopback addresses are used.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def fresh_database(*, name: str, folder: Path) -> Iterator[str]:
    """A new, empty database; yields its URL and removes it afterwards.

    PostgreSQL when DATABASE_URL points at a PostgreSQL server (a database called `name` is
    created beside the one named there), else a SQLite file in `folder`.
    """
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{folder / f'{name}.sqlite3'}"
        return
    import psycopg
    from psycopg import sql

    parts = urlsplit(base)
    admin_url = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(drop)
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(drop)


def database_name(purpose: str) -> str:
    """A name for a fresh database beside the one DATABASE_URL names, so that test runs on other
    databases of the same server (other checkouts, other people) never take the same one."""
    base = urlsplit(os.environ.get("DATABASE_URL", "")).path.strip("/")
    return f"{base}_{purpose}" if base else f"wijkkompas_{purpose}"


def production_environment(*, database_url: str, static_root: Path, **extra: str) -> dict[str, str]:
    """The environment `make run` gives the server, pointed at another database and static folder."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wijkkompas.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(static_root),
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def manage(*args: str, env: dict[str, str]) -> str:
    """Run a management command in a child process; raise with its output when it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare(*, env: dict[str, str]) -> None:
    """What `make run` does before serving: tables, the bundled data with scores, static files."""
    manage("migrate", "--noinput", env=env)
    manage("createcachetable", env=env)
    manage("load_bundled_data", "--if-empty", env=env)
    manage("collectstatic", "--noinput", env=env)


@dataclass(frozen=True)
class RunningServer:
    base_url: str
    log_path: Path
    master_pid: int

    def log_tail(self, characters: int = 4000) -> str:
        return self.log_path.read_text(errors="replace")[-characters:]

    def worker_pids(self) -> list[int]:
        """The Gunicorn workers now running (Linux: the master's child processes)."""
        children = Path(f"/proc/{self.master_pid}/task/{self.master_pid}/children").read_text()
        return [int(pid) for pid in children.split()]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serve(*, env: dict[str, str], log_path: Path, timeout: float = 30) -> Iterator[RunningServer]:
    """Gunicorn with the project's configuration on a free loopback port, until the block ends."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py",
        "--bind", f"127.0.0.1:{port}", "wijkkompas.wsgi",
    ]
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = RunningServer(base_url=f"http://127.0.0.1:{port}", log_path=log_path, master_pid=process.pid)
    try:
        _wait_until_answering(server, process, timeout=timeout)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_answering(server: RunningServer, process: subprocess.Popen, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server stopped while starting:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.base_url + "/", timeout=5):
                return
        except urllib.error.HTTPError:
            return  # It answers; what it answers is for the tests to judge.
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"The server did not answer within {timeout} s:\n{server.log_tail()}")
