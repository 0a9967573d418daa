"""What the result page, the CSV and the report show of a result: ranked rows, the ratios in
plain words, the concentration curve as SVG and table, and the map of the shares."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from wijkkompas.profiles.formatting import number
from wijkkompas.regions.maps import MISSING_FILL, MapArea, ShownArea, choropleth_svg, classify
from wijkkompas.regions.models import Region, RegionYear
from wijkkompas.wijktoets import selectors
from wijkkompas.wijktoets.computation import FRACTIONS
from wijkkompas.wijktoets.definition import Definition, Effect

#: The table on the page lists this many areas; the CSV has them all.
TABLE_ROWS = 100
PRINT_ROWS = 50
#: A map of more areas than this would be too heavy for a phone; the table stays.
MAP_MAX_AREAS = 800
CURVE_STEPS = 10
LEVEL_PLURAL = {"gemeente": "gemeenten", "wijk": "wijken", "buurt": "buurten"}


def fraction_label(name: str) -> str:
    return {"tenth": _("most vulnerable tenth"), "fifth": _("most vulnerable fifth"),
            "third": _("most vulnerable third")}[name]


def effect_label(effect: str) -> str:
    return _("the burden") if effect == Effect.BURDEN else _("the benefit")


def group_descriptions(definition: Definition) -> list[str]:
    labels = selectors.indicator_labels()
    lines = []
    for group in definition.groups:
        name = labels.get(group.indicator, group.indicator)
        if group.base:
            name = _("%(share)s × %(base)s") % {"share": name, "base": labels.get(group.base, group.base).lower()}
        verb = _("burdens") if group.effect == Effect.BURDEN else _("benefits")
        lines.append(_("The measure %(verb)s: %(group)s (weight %(weight)s)") % {
            "verb": verb, "group": name, "weight": number(group.weight, 2 if group.weight % 1 else 0)})
    return lines


def primary_effect(result: dict) -> str:
    sides = list(result["sides"])
    return sides[0] if sides else Effect.BURDEN


def ranked_areas(result: dict, effect: str) -> list[dict]:
    """Areas with exposure, highest share first (ties by code)."""
    rows = [row for row in result["areas"] if row.get(f"{effect}_share") is not None]
    return sorted(rows, key=lambda row: (-row[f"{effect}_share"], row["code"]))


def missing_areas(result: dict) -> list[dict]:
    return [row for row in result["areas"] if row["missing"]]


def shown_rows(rows: list[dict], result: dict, effect: str, municipalities: dict[str, str]) -> list[dict]:
    """Rows as the tables show them: the municipality's name, the figures of the main side, and
    whether the area is in the most touched fifth."""
    touched = set(result["sides"].get(effect, {}).get("most_touched", []))
    return [
        {**row, "municipality_name": municipalities.get(row["municipality_code"] or "", ""),
         "exposure": row.get(effect), "share": row.get(f"{effect}_share"), "most_touched": row["code"] in touched}
        for row in rows
    ]


@dataclass(frozen=True)
class RatioLine:
    name: str
    label: str
    areas: int
    exposure_share: float | None
    population_share: float | None
    ratio: float | None
    sentence: str


def ratio_lines(side: dict, effect: str, level: str, total: int) -> list[RatioLine]:
    """The ratios of one side in plain words; `total` is the number of areas compared."""
    lines = []
    for name, _fraction in FRACTIONS:
        item = side["ratios"][name]
        if item["ratio"] is None:
            sentence = _("There is not enough data for the %(group)s.") % {"group": fraction_label(name)}
        else:
            sentence = _(
                "The %(group)s (%(areas)s of the %(total)s %(level)s) gets %(exposure)s%% of %(effect)s and has "
                "%(population)s%% of the inhabitants. That is %(ratio)s times its share."
            ) % {
                "group": fraction_label(name), "level": LEVEL_PLURAL[level], "areas": item["areas"], "total": total,
                "population": number(100 * item["population_share"], 1),
                "exposure": number(100 * item["exposure_share"], 1), "effect": effect_label(effect),
                "ratio": number(item["ratio"], 2),
            }
        lines.append(RatioLine(name=name, label=fraction_label(name), sentence=sentence, **item))
    return lines


def ratio_meaning(ratio: float | None) -> str:
    if ratio is None:
        return ""
    if ratio >= 1.1:
        return _("More than their share: the measure lands more on the most vulnerable areas.")
    if ratio <= 0.9:
        return _("Less than their share: the measure lands less on the most vulnerable areas.")
    return _("About their share: the measure lands on the most vulnerable areas about as much as on others.")


def curve_table(side: dict) -> list[tuple[float, float]]:
    """The curve as table rows: every point of a test of a few areas, else the first point at or
    past each tenth of the inhabitants; a point is listed once."""
    points = [tuple(point) for point in side["curve"][1:]]
    if len(points) > CURVE_STEPS * 2:
        points = [next((point for point in points if point[0] >= step / CURVE_STEPS - 1e-9), points[-1])
                  for step in range(1, CURVE_STEPS + 1)]
    return list(dict.fromkeys(points))


def curve_svg(side: dict, *, title: str, key: str) -> SafeString:
    """The concentration curve: cumulative share of inhabitants (x) against that of exposure (y),
    with the diagonal of an exactly proportional measure."""
    size, left, bottom, top = 320, 56, 48, 12
    width = left + size + 16
    height = top + size + bottom

    def x(value: float) -> float:
        return left + value * size

    def y(value: float) -> float:
        return top + (1 - value) * size

    points = side["curve"]
    if len(points) > 400:  # enough for the eye; the table and the CSV have the figures
        step = len(points) / 400
        points = [points[int(i * step)] for i in range(400)] + [points[-1]]
    path = " ".join(f"{x(p):.1f},{y(e):.1f}" for p, e in points)
    parts = [
        format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#767676" stroke-dasharray="6 4"/>',
                    x(0), y(0), x(1), y(1)),
        format_html('<polyline points="{}" fill="none" stroke="#0072B2" stroke-width="3"/>', path),
        format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#1a1a1a"/>', x(0), y(0), x(1), y(0)),
        format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#1a1a1a"/>', x(0), y(0), x(0), y(1)),
    ]
    for tick in (0, 0.5, 1):
        parts.append(format_html('<text x="{}" y="{}" text-anchor="middle">{}%</text>', x(tick), y(0) + 20,
                                 int(tick * 100)))
        parts.append(format_html('<text x="{}" y="{}" text-anchor="end">{}%</text>', x(0) - 6, y(tick) + 5,
                                 int(tick * 100)))
    parts.append(format_html('<text x="{}" y="{}" text-anchor="middle">{}</text>', x(0.5), height - 6,
                             _("inhabitants, most vulnerable areas first")))
    description = _(
        "Line chart. Horizontal: the cumulative share of inhabitants, from the most vulnerable area. Vertical: the "
        "cumulative share of the exposure. A line above the dashed diagonal means the most vulnerable areas get more "
        "than their share. The table below has the same figures."
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="wk-chart" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="curve-{}-title curve-{}-desc" font-size="14" fill="#1a1a1a">'
        '<title id="curve-{}-title">{}</title><desc id="curve-{}-desc">{}</desc>{}</svg>',
        width, height, key, key, key, title, key, description,
        mark_safe("".join(str(part) for part in parts)),  # noqa: S308 - every part is escaped by format_html
    )


def exposure_map(result: dict, effect: str, *, title: str) -> tuple[SafeString | None, list]:
    """The map of the shares (darker is a higher share) and its legend classes; None when the test
    has too many areas or the areas have no boundaries."""
    areas = result["areas"]
    if not areas or len(areas) > MAP_MAX_AREAS:
        return None, []
    regions = {region.code: region for region in Region.objects.filter(code__in=[row["code"] for row in areas])}
    geometries = _latest_geometries([region.pk for region in regions.values()])
    if not geometries:
        return None, []
    shares = {row["code"]: row.get(f"{effect}_share") for row in areas}
    values = {regions[code].pk: 100 * share for code, share in shares.items() if share is not None and code in regions}
    classes, class_of = classify(values, darker_is_lower=False)
    shown = []
    by_id = {region.pk: region for region in regions.values()}
    for region_id, (geometry, year) in geometries.items():
        region = by_id[region_id]
        value = values.get(region_id)
        shown.append(ShownArea(
            area=MapArea(region=region, geometry=geometry, geometry_year=year), value=value,
            label=_("no figure") if value is None else f"{number(value, 1)}%",
            colour=MISSING_FILL if value is None else class_of[region_id].colour,
        ))
    description = _("Map of the areas, coloured by the share of their inhabitants touched. Darker is a higher share. "
                    "Hatched: no figure. The table below has the same figures.")
    svg = choropleth_svg(shown=shown, highlight=Region(), outline=None, title=title, description=description,
                         url_for=lambda region: f"/gebied/{region.code}/")
    return svg, classes


def _latest_geometries(region_ids: list[int]) -> dict[int, tuple[dict, int]]:
    rows = RegionYear.objects.filter(region_id__in=region_ids, geometry__isnull=False).order_by(
        "region_id", "-year").values_list("region_id", "geometry", "year")
    found: dict[int, tuple[dict, int]] = {}
    for region_id, geometry, year in rows:
        found.setdefault(region_id, (geometry, year))
    return found


def municipality_labels(result: dict) -> dict[str, str]:
    codes = sorted({row["municipality_code"] for row in result["areas"] if row["municipality_code"]})
    codes += [item["municipality_code"] for side in result["sides"].values() for item in side["focus"]]
    return selectors.municipality_names(codes=sorted(set(codes)))
