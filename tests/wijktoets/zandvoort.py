"""The wijken of Zandvoort in 2022, worked out by hand from the bundled file (CBS Kerncijfers wijken
en buurten 2022, cbs_kwb2022_wijken_tmap.csv, rows WK047301-WK047304): inhabitants and the % of
persons with a low income. The order of vulnerability comes from the stored overall scores, so the
expected ratios follow the scoring method whatever its version."""

import math

from wijkkompas.scores.models import OVERALL, Score

FIGURES = {"WK047301": (7605, 44.8), "WK047302": (8435, 38.8), "WK047303": (1035, 38.5), "WK047304": (25, None)}
TOUCHED = {code: population * share / 100 for code, (population, share) in FIGURES.items() if share is not None}
FRACTIONS = {"tenth": 1 / 10, "fifth": 1 / 5, "third": 1 / 3}


def vulnerability_order() -> list[str]:
    """The wijken with a low-income figure and an overall score of 2022, lowest score first."""
    scores = dict(Score.objects.filter(region__code__in=list(TOUCHED), year=2022, theme=OVERALL)
                  .values_list("region__code", "value"))
    return sorted(scores, key=lambda code: (scores[code], code))


def expected_ratio(name: str) -> tuple[int, float, float, float]:
    """(areas, share of the low incomes, share of the inhabitants, ratio) of a most vulnerable group."""
    order = vulnerability_order()
    size = max(1, math.floor(len(order) * FRACTIONS[name] + 1e-9))
    touched = sum(TOUCHED[code] for code in order)
    population = sum(FIGURES[code][0] for code in order)
    exposure_share = sum(TOUCHED[code] for code in order[:size]) / touched
    population_share = sum(FIGURES[code][0] for code in order[:size]) / population
    return size, exposure_share, population_share, exposure_share / population_share


def dutch(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")
