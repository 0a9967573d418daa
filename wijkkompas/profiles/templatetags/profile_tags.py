"""Template helpers for the profile: formatted figures and the small trend figures."""

from django import template
from django.utils.safestring import SafeString

from wijkkompas.profiles import rendering
from wijkkompas.profiles.formatting import indicator_value, position_phrase, score_value
from wijkkompas.profiles.structures import IndicatorRow

register = template.Library()


@register.filter
def figure(value, indicator) -> str:
    """{{ row.value|figure:row.indicator }} -> '12,3%' (or 'no figure')."""
    return indicator_value(value, indicator)


@register.filter
def score(value) -> str:
    return score_value(value)


@register.simple_tag
def percentile_text(row: IndicatorRow) -> str:
    return position_phrase(row)


@register.simple_tag
def indicator_rows(rows: list[IndicatorRow], with_municipality=None) -> SafeString:
    """The body rows of a theme table."""
    return rendering.indicator_rows(rows=rows, with_municipality=bool(with_municipality))


@register.simple_tag
def trend_figure(row: IndicatorRow, region_name: str, municipality_name: str = "") -> SafeString:
    """The trend chart with its table alternative, for an indicator with two or more years."""
    return rendering.trend_figure(row=row, region_name=region_name, municipality_name=municipality_name)
