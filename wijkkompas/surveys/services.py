"""The one write path for survey periods, questions, paper codes and responses.

Every function checks permission through accounts.permissions, validates (ValidationError by
field, in Dutch) and runs in one transaction. A response is one per account or paper code per
period: a second submission replaces the answers of the first while the period is open, under a
row lock on the period, so two submissions at the same moment never make two responses.

One person, one response, where the system can know it: a signed-in resident answers with their
account, and a paper code sent by someone signed in is refused (`submit_with_code`, `signed_in`).
What it cannot know: the same person answering with their account and also on a paper form
(signed out, or handed to a professional), because a paper code is anonymous by design and
belongs to no account: matching the two would mean identifying the paper respondent. Nor is a
code refused because the same browser signed in later: on a shared computer that would turn away
another person of the household. The page and the paper form ask people to answer once.
"""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkkompas.accounts.permissions import Action, require
from wijkkompas.core.audit import record
from wijkkompas.regions.models import Level, Region
from wijkkompas.surveys.models import (
    ENTERED_CHANNELS, Answer, Channel, Origin, PaperCode, PeriodEvent, PeriodQuestion, Question, Response,
    SurveyPeriod,
)
from wijkkompas.surveys.questionnaire import STANDARD, AgeGroup, Kind, MAX_CHOICES
from wijkkompas.surveys.workflow import PeriodStatus, check_transition

#: A survey period is about a buurt or a wijk.
PERIOD_LEVELS = (Level.NEIGHBOURHOOD, Level.DISTRICT)
#: Paper codes: no letters or digits that look alike (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_CODES = 500


def standard_questions() -> list[Question]:
    """The current versions of the standard questions, stored once."""
    questions = []
    with translation.override("en"):  # stored as msgids; shown translated (texts.question_text)
        for item in STANDARD:
            questions.append(_standard_question(item))
    return questions


def _standard_question(item) -> Question:
    question, _created = Question.objects.get_or_create(
        key=item.key, version=item.version,
        defaults={"kind": item.kind, "wording": str(item.wording), "origin": Origin.STANDARD,
                  "options": [[value, str(label)] for value, label in item.options]},
    )
    return question


def create_period(*, actor, region: Region, title: str, starts_on: datetime.date, ends_on: datetime.date,
                  is_example: bool = False) -> SurveyPeriod:
    """A draft period with the standard questionnaire."""
    require(actor, Action.MANAGE_SURVEY, region=region)
    errors = {}
    if region.level not in PERIOD_LEVELS:
        errors["region"] = _("A survey is held in a neighbourhood or a district.")
    if not title.strip():
        errors["title"] = _("Give the survey a name.")
    if ends_on < starts_on:
        errors["ends_on"] = _("The end date cannot be before the start date.")
    _raise(errors)
    with transaction.atomic():
        period = SurveyPeriod.objects.create(region=region, title=title.strip(), starts_on=starts_on,
                                             ends_on=ends_on, is_example=is_example)
        PeriodQuestion.objects.bulk_create(
            PeriodQuestion(period=period, question=question, position=position)
            for position, question in enumerate(standard_questions(), start=1)
        )
        PeriodEvent.objects.create(period=period, to_status=PeriodStatus.DRAFT, actor=actor)
    return period


def add_question(*, actor, period: SurveyPeriod, wording: str, options: list[str], origin: str,
                 key: str = "") -> Question:
    """An extra question for this period only, with its own options (one choice). With the `key`
    of an earlier extra question, the same wording reuses that version (so results can be
    compared over periods) and a changed wording becomes its next version."""
    require(actor, Action.MANAGE_SURVEY, region=period.region)
    wording = " ".join(wording.split())
    options = [" ".join(option.split()) for option in options if option.strip()]
    errors = {}
    if period.status != PeriodStatus.DRAFT:
        errors["period"] = _("Questions can only be added while the survey is still a draft.")
    if not wording or len(wording) > 300:
        errors["wording"] = _("Write the question (at most 300 characters).")
    if not 2 <= len(options) <= 8 or len(set(options)) != len(options) or any(len(o) > 80 for o in options):
        errors["options"] = _("Give 2 to 8 different answers (at most 80 characters each).")
    if origin not in (Origin.MUNICIPALITY, Origin.REPRESENTATIVES):
        errors["origin"] = _("Choose who adds the question.")
    _raise(errors)
    with transaction.atomic():
        question = _question_version(key=key, wording=wording, options=options, origin=origin)
        if period.period_questions.filter(question__key=question.key).exists():
            raise ValidationError({"wording": _("This survey already has this question.")})
        last = period.period_questions.order_by("-position").values_list("position", flat=True).first() or 0
        PeriodQuestion.objects.create(period=period, question=question, position=last + 1)
    return question


