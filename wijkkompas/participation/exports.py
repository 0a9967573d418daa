"""An area's contributions as CSV, for the people who work on the neighbourhood agenda.

Public facts only (no names, e-mail addresses or who entered what): the same that the pages show,
in one table with the figures behind the response figures. Each download is audited. Every text
cell goes through core.spreadsheets.safe_cell, so a title such as "=HYPERLINK(…)" stays text.
"""

from __future__ import annotations

import csv

from django.db import transaction
from django.http import HttpResponse

from wijkkompas.accounts.permissions import Action, require
from wijkkompas.core import audit
from wijkkompas.core.spreadsheets import safe_cell
from wijkkompas.participation.models import Contribution
from wijkkompas.participation.selectors import area_contributions
from wijkkompas.regions.models import Region

HEADER = [
    "nummer", "ingediend", "soort", "thema", "titel", "tekst", "plek", "gebied", "kanaal", "aantal bewoners",
    "status", "doorgezet naar", "steun", "eerste openbare antwoord", "afgesloten", "tevreden", "voorbeeld",
]


def area_export(*, actor, region: Region) -> list[list[str]]:
    """The rows of the CSV, header first; refused without EXPORT_AREA on the region. Audited."""
    require(actor, Action.EXPORT_AREA, region=region)
    with transaction.atomic():
        contributions = list(area_contributions(region=region))
        audit.record(actor, "data.export_area", f"region:{region.code}", region=region,
                     details={"contributions": len(contributions)})
    return [HEADER] + [_row(contribution) for contribution in contributions]


def _row(contribution: Contribution) -> list[str]:
    hidden = contribution.hidden
    title = f"Verborgen: {contribution.hidden_reason}" if hidden else contribution.title
    text = "" if hidden else contribution.text
    return [
        str(contribution.pk), _moment(contribution.created_at),
        safe_cell(contribution.get_kind_display()), safe_cell(contribution.get_theme_display()),
        safe_cell(title), safe_cell(text), safe_cell("" if hidden else contribution.place_description),
        safe_cell(contribution.region.code), safe_cell(contribution.get_channel_display()),
        str(contribution.residents_count), safe_cell(contribution.get_status_display()),
        safe_cell(contribution.forwarded_to.name if contribution.forwarded_to else ""),
        str(contribution.support_count), _moment(contribution.first_public_answer_at), _moment(contribution.closed_at),
        {True: "ja", False: "nee", None: ""}[contribution.satisfied], "ja" if contribution.is_example else "nee",
    ]


def _moment(value) -> str:
    return value.isoformat(timespec="minutes") if value else ""


def csv_response(*, rows: list[list[str]], region: Region) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="wijkkompas-inbreng-{region.code}.csv"'
    response["Cache-Control"] = "no-store"
    csv.writer(response, lineterminator="\r\n").writerows(rows)
    return response
