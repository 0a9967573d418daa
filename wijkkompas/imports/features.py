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
from wijkkompas.imports.parsing import parse_number, read_geojson
from wijkkompas.regions.geometry import bounding_box


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
                file=path, feature=number, column=unknown[0],
            )
        _check_coordinates(path, number, raw["geometry"])
        features.append(Feature(number, properties, raw["geometry"]))
    return features


def _check_coordinates(path: Path, number: int, geometry: dict[str, Any]) -> None:
    try:
        min_lon, min_lat, max_lon, max_lat = bounding_box(geometry)
    except (TypeError, ValueError, IndexError):
        raise ImportRefused(_("the feature has malformed coordinates."), file=path, feature=number) from None
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ImportRefused(
            _("the coordinates are not longitude/latitude (WGS84). "
              "Convert the file from RD (EPSG:28992) to WGS84 first."),
            file=path, feature=number,
        )


def feature_text(feature: Feature, name: str, *, path: Path) -> str:
    """A text property; an absent value (null, or NaN as pandas writes it) gives ''."""
    value = feature.properties.get(name)
    if value is None or isinstance(value, float) and math.isnan(value):
        return ""
    if not isinstance(value, str):
        raise ImportRefused(
            _("'%(value)s' should be text.") % {"value": str(value)[:40]},
            file=path, feature=feature.number, column=name,
        )
    return value.strip()


def feature_number(
    feature: Feature, name: str, *, path: Path, minimum: float | None = None, maximum: float | None = None
) -> float | None:
    """A numeric property, or None for null and the CBS missing markers (-99995, -99997)."""
    value = feature.properties.get(name)
    if value is None:
        return None
    try:
        return parse_number(str(value), path=path, row=feature.number, column=name, minimum=minimum, maximum=maximum)
    except ImportRefused as refused:  # the same reason, placed at the feature rather than at a row
        raise ImportRefused(refused.reason, file=path, feature=feature.number, column=name) from None
