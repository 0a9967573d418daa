"""Faults in delivery: the mail server is down for hours, or the task after the commit never runs.
Nothing may be lost, and nothing may arrive twice."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.notifications.factories import ContributionFactory, EventFactory, FollowFactory
from tests.participation import factories as participation_factories
from tests.notifications.smtp_server import free_port, smtp_server
from wijkkompas.notifications import services
from wijkkompas.notifications.models import Notification
from wijkkompas.notifications.tasks import sweep_notifications
from wijkkompas.participation import services as participation_services
from wijkkompas.accounts.permissions import Role
from wijkkompas.participation.workflow import Status

pytestmark = pytest.mark.django_db


def _use_smtp(settings, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""


def _change_status(contribution, to_status):
    """What a status change in participation.services does: the event and its notifications in one transaction."""
    with transaction.atomic():
        event = EventFactory(contribution=contribution, from_status=contribution.status, to_status=to_status)
        services.notify_change(contribution=contribution, event=event)
    return event


def _later(monkeypatch, **delta) -> None:
    now = timezone.now() + timedelta(**delta)
    monkeypatch.setattr(timezone, "now", lambda: now)


def test_mail_server_down_changes_commit_and_each_notification_arrives_once_when_it_is_back(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    port = free_port()  # nothing listens: every connection is refused
    _use_smtp(settings, port)
    contribution = ContributionFactory()
    FollowFactory.create_batch(2, contribution=contribution)

    with django_capture_on_commit_callbacks(execute=True):
        for to_status in (Status.IN_PROGRESS, Status.IN_AGENDA):
            _change_status(contribution, to_status)
    assert contribution.events.count() == 2
    assert Notification.objects.filter(status=Notification.Status.PENDING).count() == 6
    _later(monkeypatch, minutes=30)
    sweep_notifications()  # still down
    assert Notification.objects.filter(status=Notification.Status.PENDING).count() == 6
    assert Notification.objects.filter(attempts__gt=0).exclude(last_error="").count() == 3

    with smtp_server(port) as server:
        _later(monkeypatch, hours=9)
        for _ in range(3):
            sweep_notifications()
    received = server.message_ids()
    assert len(received) == 6 and set(received.values()) == {1}
    assert set(received) == {services.message_id(notification) for notification in Notification.objects.all()}
    assert not Notification.objects.exclude(status=Notification.Status.SENT).exists()


def test_a_notification_whose_task_never_ran_is_sent_by_the_sweep(mailoutbox):
    contribution = ContributionFactory()
    _change_status(contribution, Status.IN_PROGRESS)  # the test's transaction never commits: no task runs
    assert mailoutbox == []

    sweep_notifications()
    sweep_notifications()
    assert [message.to for message in mailoutbox] == [[contribution.author.email]]


def test_status_changes_through_the_services_commit_while_mail_is_down(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    port = free_port()
    _use_smtp(settings, port)
    gemeente, _wijk, buurt = participation_factories.make_area(71)
    professional = participation_factories.staff(Role.PROFESSIONAL, gemeente)
    contribution = participation_factories.ContributionFactory(region=buurt)
    participation_services.follow(user=UserFactory(), contribution=contribution)

    with django_capture_on_commit_callbacks(execute=True):
        participation_services.change_status(actor=professional, contribution=contribution,
                                             to_status=Status.IN_PROGRESS)
        participation_services.change_status(actor=professional, contribution=contribution, to_status=Status.DONE,
                                             public_text="Er staan nu twee bankjes bij de speeltuin.")
    contribution.refresh_from_db()
    assert contribution.status == Status.DONE
    assert Notification.objects.filter(status=Notification.Status.PENDING).count() == 4

    with smtp_server(port) as server:
        _later(monkeypatch, hours=1)
        sweep_notifications()
        sweep_notifications()
    assert sorted(server.message_ids().values()) == [1, 1, 1, 1]
    assert sum("twee bankjes" in message.get_payload(decode=True).decode() for message in server.messages) == 2


def test_a_queue_that_refuses_the_task_does_not_undo_the_change(monkeypatch, django_capture_on_commit_callbacks,
                                                                 mailoutbox):
    def queue_down():
        raise ConnectionError("the queue (Redis) does not answer")

    monkeypatch.setattr("wijkkompas.notifications.tasks.deliver_notifications", queue_down)
    contribution = ContributionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        event = _change_status(contribution, Status.IN_PROGRESS)
    assert Notification.objects.get(event=event).status == Notification.Status.PENDING

    monkeypatch.undo()
    sweep_notifications()
    assert [message.to for message in mailoutbox] == [[contribution.author.email]]