def _question_version(*, key: str, wording: str, options: list[str], origin: str) -> Question:
    choices = [[f"{number}", option] for number, option in enumerate(options, start=1)]
    earlier = Question.objects.filter(key=key).exclude(origin=Origin.STANDARD).order_by("-version").first() if key else None
    if earlier is not None and earlier.wording == wording and earlier.options == choices:
        return earlier
    if earlier is None:
        key = f"extra-{secrets.token_hex(4)}"
    return Question.objects.create(key=key, version=(earlier.version + 1) if earlier else 1, kind=Kind.CHOICE,
                                   wording=wording, options=choices, origin=origin)


def change_period_status(*, actor, period: SurveyPeriod, to_status: str, note: str = "") -> PeriodEvent:
    require(actor, Action.MANAGE_SURVEY, region=period.region)
    with transaction.atomic():
        locked = SurveyPeriod.objects.select_for_update().get(pk=period.pk)
        check_transition(from_status=locked.status, to_status=to_status)
        event = PeriodEvent.objects.create(period=locked, from_status=locked.status, to_status=to_status,
                                           note=note.strip()[:300], actor=actor)
        locked.status = to_status
        locked.save(update_fields=["status"])
        record(actor, "survey.status", f"survey_period:{locked.pk}", region=locked.region,
               details={"from": event.from_status, "to": to_status})
    period.status = to_status
    return event


def issue_paper_codes(*, actor, period: SurveyPeriod, count: int) -> list[PaperCode]:
    """New one-time codes to print on paper questionnaires (for people without e-mail)."""
    require(actor, Action.RECORD_ASSISTED, region=period.region)
    if not 1 <= count <= MAX_CODES:
        raise ValidationError({"count": _("Make 1 to %(max)s forms at a time.") % {"max": MAX_CODES}})
    if period.status == PeriodStatus.CLOSED:
        raise ValidationError({"count": _("This survey is closed.")})
    with transaction.atomic():
        codes = [PaperCode(period=period, code=new_code(), created_by=actor) for _number in range(count)]
        PaperCode.objects.bulk_create(codes)
    return codes


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    return "".join(character for character in code.upper() if character.isalnum())


def submit_response(*, respondent, period: SurveyPeriod, answers: dict[str, list[str]], age_group: str = "",
                    buurt: Region | None = None, is_example: bool = False) -> Response:
    """A resident's own answers, from their account; a second submission changes the first."""
    require(respondent, Action.SUBMIT, region=period.region)
    return _store(period=period, answers=answers, age_group=age_group, buurt=buurt,
                  identity={"respondent": respondent}, channel=Channel.ONLINE, entered_by=None, is_example=is_example)


def submit_with_code(*, period: SurveyPeriod, code: str, answers: dict[str, list[str]], age_group: str = "",
                     buurt: Region | None = None, channel: str = Channel.ONLINE, entered_by=None, signed_in=None,
                     is_example: bool = False) -> Response:
    """Answers under a one-time paper code: by the resident online, or entered by a professional
    (`entered_by`, with the channel: paper form or conversation). The code can be used again to
    change the answers while the period is open. Sent online by someone signed in (`signed_in`,
    the request's user), it is refused: they take part with their account."""
    if entered_by is None and signed_in is not None and signed_in.is_authenticated:
        raise ValidationError(_("You are signed in, so you take part with your account and cannot use a code from a "
                                "paper form: that way everyone's opinion counts once. Is the paper form someone "
                                "else's? Then sign out first."))
    if entered_by is not None:
        require(entered_by, Action.RECORD_ASSISTED, region=period.region)
        if channel not in ENTERED_CHANNELS:
            raise ValidationError({"channel": _("Choose how the answers were given.")})
    elif channel != Channel.ONLINE:
        raise PermissionDenied(_("You may not do this here."))
    paper_code = PaperCode.objects.filter(period=period, code=normalise_code(code)).first()
    if paper_code is None:
        raise ValidationError({"code": _("This code is not valid for this survey. Check the code on your form.")})
    return _store(period=period, answers=answers, age_group=age_group, buurt=buurt,
                  identity={"paper_code": paper_code}, channel=channel, entered_by=entered_by, is_example=is_example)


