"""Reads for the survey: periods of an area, and results per question, per breakdown, over
periods and against the CBS population. Every figure passes suppression.py before it leaves here,
so pages, API and CSV publish the same."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkkompas.indicators.models import Observation
from wijkkompas.regions.models import Level, Region
from wijkkompas.surveys import suppression
from wijkkompas.surveys.models import Answer, Channel, ImportedResult, Question, Response, SurveyPeriod
from wijkkompas.surveys.questionnaire import AgeGroup, Kind
from wijkkompas.surveys.services import period_buurt_ids
from wijkkompas.surveys.texts import option_labels, question_text
from wijkkompas.surveys.workflow import PeriodStatus

#: The breakdowns results are published by, one at a time (suppression rule 2).
BREAKDOWNS = {
    "kanaal": gettext_lazy("channel"),
    "leeftijd": gettext_lazy("age group"),
    "buurt": gettext_lazy("neighbourhood"),
}
NOT_GIVEN = ""


@dataclass(frozen=True)
class OptionResult:
    value: str
    label: str
    count: int | None
    share: float | None


@dataclass(frozen=True)
class QuestionResult:
    key: str
    version: int
    wording: str
    kind: str
    origin: str
    respondents: int | None
    reason: str | None  # why the figures are withheld; None when published
    options: list[OptionResult]
    mean: float | None = None

    @property
    def suppressed(self) -> bool:
        return self.reason is not None


@dataclass(frozen=True)
class PeriodResults:
    period: SurveyPeriod
    breakdown: str | None
    group: str | None
    respondents: int | None
    reason: str | None
    questions: list[QuestionResult]


@dataclass(frozen=True)
class ParticipationRow:
    group: str
    label: str
    respondents: int | None
    respondent_share: float | None
    population: int | None
    population_share: float | None
    reason: str | None


@dataclass
class _Answers:
    """A period's responses in memory: each response's group per breakdown, and who answered what."""

    groups: dict[int, dict[str, str]]
    values: dict[int, dict[int, list[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))


def area_periods(*, region: Region) -> QuerySet[SurveyPeriod]:
    """The area's periods that residents can see (open or closed), newest first."""
    return SurveyPeriod.objects.filter(region=region).exclude(status=PeriodStatus.DRAFT).select_related("region")


def area_periods_all() -> QuerySet[SurveyPeriod]:
    """Every public period (open or closed) of every area."""
    return SurveyPeriod.objects.exclude(status=PeriodStatus.DRAFT).select_related("region")


def current_period(*, region: Region) -> SurveyPeriod | None:
    periods = area_periods(region=region)
    return periods.filter(status=PeriodStatus.OPEN).first() or periods.first()


def period_questions(*, period: SurveyPeriod) -> list[Question]:
    return list(period.questions.order_by("period_questions__position"))


def breakdown_groups(*, period: SurveyPeriod, breakdown: str) -> list[tuple[str, str]]:
    """Every group of a breakdown with its label, the group of those who did not say last."""
    if breakdown == "kanaal":
        return [(value, str(label)) for value, label in Channel.choices]
    if breakdown == "leeftijd":
        return [*((value, str(label)) for value, label in AgeGroup.choices), (NOT_GIVEN, _("not filled in"))]
    buurten = Region.objects.filter(pk__in=period_buurt_ids(period)).order_by("name")
    return [*((buurt.code, buurt.name) for buurt in buurten), (NOT_GIVEN, _("not filled in"))]


def results(*, period: SurveyPeriod, breakdown: str | None = None, group: str | None = None) -> PeriodResults:
    """The period's results for everyone (no breakdown) or for one group of one breakdown."""
    keys = [key for key, _label in breakdown_groups(period=period, breakdown=breakdown)] if breakdown else []
    if breakdown is not None and group not in keys:
        raise LookupError(f"No group {group!r} in breakdown {breakdown!r}.")
    if not suppression.published(period.status):
        return _unpublished(period, breakdown, group)
    data = _load(period)
    members = [rid for rid, groups in data.groups.items() if breakdown is None or groups[breakdown] == group]
    respondents = len(members)
    reason = _withheld(data, breakdown, group, keys, lambda rid: True)
    questions = []
    for question in period_questions(period=period):
        answered = lambda rid, qid=question.pk: qid in data.values[rid]  # noqa: E731
        questions.append(_question_result(question, data, members, _withheld(data, breakdown, group, keys, answered)))
    return PeriodResults(period=period, breakdown=breakdown, group=group,
                         respondents=None if reason else respondents, reason=reason, questions=questions)


def _unpublished(period: SurveyPeriod, breakdown: str | None, group: str | None) -> PeriodResults:
    """An open period: every figure withheld until it closes (suppression rule 5)."""
    reason = str(suppression.OPEN_REASON)
    nothing = _Answers(groups={})
    return PeriodResults(period=period, breakdown=breakdown, group=group, respondents=None, reason=reason,
                         questions=[_question_result(question, nothing, [], reason)
                                    for question in period_questions(period=period)])


def responses_so_far(*, period: SurveyPeriod) -> int:
    """While a period is open: its number of responses rounded down to a multiple of 10 (0 for
    fewer than 10), the one figure shown before it closes (suppression rule 5)."""
    return suppression.responses_so_far(Response.objects.filter(period=period).count())


def _withheld(data: _Answers, breakdown, group, keys, counts) -> str | None:
    """Why the figures of the total (or of one group) are withheld, counting the respondents for
    whom `counts` holds; None when they are published."""
    if breakdown is None:
        total = sum(1 for rid in data.groups if counts(rid))
        return str(suppression.REASON) if suppression.too_few(total) else None
    sizes = Counter({key: 0 for key in keys})
    sizes.update(groups[breakdown] for rid, groups in data.groups.items() if counts(rid))
    return str(suppression.REASON) if group in suppression.withheld_groups(sizes) else None


