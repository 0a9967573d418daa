"""Output schemas of the regions API."""

from ninja import Schema


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


class RegionChildrenOut(Schema):
    region: RegionOut
    year: int | None
    children: list[RegionOut]


class RegionHierarchyOut(Schema):
    region: RegionOut
    ancestors: list[RegionOut]
    year: int | None
    children: list[RegionOut]
