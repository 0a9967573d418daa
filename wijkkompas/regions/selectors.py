"""Reads of regions: search, lookup by code, the hierarchy around a region and its neighbours."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from wijkkompas.indicators.models import Observation
from wijkkompas.regions.codes import normalise_name
from wijkkompas.regions.models import Level, PostcodeArea, Region, RegionYear
from wijkkompas.regions.postcodes import normalise_postcode

#: How search results of equal match quality are ordered: municipalities first, then districts,
#: then neighbourhoods, then every other kind (country, provinces, non-CBS areas).
_SEARCH_LEVEL_ORDER = (Level.MUNICIPALITY, Level.DISTRICT, Level.NEIGHBOURHOOD)
MAX_SEARCH_LIMIT = 50


@dataclass(frozen=True)
class RegionSummary:
    """A region as a search result shows it: with its municipality's name and the years it has."""

    region: Region
    municipality_name: str
    years: list[int]


@dataclass(frozen=True)
class PostcodeMatch:
    """An area a postcode lies in, with the number and share (0 to 1) of its addresses there."""

    region: Region
    postcode: str
    year: int
    address_count: int
    share: float


def region_search(*, query: str, level: str | None = None, limit: int = 20) -> list[Region]:
    """Regions whose code starts with the query or whose name contains every word of it.

    Exact matches come first, then prefix matches, then the rest; within each, regions
    with figures before those without, then municipality, district, neighbourhood, other.
    """
    name = normalise_name(query)
    code = "".join(query.split()).upper()
    if not name:
        return []
    words = Q()
    for word in name.split():
        words &= Q(search_name__contains=word)
    regions = Region.objects.filter(Q(code__startswith=code) | words)
    if level:
        regions = regions.filter(level=level)
    regions = regions.annotate(
        match_rank=Case(
            When(Q(code=code) | Q(search_name=name), then=Value(0)),
            When(Q(code__startswith=code) | Q(search_name__startswith=name), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        level_rank=Case(
            *(When(level=value, then=Value(rank)) for rank, value in enumerate(_SEARCH_LEVEL_ORDER)),
            default=Value(len(_SEARCH_LEVEL_ORDER)),
            output_field=IntegerField(),
        ),
        has_figures=Exists(Observation.objects.filter(region=OuterRef("pk"))),
    )
    ordered = regions.order_by("match_rank", "-has_figures", "level_rank", "search_name", "code")
    return list(ordered[: max(1, min(limit, MAX_SEARCH_LIMIT))])


def region_summaries(*, regions: list[Region]) -> list[RegionSummary]:
    """The regions with their municipality's name and years, in two queries."""
    municipality_codes = {region.municipality_code for region in regions if region.municipality_code}
    names = dict(Region.objects.filter(code__in=municipality_codes).values_list("code", "name"))
    years: dict[int, list[int]] = {region.pk: [] for region in regions}
    rows = RegionYear.objects.filter(region__in=regions).order_by("year").values_list("region_id", "year")
    for region_id, year in rows:
        years[region_id].append(year)
    return [
        RegionSummary(region=region, municipality_name=names.get(region.municipality_code, ""), years=years[region.pk])
        for region in regions
    ]


def region_by_code(*, code: str) -> Region | None:
    return Region.objects.filter(code__iexact=code.strip()).first()


def regions_by_codes(*, codes: list[str]) -> list[Region]:
    """The regions that exist among the codes, in the order the codes were given."""
    found = {region.code: region for region in Region.objects.filter(code__in=codes)}
    return [found[code] for code in codes if code in found]


def region_years(*, region: Region) -> list[RegionYear]:
    return list(region.years.order_by("year"))


def region_latest_year(*, region: Region) -> RegionYear | None:
    return region.years.order_by("-year").first()


def region_children_year(*, region: Region, year: int | None = None) -> int | None:
    """The year whose children are shown: the given one, or the latest in which the region has children."""
    if year is not None:
        return year
    return RegionYear.objects.filter(parent=region).order_by("-year").values_list("year", flat=True).first()


def region_children(*, region: Region, year: int | None = None) -> list[Region]:
    """Regions whose parent is this region in the given year, or in the latest year that has any."""
    year = region_children_year(region=region, year=year)
    if year is None:
        return []
    child_years = RegionYear.objects.filter(parent=region, year=year).select_related("region")
    return [child_year.region for child_year in child_years.order_by("name", "region__code")]


def region_ancestors(*, region: Region) -> list[Region]:
    """The regions above this one, from the country down to the direct parent.

    Follows each region's parent in its latest year; a province the chain skips is taken
    from the region itself, and the country is added when it is known.
    """
    chain: list[Region] = []
    current: Region | None = region
    while current is not None:
        latest = current.years.exclude(parent=None).select_related("parent").order_by("-year").first()
        current = latest.parent if latest else None
        if current is None or current in chain or current == region:
            break  # the top, or a loop in the data
        chain.insert(0, current)
    if region.level not in (Level.COUNTRY, Level.PROVINCE) and not any(r.level == Level.PROVINCE for r in chain):
        province = region.province or next((r.province for r in chain if r.province_id), None)
        if province is not None:
            chain.insert(0, province)
    if region.level != Level.COUNTRY and not any(r.level == Level.COUNTRY for r in chain):
        country = Region.objects.filter(level=Level.COUNTRY).first()
        if country is not None:
            chain.insert(0, country)
    return chain


def region_neighbours(*, region: Region, year: int) -> list[RegionYear]:
    """Regions of the same level with a boundary that year whose bounding box touches this one's."""
    own = region.years.filter(year=year).exclude(min_lon=None).first()
    if own is None:
        return []
    candidates: QuerySet[RegionYear] = RegionYear.objects.filter(
        year=year,
        region__level=region.level,
        geometry__isnull=False,
        min_lon__lte=own.max_lon,
        max_lon__gte=own.min_lon,
        min_lat__lte=own.max_lat,
        max_lat__gte=own.min_lat,
    )
    return list(candidates.exclude(region=region).select_related("region").order_by("name"))


def regions_for_postcode(*, postcode: str, year: int | None = None) -> list[PostcodeMatch]:
    """The areas a postcode lies in, the largest share of its addresses first.

    Accepts `3523`, `3523 AB` or `3523ab`. A 6-digit postcode gives its buurten when a
    postcode-huisnummer file was imported, else the wijken of its 4 digits. Without `year`,
    the latest year that has the postcode. Text that is not a postcode gives no areas.
    """
    code = normalise_postcode(postcode)
    if code is None:
        return []
    areas = PostcodeArea.objects.filter(postcode__in={code, code[:4]}).select_related("region")
    if year is not None:
        areas = areas.filter(year=year)
    rows = list(areas)
    if not rows:
        return []
    best = max(rows, key=lambda row: (len(row.postcode), row.year))
    chosen = [row for row in rows if (row.postcode, row.year) == (best.postcode, best.year)]
    chosen.sort(key=lambda row: (-row.address_count, row.region.code))
    return [
        PostcodeMatch(region=row.region, postcode=row.postcode, year=row.year,
                      address_count=row.address_count, share=row.share)
        for row in chosen
    ]
