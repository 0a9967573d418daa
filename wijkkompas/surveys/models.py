"""The Leefbaarheidspeiling: survey periods per area, versioned questions, responses and answers.

A `SurveyPeriod` belongs to a buurt or wijk and asks a list of `Question` versions (the standard
questionnaire plus any extra questions for that period only). A `Response` is one person's answer
set in one period: from their account, or under a one-time `PaperCode`; the database allows one per
account and one per code, and services replace its answers while the period is open. The
history of a period's status (`PeriodEvent`) is append-only: the ORM refuses to change or delete
a row and database triggers refuse it too (migration 0002), except for demo periods.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkompas.surveys.questionnaire import Kind
from wijkkompas.surveys.workflow import PeriodStatus


class Origin(models.TextChoices):
    STANDARD = "standaard", _("standard questionnaire")
    MUNICIPALITY = "gemeente", _("added by the municipality")
    REPRESENTATIVES = "bewonersvertegenwoordiging", _("added by the residents' representatives")


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "papier", _("paper form")
    CONVERSATION = "gesprek", _("conversation with a professional")


#: Channels a professional enters for a resident.
ENTERED_CHANNELS = frozenset({Channel.PAPER, Channel.CONVERSATION})


class Question(models.Model):
    """One version of a question's wording. A new wording is a new version of the same key."""

    key = models.SlugField(max_length=60)
    version = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    wording = models.CharField(max_length=300)
    #: [[value, label], ...]; for the standard questions the labels are English msgids.
    options = models.JSONField(default=list)
    origin = models.CharField(max_length=32, choices=Origin.choices, default=Origin.STANDARD)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key", "version"]
        constraints = [models.UniqueConstraint(fields=["key", "version"], name="unique_question_version")]

    def __str__(self) -> str:
        return f"{self.key} v{self.version}"

    @property
    def option_values(self) -> list[str]:
        return [value for value, _label in self.options]


class SurveyPeriod(models.Model):
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="survey_periods")
    title = models.CharField(max_length=120)
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=12, choices=PeriodStatus.choices, default=PeriodStatus.DRAFT)
    questions = models.ManyToManyField(Question, through="PeriodQuestion", related_name="periods")
    is_example = models.BooleanField(default=False, help_text="Demo content, labelled 'voorbeeld'.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="period_dates_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.region_id})"

    @property
    def is_open(self) -> bool:
        return self.status == PeriodStatus.OPEN


class PeriodQuestion(models.Model):
    period = models.ForeignKey(SurveyPeriod, on_delete=models.CASCADE, related_name="period_questions")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="period_questions")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["period", "question"], name="unique_period_question")]


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete a row of a period's history."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The history is append-only: rows cannot be updated.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("The history is append-only: rows cannot be updated.")

    def delete(self):
        raise AppendOnlyError("The history is append-only: rows cannot be deleted.")

    def forget_actors(self) -> int:
        """Set the actor of these rows to empty, and nothing else: the one change the triggers
        allow, for a deleted account (privacy.anonymise_surveys)."""
        return super().update(actor=None)

    def delete_examples(self) -> int:
        """Delete the history of demo periods (services.delete_example_periods); the triggers refuse any other row."""
        return self.filter(period__is_example=True)._raw_delete(self.db)


class PeriodEvent(models.Model):
    period = models.ForeignKey(SurveyPeriod, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(max_length=12, choices=PeriodStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=PeriodStatus.choices)
    note = models.CharField(max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The history is append-only: a saved row cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The history is append-only: rows cannot be deleted.")


class PaperCode(models.Model):
    """A one-time code printed on a paper questionnaire, for people without an account or e-mail."""

    period = models.ForeignKey(SurveyPeriod, on_delete=models.CASCADE, related_name="paper_codes")
    code = models.CharField(max_length=12, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.code


class Response(models.Model):
    period = models.ForeignKey(SurveyPeriod, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses",
        help_text="Empty for a response under a paper code, and after the account is deleted.",
    )
    paper_code = models.OneToOneField(PaperCode, null=True, blank=True, on_delete=models.PROTECT, related_name="response")
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.ONLINE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="entered_survey_responses",
        help_text="The professional who entered a paper form or conversation; shown to staff only.",
    )
    age_group = models.CharField(max_length=8, blank=True)
    buurt = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_example = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "respondent"], condition=models.Q(respondent__isnull=False),
                                    name="one_response_per_account_and_period"),
            models.CheckConstraint(condition=models.Q(respondent__isnull=True) | models.Q(paper_code__isnull=True),
                                   name="response_account_or_code"),
        ]


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question", "value"], name="unique_answer_value")]
        indexes = [models.Index(fields=["question", "value"])]


class ImportedResult(models.Model):
    """One cell of existing survey results (a municipality's own wijkmonitor), imported from CSV
    with the number of respondents it rests on. Published under the same suppression rule."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="imported_survey_results")
    period_label = models.CharField(max_length=40)
    question_key = models.SlugField(max_length=60)
    question_version = models.PositiveSmallIntegerField(default=1)
    value = models.CharField(max_length=40)
    count = models.PositiveIntegerField()
    respondents = models.PositiveIntegerField()
    source = models.CharField(max_length=200)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["region", "period_label", "question_key", "value"]
        constraints = [
            models.UniqueConstraint(fields=["region", "period_label", "question_key", "question_version", "value", "source"],
                                    name="unique_imported_cell"),
            models.CheckConstraint(condition=models.Q(count__lte=models.F("respondents")), name="imported_count_within_respondents"),
        ]
