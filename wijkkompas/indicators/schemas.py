"""Output schemas of the indicators API."""

from ninja import Field, Schema


class IndicatorOut(Schema):
    key: str
    label: str
    short_label: str
    unit: str
    definition: str
    theme: str
    direction: str
    perspective: str
    decimals: int
    is_scored: bool = Field(description="Whether the indicator counts in the composite scores.")
    score_exclusion: str = Field(description="Why an indicator with a direction does not count (Dutch); empty when it counts.")


class IndicatorSourceOut(Schema):
    key: str
    publisher: str
    title: str
    table: str
    year: int | None
    url: str
    licence: str


class CoverageOut(Schema):
    year: int
    level: str
    region_count: int


class IndicatorDetailOut(IndicatorOut):
    sources: list[IndicatorSourceOut]
    coverage: list[CoverageOut]


class ValueOut(Schema):
    code: str
    name: str
    level: str
    year: int
    value: float
    percentile: float | None
    source_key: str


class IndicatorValuesOut(Schema):
    indicator: IndicatorOut
    year: int | None
    level: str | None
    items: list[ValueOut]
