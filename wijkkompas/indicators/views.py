"""The definition page of one indicator and its values as CSV."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from wijkkompas.core.caching import cache_per_version
from wijkkompas.indicators import selectors
from wijkkompas.indicators.models import Indicator
from wijkkompas.regions.models import Level
from wijkkompas.scores.selectors import figures_version, method_basis
from wijkkompas.core.spreadsheets import safe_cell
from wijkkompas.scores.tables import csv_response, full_number

VALUES_HEADER = ["code", "gebied", "niveau", "jaar", "waarde", "percentiel", "bron"]


def _indicator_or_404(key: str) -> Indicator:
    indicator = selectors.indicator_by_key(key=key)
    if indicator is None:
        raise Http404(_("There is no indicator '%(key)s'.") % {"key": key})
    return indicator


@cache_per_version(figures_version)
def indicator_detail(request: HttpRequest, key: str) -> HttpResponse:
    indicator = _indicator_or_404(key)
    coverage = [
        {"year": item.year, "level_label": Level(item.level).label, "region_count": item.region_count}
        for item in selectors.indicator_coverage(indicator=indicator)
    ]
    context = {
        "indicator": indicator,
        "sources": selectors.indicator_sources(indicator=indicator),
        "coverage": coverage,
        "score_bases": [
            {"level_label": Level(basis.level).label, "basis": basis}
            for basis in method_basis(indicator_key=indicator.key)
        ],
    }
    return render(request, "indicators/indicator.html", context)


@cache_per_version(figures_version)
def indicator_csv(request: HttpRequest, key: str) -> HttpResponse:
    """Every value of the indicator, unrounded, with its percentile and source."""
    indicator = _indicator_or_404(key)
    rows = [
        [row.code, safe_cell(row.name), row.level, str(row.year), full_number(row.value),
         "" if row.percentile is None else full_number(row.percentile), row.source_key]
        for row in selectors.indicator_values(indicator=indicator)
    ]
    return csv_response(filename=f"wijkkompas-{indicator.key}.csv", header=VALUES_HEADER, rows=rows)
