"""How figures read on the profile: Dutch number formatting, units, percentile phrases.

Pages, the map and the CSV share these, so a figure is rounded the same way everywhere.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


def rounded(value: float, decimals: int) -> float:
    """The value as shown: rounded to the indicator's decimals (half away from zero, like CBS)."""
    factor = 10**decimals
    scaled = abs(value) * factor
    result = int(scaled + 0.5) / factor
    return -result if value < 0 else result


def plain_number(value: float, decimals: int) -> str:
    """The shown value without locale formatting, for CSV: '1234.5'."""
    return f"{rounded(value, decimals):.{decimals}f}"


def number(value: float | None, decimals: int = 0) -> str:
    """A number in the active locale (1.234,5 in Dutch); 'no figure' when missing."""
    if value is None:
        return str(MISSING)
    return number_format(rounded(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True)


def indicator_value(value: float | None, indicator: Indicator) -> str:
    """A value with its unit, e.g. '12,3%', '45 per 1.000 inwoners', '1.234'."""
    return unit_value(value, unit=indicator.unit, decimals=indicator.decimals)


def unit_value(value: float | None, *, unit: str, decimals: int) -> str:
    if value is None:
        return str(MISSING)
    text = number(value, decimals)
    if unit == Unit.PERCENT:
        return f"{text}%"
    if unit in _BARE_UNITS:
        return text
    return f"{text} {Unit(unit).label}"


def unit_label(indicator: Indicator) -> str:
    return str(Unit(indicator.unit).label)


def score_value(value: float | None) -> str:
    """A composite score: a signed number with two decimals, 0 is average."""
    if value is None:
        return str(MISSING)
    text = number(value, 2)
    return f"+{text}" if rounded(value, 2) > 0 else text


def level_plural(level: str) -> str:
    return str(LEVEL_PLURALS.get(level, level))


def percentile_phrase(percentile: float | None, *, level: str, year: int) -> str:
    """'higher than 80% of the districts with this figure (2022)': the share of peers (same level,
    same year, with a value for the indicator) that have a lower value. Peers are only the regions
    in Wijkkompas, so for partly covered data (Amsterdam buurten) the phrase says "with this figure"."""
    if percentile is None:
        return ""
    values = {"percent": number(percentile, 0), "peers": level_plural(level), "year": year}
    if rounded(percentile, 0) == 0:
        return _("the lowest of the %(peers)s with this figure (%(year)s)") % values
    if rounded(percentile, 0) == 100:
        return _("the highest of the %(peers)s with this figure (%(year)s)") % values
    return _("higher than %(percent)s%% of the %(peers)s with this figure (%(year)s)") % values


def standing(percentile: float, direction: str) -> float:
    """How favourably a region stands (0 = worst, 100 = best), given the indicator's direction."""
    return 100 - percentile if direction == Direction.HIGHER_IS_WORSE else percentile
