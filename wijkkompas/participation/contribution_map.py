"""The area's map of contributions: its boundary drawn as SVG on the server, one linked dot per
contribution with a point, and the same outline for choosing a point while submitting.

It reuses the profile maps' projection (regions.maps), so both maps look alike. The page shows a
table with the same contributions beside it; without JavaScript a point cannot be chosen, and
the "describe the place" field is the way to say where.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from wijkkompas.regions.maps import _PADDING, _path, _projection
from wijkkompas.regions.models import Region

#: In map units: the map is 800 wide, so on a phone a dot is about 7 px across.
DOT_RADIUS = 16


@dataclass(frozen=True)
class ContributionMap:
    svg: SafeString  # the dots, for the list
    picker_svg: SafeString  # the outline with data for picker.js, for the form
    points: list  # the contributions that have a point, for the table beside the map


def contribution_map(*, region: Region, contributions: list) -> ContributionMap | None:
    """None when the area has no boundary to draw."""
    region_year = region.years.filter(geometry__isnull=False).order_by("-year").first()
    if region_year is None:
        return None
    geometry = region_year.geometry
    projection, width, height = _projection([geometry])
    outline = _path(geometry, projection)
    points = [item for item in contributions if item.latitude is not None and not item.hidden]
    return ContributionMap(
        svg=_dots_svg(region, outline, projection, width, height, points),
        picker_svg=_picker_svg(region, outline, projection, width, height),
        points=points,
    )


def _open_svg(width: int, height: int, *, title: str, extra: str = "") -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="wk-kaart" viewBox="0 0 {width} {height}" '
        f'preserveAspectRatio="xMidYMid meet" {extra}>',
        f"<title>{escape(title)}</title>",
    ]


def _outline(path_data: str) -> str:
    return (
        f'<path d="{path_data}" fill="#f3f3f3" stroke="#000" stroke-width="2" vector-effect="non-scaling-stroke"/>'
    )


def _dots_svg(region, outline, projection, width, height, points) -> SafeString:
    min_lon, max_lat, x_scale, y_scale = projection
    title = _("Map of %(name)s with the contributions that have a place") % {"name": region.name}
    parts = _open_svg(width, height, title=title, extra='role="graphics-document"')
    parts.append(_outline(outline))
    for item in points:
        x = _PADDING + (item.longitude - min_lon) * x_scale
        y = _PADDING + (max_lat - item.latitude) * y_scale
        url = reverse("participation:detail", args=[item.pk])
        parts.append(
            f'<a href="{escape(url)}" tabindex="-1"><title>{escape(item.title)}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{DOT_RADIUS}" class="wk-dot wk-dot--{escape(item.kind)}" '
            'stroke="#fff" stroke-width="3" vector-effect="non-scaling-stroke"/></a>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part is escaped


def _picker_svg(region, outline, projection, width, height) -> SafeString:
    """The outline with the projection in data attributes: picker.js turns a tap into lon/lat."""
    min_lon, max_lat, x_scale, y_scale = projection
    title = _("Map of %(name)s: tap to choose the place") % {"name": region.name}
    data = (
        f'data-min-lon="{min_lon!r}" data-max-lat="{max_lat!r}" data-x-scale="{x_scale!r}" '
        f'data-y-scale="{y_scale!r}" data-padding="{_PADDING}" role="img" aria-describedby="kaartpunt-uitleg"'
    )
    parts = _open_svg(width, height, title=title, extra=data)
    parts.append(_outline(outline))
    parts.append(f'<circle r="{DOT_RADIUS + 2}" class="wk-dot wk-dot--chosen" data-picker-dot visibility="hidden"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - the only text is escaped
