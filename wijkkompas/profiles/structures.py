"""What a profile is made of: plain data, read by the page, the map, the CSV and the API.
Built by `selectors.profile_for`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from wijkkompas.indicators.models import Indicator, Perspective, Source
from wijkkompas.regions.models import Region, RegionYear
from wijkkompas.scores.models import OVERALL, Score


@dataclass(frozen=True)
class Peers:
    """Whom a percentile compares with (`scores.models.PeerGroup`), as the page names them."""

    level: str
    count: int
    national: bool
    municipality_count: int
    #: The municipality's name when all peers lie in one.
    municipality_name: str = ""


@dataclass(frozen=True)
class YearFigure:
    year: int
    value: float
    municipality_value: float | None
    national_value: float | None
    percentile: float | None
    source: Source
    peers: Peers | None = None


@dataclass(frozen=True)
class SourceUse:
    source: Source
    years: tuple[int, ...]


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator for one region: every year it has a value, oldest first.

    A row without figures is a published-but-empty cell: the source covered this region and its
    peers in `missing_year` and gave the municipality a value, but not this region (CBS
    suppresses small numbers). It is shown as "no figure", never as 0.
    """

    indicator: Indicator
    peer_level: str
    figures: tuple[YearFigure, ...]
    missing_year: int | None = None
    missing_municipality_value: float | None = None

    @property
    def latest(self) -> YearFigure | None:
        return self.figures[-1] if self.figures else None

    @property
    def year(self) -> int | None:
        return self.latest.year if self.latest else self.missing_year

    @property
    def value(self) -> float | None:
        return self.latest.value if self.latest else None

    @property
    def municipality_value(self) -> float | None:
        return self.latest.municipality_value if self.latest else self.missing_municipality_value

    @property
    def national_value(self) -> float | None:
        return self.latest.national_value if self.latest else None

    @property
    def percentile(self) -> float | None:
        return self.latest.percentile if self.latest else None

    @property
    def peers(self) -> Peers | None:
        return self.latest.peers if self.latest else None

    @property
    def series(self) -> list[tuple[int, float]]:
        return [(figure.year, figure.value) for figure in self.figures]

    @property
    def is_model_estimate(self) -> bool:
        return self.indicator.perspective == Perspective.MODEL

    @property
    def method_versions(self) -> list[str]:
        """The method versions of the figures' sources (e.g. Leefbaarometer 1.0, 2.0, 3.0), oldest
        year first, each once; empty when the sources name none. Two or more: not one series."""
        versions = (figure.source.method_version for figure in self.figures)
        return list(dict.fromkeys(version for version in versions if version))

    @property
    def sources(self) -> list[SourceUse]:
        years: dict[int, list[int]] = defaultdict(list)
        by_id = {}
        for figure in self.figures:
            years[figure.source.pk].append(figure.year)
            by_id[figure.source.pk] = figure.source
        return [SourceUse(source=by_id[pk], years=tuple(years[pk])) for pk in by_id]


@dataclass(frozen=True)
class ThemeBlock:
    theme: str
    label: str
    rows: list[IndicatorRow]
    score: Score | None = None

    @property
    def trend_rows(self) -> list[IndicatorRow]:
        return [row for row in self.rows if len(row.figures) > 1]

    @property
    def has_model_estimates(self) -> bool:
        return any(row.figures and row.is_model_estimate for row in self.rows)


@dataclass(frozen=True)
class PerspectivePair:
    """Leefwereld beside systeemwereld for one theme: what residents say (survey) or a model
    estimates (Leefbaarometer), next to what registers count."""

    theme: str
    label: str
    survey: list[IndicatorRow]
    model: list[IndicatorRow]
    registered: list[IndicatorRow]


@dataclass(frozen=True)
class Highlight:
    row: IndicatorRow
    standing: float


@dataclass
class Profile:
    region: Region
    ancestors: list[Region]
    municipality: Region | None
    region_year: RegionYear | None
    years: list[int]
    themes: list[ThemeBlock]
    scores: dict[int, dict[str, Score]]
    perspectives: list[PerspectivePair]
    sources: list[SourceUse]
    weakest: list[Highlight] = field(default_factory=list)
    strongest: list[Highlight] = field(default_factory=list)

    @property
    def rows(self) -> list[IndicatorRow]:
        return [row for block in self.themes for row in block.rows]

    @property
    def score_year(self) -> int | None:
        return max(self.scores) if self.scores else None

    @property
    def overall_score(self) -> Score | None:
        return self.scores[self.score_year].get(OVERALL) if self.scores else None

    @property
    def theme_scores(self) -> list[ThemeBlock]:
        return [block for block in self.themes if block.score is not None]
