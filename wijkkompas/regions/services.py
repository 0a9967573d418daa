"""Writes to regions. Called by the import service inside its transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from wijkkompas.core.db import execute_many, insert_rows, json_param
from wijkkompas.regions.codes import is_cbs_code, level_of, municipality_code, normalise_name
from wijkkompas.regions.geometry import bounding_box
from wijkkompas.regions.indeling import OFFICIAL_NAMES, RegionCheck, check_region_records
from wijkkompas.regions.models import FocusArea, Level, PostcodeArea, Region, RegionMatch, RegionYear
from wijkkompas.regions.search import search_texts_refresh

if TYPE_CHECKING:
    from wijkkompas.imports.base import FocusAreaRecord, MatchRecord, PostcodeAreaRecord, RegionRecord

_REGION_FIELDS = ["name", "search_name", "municipality_code", "province", "first_year", "last_year"]


def regions_upsert(
    *, records: Iterable[RegionRecord], leave_aside_unknown: bool = False
) -> tuple[dict[str, Region], int, RegionCheck]:
    """Create or update regions and their per-year rows, in a fixed number of queries.

    A field a record leaves as None keeps its stored value, so a boundary file does not
    erase names and a statistics file does not erase boundaries. Returns the regions by
    code (including parents and provinces named by the records), how many were created, and
    what `indeling.check_region_records` left aside or unlinked. Raises `indeling.RegionRefused`
    before writing anything for a record that would create a region without a name (a
    phantom) or contradicts its code.
    """
    records = sorted(records, key=lambda record: record.year)
    codes = {record.code for record in records} | {r.parent_code for r in records if r.parent_code}
    codes |= {r.province_code for r in records if r.province_code}
    regions = {region.code: region for region in Region.objects.filter(code__in=codes).select_related("province")}
    check = check_region_records(records=records, known=regions, leave_aside_unknown=leave_aside_unknown)
    if check.left_aside or check.unlinked:
        records = [
            replace(record, parent_code=None) if record.parent_code in check.unlinked else record
            for record in records if record.code not in check.left_aside
        ]
        codes -= check.left_aside | check.unlinked
    new_codes = codes - regions.keys()
    names = OFFICIAL_NAMES | {record.code: record.name for record in records if record.name}
    for code in new_codes:
        level = level_of(code) if is_cbs_code(code) else ""
        regions[code] = Region(code=code, level=level, name=names[code], search_name=normalise_name(names[code]))
    # Provinces and parents first, so the regions that point at them can be saved.
    changed = {region.code for region in (_apply_to_region(regions, record) for record in records) if region}
    new = [regions[code] for code in sorted(new_codes)]
    # A new region may point at a new province: insert without the link, then link.
    provinces = {region.code: region.province for region in new}
    for region in new:
        region.province = None
    Region.objects.bulk_create(new, batch_size=500)
    for region in new:
        region.province = provinces[region.code]
    linked = {region.code for region in new if region.province}
    execute_many(
        f"UPDATE {Region._meta.db_table} SET level = %s, name = %s, search_name = %s, municipality_code = %s, "
        "province_id = %s, first_year = %s, last_year = %s WHERE id = %s",
        [
            (r.level, r.name, r.search_name, r.municipality_code, r.province_id, r.first_year, r.last_year, r.pk)
            for r in (regions[code] for code in sorted((changed - new_codes) | linked))
        ],
    )
    _region_years_upsert(records, regions)
    if changed or new_codes:
        search_texts_refresh(municipality_codes=_municipalities_of(regions[code] for code in changed | new_codes))
    return regions, len(new_codes), check


def _municipalities_of(regions: Iterable[Region]) -> set[str]:
    """The municipalities whose regions' search texts a change of these regions can touch; a region
    outside any municipality (a province, the country) stands for itself."""
    return {region.municipality_code or region.code for region in regions}


def _apply_to_region(regions: dict[str, Region], record: RegionRecord) -> Region | None:
    region = regions[record.code]
    if record.level:
        region.level = record.level
    before = [getattr(region, name) for name in _REGION_FIELDS]
    latest = region.last_year is None or record.year >= region.last_year
    if record.name and (latest or region.name == region.code):
        region.name, region.search_name = record.name, normalise_name(record.name)
    municipality = record.municipality_code or (municipality_code(record.code) if is_cbs_code(record.code) else None)
    if municipality:
        region.municipality_code = municipality
    if record.province_code:
        region.province = regions[record.province_code]
    region.first_year = min(filter(None, [region.first_year, record.year]))
    region.last_year = max(filter(None, [region.last_year, record.year]))
    return region if before != [getattr(region, name) for name in _REGION_FIELDS] else None


def _region_years_upsert(records: list[RegionRecord], regions: dict[str, Region]) -> None:
    region_ids = {regions[record.code].pk for record in records}
    years = {record.year for record in records}
    existing = {
        (row.region_id, row.year): row
        for row in RegionYear.objects.filter(region_id__in=region_ids, year__in=years).defer("geometry")
    }
    to_create: dict[tuple[int, int], RegionYear] = {}
    updated: dict[tuple[int, int], RegionYear] = {}
    with_geometry: set[tuple[int, int]] = set()
    for record in records:
        region = regions[record.code]
        key = (region.pk, record.year)
        row = to_create.get(key) or existing.get(key)
        if row is None:
            row = to_create[key] = RegionYear(region=region, year=record.year, name=record.name or region.name)
        before = (row.name, row.parent_id)
        if record.name:
            row.name = record.name
        if record.parent_code:
            row.parent = regions[record.parent_code]
        if key not in to_create and (before != (row.name, row.parent_id) or record.geometry is not None):
            updated[key] = row
        if record.geometry is not None:
            row.geometry = record.geometry
            row.min_lon, row.min_lat, row.max_lon, row.max_lat = bounding_box(record.geometry)
            with_geometry.add(key)
    # Plain multi-row inserts (COPY on PostgreSQL): a national file creates some 18,000 rows, and
    # nothing below needs their ids, so Django's model-by-model bulk_create is not needed.
    insert_rows(
        RegionYear,
        ["region_id", "year", "name", "parent_id", "geometry", "min_lon", "min_lat", "max_lon", "max_lat"],
        [(r.region_id, r.year, r.name, r.parent_id, json_param(r.geometry), r.min_lon, r.min_lat, r.max_lon, r.max_lat)
         for r in to_create.values()],
    )
    # Geometry was deferred when reading; only rows that got a new boundary write it back.
    table = RegionYear._meta.db_table
    execute_many(
        f"UPDATE {table} SET name = %s, parent_id = %s, geometry = %s, "
        "min_lon = %s, min_lat = %s, max_lon = %s, max_lat = %s WHERE id = %s",
        [
            (r.name, r.parent_id, json_param(r.geometry), r.min_lon, r.min_lat, r.max_lon, r.max_lat, r.pk)
            for key, r in updated.items() if key in with_geometry
        ],
    )
    execute_many(
        f"UPDATE {table} SET name = %s, parent_id = %s WHERE id = %s",
        [(r.name, r.parent_id, r.pk) for key, r in updated.items() if key not in with_geometry],
    )


def matches_upsert(*, records: Iterable[MatchRecord], regions: dict[str, Region]) -> None:
    for record in records:
        RegionMatch.objects.update_or_create(
            source=record.source, source_key=record.source_key,
            defaults={"region": regions[record.region_code], "rule": record.rule},
        )


def focus_areas_upsert(*, records: Iterable[FocusAreaRecord], regions: dict[str, Region]) -> None:
    records = list(records)
    if not records:
        return
    for record in records:
        FocusArea.objects.update_or_create(
            name=record.name,
            defaults={"municipality": regions[record.municipality_code], "name_variant": record.name_variant},
        )
    search_texts_refresh(municipality_codes={record.municipality_code for record in records})


def postcode_areas_replace(*, records: Iterable[PostcodeAreaRecord]) -> None:
    """Replace the postcode areas of every year and kind the records cover (4-digit postcodes
    to wijken, 6-digit ones to buurten), so a file imported again leaves no stale rows.

    The importer has checked that every region exists in that year; a code that does not is a
    programming error and raises `KeyError`, rolling the import back.
    """
    records = list(records)
    if not records:
        return
    codes = {record.region_code for record in records}
    region_ids = dict(Region.objects.filter(code__in=codes).values_list("code", "pk"))
    covered = {(record.year, _postcode_level(record.postcode)) for record in records}
    for year, level in sorted(covered):
        PostcodeArea.objects.filter(year=year, region__level=level).delete()
    insert_rows(
        PostcodeArea,
        ["postcode", "region_id", "year", "address_count", "share"],
        [(r.postcode, region_ids[r.region_code], r.year, r.address_count, r.share) for r in records],
    )


def _postcode_level(postcode: str) -> str:
    return Level.DISTRICT if len(postcode) == 4 else Level.NEIGHBOURHOOD
