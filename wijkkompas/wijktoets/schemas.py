"""The Wijktoets in the JSON API: a definition in, the result out (the same as the pages show)."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

from wijkkompas.core.params import MAX_YEAR, MIN_YEAR, Text
from wijkkompas.indicators.catalogue import load_catalogue
from wijkkompas.indicators.models import Unit
from wijkkompas.wijktoets.definition import MAX_GROUPS, MAX_WEIGHT


#: The catalogue's counts and percentages (indicators/catalogue/*.toml): what a group can be made of.
_CATALOGUE = load_catalogue().indicators
COUNT_KEYS = tuple(sorted(key for key, spec in _CATALOGUE.items() if spec.unit == Unit.COUNT))
PERCENT_KEYS = tuple(sorted(key for key, spec in _CATALOGUE.items() if spec.unit == Unit.PERCENT))


class ToetsGroupIn(Schema):
    indicator: Literal[COUNT_KEYS + PERCENT_KEYS] = Field(
        ..., description="An indicator that counts (e.g. inwoners_65_plus), or a percentage "
        "(e.g. pct_personen_laag_inkomen) with a base.")
    base: Literal[COUNT_KEYS] | None = Field(
        None, description="The count a percentage is a share of (e.g. inwoners); only with a percentage.")
    weight: float = Field(1.0, gt=0, le=MAX_WEIGHT)
    effect: Literal["burden", "benefit"] = "burden"


class ToetsDefinitionIn(Schema):
    title: Text = Field("", max_length=200)
    level: Literal["gemeente", "wijk", "buurt"]
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR, description="Year of the figures.")
    municipality: Text | None = Field(None, max_length=8, description="Only the areas of this gemeente (GM0363).")
    score_year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="Year of the overall scores; "
                                   "default: the year whose scores cover most of the areas.")
    groups: list[ToetsGroupIn] = Field(..., min_length=1, max_length=MAX_GROUPS)


class ToetsRatioOut(Schema):
    areas: int
    exposure_share: float | None
    population_share: float | None
    ratio: float | None


class ToetsFocusOut(Schema):
    municipality_code: str
    focus_areas: list[str]
    areas: int
    exposure: float | None
    exposure_share: float | None
    population_share: float | None


class ToetsSideOut(Schema):
    total: float | None = Field(..., description="Exposure (weighted) of the areas compared: those with "
                                "the figures, inhabitants and an overall score.")
    population: float | None = Field(..., description="Inhabitants of the areas compared.")
    ratios: dict[Literal["tenth", "fifth", "third"], ToetsRatioOut]
    curve: list[list[float]] = Field(..., description="[cumulative share of inhabitants, cumulative share of "
                                     "exposure], areas from most to least vulnerable, from [0, 0].")
    most_touched: list[str] = Field(..., description="Codes of the fifth of the areas with the highest share.")
    focus: list[ToetsFocusOut]


class ToetsCoverageOut(Schema):
    areas: int
    areas_with_exposure: int
    areas_in_concentration: int
    areas_missing_figures: int
    areas_without_population: int
    areas_without_score: int
    population: float | None
    population_with_exposure: float | None
    population_in_concentration: float | None


class ToetsAreaOut(Schema):
    code: str
    name: str
    municipality_code: str | None
    population: float | None
    score: float | None = Field(..., description="Overall score: lower is more vulnerable.")
    vulnerability_rank: int | None = Field(..., description="1 = most vulnerable among the areas compared.")
    missing: list[str] = Field(..., description="Indicators (and 'inwoners') the area has no figure for.")
    burden: float | None = None
    burden_share: float | None = None
    benefit: float | None = None
    benefit_share: float | None = None


class ToetsResultOut(Schema):
    method_version: str
    coverage: ToetsCoverageOut
    sides: dict[Literal["burden", "benefit"], ToetsSideOut]
    areas: list[ToetsAreaOut]


class ToetsRunOut(Schema):
    """A run of a definition: what it ran with, and the result."""

    title: str
    definition: dict
    figures_year: int
    score_year: int | None
    method_version: str
    result: ToetsResultOut


class WijktoetsOut(ToetsRunOut):
    """A saved test: its latest run, and the address of its page."""

    id: int
    url: str
    is_example: bool
    run: int = Field(..., description="Number of the run (1 is the first).")
