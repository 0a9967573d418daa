"""The audit log is append-only: in the ORM and in the database itself (triggers)."""

import pytest
from django.db import DatabaseError, connection, transaction

from tests.accounts.factories import UserFactory
from wijkkompas.core import audit
from wijkkompas.core.models import AppendOnlyError, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return audit.record(UserFactory(), "contribution.status", "contribution:12", details={"to": "afgerond"})


def test_record_appends_an_event_with_actor_target_and_details(event):
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.action, stored.target, stored.details) == ("contribution.status", "contribution:12", {"to": "afgerond"})
    assert stored.actor == event.actor and stored.created is not None


def test_an_anonymous_actor_is_stored_as_none():
    from django.contrib.auth.models import AnonymousUser

    assert audit.record(AnonymousUser(), "data.export", "region:GM0363").actor is None


def test_the_orm_refuses_to_change_or_delete_events(event):
    event.action = "something else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_update([event], ["action"])
    assert AuditEvent.objects.get(pk=event.pk).action == "contribution.status"


@pytest.mark.parametrize("statement", [
    "UPDATE core_auditevent SET action = 'x' WHERE id = %s",
    "DELETE FROM core_auditevent WHERE id = %s",
])
def test_the_database_refuses_raw_updates_and_deletes(event, statement):
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, action="contribution.status").exists()


def test_the_database_refuses_truncate_on_postgresql():
    """On an empty table in this transaction: a new row's pending FK checks would refuse it first."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("TRUNCATE core_auditevent CASCADE")
