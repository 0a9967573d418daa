"""The method page's worked example: every step of one real region's overall score."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from wijkkompas.indicators.models import Indicator, Observation, Theme
from wijkkompas.regions.models import Region
from wijkkompas.scores import computation
from wijkkompas.scores.models import OVERALL, Score, ScoreBasis

#: The wijk of the method page's worked example: Overvecht in Utrecht, an NPLV focus area, in 2022,
#: the year every wijk of the Netherlands has figures for.
EXAMPLE_REGION, EXAMPLE_YEAR = "WK034403", 2022


@dataclass(frozen=True)
class ExampleFigure:
    indicator: Indicator
    value: float
    mean: float
    std: float
    z: float  # direction-aware and capped, as it went into the theme score


@dataclass(frozen=True)
class ExampleTheme:
    label: str
    figures: list[ExampleFigure]
    score: Score


@dataclass(frozen=True)
class WorkedExample:
    region: Region
    year: int
    themes: list[ExampleTheme]
    overall: Score


def worked_example(*, code: str = EXAMPLE_REGION, year: int = EXAMPLE_YEAR) -> WorkedExample | None:
    """Every step of one region's overall score: its figures with the stored mean and SD, their
    standard scores (`computation.z_scores`), and the stored theme scores, weights and overall
    score. None when the region has no overall score that year."""
    region = Region.objects.filter(code=code).first()
    scores = {score.theme: score for score in Score.objects.filter(region=region, year=year)} if region else {}
    if OVERALL not in scores:
        return None
    bases = {basis.indicator.key: basis for basis in ScoreBasis.objects.filter(level=region.level, year=year)
             .select_related("indicator")}
    values = dict(Observation.objects.filter(region=region, year=year, indicator__key__in=bases)
                  .values_list("indicator__key", "value"))
    basis_frame = pd.DataFrame([
        {"indicator_key": key, "theme": basis.indicator.theme, "direction": basis.indicator.direction,
         "mean": basis.mean, "std": basis.std} for key, basis in bases.items()
    ], columns=["indicator_key", "theme", "direction", "mean", "std"])
    observations = pd.DataFrame({"region_id": region.pk, "indicator_key": list(values), "value": list(values.values())})
    z = dict(computation.z_scores(observations, basis_frame).set_index("indicator_key")["z"])
    themes = []
    for theme in Theme:
        if theme.value not in scores:
            continue
        figures = [
            ExampleFigure(indicator=bases[key].indicator, value=values[key], mean=bases[key].mean,
                          std=bases[key].std, z=float(z[key]))
            for key in sorted(z, key=lambda key: (bases[key].indicator.sort_order, key))
            if bases[key].indicator.theme == theme.value
        ]
        themes.append(ExampleTheme(label=str(theme.label), figures=figures, score=scores[theme.value]))
    return WorkedExample(region=region, year=year, themes=themes, overall=scores[OVERALL])
