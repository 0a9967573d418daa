"""Output schemas of the profile JSON (GET /api/regions/{code}): the same figures as the page."""

from ninja import Field, Schema

from wijkkompas.regions.schemas import RegionOut


class PeerGroupOut(Schema):
    """Whom the percentile compares with: the regions of this level with a figure that year."""

    level: str
    region_count: int
    municipality_count: int = Field(description="In how many municipalities those regions lie.")
    municipality: str = Field(description="The municipality's name when they all lie in one; else empty.")
    national: bool = Field(description="True when the regions lie in nearly every municipality of that year "
                                       "(at least 90%): only then is the comparison national.")
    description: str = Field(description="The same in words, as the page says it.")


class PointOut(Schema):
    year: int
    value: float
    municipality_value: float | None
    national_value: float | None
    percentile: float | None
    peer_group: PeerGroupOut | None = None
    source: str
    method_version: str = Field(
        description="Version of the method the source made this figure with (e.g. '3.0' for Leefbaarometer 3.0); "
        "empty when the source names none. Figures of different versions are not strictly comparable.",
    )


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
    peer_group: PeerGroupOut | None = None
    peer_level: str
    model_estimate: bool = Field(description="True for estimates made with a model (perspective 'model').")
    method_versions: list[str] = Field(
        description="The method versions in the series, oldest first. Two or more: the series is not one trend.",
    )
    series: list[PointOut]


class ScoreOut(Schema):
    theme: str
    year: int
    value: float
    rank: int
    peer_count: int
    indicator_count: int
    weight: float | None = Field(description="A theme's weight in the overall score (the weights add up to 1); "
                                             "null for the overall score and for a theme that did not count.")
    contribution: float | None = Field(description="value x weight: the theme's share of the overall score.")
    method_version: str


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
    method_version: str
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
