"""The outbox: every e-mail the platform owes someone, written in the same transaction as the
change it reports, and sent afterwards by the worker (services.deliver_pending).

A row is never sent twice on purpose: its dedupe key (event and recipient) is unique, so a second
notify for the same event adds nothing, and a worker sends a row only after claiming it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="notifications"
    )
    #: Copied when the notification is written: the address the change was reported to.
    email = models.EmailField(max_length=254)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    contribution = models.ForeignKey(
        "participation.Contribution", null=True, on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        "participation.ContributionEvent", null=True, on_delete=models.CASCADE, related_name="+"
    )
    dedupe_key = models.CharField(max_length=100, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    #: Tries so far, counted when a worker claims the row (a worker that dies mid-send counts too).
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    #: When a worker may take the row: now for a new one, later after a failure (backoff) or
    #: while a worker holds it (the claim).
    next_attempt_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notification_due")]

    def __str__(self) -> str:
        return f"{self.subject} → {self.email} ({self.status})"
