"""Residents' contributions and everything that hangs on them.

A `Contribution` keeps its current status denormalised for fast lists; only the services set it,
always together with a new `ContributionEvent`. That trail is append-only: the ORM refuses to
change or delete a row (below) and database triggers refuse it too (migration 0002), so neither
code nor a hand-made query can rewrite what was promised in public. The one exception is demo
content: the rows of example contributions may be removed (services.delete_example_content).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkompas.indicators.models import Theme
from wijkkompas.participation.workflow import Status


class Kind(models.TextChoices):
    SIGNAL = "signaal", _("signal or concern")
    IDEA = "idee", _("idea or proposal")
    COMPLIMENT = "compliment", _("compliment")


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    KITCHEN_TABLE = "keukentafelgesprek", _("kitchen-table conversation")
    NEIGHBOURHOOD_EVENING = "buurtavond", _("neighbourhood evening")
    STREET = "straatgesprek", _("street conversation")
    OFFICE_HOURS = "spreekuur", _("office hours")
    PHONE = "telefoon", _("telephone")
    PAPER = "papier", _("paper form")


#: Channels where a professional records what residents said offline (assisted input).
ASSISTED_CHANNELS = frozenset(Channel) - {Channel.ONLINE}


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    STATUS_CHANGED = "status_changed", _("status changed")
    FORWARD_ACCEPTED = "forward_accepted", _("accepted by the organisation")
    FORWARD_ANSWERED = "forward_answered", _("answered by the organisation")
    RATED = "rated", _("answer rated")
    REOPEN_REQUESTED = "reopen_requested", _("reopening requested")
    HIDDEN = "hidden", _("hidden by a moderator")
    RESTORED = "restored", _("shown again by a moderator")


class ReportReason(models.TextChoices):
    ABUSE = "scheldwoorden", _("abusive language")
    DISCRIMINATION = "discriminatie", _("discrimination")
    PERSONAL_DATA = "persoonsgegevens", _("personal data of others")
    SPAM = "spam", _("spam or advertising")
    OTHER = "anders", _("something else")


def photo_path(instance, filename: str) -> str:
    """A random name per month: the uploader's file name (which may hold a name) is never kept."""
    return f"inbreng/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.jpg"


class Contribution(models.Model):
    # TextField's max_length only sizes form fields; the validators make full_clean check it.
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=120)
    text = models.TextField(max_length=4000, validators=[MaxLengthValidator(4000)])
    theme = models.CharField(max_length=24, choices=Theme.choices)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="contributions",
        help_text="A buurt or wijk; the code stays when an indeling changes.",
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    place_description = models.CharField(max_length=300, blank=True)
    photo = models.ImageField(upload_to=photo_path, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions",
        help_text="Empty for assisted input and after anonymisation.",
    )
    channel = models.CharField(max_length=24, choices=Channel.choices, default=Channel.ONLINE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="entered_contributions",
        help_text="The professional who recorded assisted input; shown to staff only.",
    )
    residents_count = models.PositiveIntegerField(default=1)
    consent_asked = models.BooleanField(default=False)
    conversation_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    forwarded_to = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="forwarded_contributions",
    )
    forward_due = models.DateField(null=True, blank=True)
    forward_accepted_at = models.DateTimeField(null=True, blank=True)
    first_public_answer_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    satisfied = models.BooleanField(null=True, blank=True)
    is_example = models.BooleanField(default=False, help_text="Demo content, labelled 'voorbeeld'.")
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=300, blank=True)
    anonymised = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["region", "status"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(residents_count__gte=1), name="contribution_residents_count"),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="contribution_point_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def is_assisted(self) -> bool:
        return self.channel != Channel.ONLINE


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete a row of the trail."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The trail is append-only: rows cannot be updated.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("The trail is append-only: rows cannot be updated.")

    def delete(self):
        raise AppendOnlyError("The trail is append-only: rows cannot be deleted.")

    def forget_actors(self) -> int:
        """Set the actor of these rows to empty, and nothing else: the one change the triggers
        allow, for anonymisation (services.forget_people)."""
        return super().update(actor=None)

    def delete_examples(self) -> int:
        """Delete the rows of demo contributions (services.delete_example_content); the triggers
        refuse any other row."""
        return self.filter(contribution__is_example=True)._raw_delete(self.db)


class ContributionEvent(models.Model):
    contribution = models.ForeignKey(Contribution, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    from_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    public_text = models.TextField(max_length=4000, validators=[MaxLengthValidator(4000)], blank=True, help_text="The public explanation.")
    reason_category = models.CharField(max_length=32, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="contribution_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Shown to staff only. Set to empty (and nothing else) when the account is deleted.",
    )
    is_public = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.contribution_id}: {self.kind} {self.from_status}->{self.to_status}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The trail is append-only: a saved row cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The trail is append-only: rows cannot be deleted.")


class Support(models.Model):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contribution", "user"], name="unique_support")]


class Follow(models.Model):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contribution", "user"], name="unique_follow")]


class Reaction(models.Model):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="reactions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="reactions",
    )
    text = models.TextField(max_length=2000, validators=[MaxLengthValidator(2000)])
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "id"]


class Report(models.Model):
    """A report of a contribution or of a reaction (exactly one of them) for the moderators."""

    contribution = models.ForeignKey(
        Contribution, null=True, blank=True, on_delete=models.CASCADE, related_name="reports",
    )
    reaction = models.ForeignKey(Reaction, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports",
    )
    reason = models.CharField(max_length=24, choices=ReportReason.choices)
    text = models.TextField(max_length=1000, validators=[MaxLengthValidator(1000)], blank=True)
    handled = models.BooleanField(default=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contribution__isnull=False, reaction__isnull=True)
                | models.Q(contribution__isnull=True, reaction__isnull=False),
                name="report_exactly_one_target",
            ),
        ]
