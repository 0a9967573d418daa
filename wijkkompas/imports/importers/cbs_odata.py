"""CBS "Kerncijfers wijken en buurten" as exported from the CBS OData API (shared/data/SOURCES.md,
file 4): one row per region with `regiocode`, `soort_regio`, `jaar` and CBS OData keys.

An OData key is a name and a column number, e.g. `AantalInwoners_5`. The number is the
column's position in that year's table, so it differs between table years (2024 has
`Woningvoorraad_35`, another year may have `Woningvoorraad_34`). Columns are therefore matched
on the name part before the last underscore, and next year's export imports with the same
command. A column whose name part is not in `ODATA_KEYS` is refused, so a new or renamed
variable is noticed instead of silently dropped.

The year comes from `jaar`, the StatLine table id from the file name (e.g. `85984NED`).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportBatch, Importer, ImportRefused, RegionRecord, SourceRecord
from wijkkompas.imports.importers.cbs_rows import REGION_KINDS, observations, single_year
from wijkkompas.imports.importers.cbs_sources import KWB_TABLES, kwb_source
from wijkkompas.imports.parsing import Row, read_csv, read_text
from wijkkompas.imports.registry import register
from wijkkompas.regions.codes import is_cbs_code, level_of, parent_code
from wijkkompas.regions.models import Level

#: Name part of the CBS OData key -> indicator key (same measure and unit: inhabitants,
#: inhabitants per km² land, dwellings, hectare).
ODATA_KEYS = {
    "AantalInwoners": "inwoners",
    "Mannen": "mannen",
    "Vrouwen": "vrouwen",
    "Bevolkingsdichtheid": "bevolkingsdichtheid",
    "Woningvoorraad": "woningvoorraad",
    "OppervlakteTotaal": "oppervlakte_totaal",
    "OppervlakteLand": "oppervlakte_land",
    "OppervlakteWater": "oppervlakte_water",
}
REGION_COLUMNS = ["regiocode", "soort_regio", "jaar"]

_ODATA_COLUMN = re.compile(r"^(?P<name>[A-Za-z]+)_(?P<number>\d+)$")
_TABLE_IN_NAME = re.compile(r"(\d+NED)", re.IGNORECASE)


def value_columns(path: Path) -> dict[str, str]:
    """The file's OData column of each indicator key (column -> key). A key not found is listed
    by its name part with `_*`, so the header check reports it as missing."""
    header = next(csv.reader(io.StringIO(read_text(path), newline="")), [])
    found: dict[str, str] = {}
    for column in (name.strip() for name in header):
        match = _ODATA_COLUMN.match(column)
        if match and match["name"] in ODATA_KEYS:
            key = ODATA_KEYS[match["name"]]
            if key in found:
                raise ImportRefused(
                    _("two columns hold '%(name)s'.") % {"name": match["name"]}, file=path, row=1, column=column
                )
            found[key] = column
    return {found.get(key, f"{name}_*"): key for name, key in ODATA_KEYS.items()}


@register
class CbsOdataImporter(Importer):
    name = "cbs-kwb-odata"
    description = "CBS Kerncijfers wijken en buurten, any year, from the CBS OData API (CSV with OData keys)"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        columns = value_columns(path)
        batch = ImportBatch()
        seen: set[str] = set()
        for row in read_csv(path, required=[*REGION_COLUMNS, *columns]):
            batch.rows_read += 1
            row_year = single_year(
                path, row, "jaar", expected=batch.sources[0].year if batch.sources else year,
                mismatch=_("the year is %(found)s where %(expected)s was expected; a table is about one year."),
            )
            if not batch.sources:
                batch.sources.append(self._source(path, row_year))
            code = self._code(path, row, seen)
            level = level_of(code)
            batch.regions.append(RegionRecord(
                code=code, level=level, year=row_year,
                parent_code=parent_code(code) if level in (Level.DISTRICT, Level.NEIGHBOURHOOD) else None,
            ))
            batch.observations.extend(
                observations(path, row, columns, code=code, year=row_year, source_key=batch.sources[0].key)
            )
        return batch

    @staticmethod
    def _source(path: Path, year: int) -> SourceRecord:
        match = _TABLE_IN_NAME.search(path.name)
        table = match[1].upper() if match else ""
        if table and year in KWB_TABLES and KWB_TABLES[year] != table:
            raise ImportRefused(
                _("the file name says table %(table)s, but Kerncijfers wijken en buurten %(year)s is table %(known)s.")
                % {"table": table, "year": year, "known": KWB_TABLES[year]},
                file=path, row=2, column="jaar",
            )
        return kwb_source(year, table)

    @staticmethod
    def _code(path: Path, row: Row, seen: set[str]) -> str:
        code, kind = row.text("regiocode"), row.text("soort_regio")
        if not is_cbs_code(code):
            raise ImportRefused(
                _("'%(code)s' is not a CBS region code.") % {"code": code}, file=path, row=row.number, column="regiocode"
            )
        if REGION_KINDS.get(kind) != level_of(code):
            raise ImportRefused(
                _("the kind of region '%(kind)s' does not match code %(code)s.") % {"kind": kind, "code": code},
                file=path, row=row.number, column="soort_regio",
            )
        if code in seen:
            raise ImportRefused(
                _("region %(code)s appears more than once.") % {"code": code}, file=path, row=row.number, column="regiocode"
            )
        seen.add(code)
        return code
