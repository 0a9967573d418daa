"""Writing notifications into the outbox, and delivering them.

notify_change runs inside the transaction of the change it reports, so the change and its e-mails
commit together or not at all; delivery starts after the commit (tasks.deliver_notifications) and
again every minute (tasks.sweep_notifications), which covers a worker that was down, a queue that
lost the task and a crash between the commit and the enqueue.

Delivery claims one row at a time and sends it outside any transaction, so a slow mail server
never holds a database lock. A claim is a short lease (next_attempt_at moved CLAIM_SECONDS ahead):
another worker cannot take the row while it runs, and when a worker dies mid-send the row is due
again after the lease. Only that crash, between the mail server accepting a message and the row
being marked sent, can lead to a second copy; it carries the same Message-ID, so mail programs
recognise it as the same message.
"""

import logging
import smtplib
import socket
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkkompas.notifications.models import Notification
from wijkkompas.participation.models import Follow

logger = logging.getLogger(__name__)

#: How long a worker holds a claimed row; well above the time one message may take (SEND_TIMEOUT).
CLAIM_SECONDS = 600
#: Seconds to wait for the mail server, unless EMAIL_TIMEOUT says otherwise.
SEND_TIMEOUT = 30
#: Tries before a notification is marked failed; the backoff doubles from one minute up to four
#: hours, so the mail server may be away for about eight hours before that happens.
MAX_ATTEMPTS = 10
BACKOFF_FIRST_SECONDS = 60
BACKOFF_MAX_SECONDS = 4 * 3600
#: Errors that say the mail server cannot be reached: the rest of the batch waits for the next
#: sweep instead of each trying (and timing out) in turn.
UNREACHABLE = (ConnectionError, TimeoutError, socket.gaierror, smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected)

HEADLINES = {
    "submitted": gettext_lazy("It has been received."),
    "status_changed": gettext_lazy("The status is now: %(status)s."),
    "forward_accepted": gettext_lazy("%(organisation)s has accepted it and will work on it."),
    "forward_answered": gettext_lazy("%(organisation)s has answered."),
    "rated": gettext_lazy("The person who sent it has said what they think of the answer."),
    "reopen_requested": gettext_lazy("The person who sent it has asked to look at it again."),
    "hidden": gettext_lazy("A moderator has hidden it."),
    "restored": gettext_lazy("It can be seen again."),
}


def notify_change(*, contribution, event) -> None:
    """Write one notification per person to tell about a public event: the author and the
    followers of the contribution, not the person who made the change, and only people with an
    active account and an e-mail address. Call it inside the transaction that wrote the event."""
    if not event.is_public:
        return
    notifications = [
        _notification(contribution=contribution, event=event, recipient=recipient)
        for recipient in _recipients(contribution=contribution, actor_id=event.actor_id)
    ]
    if notifications:
        Notification.objects.bulk_create(notifications, ignore_conflicts=True)
        transaction.on_commit(_enqueue_delivery, robust=True)


def notify_overdue(*, today=None) -> int:
    """Tell each municipal manager once a day which forwarded contributions in their areas an
    organisation has not answered within its term; returns how many e-mails were written.

    The dedupe key holds the date, so a second run on the same day adds nothing."""
    from wijkkompas.accounts.models import RoleAssignment
    from wijkkompas.accounts.permissions import Role
    from wijkkompas.participation.selectors import overdue_forwarded

    today = today or timezone.localdate()
    assignments = RoleAssignment.objects.filter(role=Role.MANAGER, user__is_active=True).select_related("user", "region")
    items_by_manager: dict = {}
    for assignment in assignments:
        items = items_by_manager.setdefault(assignment.user, {})
        for contribution in overdue_forwarded(region=assignment.region).select_related("forwarded_to"):
            items[contribution.pk] = contribution
    notifications = [
        _overdue_notification(manager=manager, contributions=sorted(items.values(), key=lambda c: (c.forward_due, c.pk)),
                              today=today)
        for manager, items in items_by_manager.items() if items and manager.email
    ]
    with transaction.atomic():
        sent_today = set(Notification.objects.filter(dedupe_key__in=[n.dedupe_key for n in notifications])
                         .values_list("dedupe_key", flat=True))
        new = [notification for notification in notifications if notification.dedupe_key not in sent_today]
        # ignore_conflicts: a second worker running at the same moment writes the same keys.
        Notification.objects.bulk_create(new, ignore_conflicts=True)
        if new:
            transaction.on_commit(_enqueue_delivery, robust=True)
    return len(new)


def _overdue_notification(*, manager, contributions: list, today) -> Notification:
    site = settings.SITE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Forwarded input without an answer in time: %(count)s") % {"count": len(contributions)}
        body = render_to_string("notifications/overdue.txt", {
            "items": [
                {"title": _one_line(c.title), "organisation": c.forwarded_to.name if c.forwarded_to else "",
                 "due": c.forward_due, "link": f"{site}/inbreng/{c.pk}/"}
                for c in contributions
            ],
        })
    return Notification(
        recipient=manager, email=manager.email, subject=_one_line(subject)[:200], body=body,
        dedupe_key=f"overdue:{today.isoformat()}:{manager.pk}",
    )


