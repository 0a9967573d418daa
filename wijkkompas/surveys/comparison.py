"""Leefwereld next to systeemwereld: what residents said in the area's latest closed survey
period, beside the figures on the profile that are about the same thing.

Only published survey figures are used (selectors.results, so suppression.py decides: a closed
period, at least 10 answers); survey answers are only read here and never enter the CBS-based
percentiles or scores. Each pair has a written rule for when residents and figures disagree.
"Better half" and "worse half" mean the figure's position among the areas its percentile
compares with (above or below the median, direction-aware: profiles.formatting.standing); the
figures side counts only when all its figures with a percentile point the same way.

- Report mark: the average mark against the Leefbaarometer total. They differ when the
  average is below 6 (a fail, as school marks go) and the Leefbaarometer puts the area in the
  better half, or when it is 7 or more and the Leefbaarometer puts it in the worse half.
- Feeling unsafe: the share who feel safe only sometimes or never in the evening, against
  registered crime (CBS, per 1,000 inhabitants) and the Veiligheidsindex. They differ when at
  least half feel that way and every crime figure is in the better half, or when fewer than a
  quarter do and every crime figure is in the worse half.
- Cohesion: the shares who agree and disagree that people know each other, help each other and
  feel at home (averaged over those questions that are published), against the Leefbaarometer
  dimension sociale samenhang. They differ when more disagree than agree and the dimension is
  in the better half, or when at least half agree and it is in the worse half.
- What should improve first: the themes residents chose most, against the three themes where the
  area's composite score ranks lowest among its peers. They differ when the theme chosen most
  is not one of those three.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from wijkkompas.core.numbers import local_number
from wijkkompas.indicators.models import Theme
from wijkkompas.profiles.formatting import standing
from wijkkompas.profiles.structures import IndicatorRow, Profile
from wijkkompas.surveys import selectors
from wijkkompas.surveys.models import SurveyPeriod
from wijkkompas.surveys.selectors import QuestionResult
from wijkkompas.surveys.workflow import PeriodStatus

MARK_FIGURES = ("lbm_totaalscore", "lbm_afwijking")
SAFETY_FIGURES = ("diefstal_uit_woning_per_1000", "vernieling_openbare_orde_per_1000",
                  "geweld_seksuele_misdrijven_per_1000", "vi_veiligheidsindex", "vi_criminaliteitsindex")
COHESION_FIGURES = ("lbm_sociale_samenhang",)
COHESION_QUESTIONS = ("kennen_elkaar", "helpen_elkaar", "thuis_voelen")
UNSAFE_ANSWERS = ("soms", "nooit")
WEAKEST_THEMES = 3
GOOD, BAD = "good", "bad"


@dataclass(frozen=True)
class WeakTheme:
    theme: str
    label: str
    rank: int
    peer_count: int


@dataclass(frozen=True)
class Pair:
    key: str
    label: str
    #: What residents say, in words; None when the survey's figure is withheld.
    survey: str | None
    respondents: int | None
    reason: str | None
    rule: str
    figures: list[IndicatorRow] = field(default_factory=list)
    themes: list[WeakTheme] = field(default_factory=list)
    #: In plain words, when residents and figures disagree; None when they do not (or cannot tell).
    disagreement: str | None = None


@dataclass(frozen=True)
class Comparison:
    period: SurveyPeriod
    pairs: list[Pair]


def latest_closed_period(*, region) -> SurveyPeriod | None:
    return selectors.area_periods(region=region).filter(status=PeriodStatus.CLOSED).first()


def compare(*, profile: Profile) -> Comparison | None:
    """The pairs for the area's latest closed period; None when it has none."""
    period = latest_closed_period(region=profile.region)
    if period is None:
        return None
    questions = {question.key: question for question in selectors.results(period=period).questions}
    rows = {row.indicator.key: row for row in profile.rows if row.figures}
    pairs = [
        _mark(questions.get("rapportcijfer"), _rows(rows, MARK_FIGURES)),
        _unsafe(questions.get("veilig_avond"), _rows(rows, SAFETY_FIGURES)),
        _cohesion([questions[key] for key in COHESION_QUESTIONS if key in questions], _rows(rows, COHESION_FIGURES)),
        _improve(questions.get("eerst_beter"), _weakest(profile)),
    ]
    return Comparison(period=period, pairs=[pair for pair in pairs if pair is not None])


def _rows(rows: dict[str, IndicatorRow], keys: tuple[str, ...]) -> list[IndicatorRow]:
    return [rows[key] for key in keys if key in rows]


def figures_verdict(rows: list[IndicatorRow]) -> str | None:
    """GOOD when every figure with a percentile is in the better half, BAD when every one is in
    the worse half, None when they point both ways or none has a percentile."""
    standings = [standing(row.percentile, row.indicator.direction) for row in rows if row.percentile is not None]
    if standings and all(value >= 50 for value in standings):
        return GOOD
    if standings and all(value < 50 for value in standings):
        return BAD
    return None


def _percent(share: float) -> str:
    return f"{local_number(share * 100, 0)}%"


def _withheld(key: str, label: str, question: QuestionResult | None, rule: str, **extra) -> Pair | None:
    if question is None:
        return None
    return Pair(key=key, label=label, survey=None, respondents=None, reason=question.reason, rule=rule, **extra)


def _mark(question: QuestionResult | None, figures: list[IndicatorRow]) -> Pair | None:
    label = _("Report mark and the Leefbaarometer")
    rule = _("They differ when the average mark is below 6 while the Leefbaarometer puts the area in the better "
             "half, or when it is 7 or more while the Leefbaarometer puts it in the worse half.")
    if question is None or question.suppressed:
        return _withheld("rapportcijfer", label, question, rule, figures=figures)
    mean = question.mean
    verdict = BAD if mean < 6 else GOOD if mean >= 7 else None
    disagreement = None
    if verdict == BAD and figures_verdict(figures) == GOOD:
        disagreement = _("Residents give their neighbourhood a fail on average, while the Leefbaarometer estimates "
                         "its livability better than in half of the areas it is compared with.")
    elif verdict == GOOD and figures_verdict(figures) == BAD:
        disagreement = _("Residents give their neighbourhood a good mark, while the Leefbaarometer estimates its "
                         "livability worse than in half of the areas it is compared with.")
    survey = _("Average mark %(mark)s") % {"mark": local_number(mean, 1)}
    return Pair(key="rapportcijfer", label=label, survey=survey, respondents=question.respondents, reason=None,
                rule=rule, figures=figures, disagreement=disagreement)


def _unsafe(question: QuestionResult | None, figures: list[IndicatorRow]) -> Pair | None:
    label = _("Feeling unsafe and registered crime")
    rule = _("They differ when at least half of the residents feel safe only sometimes or never in the evening "
             "while every crime figure here is in the better half, or when fewer than a quarter feel that way "
             "while every crime figure is in the worse half.")
    if question is None or question.suppressed:
        return _withheld("onveilig", label, question, rule, figures=figures)
    share = sum(option.share for option in question.options if option.value in UNSAFE_ANSWERS)
    verdict = BAD if share >= 0.5 else GOOD if share < 0.25 else None
    disagreement = None
    if verdict == BAD and figures_verdict(figures) == GOOD:
        disagreement = _("Many residents feel unsafe in the evening, while registered crime is lower than in half "
                         "of the areas it is compared with.")
    elif verdict == GOOD and figures_verdict(figures) == BAD:
        disagreement = _("Few residents feel unsafe in the evening, while registered crime is higher than in half "
                         "of the areas it is compared with.")
    survey = _("%(share)s feel safe only sometimes or never in the evening") % {"share": _percent(share)}
    return Pair(key="onveilig", label=label, survey=survey, respondents=question.respondents, reason=None,
                rule=rule, figures=figures, disagreement=disagreement)


def _cohesion(questions: list[QuestionResult], figures: list[IndicatorRow]) -> Pair | None:
    label = _("Cohesion and the Leefbaarometer")
    rule = _("They differ when more residents disagree than agree that people know each other, help each other "
             "and feel at home, while the Leefbaarometer puts social cohesion in the better half; or when at least "
             "half agree while it puts social cohesion in the worse half.")
    published = [question for question in questions if not question.suppressed]
    if not published:
        return _withheld("samenhang", label, questions[0] if questions else None, rule, figures=figures)
    agree = sum(_share(question, "eens") for question in published) / len(published)
    disagree = sum(_share(question, "oneens") for question in published) / len(published)
    verdict = BAD if disagree > agree else GOOD if agree >= 0.5 else None
    disagreement = None
    if verdict == BAD and figures_verdict(figures) == GOOD:
        disagreement = _("More residents disagree than agree that people know and help each other, while the "
                         "Leefbaarometer estimates social cohesion better than in half of the areas it is compared with.")
    elif verdict == GOOD and figures_verdict(figures) == BAD:
        disagreement = _("Most residents say people know and help each other, while the Leefbaarometer estimates "
                         "social cohesion worse than in half of the areas it is compared with.")
    survey = _("%(agree)s agree, %(disagree)s disagree (on average over %(count)s questions)") % {
        "agree": _percent(agree), "disagree": _percent(disagree), "count": len(published)}
    return Pair(key="samenhang", label=label, survey=survey, respondents=min(q.respondents for q in published),
                reason=None, rule=rule, figures=figures, disagreement=disagreement)


def _share(question: QuestionResult, value: str) -> float:
    return next((option.share for option in question.options if option.value == value), 0.0)


def _weakest(profile: Profile) -> list[WeakTheme]:
    """The themes whose composite score of the latest year ranks lowest among the area's peers
    (rank 1 = lowest), relative to the number of peers."""
    latest = profile.scores.get(profile.score_year, {}) if profile.scores else {}
    scores = sorted((score for theme, score in latest.items() if theme in Theme.values),
                    key=lambda score: (score.rank / score.peer_count, score.theme))
    return [WeakTheme(theme=score.theme, label=str(Theme(score.theme).label), rank=score.rank,
                      peer_count=score.peer_count) for score in scores[:WEAKEST_THEMES]]


def _improve(question: QuestionResult | None, weakest: list[WeakTheme]) -> Pair | None:
    label = _("What should improve first and the weakest themes")
    rule = _("They differ when the theme residents chose most is not one of the three themes where the area's "
             "score is lowest among the areas it is compared with.")
    if question is None or question.suppressed:
        return _withheld("eerst_beter", label, question, rule, themes=weakest)
    chosen = sorted((option for option in question.options if option.count), key=lambda option: -option.count)[:3]
    disagreement = None
    if chosen and weakest and chosen[0].value not in {theme.theme for theme in weakest}:
        disagreement = _("Residents most want %(theme)s to improve, while in the figures that is not one of the "
                         "weakest themes here (those are %(weakest)s).") % {
            "theme": chosen[0].label.lower(), "weakest": ", ".join(theme.label.lower() for theme in weakest)}
    survey = ", ".join(f"{option.label} ({_percent(option.share)})" for option in chosen) or None
    return Pair(key="eerst_beter", label=label, survey=survey, respondents=question.respondents, reason=None,
                rule=rule, themes=weakest, disagreement=disagreement)