def _store(*, period, answers, age_group, buurt, identity, channel, entered_by, is_example) -> Response:
    with transaction.atomic():
        locked = _locked_against_closing(period)
        if locked.status != PeriodStatus.OPEN:
            raise ValidationError({"period": _("This survey is not open. Answers can no longer be given or changed.")})
        questions = list(locked.questions.order_by("period_questions__position"))
        rows = _checked_answers(questions, answers)
        _raise(_respondent_errors(locked, age_group, buurt))
        response = Response.objects.select_for_update().filter(period=locked, **identity).first()
        now = timezone.now()
        if response is None:
            try:
                with transaction.atomic():
                    response = Response.objects.create(
                        period=locked, channel=channel, entered_by=entered_by, age_group=age_group,
                        buurt=_buurt_of(locked, buurt), is_example=is_example, created_at=now, updated_at=now,
                        **identity,
                    )
            except IntegrityError:  # the same code used at the same moment elsewhere
                raise ValidationError({"code": _("These answers were just saved. Reload the page to change them.")})
        else:
            response.answers.all().delete()
            response.channel, response.entered_by = channel, entered_by or response.entered_by
            response.age_group, response.buurt, response.updated_at = age_group, _buurt_of(locked, buurt), now
            response.save(update_fields=["channel", "entered_by", "age_group", "buurt", "updated_at"])
        Answer.objects.bulk_create(Answer(response=response, question=question, value=value) for question, value in rows)
    return response


def _locked_against_closing(period: SurveyPeriod) -> SurveyPeriod:
    """The period, locked so that it cannot close while an answer is being stored: on PostgreSQL
    a shared row lock (answers do not wait for each other; closing waits for them), on SQLite
    the database's write lock does it."""
    if connection.vendor == "postgresql":
        return SurveyPeriod.objects.raw("SELECT * FROM surveys_surveyperiod WHERE id = %s FOR SHARE", [period.pk])[0]
    return SurveyPeriod.objects.select_for_update().get(pk=period.pk)


def _checked_answers(questions: list[Question], answers: dict[str, list[str]]) -> list[tuple[Question, str]]:
    """Every given answer is one of its question's options; skipping a question is allowed, but
    an empty response is not."""
    rows, errors = [], {}
    for question in questions:
        values = [value for value in answers.get(question.key, []) if value]
        if not values:
            continue
        if len(set(values)) != len(values) or any(value not in question.option_values for value in values):
            errors[question.key] = _("Choose one of the answers.")
        elif question.kind != Kind.MULTI and len(values) > 1:
            errors[question.key] = _("Choose one answer.")
        elif len(values) > MAX_CHOICES:
            errors[question.key] = _("Choose at most %(max)s.") % {"max": MAX_CHOICES}
        else:
            rows += [(question, value) for value in values]
    if not rows and not errors:
        errors["__all__"] = _("Answer at least one question.")
    _raise(errors)
    return rows


def _respondent_errors(period: SurveyPeriod, age_group: str, buurt: Region | None) -> dict:
    errors = {}
    if age_group and age_group not in AgeGroup.values:
        errors["age_group"] = _("Choose one of the answers.")
    if buurt is not None and buurt.pk not in period_buurt_ids(period):
        errors["buurt"] = _("Choose a neighbourhood of this district.")
    return errors


def period_buurt_ids(period: SurveyPeriod) -> set[int]:
    from wijkkompas.regions.selectors import region_children

    if period.region.level == Level.NEIGHBOURHOOD:
        return {period.region_id}
    return {child.pk for child in region_children(region=period.region) if child.level == Level.NEIGHBOURHOOD}


def _buurt_of(period: SurveyPeriod, buurt: Region | None) -> Region | None:
    return period.region if period.region.level == Level.NEIGHBOURHOOD else buurt


def delete_example_periods() -> int:
    """Remove the demo periods with their responses, codes and history."""
    with transaction.atomic():
        periods = SurveyPeriod.objects.filter(is_example=True)
        count = periods.count()
        PeriodEvent.objects.delete_examples()
        Answer.objects.filter(response__period__in=periods).delete()
        Response.objects.filter(period__in=periods).delete()
        PaperCode.objects.filter(period__in=periods).delete()
        PeriodQuestion.objects.filter(period__in=periods).delete()
        periods.delete()
        Question.objects.exclude(origin=Origin.STANDARD).filter(period_questions__isnull=True).delete()
    return count


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)
