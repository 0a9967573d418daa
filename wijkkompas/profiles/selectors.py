"""Reads for the neighbourhood profile: one region's figures, set beside its municipality and
the Netherlands, per theme, with percentiles, scores and sources.

All observations come in three queries (the region, its municipality, NL00), whatever the
number of indicators. National values are only ever CBS's own NL00 figures, never computed here.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from wijkkompas.indicators.models import Direction, Indicator, Observation, Perspective, Source, Theme
from wijkkompas.profiles.formatting import compared, standing
from wijkkompas.profiles.structures import (
    Highlight, IndicatorRow, Peers, PerspectivePair, Profile, SourceUse, ThemeBlock, YearFigure,
)
from wijkkompas.regions import selectors as region_selectors
from wijkkompas.regions.models import Level, Region, RegionYear
from wijkkompas.scores import selectors as score_selectors
from wijkkompas.scores.models import PeerGroup

NATIONAL_CODE = "NL00"
_ABOVE_MUNICIPALITY = {Level.COUNTRY, Level.PROVINCE, Level.MUNICIPALITY}

#: Where the Leefbaarometer's dimensions (woningvoorraad, fysieke omgeving, voorzieningen,
#: overlast en onveiligheid) find registered CBS figures on the same subject.
RELATED_THEMES = {Theme.LIVABILITY: (Theme.HOUSING, Theme.SAFETY, Theme.FACILITIES, Theme.SURROUNDINGS)}


class _Observation(NamedTuple):
    indicator_id: int
    year: int
    value: float
    percentile: float | None
    source_id: int


def profile_for(*, region: Region) -> Profile:
    ancestors = region_selectors.region_ancestors(region=region)
    municipality = _municipality(region=region, ancestors=ancestors)
    observations = [
        _Observation(*row) for row in Observation.objects.filter(region=region).order_by("year").values_list(
            "indicator_id", "year", "value", "percentile", "source_id")
    ]
    indicator_ids = {obs.indicator_id for obs in observations}
    municipal = _values(region_code=municipality.code if municipality else None, indicator_ids=None)
    national = _values(region_code=NATIONAL_CODE if region.code != NATIONAL_CODE else None, indicator_ids=indicator_ids)
    missing = _missing(region=region, observations=observations, municipal=municipal)
    indicators = Indicator.objects.in_bulk(indicator_ids | missing.keys())
    sources = Source.objects.in_bulk({obs.source_id for obs in observations})
    rows = _rows(region=region, observations=observations, municipal=municipal, national=national,
                 indicators=indicators, sources=sources, peers=_peers(region=region, observations=observations))
    rows += [
        IndicatorRow(indicator=indicators[pk], peer_level=region.level, figures=(),
                     missing_year=year, missing_municipality_value=value)
        for pk, (year, value) in missing.items()
    ]
    scores = score_selectors.region_scores(region=region)
    latest_scores = scores[max(scores)] if scores else {}
    themes = []
    for theme in Theme:
        theme_rows = sorted(
            (row for row in rows if row.indicator.theme == theme),
            key=lambda row: (row.indicator.sort_order, row.indicator.key),
        )
        if theme_rows:
            themes.append(ThemeBlock(theme=theme.value, label=str(theme.label), rows=theme_rows,
                                     score=latest_scores.get(theme.value)))
    profile = Profile(
        region=region, ancestors=ancestors, municipality=municipality,
        region_year=region_selectors.region_latest_year(region=region),
        years=sorted({obs.year for obs in observations}), themes=themes, scores=scores,
        perspectives=_perspectives(themes), sources=_sources(observations, sources),
    )
    profile.weakest, profile.strongest = _highlights(profile.rows)
    return profile


def _municipality(*, region: Region, ancestors: list[Region]) -> Region | None:
    if region.level in _ABOVE_MUNICIPALITY or not region.municipality_code:
        return None
    for ancestor in ancestors:
        if ancestor.code == region.municipality_code:
            return ancestor
    return Region.objects.filter(code=region.municipality_code).first()


def _values(*, region_code: str | None, indicator_ids: set[int] | None) -> dict[int, dict[int, tuple[float, int]]]:
    """indicator id -> year -> (value, source id) for one region, in one query."""
    if region_code is None:
        return {}
    queryset = Observation.objects.filter(region__code=region_code)
    if indicator_ids is not None:
        queryset = queryset.filter(indicator_id__in=indicator_ids)
    values: dict[int, dict[int, tuple[float, int]]] = defaultdict(dict)
    for indicator_id, year, value, source_id in queryset.values_list("indicator_id", "year", "value", "source_id"):
        values[indicator_id][year] = (value, source_id)
    return values


def _peers(*, region: Region, observations: list[_Observation]) -> dict[tuple[int, int], Peers]:
    """(indicator id, year) -> whom the region's percentile compares with, in two queries."""
    wanted = {(obs.indicator_id, obs.year) for obs in observations if obs.percentile is not None}
    if not wanted:
        return {}
    groups = [
        group for group in PeerGroup.objects.filter(
            level=region.level, indicator_id__in={pk for pk, _ in wanted}, year__in={year for _, year in wanted})
        if (group.indicator_id, group.year) in wanted
    ]
    names = dict(Region.objects.filter(
        code__in={group.municipality_code for group in groups if group.municipality_code}).values_list("code", "name"))
    return {
        (group.indicator_id, group.year): Peers(
            level=group.level, count=group.region_count, national=group.national,
            municipality_count=group.municipality_count, municipality_name=names.get(group.municipality_code, ""))
        for group in groups
    }


