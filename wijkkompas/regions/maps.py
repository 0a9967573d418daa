"""Choropleth maps drawn on the server as plain SVG from the bundled boundaries: no tiles, no JS.

`map_areas` decides which regions a profile's map shows (its children, or its neighbours);
`classify` puts values in five quantile classes; `choropleth_svg` draws them. Boundaries may
come from another year than the figures (the latest boundary of the same code is used), so
the caller states the boundary years in the caption.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from wijkkompas.regions import selectors as region_selectors
from wijkkompas.regions.geometry import polygons
from wijkkompas.regions.models import Level, Region, RegionYear

CLASS_COUNT = 5
#: ColorBrewer YlGnBu, 5 classes: sequential and colour-blind safe; the last is the darkest.
PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
MISSING_FILL = "url(#wk-kaart-geen-cijfer)"
WIDTH = 800
_PADDING = 6
_POINT_LEVELS = {Level.NEIGHBOURHOOD, Level.SAFETY_AREA, Level.MUNICIPAL_NEIGHBOURHOOD}


@dataclass(frozen=True)
class MapArea:
    region: Region
    geometry: dict[str, Any]
    geometry_year: int


@dataclass(frozen=True)
class MapSelection:
    areas: list[MapArea]
    outline: MapArea | None  # the profile region's own boundary when its children are shown

    @property
    def geometry_years(self) -> list[int]:
        return sorted({area.geometry_year for area in self.areas})


@dataclass(frozen=True)
class MapClass:
    index: int  # 0 = lowest values
    colour: str
    low: float
    high: float
    count: int


def map_areas(*, region: Region) -> MapSelection:
    """Children for a gemeente or wijk (if they have boundaries); otherwise neighbours or siblings."""
    if region.level not in _POINT_LEVELS:
        children = _children_with_geometry(parent_id=region.pk)
        if children:
            return MapSelection(areas=children, outline=_own_geometry(region))
    own = _own_geometry(region)
    if own is not None and region.level in _POINT_LEVELS:
        neighbours = region_selectors.region_neighbours(region=region, year=own.geometry_year)
        areas = [own] + [_area(row) for row in neighbours if row.region_id != region.pk and row.geometry]
        if len(areas) > 1:
            return MapSelection(areas=areas, outline=None)
    return MapSelection(areas=_siblings_with_geometry(region), outline=None)


def _area(row: RegionYear) -> MapArea:
    return MapArea(region=row.region, geometry=row.geometry, geometry_year=row.year)


def _own_geometry(region: Region) -> MapArea | None:
    row = RegionYear.objects.filter(region=region, min_lon__isnull=False).order_by("-year").first()
    return MapArea(region=region, geometry=row.geometry, geometry_year=row.year) if row else None


def _latest_geometries(region_ids: Iterable[int]) -> list[MapArea]:
    """The latest boundary of each region that has one, in two queries."""
    latest: dict[int, tuple[int, int]] = {}
    rows = RegionYear.objects.filter(region_id__in=list(region_ids), min_lon__isnull=False)
    for pk, region_id, year in rows.order_by().values_list("pk", "region_id", "year"):
        if year > latest.get(region_id, (0, 0))[0]:
            latest[region_id] = (year, pk)
    chosen = RegionYear.objects.filter(pk__in=[pk for _, pk in latest.values()]).select_related("region")
    return sorted((_area(row) for row in chosen), key=lambda area: area.region.code)


def _children_with_geometry(*, parent_id: int) -> list[MapArea]:
    """The children in the latest year in which any of them has a boundary (in any year)."""
    by_year: dict[int, set[int]] = {}
    for region_id, year in RegionYear.objects.filter(parent_id=parent_id).order_by().values_list("region_id", "year"):
        by_year.setdefault(year, set()).add(region_id)
    if not by_year:
        return []
    areas = {area.region.pk: area for area in _latest_geometries(set().union(*by_year.values()))}
    for year in sorted(by_year, reverse=True):
        members = [areas[pk] for pk in sorted(by_year[year]) if pk in areas]
        if members:
            return sorted(members, key=lambda area: area.region.code)
    return []


def _siblings_with_geometry(region: Region) -> list[MapArea]:
    parent_id = (
        RegionYear.objects.filter(region=region, parent__isnull=False).order_by("-year")
        .values_list("parent_id", flat=True).first()
    )
    if parent_id is not None and region.is_cbs_region:
        siblings = _children_with_geometry(parent_id=parent_id)
        if siblings:
            return siblings
    if not region.municipality_code:
        return []
    same_kind = Region.objects.filter(level=region.level, municipality_code=region.municipality_code)
    return _latest_geometries(same_kind.values_list("pk", flat=True))


def classify(values: dict[int, float], *, darker_is_lower: bool) -> tuple[list[MapClass], dict[int, MapClass]]:
    """Five classes by quantiles of the shown values; equal values always share a class.

    Returns the non-empty classes (lowest values first) and each key's class. The darkest
    colour goes to the lowest values when `darker_is_lower` (where higher is better, so darker
    is worse), else to the highest.
    """
    if not values:
        return [], {}
    ordered = sorted(values.values())
    first_rank: dict[float, int] = {}
    for rank, value in enumerate(ordered):
        first_rank.setdefault(value, rank)
    index_of = {key: first_rank[value] * CLASS_COUNT // len(ordered) for key, value in values.items()}
    classes = {}
    for index in sorted(set(index_of.values())):
        members = [values[key] for key, cls in index_of.items() if cls == index]
        colour = PALETTE[CLASS_COUNT - 1 - index if darker_is_lower else index]
        classes[index] = MapClass(index=index, colour=colour, low=min(members), high=max(members), count=len(members))
    return list(classes.values()), {key: classes[index] for key, index in index_of.items()}


@dataclass(frozen=True)
class ShownArea:
    area: MapArea
    value: float | None
    label: str  # the value as text, or "no figure"
    colour: str  # a palette colour, or MISSING_FILL


def choropleth_svg(
    *, shown: list[ShownArea], highlight: Region, outline: MapArea | None, title: str, description: str,
    url_for: Callable[[Region], str],
) -> SafeString:
    """An accessible SVG map: one linked path per region, the profile region outlined thick.

    role="graphics-document" rather than "img": an image role hides the links inside it from
    assistive technology (axe: nested-interactive). The links are out of the tab order; the
    table alternative on the page holds the same links for keyboard users.
    """
    geometries = [item.area.geometry for item in shown] + ([outline.geometry] if outline else [])
    projection, width, height = _projection(geometries)
    ordered = sorted(shown, key=lambda item: item.area.region.pk == highlight.pk)  # highlighted one on top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="wk-kaart" viewBox="0 0 {width} {height}" '
        'role="graphics-document" aria-labelledby="wk-kaart-titel" aria-describedby="wk-kaart-beschrijving" '
        'preserveAspectRatio="xMidYMid meet">',
        f'<title id="wk-kaart-titel">{escape(title)}</title>',
        f'<desc id="wk-kaart-beschrijving">{escape(description)}</desc>',
        '<defs><pattern id="wk-kaart-geen-cijfer" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#e6e6e6"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#767676" stroke-width="2"/></pattern></defs>',
    ]
    for item in ordered:
        is_highlight = item.area.region.pk == highlight.pk
        region = item.area.region
        parts.append(
            f'<a href="{escape(url_for(region))}" tabindex="-1">'
            f"<title>{escape(region.name)}: {escape(item.label)}</title>"
            f'<path d="{_path(item.area.geometry, projection)}" '
            f'fill="{item.colour}" fill-rule="evenodd" vector-effect="non-scaling-stroke" '
            f'class="{"wk-kaart-gebied wk-kaart-gebied--uitgelicht" if is_highlight else "wk-kaart-gebied"}" '
            f'stroke="{"#000" if is_highlight else "#fff"}" stroke-width="{3 if is_highlight else 0.75}"/></a>'
        )
    if outline is not None:
        parts.append(
            f'<path d="{_path(outline.geometry, projection)}" fill="none" stroke="#000" stroke-width="3" '
            'fill-rule="evenodd" vector-effect="non-scaling-stroke" class="wk-kaart-omtrek" aria-hidden="true"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part above is escaped


def _projection(geometries: list[dict]) -> tuple[tuple[float, float, float, float], int, int]:
    """Equirectangular, x scaled by cos(mean latitude), fitted to WIDTH with a small margin.

    Returns (min_lon, max_lat, x scale, y scale) for `_path`, and the width and height.
    """
    lons, lats = [], []
    for geometry in geometries:
        for polygon in polygons(geometry):
            for ring in polygon:
                for lon, lat, *_ in ring:
                    lons.append(lon)
                    lats.append(lat)
    min_lon, max_lon, min_lat, max_lat = min(lons), max(lons), min(lats), max(lats)
    stretch = math.cos(math.radians((min_lat + max_lat) / 2))
    scale = (WIDTH - 2 * _PADDING) / max((max_lon - min_lon) * stretch, 1e-9)
    height = round((max_lat - min_lat) * scale + 2 * _PADDING)
    return (min_lon, max_lat, stretch * scale, scale), WIDTH, max(height, 2 * _PADDING + 1)


def _path(geometry: dict, projection: tuple[float, float, float, float]) -> str:
    """SVG path data: every ring of every polygon, in pixels rounded to 0.1, repeated points dropped."""
    min_lon, max_lat, x_scale, y_scale = projection
    rings = []
    for polygon in polygons(geometry):
        for ring in polygon:
            points: list[str] = []
            for lon, lat, *_ in ring:
                point = f"{_PADDING + (lon - min_lon) * x_scale:.1f},{_PADDING + (max_lat - lat) * y_scale:.1f}"
                if not points or point != points[-1]:
                    points.append(point)
            if len(points) >= 3:
                rings.append("M" + " ".join(points) + "Z")
    return "".join(rings)
