"""GeoJSON features as importers read them: numbered, with checked property names and values.

The counterpart of `parsing.read_csv` for boundary files. A refusal names the feature by its
number (1 = the first feature), as `parsing.read_geojson` does: `ImportRefused(feature=...)`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportRefused
from wijkkompas.imports.parsing import CONTROL_CHARACTER, control_character_reason, parse_number, printable, read_geojson
from wijkkompas.regions.geometry import NETHERLANDS_BOUNDS


@dataclass(frozen=True)
class Feature:
    number: int
    properties: dict[str, Any]
    geometry: dict[str, Any]


def read_features(path: Path, *, required: Iterable[str], optional: Iterable[str] = ()) -> list[Feature]:
    """The features of a GeoJSON file, each with all required properties, no unknown ones,
    and coordinates in WGS84 longitude/latitude (a file still in RD metres is refused)."""
    required = set(required)
    known = required | set(optional)
    features = []
    for number, raw in enumerate(read_geojson(path), start=1):
        properties = raw.get("properties")
        if not isinstance(properties, dict):
            raise ImportRefused(_("the feature has no properties."), file=path, feature=number)
        missing = sorted(required - properties.keys())
        if missing:
            raise ImportRefused(
                _("this property is missing (%(count)s missing in all).") % {"count": len(missing)},
                file=path, feature=number, column=missing[0],
            )
        unknown = sorted(properties.keys() - known)
        if unknown:
            raise ImportRefused(
                _("this property is unknown to this importer. Is this the right file or source?"),
                file=path, feature=number, column=printable(unknown[0]),
            )
        _check_coordinates(path, number, raw["geometry"])
        features.append(Feature(number, properties, raw["geometry"]))
    return features


class _Malformed(ValueError):
    """Why a geometry's coordinates cannot be read; the message is for people."""


def _check_coordinates(path: Path, number: int, geometry: dict[str, Any]) -> None:
    """Coordinates that are numbers in the nesting of a (Multi)Polygon, in WGS84 and inside the
    Netherlands (`NETHERLANDS_BOUNDS`); a file still in RD metres, with latitude and longitude
    swapped, or about somewhere else is refused."""
    try:
        min_lon, min_lat, max_lon, max_lat = _coordinate_box(geometry)
    except _Malformed as malformed:
        raise ImportRefused(str(malformed), file=path, feature=number) from None
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ImportRefused(
            _("the coordinates are not longitude/latitude (WGS84). "
              "Convert the file from RD (EPSG:28992) to WGS84 first."),
            file=path, feature=number,
        )
    west, south, east, north = NETHERLANDS_BOUNDS
    if west <= min_lon and max_lon <= east and south <= min_lat and max_lat <= north:
        return
    if west <= min_lat and max_lat <= east and south <= min_lon and max_lon <= north:
        raise ImportRefused(
            _("latitude and longitude are swapped: GeoJSON gives the longitude first, then the latitude."),
            file=path, feature=number,
        )
    raise ImportRefused(
        _("the boundary lies outside the Netherlands (longitude %(west)s to %(east)s, latitude %(south)s to "
          "%(north)s).") % {
            "west": f"{min_lon:.2f}", "east": f"{max_lon:.2f}", "south": f"{min_lat:.2f}", "north": f"{max_lat:.2f}",
        },
        file=path, feature=number,
    )


def _coordinate_box(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    """The bounding box, walking the fixed nesting of a Polygon (rings of positions) or a
    MultiPolygon (polygons of rings) without recursion, so no input can exhaust the stack."""
    coordinates = geometry["coordinates"]
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    lons, lats = [], []
    for polygon in _arrays(polygons):
        for ring in _arrays(polygon):
            ring = _arrays(ring)
            if len(ring) < 4:
                raise _Malformed(_("a ring of the boundary has fewer than four positions."))
            for position in ring:
                if not 2 <= len(position) <= 3:
                    raise _Malformed(_("a position has %(count)s values where it should have a longitude "
                                       "and a latitude.") % {"count": len(position)})
                for value in position:
                    _check_coordinate(value)
                lons.append(position[0])
                lats.append(position[1])
    return min(lons), min(lats), max(lons), max(lats)


def _arrays(value: Any) -> list:
    """`value` as a non-empty list of lists: the next level of nesting of a (Multi)Polygon."""
    if not isinstance(value, list) or not value or not all(isinstance(item, list) for item in value):
        raise _Malformed(_("the feature has malformed coordinates."))
    return value


def _check_coordinate(value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        if isinstance(value, list):
            raise _Malformed(_("the coordinates are nested deeper than in a GeoJSON Polygon or MultiPolygon."))
        raise _Malformed(_("a coordinate is '%(value)s', not a number.") % {"value": printable(str(value))[:40]})
    if not math.isfinite(value):
        raise _Malformed(_("a coordinate is '%(value)s', not a number.") % {"value": value})


def feature_text(feature: Feature, name: str, *, path: Path) -> str:
    """A text property; an absent value (null, or NaN as pandas writes it) gives ''."""
    value = feature.properties.get(name)
    if value is None or isinstance(value, float) and math.isnan(value):
        return ""
    if not isinstance(value, str):
        raise ImportRefused(
            _("'%(value)s' should be text.") % {"value": printable(str(value))[:40]},
            file=path, feature=feature.number, column=name,
        )
    found = CONTROL_CHARACTER.search(value)
    if found:
        raise ImportRefused(control_character_reason(found.group()), file=path, feature=feature.number, column=name)
    return value.strip()


def feature_number(
    feature: Feature, name: str, *, path: Path, minimum: float | None = None, maximum: float | None = None,
    whole: bool = False,
) -> float | None:
    """A numeric property, or None for null and the CBS missing markers (-99995, -99997);
    `whole` for counts, as in `parsing.parse_number`."""
    value = feature.properties.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ImportRefused(
            _("'%(text)s' is not a number.") % {"text": printable(str(value))[:40]},
            file=path, feature=feature.number, column=name,
        )
    try:
        return parse_number(
            str(value), path=path, row=feature.number, column=name, minimum=minimum, maximum=maximum, whole=whole,
        )
    except ImportRefused as refused:  # the same reason, placed at the feature rather than at a row
        raise ImportRefused(refused.reason, file=path, feature=feature.number, column=name) from None
