"""The national tables as CSV, with the figures rounded exactly as the page shows them.

Numbers follow the site's one rounding rule (`core.numbers`), so the CSV holds exactly the
figures of the HTML table, without the Dutch thousands separator.
"""

from __future__ import annotations

import csv
from django.http import HttpResponse

from wijkkompas.core.numbers import plain_number
from wijkkompas.core.spreadsheets import safe_cell
from wijkkompas.scores.computation import METHOD_VERSION
from wijkkompas.scores.selectors import ChangeRow, GapRow, RankingRow

SCORE_DECIMALS = 2

#: CSV column names: stable Dutch names like the profile CSV, so scripts can rely on them.
RANKING_HEADER = [
    "rang", "code", "gebied", "gemeente", "inwoners", "score", "indicatoren", "gemeente_met_nplv_focusgebied",
    "methodeversie",
]
CHANGE_HEADER = [
    "code", "gebied", "gemeente", "inwoners", "verandering", "indicatoren", "gemeente_met_nplv_focusgebied",
    "methodeversie",
]
GAP_HEADER = [
    "jaar", "gebieden_met_score", "gebieden_per_tiende", "gemiddelde_beste_tiende", "gemiddelde_slechtste_tiende",
    "kloof", "p90", "p10", "p90_min_p10", "methodeversie",
]
BASIS_HEADER = [
    "niveau", "jaar", "indicator", "naam", "thema", "richting", "gemiddelde", "standaarddeviatie", "gebieden",
    "methodeversie",
]


def decimal_text(value: float | None, decimals: int = SCORE_DECIMALS) -> str:
    """'-1.06': the value as the page rounds it, with a point and without grouping; '' when missing."""
    return "" if value is None else plain_number(value, decimals)


def full_number(value: float) -> str:
    """A stored value unrounded, for recomputing by hand: '23065', '60.3', '35.24044393717095'."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _flag(value: bool) -> str:
    return "ja" if value else "nee"


def ranking_csv_rows(rows: list[RankingRow]) -> list[list[str]]:
    return [
        [str(row.rank), row.region.code, safe_cell(row.region.name), safe_cell(row.facts.municipality_name),
         decimal_text(row.facts.population, 0), decimal_text(row.score), str(row.indicator_count),
         _flag(row.facts.focus_area), METHOD_VERSION]
        for row in rows
    ]


def change_csv_rows(rows: list[ChangeRow]) -> list[list[str]]:
    return [
        [row.region.code, safe_cell(row.region.name), safe_cell(row.facts.municipality_name),
         decimal_text(row.facts.population, 0), decimal_text(row.change), str(row.indicator_count),
         _flag(row.facts.focus_area), METHOD_VERSION]
        for row in rows
    ]


def gap_csv_rows(rows: list[GapRow]) -> list[list[str]]:
    return [
        [str(row.year), str(row.region_count), str(row.tenth), decimal_text(row.best_mean),
         decimal_text(row.worst_mean), decimal_text(row.gap), decimal_text(row.p90), decimal_text(row.p10),
         decimal_text(row.p90_p10), METHOD_VERSION]
        for row in rows
    ]


def csv_response(*, filename: str, header: list[str], rows: list[list[str]]) -> HttpResponse:
    """A CSV download like the profile's: UTF-8 with BOM (for Excel), comma separated, decimal point."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    csv.writer(response, lineterminator="\r\n").writerows([header, *rows])
    return response
