"""Time the import of all bundled open data, scores included, on a fresh database.

Runs `manage.py load_bundled_data` (what `make run` does on a new machine) in a child process and
times each line it prints: one line per imported file, then one when the scores are computed.
SQLite in a temporary folder by default; a PostgreSQL database `wijkkompas_bench` beside the one
DATABASE_URL names when that is PostgreSQL. Target: under 60 seconds in all.

    .venv/bin/python bench/import_and_score.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wijkkompas .venv/bin/python bench/import_and_score.py
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.server import REPO, fresh_database, manage, production_environment  # noqa: E402

TARGET_SECONDS = 60


def timed_load(env: dict[str, str], folder: Path) -> tuple[list[tuple[float, str]], float, int]:
    """(seconds, line) per printed line, the total seconds and the child's peak RSS in KiB."""
    errors_path = folder / "load.stderr"
    start = previous = time.perf_counter()
    steps = []
    with open(errors_path, "w") as errors:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "load_bundled_data"],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=errors, text=True,
        )
        for line in process.stdout:
            now = time.perf_counter()
            steps.append((now - previous, line.rstrip()))
            previous = now
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    total = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"load_bundled_data failed:\n{errors_path.read_text()}")
    return steps, total, usage.ru_maxrss


def main() -> int:
    engine = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    with tempfile.TemporaryDirectory(prefix="wijkkompas-bench-") as temporary:
        folder = Path(temporary)
        with fresh_database(name="wijkkompas_bench", folder=folder) as database_url:
            env = production_environment(database_url=database_url, static_root=folder / "static")
            started = time.perf_counter()
            manage("migrate", "--noinput", env=env)
            migrate_seconds = time.perf_counter() - started
            steps, total, peak_kib = timed_load(env, folder)

    print(f"\nImport and scoring of the bundled data, {engine}, fresh database")
    print(f"  (migrate beforehand: {migrate_seconds:.1f} s, not counted; the first line includes start-up)")
    print(f"  {'seconds':>8}  step")
    for seconds, line in steps:
        print(f"  {seconds:8.2f}  {line}")
    verdict = "within" if total < TARGET_SECONDS else "OVER"
    print(f"  {total:8.2f}  total ({verdict} the target of {TARGET_SECONDS} s)")
    print(f"  peak RSS of the load process: {peak_kib / 1024:.0f} MiB")
    return 0 if total < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
