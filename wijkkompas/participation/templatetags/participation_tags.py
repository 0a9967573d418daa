"""Formatting of the response figures and small helpers for the participation templates."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.translation import ngettext

from wijkkompas.participation.forms import ReportForm, reason_labels

register = template.Library()


@register.filter
def share(value: float | None) -> str:
    """A share from 0 to 1 as a whole percentage; a dash when there is nothing to divide."""
    if value is None:
        return "–"
    return f"{number_format(round(value * 100))}%"


@register.filter
def days(value: float | None) -> str:
    if value is None:
        return "–"
    rounded = round(value, 1)
    shown = number_format(rounded, decimal_pos=0 if rounded == int(rounded) else 1)
    return ngettext("%(days)s day", "%(days)s days", 1 if rounded == 1 else 2) % {"days": shown}


@register.filter
def reason_label(value: str) -> str:
    return reason_labels().get(value, value)


@register.simple_tag
def report_form_for(reaction_id: int) -> ReportForm:
    """A report form for one reaction, with ids of its own (one page holds many of them)."""
    return ReportForm(auto_id=f"melding-{reaction_id}-%s")



@register.filter
def get_item(mapping: dict, key: str):
    """mapping[key] in a template, None when it is missing."""
    return mapping.get(key)
