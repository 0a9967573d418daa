"""Output schemas of the regions API."""

from ninja import Field, Schema


class RegionOut(Schema):
    code: str
    level: str
    name: str
    municipality_code: str
    first_year: int | None
    last_year: int | None


class RegionSearchOut(RegionOut):
    municipality_name: str
    years: list[int]
    cbs_area: bool = Field(description="A CBS gemeente, wijk or buurt (not a safety monitor or municipal area).")
    current: bool = Field(description="A CBS area of the current indeling (the last two years).")
    former_since: int | None = Field(description="For a former CBS area: the first year it no longer existed, when known.")
    postcode: str | None = Field(description="The postcode searched for, when the query was one.")
    postcode_addresses: int | None = Field(description="How many of the postcode's addresses lie in this area.")
    postcode_share: float | None = Field(description="The share (0 to 1) of the postcode's addresses in this area.")


class RegionChildrenOut(Schema):
    region: RegionOut
    year: int | None
    children: list[RegionOut]


class RegionHierarchyOut(Schema):
    region: RegionOut
    ancestors: list[RegionOut]
    year: int | None
    children: list[RegionOut]
