"""Output schemas of the scores API."""

from ninja import Schema


class AreaOut(Schema):
    code: str
    name: str
    level: str
    municipality_code: str
    municipality_name: str
    population: float | None
    nplv_municipality: bool


class RankingItemOut(AreaOut):
    rank: int
    score: float
    indicator_count: int
    peer_count: int


class RankingOut(Schema):
    level: str
    year: int
    theme: str
    method_version: str
    min_population: int | None
    items: list[RankingItemOut]


class ChangeItemOut(AreaOut):
    change: float
    indicator_count: int


class ChangeIndicatorOut(Schema):
    key: str
    label: str
    theme: str
    region_count: int


class ChangesOut(Schema):
    level: str
    year_from: int
    year_to: int
    method_version: str
    min_population: int | None
    indicators: list[ChangeIndicatorOut]
    items: list[ChangeItemOut]


class GapItemOut(Schema):
    year: int
    region_count: int
    tenth: int
    best_mean: float
    worst_mean: float
    gap: float
    p90: float
    p10: float
    p90_p10: float


class GapOut(Schema):
    level: str
    method_version: str
    items: list[GapItemOut]


class ThemeScoreOut(Schema):
    theme: str
    value: float
    rank: int
    peer_count: int
    indicator_count: int
    weight: float | None
    contribution: float | None


class ScoreYearOut(Schema):
    year: int
    scores: list[ThemeScoreOut]


class RegionScoresOut(Schema):
    code: str
    name: str
    level: str
    method_version: str
    years: list[ScoreYearOut]
