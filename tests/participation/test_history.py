"""The trail cannot be changed or deleted: not through the ORM, not with SQL (database triggers)."""

import pytest
from django.db import DatabaseError, connection, transaction

from tests.participation.factories import ContributionFactory, UserFactory
from wijkkompas.participation.models import AppendOnlyError, Contribution, ContributionEvent, EventKind
from wijkkompas.participation.workflow import Status

pytestmark = pytest.mark.django_db
TABLE = ContributionEvent._meta.db_table


@pytest.fixture
def event():
    return ContributionFactory().events.get()


def test_orm_refuses_to_change_a_saved_event(event):
    event.public_text = "Toch anders"
    with pytest.raises(AppendOnlyError):
        event.save()


def test_orm_refuses_to_delete(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        ContributionEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        ContributionEvent.objects.all().update(public_text="weg")
    with pytest.raises(AppendOnlyError):
        ContributionEvent.objects.bulk_update([event], ["public_text"])
    assert ContributionEvent.objects.filter(pk=event.pk, public_text="").exists()


@pytest.mark.parametrize("statement", [
    f"UPDATE {TABLE} SET public_text = 'herschreven' WHERE id = %s",
    f"UPDATE {TABLE} SET to_status = 'afgerond' WHERE id = %s",
    f"DELETE FROM {TABLE} WHERE id = %s",
])
def test_database_refuses_sql_that_changes_or_deletes(event, statement):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [event.pk])
    reread = ContributionEvent.objects.get(pk=event.pk)
    assert (reread.public_text, reread.to_status) == ("", Status.RECEIVED)


def test_database_refuses_to_change_the_actor_to_someone_else(event):
    other = UserFactory()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET actor_id = %s WHERE id = %s", [other.pk, event.pk])


def test_deleting_an_account_only_empties_the_actor(event):
    author = event.actor
    author.delete()
    reread = ContributionEvent.objects.get(pk=event.pk)
    assert reread.actor_id is None and reread.kind == EventKind.SUBMITTED


def test_forgetting_actors_is_allowed_and_changes_nothing_else(event):
    assert ContributionEvent.objects.filter(pk=event.pk).forget_actors() == 1
    assert ContributionEvent.objects.get(pk=event.pk).actor_id is None


def test_the_trail_of_demo_content_may_be_deleted_but_no_other():
    example, real = ContributionFactory(is_example=True), ContributionFactory()
    ContributionEvent.objects.filter(contribution__in=[example, real]).delete_examples()
    assert not example.events.exists() and real.events.count() == 1
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE contribution_id = %s", [real.pk])


def test_a_contribution_cannot_become_demo_content_to_lose_its_trail():
    real = ContributionFactory()
    with pytest.raises(DatabaseError), transaction.atomic():
        Contribution.objects.filter(pk=real.pk).update(is_example=True)
    assert not Contribution.objects.get(pk=real.pk).is_example
