"""The national Leefbaarometer view: the buurten whose Leefbaarometer 3.0 total score fell most
between two years, and the gap between the best and the worst tenth of buurten per year.

Both compare like with like: one instrument version (scores of versions 1.0, 2.0 and 3.0 are not
comparable, so only the values filed under the 3.0 source count), and the same buurten (a change
needs a value in both years; the gap takes the buurten with a value in every 3.0 year).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from wijkkompas.core.db import read_frame
from wijkkompas.indicators.models import Indicator, Observation, Source
from wijkkompas.regions.models import Level, Region
from wijkkompas.scores import computation
from wijkkompas.scores.areas import POPULATION_KEY
from wijkkompas.scores.selectors import GapRow

LBM_KEY = "lbm_totaalscore"
#: The source the importer files Leefbaarometer 3.0 values under.
LBM_SOURCE = "leefbaarometer-3"
DEFAULT_YEARS = (2014, 2020)


@dataclass(frozen=True)
class DeclineRow:
    region: Region
    municipality_name: str
    value_from: float
    value_to: float
    change: float
    #: The buurt's latest number of inhabitants, and its year (None when there is none).
    population: float | None
    population_year: int | None


@dataclass(frozen=True)
class Decline:
    rows: list[DeclineRow]
    #: Buurten with a 3.0 score in both years (before the filters on municipality and population).
    compared: int


def livability_values(*, municipality: str | None = None) -> pd.DataFrame:
    """region_id, year, value of every buurt's Leefbaarometer 3.0 total score (optionally of one municipality)."""
    indicator = Indicator.objects.filter(key=LBM_KEY).values_list("pk", flat=True).first()
    source = Source.objects.filter(key=LBM_SOURCE).values_list("pk", flat=True).first()
    columns = ["region_id", "year", "value"]
    if indicator is None or source is None:
        return pd.DataFrame(columns=columns)
    regions = Region.objects.filter(level=Level.NEIGHBOURHOOD)
    if municipality:
        regions = regions.filter(municipality_code=municipality.upper())
    frame = read_frame(
        f"SELECT region_id, year, value FROM {Observation._meta.db_table} "
        f"WHERE indicator_id = {int(indicator)} AND source_id = {int(source)}", columns,
    )
    return frame[frame["region_id"].isin(set(regions.values_list("pk", flat=True)))].astype(
        {"region_id": "int64", "year": "int64", "value": float})


def livability_years() -> list[int]:
    """The years with Leefbaarometer 3.0 scores of buurten, ascending."""
    return sorted(int(year) for year in livability_values()["year"].unique())


def livability_decline(
    *, year_from: int, year_to: int, municipality: str | None = None, min_population: float | None = None,
    limit: int | None = 50,
) -> Decline:
    """The buurten whose 3.0 score fell most from `year_from` to `year_to` (most negative first).
    The population filter uses each buurt's latest number of inhabitants."""
    values = livability_values(municipality=municipality)
    wide = values[values["year"].isin([year_from, year_to])].pivot(index="region_id", columns="year", values="value")
    if year_from not in wide or year_to not in wide:
        return Decline(rows=[], compared=0)
    wide = wide.dropna(subset=[year_from, year_to]).rename(columns={year_from: "value_from", year_to: "value_to"})
    wide["change"] = wide["value_to"] - wide["value_from"]
    compared = len(wide)
    populations = _latest_populations(wide.index.tolist())
    if min_population is not None:
        wide = wide[[populations.get(pk, (None, -1))[1] >= min_population for pk in wide.index]]
    wide = wide.reset_index().sort_values(["change", "region_id"]).head(limit)
    regions = Region.objects.in_bulk(wide["region_id"].tolist())
    codes = {region.municipality_code for region in regions.values()}
    names = dict(Region.objects.filter(level=Level.MUNICIPALITY, code__in=codes).values_list("code", "name"))
    rows = [
        DeclineRow(
            region=regions[row.region_id], municipality_name=names.get(regions[row.region_id].municipality_code, ""),
            value_from=float(row.value_from), value_to=float(row.value_to), change=float(row.change),
            population=populations.get(row.region_id, (None, None))[1],
            population_year=populations.get(row.region_id, (None, None))[0],
        )
        for row in wide[["region_id", "value_from", "value_to", "change"]].itertuples(index=False)
    ]
    return Decline(rows=rows, compared=compared)


def livability_gap(*, municipality: str | None = None) -> list[GapRow]:
    """Per 3.0 year, the gap between the best and the worst tenth of the buurten with a 3.0 score
    in every 3.0 year, so each year compares the same buurten (`computation.score_gap`)."""
    values = livability_values(municipality=municipality)
    years = values["year"].nunique()
    complete = values.groupby("region_id")["year"].transform("nunique") == years
    return [GapRow(**row) for row in computation.score_gap(values[complete]).to_dict("records")]


def _latest_populations(region_ids: list[int]) -> dict[int, tuple[int, float]]:
    """Per region id: (year, inhabitants) of its latest population figure."""
    rows = Observation.objects.filter(indicator__key=POPULATION_KEY, region_id__in=region_ids).order_by("year")
    return {region_id: (year, value) for region_id, year, value in rows.values_list("region_id", "year", "value")}
