"""Figures of a Wijktoets as the pages show them, in the active locale."""

from django import template

from wijkkompas.profiles.formatting import number

register = template.Library()


@register.filter
def amount(value, decimals=0) -> str:
    """{{ row.exposure|amount }} -> '3.407' (or 'no figure')."""
    return number(value, int(decimals))


@register.filter
def percent(share) -> str:
    """{{ 0.4813|percent }} -> '48,1%' (or 'no figure')."""
    return number(share, 1) if share is None else f"{number(100 * share, 1)}%"


@register.filter
def score(value) -> str:
    return number(value, 2)
