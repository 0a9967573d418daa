"""Output schemas of the profile JSON (GET /api/regions/{code}): the same figures as the page."""

from ninja import Schema

from wijkkompas.regions.schemas import RegionOut


class PointOut(Schema):
    year: int
    value: float
    municipality_value: float | None
    national_value: float | None
    percentile: float | None
    source: str


class IndicatorFiguresOut(Schema):
    key: str
    label: str
    unit: str
    decimals: int
    direction: str
    perspective: str
    definition_url: str
    year: int | None
    value: float | None = None
    municipality_value: float | None = None
    national_value: float | None = None
    percentile: float | None = None
    peer_level: str
    series: list[PointOut]


class ScoreOut(Schema):
    theme: str
    year: int
    value: float
    rank: int
    peer_count: int
    indicator_count: int


class ThemeOut(Schema):
    key: str
    label: str
    score: ScoreOut | None
    indicators: list[IndicatorFiguresOut]


class SourceOut(Schema):
    key: str
    publisher: str
    title: str
    table: str
    url: str
    licence: str
    years: list[int]


class ProfileOut(Schema):
    region: RegionOut
    ancestors: list[RegionOut]
    municipality: RegionOut | None
    years: list[int]
    themes: list[ThemeOut]
    scores: list[ScoreOut]
    sources: list[SourceOut]
    csv_url: str
    page_url: str
