"""The profile's figures as CSV: every year, rounded as on the page, for spreadsheets."""

from __future__ import annotations

import csv

from django.http import HttpResponse

from wijkkompas.core.spreadsheets import safe_cell
from wijkkompas.indicators.models import Theme, Unit
from wijkkompas.core.numbers import plain_number, rounded
from wijkkompas.profiles.formatting import compared, in_euros, peers_text, unit_label
from wijkkompas.profiles.structures import IndicatorRow, Profile

HEADER = ["thema", "indicator", "eenheid", "jaar", "waarde", "gemeente", "nederland", "percentiel", "vergeleken_met",
          "bron"]


def _number(value: float | None, indicator) -> str:
    """The value as the page shows it, without the Dutch formatting (thousands of euros in euros)."""
    if value is None:
        return ""
    if indicator.unit == Unit.THOUSAND_EURO:
        return plain_number(*in_euros(value, indicator.decimals))
    return plain_number(value, indicator.decimals)


def _source(source) -> str:
    return f"{source.publisher}, {source.title}" + (f" ({source.table})" if source.table else "")


def _position(item, row: IndicatorRow) -> list[str]:
    """The percentile and whom it compares with; empty for a total, which is not compared."""
    if item.percentile is None or not compared(row.indicator):
        return ["", ""]
    return [f"{rounded(item.percentile, 0):.0f}", peers_text(item.peers, level=row.peer_level)]


def csv_rows(*, profile: Profile) -> list[list[str]]:
    rows = [HEADER]
    for row in profile.rows:
        rows.extend(_indicator_rows(row))
    return rows


def _indicator_rows(row: IndicatorRow) -> list[list[str]]:
    indicator = row.indicator
    lead = [safe_cell(str(Theme(indicator.theme).label)), safe_cell(indicator.label), safe_cell(unit_label(indicator))]
    if not row.figures:
        municipal = _number(row.missing_municipality_value, indicator)
        return [lead + [str(row.missing_year), "", municipal, "", "", "", ""]]
    return [
        lead + [
            str(item.year),
            _number(item.value, indicator),
            _number(item.municipality_value, indicator),
            _number(item.national_value, indicator),
            *_position(item, row),
            safe_cell(_source(item.source)),
        ]
        for item in row.figures
    ]


def profile_csv_response(*, profile: Profile) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="wijkkompas-{profile.region.code}.csv"'
    response.write("\ufeff")  # BOM: Excel then reads the file as UTF-8
    csv.writer(response, lineterminator="\r\n").writerows(csv_rows(profile=profile))
    return response