def _rows(*, region, observations, municipal, national, indicators, sources, peers) -> list[IndicatorRow]:
    figures: dict[int, list[YearFigure]] = defaultdict(list)
    for obs in observations:
        figures[obs.indicator_id].append(YearFigure(
            year=obs.year, value=obs.value,
            municipality_value=municipal.get(obs.indicator_id, {}).get(obs.year, (None,))[0],
            national_value=national.get(obs.indicator_id, {}).get(obs.year, (None,))[0],
            percentile=obs.percentile, source=sources[obs.source_id], peers=peers.get((obs.indicator_id, obs.year)),
        ))
    return [
        IndicatorRow(indicator=indicators[pk], peer_level=region.level, figures=tuple(items))
        for pk, items in figures.items()
    ]


def _missing(*, region: Region, observations, municipal) -> dict[int, tuple[int, float]]:
    """Cells a source left empty for this region: indicator id -> (year, municipal value).

    Only where the same source, in the same year, gave this region other figures, and gave this
    indicator both to the municipality and to a sibling (same level, same parent that year).
    A figure that is simply not in the bundled files is not shown as missing. Two queries.
    """
    covered = {(obs.source_id, obs.year) for obs in observations}
    present = {obs.indicator_id for obs in observations}
    candidates: dict[tuple[int, int, int], float] = {}
    for indicator_id, years in municipal.items():
        if indicator_id not in present:
            for year, (value, source_id) in years.items():
                if (source_id, year) in covered:
                    candidates[(indicator_id, year, source_id)] = value
    if not candidates:
        return {}
    years = {year for _, year, _ in candidates}
    parents = RegionYear.objects.filter(region=region, year__in=years).values("parent_id")
    siblings = set(
        RegionYear.objects.filter(parent_id__in=parents, year__in=years, region__level=region.level)
        .exclude(region=region).values_list("region_id", flat=True)
    )
    # Region, indicator and year all given as values: each is a lookup in the unique index.
    published = set(
        Observation.objects.filter(
            region_id__in=siblings, indicator_id__in={pk for pk, _, _ in candidates}, year__in=years,
        ).order_by().values_list("indicator_id", "year", "source_id").distinct()
    )
    missing: dict[int, tuple[int, float]] = {}
    for (indicator_id, year, source_id), value in candidates.items():
        if (indicator_id, year, source_id) in published and year > missing.get(indicator_id, (0, 0))[0]:
            missing[indicator_id] = (year, value)
    return missing


def _perspectives(themes: list[ThemeBlock]) -> list[PerspectivePair]:
    by_theme = {block.theme: block.rows for block in themes}
    pairs = []
    for block in themes:
        rows = [row for row in block.rows if row.figures]
        survey = [row for row in rows if row.indicator.perspective == Perspective.SURVEY]
        model = [row for row in rows if row.indicator.perspective == Perspective.MODEL]
        registered = [row for row in rows if row.indicator.perspective == Perspective.REGISTERED]
        for related in RELATED_THEMES.get(block.theme, ()):
            registered += [
                row for row in by_theme.get(related, [])
                if row.figures and row.indicator.perspective == Perspective.REGISTERED and row.indicator.is_directional
            ]
        if (survey or model) and registered:
            pairs.append(PerspectivePair(theme=block.theme, label=block.label, survey=survey, model=model,
                                         registered=registered))
    return pairs


def _sources(observations: list[_Observation], sources: dict[int, Source]) -> list[SourceUse]:
    years: dict[int, set[int]] = defaultdict(set)
    for obs in observations:
        years[obs.source_id].add(obs.year)
    uses = [SourceUse(source=sources[pk], years=tuple(sorted(found))) for pk, found in years.items()]
    return sorted(uses, key=lambda use: (use.source.publisher, use.source.title, use.source.key))


def _highlights(rows: list[IndicatorRow], count: int = 3) -> tuple[list[Highlight], list[Highlight]]:
    """Where the region stands least and most favourably among its peers, direction-aware:
    at most `count` each, from the lower and the upper half only."""
    ranked = sorted(
        (
            Highlight(row=row, standing=standing(row.percentile, row.indicator.direction))
            for row in rows
            if row.percentile is not None and row.indicator.direction != Direction.NEUTRAL and compared(row.indicator)
        ),
        key=lambda highlight: (highlight.standing, highlight.row.indicator.key),
    )
    weakest = [item for item in ranked if item.standing < 50][:count]
    strongest = [item for item in reversed(ranked) if item.standing > 50][:count]
    return weakest, strongest