def _question_result(question: Question, data: _Answers, members: list[int], reason: str | None) -> QuestionResult:
    given = [data.values[rid][question.pk] for rid in members if question.pk in data.values[rid]]
    base = len(given)
    counts = Counter(value for values in given for value in values)
    published = reason is None
    options = [
        OptionResult(value=value, label=label, count=counts[value] if published else None,
                     share=counts[value] / base if published else None)
        for value, label in option_labels(question)
    ]
    mean = None
    if published and question.kind == Kind.SCALE:
        mean = sum(int(value) * count for value, count in counts.items()) / base
    return QuestionResult(key=question.key, version=question.version, wording=question_text(question),
                          kind=question.kind, origin=question.origin, respondents=base if published else None,
                          reason=reason, options=options, mean=mean)


def _load(period: SurveyPeriod) -> _Answers:
    rows = Response.objects.filter(period=period).values_list("pk", "channel", "age_group", "buurt__code")
    data = _Answers(groups={
        pk: {"kanaal": channel, "leeftijd": age_group or NOT_GIVEN, "buurt": buurt or NOT_GIVEN}
        for pk, channel, age_group, buurt in rows
    })
    for response_id, question_id, value in Answer.objects.filter(response__period=period).values_list(
            "response_id", "question_id", "value"):
        data.values[response_id][question_id].append(value)
    return data


def participation(*, period: SurveyPeriod, breakdown: str) -> list[ParticipationRow]:
    """Who took part, per age group or per buurt, against the CBS population: the respondents of
    a group and its inhabitants only where both are at least THRESHOLD (and the respondents pass
    complementary suppression), and only once the period is closed (rule 5)."""
    groups = breakdown_groups(period=period, breakdown=breakdown)
    if not suppression.published(period.status):
        reason = str(suppression.OPEN_REASON)
        return [ParticipationRow(group=key, label=label, respondents=None, respondent_share=None, population=None,
                                 population_share=None, reason=reason) for key, label in groups if key != NOT_GIVEN]
    data = _load(period)
    sizes = Counter({key: 0 for key, _label in groups})
    sizes.update(item[breakdown] for item in data.groups.values())
    withheld = suppression.withheld_groups(sizes)
    given = sum(size for key, size in sizes.items() if key != NOT_GIVEN)
    population = _population(period, breakdown)
    known = {key: value for key, value in population.items() if value is not None}
    rows = []
    for key, label in groups:
        if key == NOT_GIVEN:
            continue
        inhabitants = population.get(key)
        show = key not in withheld and inhabitants is not None and not suppression.too_few(int(inhabitants))
        rows.append(ParticipationRow(
            group=key, label=label, respondents=sizes[key] if show else None,
            respondent_share=sizes[key] / given if show else None,
            population=int(inhabitants) if show else None,
            population_share=inhabitants / sum(known.values()) if show else None,
            reason=None if show else str(suppression.REASON),
        ))
    return rows


def _population(period: SurveyPeriod, breakdown: str) -> dict[str, float | None]:
    """The latest CBS inhabitants per group: of the period's area per age band, or of each buurt."""
    if breakdown == "leeftijd":
        latest = _latest_values(regions=[period.region.pk], indicators=set(AgeGroup.POPULATION.values()))
        return {band: latest.get((period.region.pk, indicator)) for band, indicator in AgeGroup.POPULATION.items()}
    buurten = list(Region.objects.filter(pk__in=period_buurt_ids(period)))
    latest = _latest_values(regions=[buurt.pk for buurt in buurten], indicators={"inwoners"})
    return {buurt.code: latest.get((buurt.pk, "inwoners")) for buurt in buurten}


def _latest_values(*, regions: list[int], indicators: set[str]) -> dict[tuple[int, str], float]:
    """(region id, indicator key) -> the value of its latest year, in one query."""
    rows = (Observation.objects.filter(region_id__in=regions, indicator__key__in=indicators)
            .order_by("year").values_list("region_id", "indicator__key", "value"))
    return {(region_id, key): value for region_id, key, value in rows}


def trend(*, region: Region) -> list[tuple[Question, list[tuple[SurveyPeriod, QuestionResult]]]]:
    """Per question version asked in more than one of the area's periods: its total result in
    each, oldest first. A changed wording is another version and is not compared."""
    periods = list(area_periods(region=region).order_by("starts_on", "pk"))
    by_version: dict[int, list[SurveyPeriod]] = defaultdict(list)
    questions: dict[int, Question] = {}
    for period in periods:
        for question in period_questions(period=period):
            by_version[question.pk].append(period)
            questions[question.pk] = question
    compared = [(questions[pk], items) for pk, items in by_version.items() if len(items) > 1]
    totals = {period.pk: results(period=period) for period in {p for _q, items in compared for p in items}}
    return [
        (question, [(period, next(item for item in totals[period.pk].questions if item.key == question.key))
                    for period in items])
        for question, items in sorted(compared, key=lambda pair: pair[0].key)
    ]


def imported_results(*, region: Region) -> list[ImportedResult]:
    """Imported cells of the area; `count` of a cell on fewer than THRESHOLD respondents is withheld
    by the callers through `imported_cell`."""
    return list(ImportedResult.objects.filter(region=region))


def imported_cell(cell: ImportedResult) -> tuple[int | None, float | None, str | None]:
    """(count, share, reason) of an imported cell, under suppression rule 1."""
    if suppression.too_few(cell.respondents):
        return None, None, str(suppression.REASON)
    return cell.count, cell.count / cell.respondents, None


def is_buurt_period(period: SurveyPeriod) -> bool:
    return period.region.level == Level.NEIGHBOURHOOD
