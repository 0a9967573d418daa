"""Import existing survey results per area from CSV (a municipality's own wijkmonitor), validated
and atomic like the other importers: a file that does not fit is refused as a whole, with a
Dutch message naming file, row and column, and nothing is changed.

Columns (`;`, or `,` with --delimiter): gebied (a CBS code), periode (a label such as 2023),
vraag (a key of the questionnaire), versie (optional, default 1), antwoord (one of the question's
answer values), aantal (respondents who gave it) and respondenten (respondents the cell rests
on). The figures are published under the same rule as our own: a cell on fewer than 10
respondents shows no figure. Importing the same source, area and period again replaces them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from wijkkompas.core.audit import record
from wijkkompas.imports.base import ImportRefused
from wijkkompas.imports.parsing import parse_number, read_csv
from wijkkompas.regions.models import Region
from wijkkompas.surveys.models import ImportedResult, Question
from wijkkompas.surveys.questionnaire import STANDARD

REQUIRED = ("gebied", "periode", "vraag", "antwoord", "aantal", "respondenten")
OPTIONAL = ("versie",)
MAX_LABEL = 40


@dataclass(frozen=True)
class Cell:
    region: Region
    period_label: str
    key: str
    version: int
    value: str
    count: int
    respondents: int


def import_results(*, path: Path, source: str, delimiter: str = ";") -> int:
    """Read, check and store the file; returns the number of cells. Raises ImportRefused."""
    path = Path(path)
    source = source.strip()
    if not source or len(source) > 200:
        raise ImportRefused(_("name the source of the results (at most 200 characters)."), file=path)
    cells = _read(path, delimiter)
    with transaction.atomic():
        for region, label in {(cell.region, cell.period_label) for cell in cells}:
            ImportedResult.objects.filter(region=region, period_label=label, source=source).delete()
        ImportedResult.objects.bulk_create(
            ImportedResult(region=cell.region, period_label=cell.period_label, question_key=cell.key,
                           question_version=cell.version, value=cell.value, count=cell.count,
                           respondents=cell.respondents, source=source)
            for cell in cells
        )
        record(None, "survey.import", f"file:{path.name}", details={"cells": len(cells), "source": source})
    return len(cells)


def _read(path: Path, delimiter: str) -> list[Cell]:
    options = _known_options()
    regions = {}
    cells, seen = [], set()
    for row in read_csv(path, required=REQUIRED, optional=OPTIONAL, delimiter=delimiter):
        def refuse(reason: str, column: str) -> ImportRefused:
            return ImportRefused(reason, file=path, row=row.number, column=column)

        code = row.text("gebied").upper()
        if code not in regions:
            regions[code] = Region.objects.filter(code=code).first()
        if regions[code] is None:
            raise refuse(_("the area '%(code)s' is unknown. Use a CBS code such as WK036393.") % {"code": code[:20]},
                         "gebied")
        label = row.text("periode")
        if not label or len(label) > MAX_LABEL:
            raise refuse(_("write the period, such as 2023 (at most %(max)s characters).") % {"max": MAX_LABEL},
                         "periode")
        key = row.text("vraag")
        version = _whole(row, "versie", path, minimum=1) if row.cells.get("versie", "").strip() else 1
        if (key, version) not in options:
            raise refuse(_("the question '%(key)s' (version %(version)s) is not in the questionnaire.")
                         % {"key": key[:60], "version": version}, "vraag")
        value = row.text("antwoord")
        if value not in options[(key, version)]:
            raise refuse(_("'%(value)s' is not an answer to this question; use one of: %(values)s.")
                         % {"value": value[:40], "values": ", ".join(options[(key, version)])}, "antwoord")
        count = _whole(row, "aantal", path, minimum=0)
        respondents = _whole(row, "respondenten", path, minimum=1)
        if count > respondents:
            raise refuse(_("more people gave this answer than the cell has respondents."), "aantal")
        identity = (code, label, key, version, value)
        if identity in seen:
            raise refuse(_("this area, period, question and answer appear twice in the file."), "antwoord")
        seen.add(identity)
        cells.append(Cell(regions[code], label, key, version, value, count, respondents))
    return cells


def _whole(row, column: str, path: Path, *, minimum: int) -> int:
    value = parse_number(row.text(column), path=path, row=row.number, column=column, minimum=minimum,
                         maximum=10_000_000, whole=True)
    if value is None:
        raise ImportRefused(_("this cell needs a number."), file=path, row=row.number, column=column)
    return int(value)


def _known_options() -> dict[tuple[str, int], list[str]]:
    options = {(item.key, item.version): [value for value, _label in item.options] for item in STANDARD}
    for question in Question.objects.all():
        options[(question.key, question.version)] = question.option_values
    return options
