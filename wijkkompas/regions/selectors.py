"""Reads of regions: search, lookup by code, the hierarchy around a region and its neighbours."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.db.models import Max, Q, QuerySet

from wijkkompas.regions.models import Level, PostcodeArea, Region, RegionYear
from wijkkompas.regions.postcodes import normalise_postcode
from wijkkompas.regions.search import ranked_region_ids

MAX_SEARCH_LIMIT = 50


@dataclass(frozen=True)
class RegionSummary:
    """A region as a search result shows it: with its municipality's name and the years it has,
    whether it is a current CBS area, since when a former one no longer exists (None when the
    data does not say), and for a postcode search the number and share of its addresses."""

    region: Region
    municipality_name: str
    years: list[int]
    current: bool = False
    former_since: int | None = None
    postcode_addresses: int | None = None
    postcode_share: float | None = None

    @property
    def former(self) -> bool:
        return self.region.is_cbs_region and not self.current


@dataclass(frozen=True)
class PostcodeMatch:
    """An area a postcode lies in, with the number and share (0 to 1) of its addresses there."""

    region: Region
    postcode: str
    year: int
    address_count: int
    share: float


@dataclass(frozen=True)
class SearchResults:
    """What a search found: areas of a postcode (`postcode` set) or areas by name or code."""

    postcode: str | None
    results: list[RegionSummary]


def search_results(*, query: str, level: str | None = None, limit: int = 20) -> SearchResults:
    """A Dutch postcode gives the areas its addresses lie in, the largest share first; any other
    text (or a postcode Wijkkompas does not know) searches names and codes."""
    matches = [match for match in regions_for_postcode(postcode=query) if level in (None, match.region.level)]
    if matches:
        matches = matches[: max(1, min(limit, MAX_SEARCH_LIMIT))]
        summaries = region_summaries(regions=[match.region for match in matches])
        return SearchResults(postcode=matches[0].postcode, results=[
            replace(summary, postcode_addresses=match.address_count, postcode_share=match.share)
            for summary, match in zip(summaries, matches, strict=True)
        ])
    return SearchResults(postcode=None, results=region_summaries(
        regions=region_search(query=query, level=level, limit=limit)))


def region_search(*, query: str, level: str | None = None, limit: int = 20) -> list[Region]:
    """Regions matching a name (with typos, everyday names, "name town") or the start of a code,
    best first: the database matches and ranks them (`regions.search`)."""
    ids = ranked_region_ids(query=query, level=level, limit=max(1, min(limit, MAX_SEARCH_LIMIT)))
    found = Region.objects.in_bulk(ids)
    return [found[pk] for pk in ids]


def region_summaries(*, regions: list[Region]) -> list[RegionSummary]:
    """The regions with their municipality's name, years and whether they are current, in four queries."""
    municipality_codes = {region.municipality_code for region in regions if region.municipality_code}
    names = dict(Region.objects.filter(code__in=municipality_codes).values_list("code", "name"))
    years: dict[int, list[int]] = {region.pk: [] for region in regions}
    rows = RegionYear.objects.filter(region__in=regions).order_by("year").values_list("region_id", "year")
    for region_id, year in rows:
        years[region_id].append(year)
    current_from = current_indeling_from()
    current = {region.pk for region in regions if region.is_cbs_region and current_from is not None
               and region.last_year is not None and region.last_year >= current_from}
    since = _former_since([region for region in regions if region.is_cbs_region and region.pk not in current])
    return [
        RegionSummary(region=region, municipality_name=names.get(region.municipality_code, ""), years=years[region.pk],
                      current=region.pk in current, former_since=since.get(region.pk))
        for region in regions
    ]


def current_indeling_from() -> int | None:
    """The first year of the current indeling: CBS areas of the last two years of municipalities
    Wijkkompas knows (2024 and 2025) are current; figures lag the names by a year."""
    latest = Region.objects.filter(level=Level.MUNICIPALITY).aggregate(latest=Max("last_year"))["latest"]
    return None if latest is None else latest - 1


def _former_since(regions: list[Region]) -> dict[int, int]:
    """For each former area, the first year after its last in which Wijkkompas knows areas of its
    level in its municipality (for a municipality: any municipality), so it no longer existed then."""
    if not regions:
        return {}
    first = min(region.last_year or 0 for region in regions)
    where = Q(region__level=Level.MUNICIPALITY) | Q(
        region__municipality_code__in={region.municipality_code for region in regions})
    known = set(RegionYear.objects.filter(where, year__gt=first, region__level__in={r.level for r in regions})
                .order_by().values_list("region__level", "region__municipality_code", "year").distinct())
    since = {}
    for region in regions:
        later = [year for level, municipality, year in known if level == region.level and year > (region.last_year or 0)
                 and (level == Level.MUNICIPALITY or municipality == region.municipality_code)]
        if later:
            since[region.pk] = min(later)
    return since


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


#: More than the levels below the country (province, municipality, district, neighbourhood): the
#: walk stops as soon as a level has no children, so the bound only guards against a cycle.
_MAX_DEPTH = 6


def region_ids_below(region_id: int) -> set[int]:
    """The region and every region below it in any year (a buurt that moved stays found), one
    query per level: roles and lists that hold "for an area and everything in it" use this."""
    found, frontier = {region_id}, {region_id}
    for _depth in range(_MAX_DEPTH):
        frontier = set(RegionYear.objects.filter(parent_id__in=frontier).values_list("region_id", flat=True)) - found
        if not frontier:
            break
        found |= frontier
    return found
