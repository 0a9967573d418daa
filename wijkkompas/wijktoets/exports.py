"""A result as CSV (every area, for spreadsheets) and as a printable PDF report (WeasyPrint)."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.template.loader import render_to_string

from wijkkompas.core.spreadsheets import safe_cell

HEADER = ["code", "naam", "gemeente", "inwoners", "totaalscore", "kwetsbaarheidsrang"]
SIDE_HEADERS = {
    "burden": ["last_aantal_gewogen", "last_aandeel_inwoners", "last_meest_geraakte_vijfde"],
    "benefit": ["voordeel_aantal_gewogen", "voordeel_aandeel_inwoners", "voordeel_meest_geraakte_vijfde"],
}


def _figure(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}".rstrip("0").rstrip(".")


def csv_rows(*, result: dict, municipalities: dict[str, str]) -> list[list[str]]:
    sides = list(result["sides"])
    header = [*HEADER, *(name for effect in sides for name in SIDE_HEADERS[effect]), "ontbrekende_cijfers"]
    touched = {effect: set(result["sides"][effect]["most_touched"]) for effect in sides}
    rows = [header]
    for area in result["areas"]:
        row = [
            safe_cell(area["code"]), safe_cell(area["name"]),
            safe_cell(municipalities.get(area["municipality_code"] or "", "")),
            _figure(area["population"]), _figure(area["score"]),
            "" if area["vulnerability_rank"] is None else str(area["vulnerability_rank"]),
        ]
        for effect in sides:
            row += [_figure(area.get(effect)), _figure(area.get(f"{effect}_share")),
                    "ja" if area["code"] in touched[effect] else "nee"]
        row.append(safe_cell(" ".join(area["missing"])))
        rows.append(row)
    return rows


def csv_response(*, result: dict, municipalities: dict[str, str], name: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.write("\ufeff")  # BOM: Excel then reads the file as UTF-8
    csv.writer(response, lineterminator="\r\n").writerows(csv_rows(result=result, municipalities=municipalities))
    return response


def pdf_response(*, context: dict, name: str, request) -> HttpResponse:
    """The report: the result page's figures in a print layout, made into PDF by WeasyPrint."""
    from weasyprint import HTML  # imported here: loading Pango takes a moment, only reports need it

    html = render_to_string("wijktoets/report.html", context, request=request)
    pdf = HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


def _refuse_fetch(url: str, *args, **kwargs):
    """The report is self-contained (styles and charts inline): it never fetches anything."""
    raise ValueError(f"The report does not load {url!r}.")
