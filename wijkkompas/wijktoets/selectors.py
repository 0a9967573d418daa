"""Reads for the Wijktoets: the areas of a test with their inhabitants and overall score, the
figures of its groups, the NPLV focus areas, the catalogue's counts, and saved tests."""

from __future__ import annotations

import pandas as pd
from django.db.models import Count, QuerySet

from wijkkompas.indicators.models import Indicator, Observation
from wijkkompas.regions.models import FocusArea, Level, Region, RegionYear
from wijkkompas.scores.models import OVERALL, Score
from wijkkompas.wijktoets.definition import Definition
from wijkkompas.wijktoets.models import Wijktoets, WijktoetsRun

POPULATION_KEY = "inwoners"


def _universe(*, level: str, year: int, municipality: str | None) -> QuerySet[RegionYear]:
    """The areas of the level as they were in the year (its own indeling), optionally of one gemeente."""
    rows = RegionYear.objects.filter(year=year, region__level=level)
    if municipality:
        if level == Level.MUNICIPALITY:
            rows = rows.filter(region__code=municipality)
        else:
            rows = rows.filter(region__municipality_code=municipality)
    return rows


def test_areas(*, definition: Definition, score_year: int | None) -> pd.DataFrame:
    """One row per area: region_id, code, name, municipality_code, population, score (NaN when missing)."""
    rows = _universe(level=definition.level, year=definition.year, municipality=definition.municipality)
    areas = pd.DataFrame(
        list(rows.values_list("region_id", "region__code", "name", "region__municipality_code")),
        columns=["region_id", "code", "name", "municipality_code"],
    )
    ids = areas["region_id"].tolist()
    population = dict(Observation.objects.filter(
        indicator__key=POPULATION_KEY, year=definition.year, region__level=definition.level,
    ).values_list("region_id", "value"))
    scores = {} if score_year is None else dict(Score.objects.filter(
        level=definition.level, year=score_year, theme=OVERALL,
    ).values_list("region_id", "value"))
    areas["population"] = pd.Series([population.get(pk) for pk in ids], dtype=float)
    areas["score"] = pd.Series([scores.get(pk) for pk in ids], dtype=float)
    return areas


def group_values(*, definition: Definition) -> pd.DataFrame:
    """The observed values of every indicator the groups name, for the level and year."""
    keys = sorted({key for group in definition.groups for key in (group.indicator, group.base) if key})
    indicators = dict(Indicator.objects.filter(key__in=keys).values_list("id", "key"))
    rows = Observation.objects.filter(
        indicator_id__in=list(indicators), year=definition.year, region__level=definition.level,
    ).values_list("region_id", "indicator_id", "value")
    frame = pd.DataFrame(list(rows), columns=["region_id", "indicator_id", "value"])
    frame["indicator_key"] = frame["indicator_id"].map(indicators)
    return frame[["region_id", "indicator_key", "value"]].astype({"value": float})


def best_score_year(*, definition: Definition) -> int | None:
    """The year of overall scores that covers most of the test's areas (the data year, then the
    latest, of equals); region codes and sources differ between years."""
    regions = _universe(level=definition.level, year=definition.year, municipality=definition.municipality)
    counts = dict(
        Score.objects.filter(level=definition.level, theme=OVERALL, region_id__in=regions.values("region_id"))
        .values_list("year").annotate(count=Count("id")).order_by()
    )
    return max(counts, key=lambda year: (counts[year], year == definition.year, year), default=None)


def focus_areas() -> pd.DataFrame:
    return pd.DataFrame(
        list(FocusArea.objects.values_list("municipality__code", "name")), columns=["municipality_code", "name"],
    )


def municipality_name(*, code: str) -> str | None:
    return Region.objects.filter(code=code, level=Level.MUNICIPALITY).values_list("name", flat=True).first()


def municipality_names(*, codes: list[str]) -> dict[str, str]:
    return dict(Region.objects.filter(code__in=codes, level=Level.MUNICIPALITY).values_list("code", "name"))


def indicator_units(*, keys: list[str]) -> dict[str, str]:
    return dict(Indicator.objects.filter(key__in=keys).values_list("key", "unit"))


def indicator_labels() -> dict[str, str]:
    return dict(Indicator.objects.values_list("key", "label"))


def data_years(*, level: str) -> list[int]:
    """Years in which areas of the level have inhabitants, latest first."""
    years = Observation.objects.filter(indicator__key=POPULATION_KEY, region__level=level).values_list(
        "year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def saved_tests() -> list[Wijktoets]:
    """Examples first, then the newest."""
    return list(Wijktoets.objects.select_related("owner").order_by("-is_example", "-created_at", "-id"))


def saved_test(*, pk: int) -> Wijktoets | None:
    return Wijktoets.objects.select_related("owner").filter(pk=pk).first()


def test_runs(*, test: Wijktoets) -> list[WijktoetsRun]:
    """Its runs, newest first."""
    return list(test.runs.order_by("-number"))


def test_run(*, test: Wijktoets, number: int | None = None) -> WijktoetsRun | None:
    runs = test.runs.order_by("-number")
    return runs.first() if number is None else runs.filter(number=number).first()
