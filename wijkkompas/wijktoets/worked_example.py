"""The method page's worked example, computed from the stored figures by the same service as
every test, so its numbers can never drift from the method: the wijken of Zandvoort in 2022,
a measure that burdens residents with a low income (share with a low income x inhabitants)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from wijkkompas.wijktoets import services
from wijkkompas.wijktoets.definition import Definition, Group

DEFINITION = Definition(
    level="wijk", year=2022, municipality="GM0473", score_year=2022,
    groups=(Group(indicator="pct_personen_laag_inkomen", base="inwoners"),),
)


@dataclass(frozen=True)
class ExampleRow:
    name: str
    population: float | None
    low_income_percent: float | None  # touched / inhabitants x 100; None where the figure is missing
    touched: float | None
    score: float | None


@dataclass(frozen=True)
class WorkedExample:
    rows: list[ExampleRow]
    #: The areas without the figure (missing, not 0).
    missing: list[str]
    compared: int
    population: float
    touched: float
    #: The most vulnerable fifth: a fifth of the compared areas (exact), how many that is, which.
    fifth_exact: float
    fifth: list[str]
    population_share: float
    exposure_share: float
    ratio: float


def worked_example() -> WorkedExample | None:
    """None when the bundled figures of Zandvoort 2022 are not loaded (a database without them)."""
    try:
        result = services.run_test(definition=DEFINITION).result
    except ValidationError:
        return None
    side, coverage = result["sides"].get("burden"), result["coverage"]
    if side is None or not coverage["areas_in_concentration"]:
        return None
    areas = sorted(result["areas"], key=lambda area: (area["burden"] is None, -(area["population"] or 0)))
    ranked = sorted((area for area in areas if area["vulnerability_rank"]), key=lambda area: area["vulnerability_rank"])
    fifth = side["ratios"]["fifth"]
    return WorkedExample(
        rows=[ExampleRow(
            name=area["name"], population=area["population"], touched=area["burden"], score=area["score"],
            low_income_percent=(100 * area["burden"] / area["population"]
                                if area["burden"] is not None and area["population"] else None),
        ) for area in areas],
        missing=[area["name"] for area in areas if area["burden"] is None],
        compared=coverage["areas_in_concentration"], population=coverage["population_in_concentration"],
        touched=side["total"], fifth_exact=coverage["areas_in_concentration"] / 5,
        fifth=[area["name"] for area in ranked[:fifth["areas"]]],
        population_share=100 * fifth["population_share"], exposure_share=100 * fifth["exposure_share"],
        ratio=fifth["ratio"],
    )
