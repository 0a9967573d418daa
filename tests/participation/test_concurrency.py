"""Supports stay exact when many arrive at once: 30 people press "steun" twice at the same moment;
and two professionals closing one contribution at once do not both get through.

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

# Two professionals decide at the same moment: the row lock lets one through, the other then sees
# the new status, and the state machine has no step from one closing state to another.
from wijkkompas.accounts.models import RoleAssignment
from wijkkompas.participation.models import ContributionEvent
from wijkkompas.participation.workflow import Status, TransitionError

gemeente = Region.objects.create(code="GM9899", level="gemeente", name="Racegemeente", search_name="racegemeente")
from wijkkompas.regions.models import RegionYear
RegionYear.objects.create(region=gemeente, year=2024, name="Racegemeente")
RegionYear.objects.create(region=region, year=2024, name="Racebuurt", parent=gemeente)
deciders = [User.objects.create_user(f"prof{n}@example.org") for n in range(2)]
for decider in deciders:
    RoleAssignment.objects.create(user=decider, role="professional", region=gemeente)
decision_barrier = threading.Barrier(2)

def decide(pair):
    decider, to_status = pair
    try:
        decision_barrier.wait()
        services.change_status(actor=decider, contribution=Contribution.objects.get(pk=contribution.pk),
                               to_status=to_status, public_text="Besloten.")
        return "changed"
    except TransitionError:
        return "refused"
    finally:
        connection.close()

with ThreadPoolExecutor(max_workers=2) as pool:
    decisions = sorted(pool.map(decide, zip(deciders, [Status.IN_AGENDA, Status.DONE])))
print(json.dumps({"accepted": sum(results), "rows": Support.objects.filter(contribution=contribution).count(),
                  "decisions": decisions, "vendor": connection.vendor,
                  "status_events": ContributionEvent.objects.filter(contribution=contribution).count()}))
"""


def test_simultaneous_supports_count_once_and_simultaneous_decisions_do_not_both_pass(tmp_path):
    with separate_database(tmp_path) as environment:
        outcome = run_script(environment, SCRIPT)
    assert outcome["vendor"] == connection.vendor
    assert outcome["accepted"] == 30 and outcome["rows"] == 30
    assert outcome["decisions"] == ["changed", "refused"] and outcome["status_events"] == 1
