"""Reads of the indicator catalogue and its values."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from wijkkompas.indicators.models import Indicator, Observation, Source
from wijkkompas.regions.models import Level


@dataclass(frozen=True)
class Coverage:
    """How many regions of a level have a value for the indicator in a year."""

    year: int
    level: str
    region_count: int


@dataclass(frozen=True)
class ValueRow:
    code: str
    name: str
    level: str
    year: int
    value: float
    percentile: float | None
    source_key: str


def indicator_catalogue(*, theme: str | None = None) -> list[Indicator]:
    indicators = Indicator.objects.all()
    if theme:
        indicators = indicators.filter(theme=theme)
    return list(indicators)


def indicator_by_key(*, key: str) -> Indicator | None:
    return Indicator.objects.filter(key=key).first()


def indicator_sources(*, indicator: Indicator) -> list[Source]:
    """The tables this indicator's values come from."""
    return list(Source.objects.filter(observations__indicator=indicator).distinct().order_by("year", "key"))


def indicator_coverage(*, indicator: Indicator) -> list[Coverage]:
    """Per year and level, how many regions have a value; years ascending, levels large to small."""
    order = {level: index for index, level in enumerate(Level.values)}
    rows = (
        Observation.objects.filter(indicator=indicator)
        .values("year", "region__level").annotate(count=Count("id")).order_by()
    )
    coverage = [Coverage(year=row["year"], level=row["region__level"], region_count=row["count"]) for row in rows]
    return sorted(coverage, key=lambda item: (item.year, order.get(item.level, len(order))))


def indicator_values(*, indicator: Indicator, year: int | None = None, level: str | None = None) -> list[ValueRow]:
    """Every value of the indicator, optionally of one year and level, by year and region code."""
    observations = Observation.objects.filter(indicator=indicator)
    if year is not None:
        observations = observations.filter(year=year)
    if level:
        observations = observations.filter(region__level=level)
    rows = observations.order_by("year", "region__code").values_list(
        "region__code", "region__name", "region__level", "year", "value", "percentile", "source__key"
    )
    return [ValueRow(*row) for row in rows]