def deliver_pending(*, limit: int = 100) -> int:
    """Send up to `limit` notifications that are due; returns how many were sent."""
    connection = mail.get_connection(timeout=getattr(settings, "EMAIL_TIMEOUT", None) or SEND_TIMEOUT)
    sent = 0
    try:
        for _index in range(limit):
            notification = _claim_next()
            if notification is None:
                break
            try:
                connection.open()  # once; later calls see it open
                connection.send_messages([_message(notification)])
            except Exception as error:  # any failure of sending is recorded and retried later
                _record_failure(notification, error)
                if isinstance(error, UNREACHABLE):
                    break
            else:
                sent += Notification.objects.filter(pk=notification.pk, status=Notification.Status.PENDING).update(
                    status=Notification.Status.SENT, sent_at=timezone.now(), last_error=""
                )
    finally:
        connection.close()
    return sent


def retry_failed() -> int:
    """Put every failed notification back in the queue, with a fresh count of attempts."""
    return Notification.objects.filter(status=Notification.Status.FAILED).update(
        status=Notification.Status.PENDING, attempts=0, next_attempt_at=timezone.now()
    )


def delete_sent(*, older_than_days: int = 90) -> int:
    """Remove sent notifications after a while: they hold an e-mail address and a title."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    deleted, _by_model = Notification.objects.filter(status=Notification.Status.SENT, sent_at__lt=cutoff).delete()
    return deleted


def message_id(notification: Notification) -> str:
    """The same Message-ID for every copy of one notification, so a duplicate is recognisable."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<notification.{notification.pk}@{domain}>"


def _recipients(*, contribution, actor_id):
    """The author, unless they switched off e-mail about their own contributions, and the other
    followers, unless they switched off e-mail about what they follow (their account page)."""
    followers = Follow.objects.filter(contribution=contribution).values("user_id")
    author = Q(pk=contribution.author_id, email_own_contributions=True)
    other_followers = Q(pk__in=followers, email_followed=True) & ~Q(pk=contribution.author_id)
    return (
        get_user_model().objects.filter(author | other_followers, is_active=True)
        .exclude(email="").exclude(pk=actor_id).order_by("pk")
    )


def _notification(*, contribution, event, recipient) -> Notification:
    is_author = recipient.pk == contribution.author_id
    with translation.override(settings.LANGUAGE_CODE):
        if is_author:
            subject = _("News about your input: %(title)s") % {"title": contribution.title}
        else:
            subject = _("News about input you follow: %(title)s") % {"title": contribution.title}
        body = render_to_string("notifications/change.txt", {
            "is_author": is_author,
            "title": contribution.title,
            "headline": _headline(event),
            "public_text": event.public_text,
            "link": f"{settings.SITE_URL.rstrip('/')}/inbreng/{contribution.pk}/",
            "settings_link": settings.SITE_URL.rstrip("/") + reverse("account_home") + "#e-mail",
        })
    return Notification(
        recipient=recipient, email=recipient.email, contribution=contribution, event=event,
        subject=_one_line(subject)[:200], body=body, dedupe_key=f"{event.pk}:{recipient.pk}",
    )


def _headline(event) -> str:
    headline = HEADLINES.get(event.kind)
    if headline is None:
        return _("There is news.")
    organisation = event.organisation.name if event.organisation_id else ""
    return str(headline) % {"status": event.get_to_status_display(), "organisation": organisation}


def _one_line(text: str) -> str:
    """A subject is one header line: line breaks in a title would be refused by the mail library."""
    return " ".join(text.split())


def _enqueue_delivery() -> None:
    from wijkkompas.notifications.tasks import deliver_notifications  # tasks imports this module

    deliver_notifications()


def _claim_next() -> Notification | None:
    now = timezone.now()
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(status=Notification.Status.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")
            .first()
        )
        if notification is not None:
            notification.attempts += 1
            notification.next_attempt_at = now + timedelta(seconds=CLAIM_SECONDS)
            notification.save(update_fields=["attempts", "next_attempt_at"])
    return notification


def _message(notification: Notification) -> mail.EmailMessage:
    return mail.EmailMessage(
        subject=notification.subject, body=notification.body, to=[notification.email],
        headers={"Message-ID": message_id(notification), "Auto-Submitted": "auto-generated"},
    )


def _record_failure(notification: Notification, error: Exception) -> None:
    logger.warning("Notification %s not sent (attempt %s): %s", notification.pk, notification.attempts, error)
    backoff = min(BACKOFF_FIRST_SECONDS * 2 ** (notification.attempts - 1), BACKOFF_MAX_SECONDS)
    status = Notification.Status.FAILED if notification.attempts >= MAX_ATTEMPTS else Notification.Status.PENDING
    Notification.objects.filter(pk=notification.pk, status=Notification.Status.PENDING).update(
        status=status, next_attempt_at=timezone.now() + timedelta(seconds=backoff),
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )
