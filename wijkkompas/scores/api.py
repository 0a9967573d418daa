"""Scores API: rankings, changes between years, the gap, and the scores of one region."""

from __future__ import annotations

from typing import Literal

from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError, ValidationError

from wijkkompas.core.api_errors import ERROR_RESPONSES
from wijkkompas.core.params import MAX_YEAR, MIN_YEAR, Text
from wijkkompas.indicators.models import Theme
from wijkkompas.regions.models import Level
from wijkkompas.regions.selectors import region_by_code
from wijkkompas.scores import selectors
from wijkkompas.scores.areas import DEFAULT_MIN_POPULATION, AreaFacts
from wijkkompas.scores.computation import METHOD_VERSION
from wijkkompas.scores.forms import MAX_POPULATION
from wijkkompas.scores.models import OVERALL
from wijkkompas.scores.schemas import ChangesOut, GapOut, RankingOut, RegionScoresOut

router = Router(tags=["scores"])

MAX_LIMIT = 20000
LEVEL = Query(..., description="Region level, e.g. wijk or gemeente.")
PROVINCE = Query(None, description="Only areas in this province (code, e.g. PV27).")
MUNICIPALITY = Query(None, description="Only areas in this municipality (code, e.g. GM0363).")
MIN_POPULATION = Query(
    DEFAULT_MIN_POPULATION, ge=0, le=MAX_POPULATION,
    description="Only areas with at least this many inhabitants in the year; 0 lists all areas, also those "
                "without a population figure.",
)
FOCUS_ONLY = Query(False, description="Only areas in a municipality with an NPLV focus area.")
LIMIT = Query(50, ge=1, le=MAX_LIMIT)
#: A theme key or the overall score: anything else is refused (422) before a query is made.
ScoreTheme = Literal[(OVERALL, *Theme.values)]
YEAR_FROM = Query(..., ge=MIN_YEAR, le=MAX_YEAR, description="The first year.")
YEAR_TO = Query(..., ge=MIN_YEAR, le=MAX_YEAR, description="The later year.")


def _invalid(parameter: str, message: str) -> ValidationError:
    """A refused query parameter, in the shape of the API's other 422 answers."""
    return ValidationError([{"type": "value_error", "loc": ["query", parameter], "msg": message}])


def _scored_years(level: str) -> list[int]:
    years = selectors.score_years(level=level)
    if not years:
        raise HttpError(404, _("There are no scores for level '%(level)s'.") % {"level": level})
    return years


def _area(region, facts: AreaFacts) -> dict:
    return {
        "code": region.code, "name": region.name, "level": region.level,
        "municipality_code": region.municipality_code, "municipality_name": facts.municipality_name,
        "population": facts.population, "nplv_municipality": facts.focus_area,
    }


@router.get("/rankings", response={200: RankingOut, **ERROR_RESPONSES},
            summary="Areas of a level by composite score, lowest first")
def rankings(
    request, level: Level = LEVEL,
    year: int | None = Query(
        None, ge=MIN_YEAR, le=MAX_YEAR, description="Default: the year with the most scored areas."
    ),
    theme: ScoreTheme = Query(OVERALL, description="A theme key, or 'totaal' for the overall score."),
    province: Text | None = PROVINCE, municipality: Text | None = MUNICIPALITY,
    min_population: int | None = MIN_POPULATION, focus_only: bool = FOCUS_ONLY, limit: int = LIMIT,
):
    """Rank 1 is the lowest score among all areas of the level, year and theme; filters only choose which are listed.
    A theme without scores for the level and year is a 404, like a year without scores."""
    years = _scored_years(level)
    year = selectors.default_score_year(level=level) if year is None else year
    if year not in years:
        raise HttpError(404, _("There are no scores for level '%(level)s' in %(year)s. Scored years: %(years)s.")
                        % {"level": level, "year": year, "years": ", ".join(map(str, years))})
    themes = selectors.score_themes(level=level, year=year)
    if theme not in themes:
        raise HttpError(404, _("Theme '%(theme)s' has no scores here. Choose one of: %(themes)s.")
                        % {"theme": theme, "themes": ", ".join(themes)})
    min_population = min_population or None
    rows = selectors.ranking(
        level=level, year=year, theme=theme, province=province, municipality=municipality,
        min_population=min_population, focus_only=focus_only, limit=limit,
    )
    items = [
        {**_area(row.region, row.facts), "rank": row.rank, "score": row.score,
         "indicator_count": row.indicator_count, "peer_count": row.peer_count}
        for row in rows
    ]
    return {"level": level, "year": year, "theme": theme, "method_version": METHOD_VERSION,
            "min_population": min_population, "items": items}


@router.get("/changes", response={200: ChangesOut, **ERROR_RESPONSES},
            summary="Areas whose figures worsened most between two years")
def changes(
    request, level: Level = LEVEL, year_from: int = YEAR_FROM, year_to: int = YEAR_TO,
    province: Text | None = PROVINCE, municipality: Text | None = MUNICIPALITY,
    min_population: int | None = MIN_POPULATION, focus_only: bool = FOCUS_ONLY, limit: int = LIMIT,
):
    """Change in standard deviations of year_from (negative = worse), over the indicators scored in both years
    (money amounts left out), each over the areas with a value in both years; `indicators` names them."""
    if year_from >= year_to:
        raise _invalid("year_to", _("year_from must be earlier than year_to."))
    years = _scored_years(level)
    missing = [year for year in (year_from, year_to) if year not in years]
    if missing:
        raise HttpError(404, _("There are no scores for level '%(level)s' in %(year)s. Scored years: %(years)s.")
                        % {"level": level, "year": missing[0], "years": ", ".join(map(str, years))})
    min_population = min_population or None
    changes = selectors.score_changes(
        level=level, year_from=year_from, year_to=year_to, province=province, municipality=municipality,
        min_population=min_population, focus_only=focus_only, limit=limit,
    )
    items = [
        {**_area(row.region, row.facts), "change": row.change, "indicator_count": row.indicator_count}
        for row in changes.rows
    ]
    indicators = [
        {"key": item.indicator.key, "label": item.indicator.label, "theme": item.indicator.theme,
         "region_count": item.region_count}
        for item in changes.indicators
    ]
    return {"level": level, "year_from": year_from, "year_to": year_to, "method_version": changes.method_version,
            "min_population": min_population, "indicators": indicators, "items": items}


@router.get("/gap", response={200: GapOut, **ERROR_RESPONSES},
            summary="Gap between the best and the worst scoring areas, per year")
def gap(request, level: Level = LEVEL):
    """Mean overall score of the best tenth minus the worst tenth, and P90 - P10 (years with at least 10 areas)."""
    _scored_years(level)
    return {"level": level, "method_version": METHOD_VERSION,
            "items": [vars(row) for row in selectors.score_gap(level=level)]}


@router.get("/regions/{code}", response={200: RegionScoresOut, **ERROR_RESPONSES},
            summary="All composite scores of one region")
def region_scores(request, code: Text):
    region = region_by_code(code=code)
    if region is None:
        raise HttpError(404, _("No region with code '%(code)s'.") % {"code": code})
    years = [
        {"year": year, "scores": list(scores.values())}
        for year, scores in selectors.region_scores(region=region).items()
    ]
    return {"code": region.code, "name": region.name, "level": region.level, "method_version": METHOD_VERSION,
            "years": years}
