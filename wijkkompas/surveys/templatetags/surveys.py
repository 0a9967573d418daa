from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percentage(share: float | None) -> str:
    """0.456 as "46%"; nothing for a withheld share."""
    return "" if share is None else f"{number_format(round(share * 100))}%"


@register.filter
def top_answer(result) -> str:
    """The label of the most given answer of a published question result."""
    best = max(result.options, key=lambda option: option.count or 0, default=None)
    return best.label if best is not None else ""
