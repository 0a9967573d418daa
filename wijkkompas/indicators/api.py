"""Indicators API: the catalogue, one indicator with its sources and years, and its values."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from wijkkompas.core.api_errors import ERROR_RESPONSES
from wijkkompas.core.params import MAX_YEAR, MIN_YEAR, Text
from wijkkompas.indicators import selectors
from wijkkompas.indicators.models import Indicator, Theme
from wijkkompas.indicators.schemas import IndicatorDetailOut, IndicatorOut, IndicatorValuesOut
from wijkkompas.regions.models import Level

router = Router(tags=["indicators"])


def _indicator_or_404(key: str) -> Indicator:
    indicator = selectors.indicator_by_key(key=key)
    if indicator is None:
        raise HttpError(404, _("There is no indicator '%(key)s'.") % {"key": key})
    return indicator


@router.get("", response={200: list[IndicatorOut], **ERROR_RESPONSES}, summary="The indicator catalogue")
def catalogue(request, theme: Theme | None = Query(None, description="Only indicators of this theme.")):
    """Every indicator with its Dutch label, unit, definition, theme and direction."""
    return selectors.indicator_catalogue(theme=theme)


@router.get("/{key}", response={200: IndicatorDetailOut, **ERROR_RESPONSES},
            summary="One indicator, its sources and years")
def indicator(request, key: Text):
    found = _indicator_or_404(key)
    return {
        **IndicatorOut.model_validate(found).model_dump(),
        "sources": selectors.indicator_sources(indicator=found),
        "coverage": selectors.indicator_coverage(indicator=found),
    }


@router.get("/{key}/values", response={200: IndicatorValuesOut, **ERROR_RESPONSES},
            summary="Values of one indicator per region and year")
def values(
    request, key: Text, year: int | None = Query(None, ge=MIN_YEAR, le=MAX_YEAR, description="Only this year."),
    level: Level | None = Query(None, description="Only regions of this level."),
):
    """Every stored value, with its percentile among the regions of the same level and year, and its source."""
    found = _indicator_or_404(key)
    return {
        "indicator": found, "year": year, "level": level,
        "items": selectors.indicator_values(indicator=found, year=year, level=level),
    }
