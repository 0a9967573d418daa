"""The CBS lists of names that come with the postcode-huisnummer file of a year
(data/PROVENANCE.md): `Gemeente2025;Gemeentenaam2025`, `Wijk2025;wijknaam2025` or
`Buurt2025;buurtnaam2025`, semicolon separated, codes without their `GM`/`WK`/`BU` prefix.

Each row becomes the region's name in that year (a `RegionYear`), with its parent taken from
the code, so the indeling of that year exists even before its figures do; a region's own name
follows the latest year, as for every other source. The parents must have their name in that
year already: import the gemeenten, then the wijken, then the buurten.

Code 0998 ("Buitenland", and buurt 09989999) is left out: CBS uses it for people registered
abroad, it is not an area of the Netherlands.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportBatch, Importer, ImportRefused, RegionRecord
from wijkkompas.imports.importers.cbs_postcode_rows import unprefixed_code
from wijkkompas.imports.parsing import read_csv, read_text
from wijkkompas.imports.registry import register
from wijkkompas.regions.codes import parent_code
from wijkkompas.regions.models import Level, RegionYear

#: The code column's name part -> level, code prefix and the code's length without it.
KINDS = {
    "gemeente": (Level.MUNICIPALITY, "GM", 4),
    "wijk": (Level.DISTRICT, "WK", 6),
    "buurt": (Level.NEIGHBOURHOOD, "BU", 8),
}
ABROAD_MUNICIPALITY = "0998"
_HEADER = re.compile(r"^(?P<kind>gemeente|wijk|buurt)(?P<year>\d{4})$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _layout(path: Path) -> tuple[str, str, str, int]:
    """The code column, the name column, the kind of region and the year, from the header. The
    name column is found whatever its capitals (CBS writes `Gemeentenaam2025` but `wijknaam2025`)."""
    header = [cell.strip() for cell in read_text(path).partition("\n")[0].split(";")]
    match = _HEADER.match(header[0])
    if match is None and ("," in header[0] or "\t" in header[0]):
        raise ImportRefused(
            _("the columns are not separated by '%(delimiter)s'. Check the delimiter.") % {"delimiter": ";"},
            file=path, row=1,
        )
    if match is None:
        raise ImportRefused(
            _("this is not a CBS list of names: the header should be like 'Buurt2025;buurtnaam2025', "
              "'Wijk2025;wijknaam2025' or 'Gemeente2025;Gemeentenaam2025'."),
            file=path, row=1,
        )
    kind, year = match["kind"].lower(), int(match["year"])
    expected = f"{kind}naam{year}"
    name_column = next((cell for cell in header[1:] if cell.lower() == expected), expected)
    return header[0], name_column, kind, year


@register
class CbsNamenImporter(Importer):
    name = "cbs-namen"
    description = "CBS names of gemeenten, wijken or buurten of a year, as listed with its postcode-huisnummer file (CSV, ';')"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        code_column, name_column, kind, file_year = _layout(path)
        level, prefix, width = KINDS[kind]
        if year is not None and year != file_year:
            raise ImportRefused(
                _("the header names the year %(found)s where %(expected)s was asked for.")
                % {"found": file_year, "expected": year},
                file=path, row=1, column=code_column,
            )
        batch = ImportBatch()
        seen: set[str] = set()
        first_rows: dict[str, int] = {}
        for row in read_csv(path, required=[code_column, name_column], delimiter=";"):
            batch.rows_read += 1
            if row.text(code_column).startswith(ABROAD_MUNICIPALITY):
                continue
            code = unprefixed_code(
                row.text(code_column), path=path, row=row.number, column=code_column,
                prefix=prefix, width=width, level=level,
            )
            if code in seen:
                raise ImportRefused(
                    _("region %(code)s appears more than once.") % {"code": code},
                    file=path, row=row.number, column=code_column,
                )
            seen.add(code)
            name = row.text(name_column)
            if not name or _CONTROL.search(name):
                raise ImportRefused(
                    _("the name is empty or holds a control character."),
                    file=path, row=row.number, column=name_column,
                )
            parent = parent_code(code)
            if parent:
                first_rows.setdefault(parent, row.number)
            batch.regions.append(RegionRecord(code=code, level=level, year=file_year, name=name, parent_code=parent))
        self._check_parents(path, first_rows, code_column, file_year)
        return batch

    @staticmethod
    def _check_parents(path: Path, first_rows: dict[str, int], column: str, year: int) -> None:
        """Every wijk's gemeente and every buurt's wijk has its name of the same year already,
        so no parent appears that is named only by its code."""
        known = set(
            RegionYear.objects.filter(year=year, region__code__in=first_rows).values_list("region__code", flat=True)
        )
        missing = sorted(set(first_rows) - known, key=first_rows.get)
        if missing:
            raise ImportRefused(
                _("%(code)s, the area this one lies in, has no name for %(year)s yet. Import the list of "
                  "gemeenten first, then wijken, then buurten.") % {"code": missing[0], "year": year},
                file=path, row=first_rows[missing[0]], column=column,
            )
