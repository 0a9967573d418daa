"""The population block of CBS Kerncijfers wijken en buurten for every region of the country
(data/PROVENANCE.md): one row per region with `jaar`, `regiocode`, `regio`, `gemeentenaam`,
`soort_regio`, `indelingswijziging` and counts of inhabitants by sex, age group and herkomstland.

Every buurt of the country comes with its name and its wijk, so this file makes the whole
indeling of its year exist. Age groups and herkomst are counts of people, so they fill the
count indicators (`inwoners_0_14` …), never the percentage ones (`pct_0_14` …). The counts of
wijken and buurten are rounded to multiples of 5, so the parts need not add up to the total.

Read but not imported: `gemeentenaam`, checked against the gemeente's own row (a row shifted
against its figures is noticed), and `indelingswijziging`, CBS's code 1, 2 or 3 for how the
area's boundaries relate to the previous year's indeling.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportRefused, SourceRecord
from wijkkompas.imports.importers.cbs_rows import (
    COUNTRY_CODE, CbsYearTableImporter, check_region_kind, region_code, single_year,
)
from wijkkompas.imports.importers.cbs_sources import kwb_source
from wijkkompas.imports.parsing import MISSING_MARKERS, Row, read_csv
from wijkkompas.imports.registry import register
from wijkkompas.regions.codes import municipality_code

YEAR, CODE, NAME, MUNICIPALITY, KIND, CHANGE = (
    "jaar", "regiocode", "regio", "gemeentenaam", "soort_regio", "indelingswijziging",
)
COLUMNS = {
    "aantal_inwoners": "inwoners",
    "mannen": "mannen",
    "vrouwen": "vrouwen",
    "leeftijd_0_15": "inwoners_0_14",
    "leeftijd_15_25": "inwoners_15_24",
    "leeftijd_25_45": "inwoners_25_44",
    "leeftijd_45_65": "inwoners_45_64",
    "leeftijd_65_plus": "inwoners_65_plus",
    "herkomst_nederland": "inwoners_herkomst_nederland",
    "herkomst_europa_excl_nl": "inwoners_herkomst_europa",
    "herkomst_buiten_europa": "inwoners_herkomst_buiten_europa",
}
BOUNDARY_CHANGE_CODES = {"1", "2", "3"}
_WHOLE_NUMBER = re.compile(r"^[0-9]+$")


def check_counts(path: Path, row: Row) -> None:
    """Counts of people are whole numbers: `24.430` (a thousands separator) or `24,5` is refused
    rather than read as 24.43 inhabitants."""
    for column in COLUMNS:
        text = row.text(column)
        if text not in MISSING_MARKERS and not _WHOLE_NUMBER.match(text):
            raise ImportRefused(
                _("'%(text)s' is not a whole number of people. Write counts without a thousands separator.")
                % {"text": text[:40]},
                file=path, row=row.number, column=column,
            )


@register
class CbsKwbBevolkingImporter(CbsYearTableImporter):
    name = "cbs-kwb-bevolking"
    description = (
        "CBS Kerncijfers wijken en buurten, population block for all regions incl. buurten: "
        "inhabitants, age groups and herkomstland as counts (CSV)"
    )
    year_column, code_column, name_column, columns = YEAR, CODE, NAME, COLUMNS

    def rows(self, path: Path) -> Iterator[Row]:
        municipality_names: dict[str, tuple[str, int]] = {}
        file_year: int | None = None
        for row in read_csv(path, required=[YEAR, CODE, NAME, MUNICIPALITY, KIND, CHANGE, *COLUMNS]):
            file_year = single_year(
                path, row, YEAR, expected=file_year,
                mismatch=_("the year is %(found)s where %(expected)s was expected; a table is about one year."),
            )
            check_counts(path, row)
            if row.text(CODE) != COUNTRY_CODE:
                self._check_boundary_change(path, row)
                self._check_municipality(path, row, municipality_names)
            yield row

    @staticmethod
    def _check_boundary_change(path: Path, row: Row) -> None:
        change = row.text(CHANGE)
        if change not in BOUNDARY_CHANGE_CODES:
            raise ImportRefused(
                _("'%(value)s' is not a code for a change of boundaries (1, 2 or 3).") % {"value": change[:20]},
                file=path, row=row.number, column=CHANGE,
            )

    @staticmethod
    def _check_municipality(path: Path, row: Row, names: dict[str, tuple[str, int]]) -> None:
        """The gemeente's name is the same on every row of the gemeente, and on its own row the
        same as the region's name: a row shifted against its neighbours is noticed."""
        code = region_code(path, row, CODE)
        municipality = municipality_code(code)
        name = row.text(MUNICIPALITY)
        if code == municipality and name != row.text(NAME):
            raise ImportRefused(
                _("the gemeente's name differs from its name in column '%(column)s'.") % {"column": NAME},
                file=path, row=row.number, column=MUNICIPALITY,
            )
        known, first_row = names.setdefault(municipality, (name, row.number))
        if known != name:
            raise ImportRefused(
                _("gemeente %(code)s is called '%(name)s' here but '%(known)s' on row %(row)s.")
                % {"code": municipality, "name": name[:60], "known": known[:60], "row": first_row},
                file=path, row=row.number, column=MUNICIPALITY,
            )

    def code(self, path: Path, row: Row) -> str:
        code = region_code(path, row, CODE)
        check_region_kind(path, row, KIND, code)
        return code

    def source(self, year: int) -> SourceRecord:
        return kwb_source(year)

