"""Supports stay exact when many arrive at once: 30 people press "steun" twice at the same moment.

Real concurrent transactions need their own committed database (tests/imports/separate_database.py):
on PostgreSQL 60 threads with their own connections race on the unique constraint; on SQLite
they take turns on its write lock. Either way each person counts once.
"""

import pytest
from django.db import connection

from tests.imports.separate_database import run_script, separate_database

pytestmark = pytest.mark.django_db

SCRIPT = """
import threading
from concurrent.futures import ThreadPoolExecutor
from django.db import connection
from wijkkompas.accounts.models import User
from wijkkompas.participation import services
from wijkkompas.participation.models import Contribution, Support
from wijkkompas.regions.models import Region

PEOPLE, TRIES = 30, 2
region = Region.objects.create(code="BU98990101", level="buurt", name="Racebuurt", search_name="racebuurt")
contribution = Contribution.objects.create(kind="idee", title="Bankje", text="Een bankje.", theme="leefbaarheid",
                                           region=region)
users = [User.objects.create_user(f"racer{n}@example.org") for n in range(PEOPLE)]
barrier = threading.Barrier(PEOPLE * TRIES)

def press(user):
    try:
        barrier.wait()
        return services.support(user=user, contribution=contribution)
    finally:
        connection.close()

with ThreadPoolExecutor(max_workers=PEOPLE * TRIES) as pool:
    results = list(pool.map(press, [user for user in users for _ in range(TRIES)]))
print(json.dumps({"accepted": sum(results), "rows": Support.objects.filter(contribution=contribution).count(),
                  "vendor": connection.vendor}))
"""


def test_simultaneous_supports_count_each_person_once(tmp_path):
    with separate_database(tmp_path) as environment:
        outcome = run_script(environment, SCRIPT)
    assert outcome["vendor"] == connection.vendor
    assert outcome["accepted"] == 30 and outcome["rows"] == 30
