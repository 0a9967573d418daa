"""Reads of the composite scores: per region, rankings, changes between years, the gap, the basis."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd
from django.core.cache import cache
from django.db.models import Count, Max

from wijkkompas.core.db import read_frame
from wijkkompas.indicators.models import Indicator, Observation
from wijkkompas.regions.models import Level, Region
from wijkkompas.scores import computation
from wijkkompas.scores.areas import AreaFacts, area_facts, matching_regions
from wijkkompas.scores.models import OVERALL, Score, ScoreBasis

OBSERVATION_COLUMNS = [
    "region_id", "level", "year", "indicator_id", "indicator_key", "theme", "direction", "unit", "value",
]


@dataclass(frozen=True)
class RankingRow:
    region: Region
    score: float
    rank: int
    peer_count: int
    indicator_count: int
    facts: AreaFacts


@dataclass(frozen=True)
class ChangeRow:
    region: Region
    change: float
    indicator_count: int
    facts: AreaFacts


@dataclass(frozen=True)
class ChangeIndicator:
    """One indicator a change compares: the same in both years, over the same regions."""

    indicator: Indicator
    region_count: int


@dataclass(frozen=True)
class ChangeList:
    """The regions that worsened most, and what the change rests on: which indicators (each over
    the regions with a value in both years) and which method version."""

    rows: list[ChangeRow]
    indicators: list[ChangeIndicator]
    method_version: str = computation.METHOD_VERSION


@dataclass(frozen=True)
class BasisSummary:
    """One level and year that has scores: how many indicators and themes went in, how many regions got one."""

    level: str
    year: int
    indicator_count: int
    theme_count: int
    scored_regions: int


@dataclass(frozen=True)
class GapRow:
    year: int
    region_count: int
    tenth: int
    best_mean: float
    worst_mean: float
    gap: float
    p90: float
    p10: float
    p90_p10: float


#: How long a server process trusts its last reading of the figures version. A page from the cache
#: then costs no database query at all; an import from another process (the command line) shows
#: on the pages within these seconds, one in this process at once (figures_version_forget).
FIGURES_VERSION_SECONDS = 5
FIGURES_VERSION_KEY = "figures-version"


def figures_version() -> str:
    """A token that changes whenever figures are imported or scores recomputed.

    Pages cache their rendered parts under it, so a cached page never outlives its figures.
    """
    version = cache.get(FIGURES_VERSION_KEY)
    if version is None:
        version = _stored_figures_version()
        cache.set(FIGURES_VERSION_KEY, version, FIGURES_VERSION_SECONDS)
    return version


def figures_version_forget() -> None:
    """Read the version from the database again on the next request (after a write in this process)."""
    cache.delete(FIGURES_VERSION_KEY)


def _stored_figures_version() -> str:
    from wijkkompas.imports.models import ImportRun, ImportStatus

    last_run = ImportRun.objects.filter(status=ImportStatus.SUCCEEDED).aggregate(last=Max("id"))["last"]
    last_score = Score.objects.aggregate(last=Max("id"))["last"]
    return f"{last_run}-{last_score}"


def region_scores(*, region: Region) -> dict[int, dict[str, Score]]:
    """year -> theme (or 'totaal') -> Score, years ascending."""
    result: dict[int, dict[str, Score]] = defaultdict(dict)
    for score in Score.objects.filter(region=region).order_by("year", "theme"):
        result[score.year][score.theme] = score
    return dict(result)


def score_levels() -> list[str]:
    """Levels with at least one overall score, in the order of `Level`."""
    present = set(Score.objects.filter(theme=OVERALL).values_list("level", flat=True).distinct())
    return [level for level in Level.values if level in present]


def score_years(*, level: str) -> list[int]:
    """Years with overall scores for the level, ascending."""
    return sorted(score_year_counts(level=level))


def score_year_counts(*, level: str) -> dict[int, int]:
    """Per year, how many regions of the level have an overall score (sources cover different areas per year)."""
    rows = Score.objects.filter(level=level, theme=OVERALL).values_list("year").annotate(count=Count("id"))
    return dict(sorted(rows.order_by()))


def default_score_year(*, level: str) -> int | None:
    """The year with the most scored regions of the level (the latest of equals): the most complete picture."""
    counts = score_year_counts(level=level)
    return max(counts, key=lambda year: (counts[year], year), default=None)


def score_themes(*, level: str, year: int) -> list[str]:
    """Themes with scores for the level and year ('totaal' first)."""
    themes = set(Score.objects.filter(level=level, year=year).values_list("theme", flat=True).distinct())
    return sorted(themes, key=lambda theme: (theme != OVERALL, theme))


def change_years(*, level: str) -> list[int]:
    """Scored years of the level that share at least one scored indicator with another scored year."""
    return sorted({year for pair in _comparable_pairs(level) for year in pair})


def default_change_years(*, level: str) -> tuple[int, int] | None:
    """The two comparable years with the most regions scored in both (the latest of equals).

    Region codes change between years (Amsterdam renumbered its wijken), so the latest two
    years are not always the pair that says most.
    """
    scored: dict[int, set[int]] = defaultdict(set)
    for year, region_id in Score.objects.filter(level=level, theme=OVERALL).values_list("year", "region_id"):
        scored[year].add(region_id)
    pairs = _comparable_pairs(level)
    return max(pairs, key=lambda pair: (len(scored[pair[0]] & scored[pair[1]]), pair), default=None)


def _comparable_pairs(level: str) -> list[tuple[int, int]]:
    """Pairs of scored years that share a scored indicator a change can use (money amounts cannot)."""
    indicators: dict[int, set[int]] = defaultdict(set)
    bases = ScoreBasis.objects.filter(level=level).exclude(indicator__unit__in=computation.MONEY_UNITS)
    for year, indicator_id in bases.values_list("year", "indicator_id"):
        indicators[year].add(indicator_id)
    years = sorted(indicators)
    return [(a, b) for a in years for b in years if a < b and indicators[a] & indicators[b]]


def ranking(
    *, level: str, year: int, theme: str = OVERALL, province: str | None = None, municipality: str | None = None,
    min_population: float | None = None, focus_only: bool = False, limit: int | None = 50,
) -> list[RankingRow]:
    """The lowest scores first (rank 1 = most vulnerable of all regions of the level, before filtering)."""
    regions = matching_regions(
        level=level, year=year, province=province, municipality=municipality,
        min_population=min_population, focus_only=focus_only,
    )
    scores = list(
        Score.objects.filter(level=level, year=year, theme=theme, region__in=regions)
        .select_related("region").order_by("rank", "region__code")[:limit]
    )
    facts = area_facts(regions=[score.region for score in scores], year=year)
    return [
        RankingRow(
            region=score.region, score=score.value, rank=score.rank, peer_count=score.peer_count,
            indicator_count=score.indicator_count, facts=facts[score.region_id],
        )
        for score in scores
    ]


def score_changes(
    *, level: str, year_from: int, year_to: int, province: str | None = None, municipality: str | None = None,
    min_population: float | None = None, focus_only: bool = False, limit: int | None = 50,
) -> ChangeList:
    """The regions whose figures worsened most from `year_from` to `year_to` (most negative first).

    Computed on request with the current method (see `computation.score_change`): per indicator
    the peer group is every region of the level with a value in both years; the filters only
    choose which of them are listed. Population is of `year_to`.
    """
    observations = scored_observations(level=level, years=[year_from, year_to])
    if observations.empty:
        return ChangeList(rows=[], indicators=[])
    result = computation.score_change(
        observations[observations["year"] == year_from], observations[observations["year"] == year_to]
    )
    allowed = set(matching_regions(
        level=level, year=year_to, province=province, municipality=municipality,
        min_population=min_population, focus_only=focus_only,
    ).values_list("pk", flat=True))
    changes = result.changes[result.changes["region_id"].isin(allowed)]
    changes = changes.sort_values(["change", "region_id"]).head(limit)
    regions = Region.objects.in_bulk(changes["region_id"].tolist())
    facts = area_facts(regions=list(regions.values()), year=year_to)
    indicators = Indicator.objects.in_bulk(result.basis["indicator_key"].tolist(), field_name="key")
    compared = [
        ChangeIndicator(indicator=indicators[row.indicator_key], region_count=int(row.region_count))
        for row in result.basis.itertuples(index=False)
    ]
    rows = [
        ChangeRow(region=regions[row.region_id], change=float(row.change), indicator_count=int(row.indicator_count),
                  facts=facts[row.region_id])
        for row in changes.itertuples(index=False)
    ]
    return ChangeList(rows=rows, indicators=sorted(compared, key=lambda item: (item.indicator.theme,
                                                                              item.indicator.sort_order)))


def scored_observations(*, level: str | None = None, years: list[int] | None = None) -> pd.DataFrame:
    """The values of all scored indicators (optionally of one level and some years): those with a
    direction, less those the catalogue keeps out of the scores.

    Columns: OBSERVATION_COLUMNS. Reads only numbers from the large table (one query) and
    adds level, key, theme and direction from the small tables, which is much faster.
    """
    indicators = pd.DataFrame(
        Indicator.objects.scored().values_list("id", "key", "theme", "direction", "unit"),
        columns=["indicator_id", "indicator_key", "theme", "direction", "unit"],
    )
    regions = Region.objects.all() if level is None else Region.objects.filter(level=level)
    levels = dict(regions.values_list("id", "level"))
    sql = (
        f"SELECT region_id, year, indicator_id, value FROM {Observation._meta.db_table} "
        f"WHERE indicator_id IN ({', '.join(str(int(pk)) for pk in indicators['indicator_id']) or 'NULL'})"
    )
    if years is not None:
        sql += f" AND year IN ({', '.join(str(int(year)) for year in years) or 'NULL'})"
    columns = ["region_id", "year", "indicator_id", "value"]
    frame = read_frame(sql, columns).astype({"region_id": "int64", "year": "int64", "indicator_id": "int64",
                                             "value": float})
    frame["level"] = frame["region_id"].map(levels)
    frame = frame.dropna(subset=["level"]).merge(indicators, on="indicator_id")
    # A fixed order makes sums, and so every score, identical to the last bit on every run.
    return frame.sort_values(["level", "year", "indicator_id", "region_id"], ignore_index=True)[OBSERVATION_COLUMNS]


def score_gap(*, level: str) -> list[GapRow]:
    """Per year, the gap between the best and the worst scoring regions of the level."""
    values = pd.DataFrame(
        Score.objects.filter(level=level, theme=OVERALL).values_list("year", "value"), columns=["year", "value"]
    )
    return [GapRow(**row) for row in computation.score_gap(values).to_dict("records")]


def method_overview() -> list[BasisSummary]:
    """Every scored level and year, large levels first, years ascending."""
    scored = dict(
        ((row["level"], row["year"]), row["count"])
        for row in Score.objects.filter(theme=OVERALL).values("level", "year").annotate(count=Count("id")).order_by()
    )
    rows = ScoreBasis.objects.values("level", "year").annotate(
        indicators=Count("id"), themes=Count("indicator__theme", distinct=True)
    ).order_by()
    order = {level: index for index, level in enumerate(Level.values)}
    summaries = [
        BasisSummary(level=row["level"], year=row["year"], indicator_count=row["indicators"],
                     theme_count=row["themes"], scored_regions=scored.get((row["level"], row["year"]), 0))
        for row in rows
    ]
    return sorted(summaries, key=lambda item: (order.get(item.level, len(order)), item.year))


def score_exclusions() -> list[Indicator]:
    """The indicators with a direction that the catalogue keeps out of the scores, by reason."""
    return list(Indicator.objects.kept_out_of_scores().order_by("score_exclusion", "sort_order", "key"))


def method_basis(
    *, level: str | None = None, year: int | None = None, indicator_key: str | None = None
) -> list[ScoreBasis]:
    """The indicators, with mean, SD and number of regions, that went into each level and year."""
    bases = ScoreBasis.objects.select_related("indicator")
    if level is not None:
        bases = bases.filter(level=level)
    if year is not None:
        bases = bases.filter(year=year)
    if indicator_key is not None:
        bases = bases.filter(indicator__key=indicator_key)
    order = {level: index for index, level in enumerate(Level.values)}

    def position(basis: ScoreBasis) -> tuple:
        indicator = basis.indicator
        return order.get(basis.level, len(order)), basis.year, indicator.theme, indicator.sort_order, indicator.key

    return sorted(bases, key=position)
