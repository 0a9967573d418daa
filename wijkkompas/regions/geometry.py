"""Plain-Python helpers for GeoJSON polygons (WGS84). No GIS stack needed for what we draw."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Ring = list[list[float]]

#: The European Netherlands with a margin of 20 to 30 km on each side (longitude, latitude,
#: WGS84): every boundary an import stores must lie inside. The Caribbean Netherlands lie
#: outside on purpose: the CBS tables by gemeente, wijk and buurt do not cover them (they have
#: no gemeente code in the Kerncijfers wijken en buurten), so a boundary there is a mistake.
NETHERLANDS_BOUNDS = (3.0, 50.5, 7.5, 53.8)


def polygons(geometry: dict[str, Any]) -> Iterator[list[Ring]]:
    """Each polygon of a Polygon or MultiPolygon, as a list of rings (outer first)."""
    if geometry["type"] == "Polygon":
        yield geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        yield from geometry["coordinates"]


def bounding_box(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    lons, lats = [], []
    for polygon in polygons(geometry):
        for ring in polygon:
            for lon, lat, *_ in ring:
                lons.append(lon)
                lats.append(lat)
    return min(lons), min(lats), max(lons), max(lats)


def contains_point(geometry: dict[str, Any], lon: float, lat: float) -> bool:
    """Whether the point lies inside the Polygon or MultiPolygon (even-odd rule, so holes count as
    outside). Plain ray casting: good enough for neighbourhood boundaries, no GIS stack needed."""
    return any(
        sum(_crossings(ring, lon, lat) for ring in polygon) % 2 == 1
        for polygon in polygons(geometry)
    )


def _crossings(ring: Ring, lon: float, lat: float) -> int:
    """How many edges of the ring a ray from the point towards the east crosses."""
    count = 0
    for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            count += 1
    return count
