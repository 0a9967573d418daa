"""How figures read on the profile: Dutch number formatting, units, percentile phrases.

Pages, the map and the CSV share these, so a figure is rounded the same way everywhere.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkkompas.core.numbers import local_number, rounded
from wijkkompas.indicators.models import Direction, Indicator, Unit
from wijkkompas.regions.models import Level

#: Units that read better as a bare number (the label already says what is counted).
_BARE_UNITS = {Unit.COUNT, Unit.SCORE, Unit.INDEX, Unit.AVERAGE, Unit.CLASS}
#: Totals that grow with the size of an area: a municipality's total is no comparison for a district's.
ABSOLUTE_UNITS = {Unit.COUNT, Unit.HECTARE, Unit.SQUARE_KILOMETRE}

LEVEL_PLURALS = {
    Level.COUNTRY: gettext_lazy("countries"),
    Level.PROVINCE: gettext_lazy("provinces"),
    Level.MUNICIPALITY: gettext_lazy("municipalities"),
    Level.DISTRICT: gettext_lazy("districts"),
    Level.NEIGHBOURHOOD: gettext_lazy("neighbourhoods"),
    Level.SAFETY_AREA: gettext_lazy("safety monitor areas"),
    Level.MUNICIPAL_NEIGHBOURHOOD: gettext_lazy("municipal neighbourhoods"),
}

MISSING = gettext_lazy("no figure")
EURO = gettext_lazy("euro")
NOT_COMPARED = gettext_lazy("not compared: a total depends on the size of the area")


def number(value: float | None, decimals: int = 0) -> str:
    """A number in the active locale (1.234,5 in Dutch); 'no figure' when missing."""
    if value is None:
        return str(MISSING)
    return local_number(value, decimals)


def indicator_value(value: float | None, indicator: Indicator) -> str:
    """A value with its unit, e.g. '12,3%', '45 per 1.000 inwoners', '1.234'."""
    return unit_value(value, unit=indicator.unit, decimals=indicator.decimals)


def unit_value(value: float | None, *, unit: str, decimals: int) -> str:
    if value is None:
        return str(MISSING)
    if unit == Unit.THOUSAND_EURO:  # "€ 250.000", not "250 × €1.000"
        return f"€\u00a0{number(*in_euros(value, decimals))}"
    text = number(value, decimals)
    if unit == Unit.PERCENT:
        return f"{text}%"
    if unit in _BARE_UNITS:
        return text
    return f"{text} {Unit(unit).label}"


def in_euros(thousands: float, decimals: int) -> tuple[float, int]:
    """A figure in thousands of euros (as CBS publishes WOZ values) in euros, with the decimals
    that are left: 31.4 with 1 decimal is 31,400 with none."""
    return thousands * 1000, max(0, decimals - 3)


def unit_label(indicator: Indicator) -> str:
    """The unit as the page and the CSV show it; thousands of euros are shown in euros."""
    if indicator.unit == Unit.THOUSAND_EURO:
        return str(EURO)
    return str(Unit(indicator.unit).label)


def score_value(value: float | None) -> str:
    """A composite score: a signed number with two decimals, 0 is average."""
    if value is None:
        return str(MISSING)
    text = number(value, 2)
    return f"+{text}" if rounded(value, 2) > 0 else text


def level_plural(level: str) -> str:
    return str(LEVEL_PLURALS.get(level, level))


def compared(indicator: Indicator) -> bool:
    """Whether a region's place among its peers says something: not for totals (a number of men,
    hectares), which mostly tell how large an area is."""
    return indicator.unit not in ABSOLUTE_UNITS


def peers_text(peers, *, level: str) -> str:
    """Whom a percentile compares with, by name and count: "de 3.212 wijken van Nederland", "de 99
    wijken in Amsterdam", or, when the figure covers neither, "de 120 wijken met dit cijfer (in 2
    gemeenten)". Without a stored peer group: "de wijken met dit cijfer"."""
    if peers is None:
        return _("the %(peers)s with this figure") % {"peers": level_plural(level)}
    values = {"count": number(peers.count), "peers": level_plural(peers.level),
              "municipality": peers.municipality_name, "municipalities": number(peers.municipality_count)}
    if peers.national:
        return _("the %(count)s %(peers)s of the Netherlands") % values
    if peers.municipality_count == 1 and peers.municipality_name:
        return _("the %(count)s %(peers)s in %(municipality)s") % values
    if peers.municipality_count > 1:
        return _("the %(count)s %(peers)s with this figure (in %(municipalities)s municipalities)") % values
    return _("the %(count)s %(peers)s with this figure") % values


def percentile_phrase(percentile: float | None, *, level: str, year: int, peers=None) -> str:
    """Where a figure stands among its peers (same level and year, with a value for the
    indicator: `peers_text`), worded from the side a reader looks from, and only as exact as the
    stored percentile (the share of the other peers with a lower value) allows:

    - 0 or 100 exactly: "the lowest" / "the highest" (a rounded 0 with lower peers is not the lowest);
    - 50 or more: "higher than in 92% of …";
    - below 50: "in 97% of … as high or higher" (100 minus the percentile: the peers with an equal
      or higher value; "lower than 97%" would be wrong where peers share the value).

    A share that is not exactly 0 or 100 is never shown as 0% or 100%.
    """
    if percentile is None:
        return ""
    values = {"peers": peers_text(peers, level=level), "year": year}
    if percentile <= 0:
        return _("the lowest of %(peers)s (%(year)s)") % values
    if percentile >= 100:
        return _("the highest of %(peers)s (%(year)s)") % values
    if percentile >= 50:
        return _("higher than in %(percent)s%% of %(peers)s (%(year)s)") % {**values, "percent": _share_text(percentile)}
    return _("in %(percent)s%% of %(peers)s as high or higher (%(year)s)") % {
        **values, "percent": _share_text(100 - percentile)}


def position_phrase(row) -> str:
    """The percentile phrase of a profile row (an `IndicatorRow`), or why a total is not compared."""
    if not compared(row.indicator):
        return str(NOT_COMPARED) if row.percentile is not None else ""
    return percentile_phrase(row.percentile, level=row.peer_level, year=row.year, peers=row.peers)


def _share_text(share: float) -> str:
    """A share strictly between 0 and 100, rounded but kept off 0 and 100."""
    return number(min(99, max(1, rounded(share, 0))), 0)


def standing(percentile: float, direction: str) -> float:
    """How favourably a region stands (0 = worst, 100 = best), given the indicator's direction."""
    return 100 - percentile if direction == Direction.HIGHER_IS_WORSE else percentile
