"""Delivery by real worker processes on a database of their own (SQLite or PostgreSQL, as the
test database): commits that really happen, a process that dies between the commit and the
enqueue, and several workers sending at the same time. Mail goes by SMTP to a server in this test."""

import json
import subprocess
import sys
import time

from tests.imports.separate_database import REPO, run_script, separate_database
from tests.notifications.smtp_server import free_port, smtp_server

PRELUDE = "import django, json\ndjango.setup()\n"

CRASH_AFTER_COMMIT = """
import os
from django.db import transaction
from tests.notifications.factories import EventFactory, FollowFactory
from wijkkompas.notifications.services import notify_change
with transaction.atomic():
    event = EventFactory()
    FollowFactory(contribution=event.contribution)
    transaction.on_commit(lambda: os._exit(9))  # runs first: the process dies before the enqueue
    notify_change(contribution=event.contribution, event=event)
"""

STATUSES = """
from wijkkompas.notifications.models import Notification
print(json.dumps(sorted(Notification.objects.values_list("status", flat=True))))
"""

WORKER = """
import pathlib, time
from wijkkompas.notifications.services import deliver_pending
pathlib.Path({ready!r}).touch()
while not pathlib.Path({go!r}).exists():
    time.sleep(0.005)
print(json.dumps(deliver_pending(limit=1000)))
"""


def _python(environment, script, **kwargs):
    return subprocess.Popen([sys.executable, "-c", PRELUDE + script], cwd=REPO, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def test_a_crash_between_commit_and_enqueue_loses_nothing(tmp_path):
    port = free_port()
    with separate_database(tmp_path) as environment, smtp_server(port) as server:
        environment = {**environment, "EMAIL_URL": f"smtp://127.0.0.1:{port}"}
        crashed = _python(environment, CRASH_AFTER_COMMIT)
        _out, errors = crashed.communicate(timeout=120)
        assert crashed.returncode == 9, errors
        assert run_script(environment, STATUSES) == ["pending", "pending"]
        assert server.message_ids() == {}

        run_script(environment, "from wijkkompas.notifications.tasks import sweep_notifications\n"
                                "sweep_notifications()\nprint(json.dumps(None))")
        assert run_script(environment, STATUSES) == ["sent", "sent"]
        assert sorted(server.message_ids().values()) == [1, 1]


def test_workers_at_the_same_time_never_send_one_notification_twice(tmp_path):
    port, workers, count = free_port(), 3, 300
    with separate_database(tmp_path) as environment, smtp_server(port, delay=0.005) as server:
        environment = {**environment, "EMAIL_URL": f"smtp://127.0.0.1:{port}"}
        run_script(environment, "from tests.notifications.factories import NotificationFactory\n"
                                f"NotificationFactory.create_batch({count})\nprint(json.dumps(None))")
        go = tmp_path / "go"
        ready = [tmp_path / f"ready{number}" for number in range(workers)]
        processes = [_python(environment, WORKER.format(ready=str(path), go=str(go))) for path in ready]
        deadline = time.monotonic() + 120
        while not all(path.exists() for path in ready) and time.monotonic() < deadline:
            time.sleep(0.05)
        go.touch()
        results = []
        for process in processes:
            output, errors = process.communicate(timeout=300)
            assert process.returncode == 0, errors
            results.append(json.loads(output.strip().splitlines()[-1]))

        received = server.message_ids()
        assert sum(results) == count
        assert len(received) == count and set(received.values()) == {1}
        assert sum(1 for sent in results if sent) >= 2, f"the workers did not overlap: {results}"
        assert run_script(environment, STATUSES) == ["sent"] * count
