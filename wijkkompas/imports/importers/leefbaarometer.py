"""Leefbaarometer scores per CBS wijk (Ministerie van BZK), in the column layout of the official
open-data file "Leefbaarometer-scores wijken" (SOURCES.md file 8, DOMAIN.md), and what the wijk
and buurt files share: the value columns, the year, the source of each instrument version, and
the names of the areas.

The wijk file has no version column: it is Leefbaarometer 3.0 throughout (meting 2022). The
codes are CBS codes, so the figures go straight onto the CBS wijken. The Leefbaarometer spells
some names its own way ("Uilenstede - Kronenburg" where CBS has "Uilenstede, Kronenburg"): an
area the database already names keeps its CBS name; the file's name is used only for an area
that is not named yet.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportBatch, Importer, ImportRefused, ObservationRecord, RegionRecord
from wijkkompas.imports.importers.cbs_rows import code_of_level
from wijkkompas.imports.parsing import Row, parse_number, read_csv
from wijkkompas.imports.registry import register
from wijkkompas.indicators.catalogue import indicator_spec
from wijkkompas.regions.codes import parent_code
from wijkkompas.regions.models import Level, Region

#: Instrument version -> key of its source in the catalogue (leefbaarometer.toml), which holds
#: the version in `method_version`, so every value keeps the version it was made with.
VERSION_SOURCES = {"1.0": "leefbaarometer-1", "2.0": "leefbaarometer-2", "3.0": "leefbaarometer-3"}

#: Column -> indicator key: the total score, its deviation from the national mean, the five dimensions.
TOTAL_COLUMNS = {"lbm": "lbm_totaalscore", "afw": "lbm_afwijking"}
DIMENSION_COLUMNS = {
    "won": "lbm_woningen",
    "fys": "lbm_fysieke_omgeving",
    "vrz": "lbm_voorzieningen",
    "soc": "lbm_sociale_samenhang",
    "onv": "lbm_overlast_onveiligheid",
}
VALUE_COLUMNS = {**TOTAL_COLUMNS, **DIMENSION_COLUMNS}


def leefbaarometer_year(path: Path, row: Row) -> int:
    """The year of a row: the Leefbaarometer starts in 1998; up to 2100 leaves room for new files."""
    year = parse_number(row.text("jaar"), path=path, row=row.number, column="jaar", minimum=1998, maximum=2100)
    if year is None or year != int(year):
        raise ImportRefused(_("the year must be a whole number."), file=path, row=row.number, column="jaar")
    return int(year)


def leefbaarometer_values(
    path: Path, row: Row, *, code: str, year: int, version: str
) -> Iterator[ObservationRecord]:
    """The row's values in the catalogue's ranges, filed under the source of `version`. Only 3.0
    has the five dimensions of the catalogue: a dimension of another version is refused, since
    it would be stored, and scored, as if it were the same measure."""
    source_key = VERSION_SOURCES[version]
    for column, key, minimum, maximum in _value_specs():
        value = parse_number(
            row.cells[column], path=path, row=row.number, column=column, minimum=minimum, maximum=maximum
        )
        if value is None:
            continue
        if version != "3.0" and column in DIMENSION_COLUMNS:
            raise ImportRefused(
                _("Leefbaarometer %(version)s has a value for a dimension; only version 3.0 has the five "
                  "dimensions Wijkkompas knows.") % {"version": version},
                file=path, row=row.number, column=column,
            )
        yield ObservationRecord(code, key, year, value, source_key)


@cache
def _value_specs() -> list[tuple[str, str, float | None, float | None]]:
    """(column, indicator key, minimum, maximum) of the value columns, looked up once."""
    return [
        (column, key, indicator_spec(key).minimum, indicator_spec(key).maximum) for column, key in VALUE_COLUMNS.items()
    ]


def named_area_records(names: dict[str, str], *, level: str, year: int) -> list[RegionRecord]:
    """Areas by code with the file's name (code -> name) as regions of `year`; an area the database
    already names keeps its name. A region whose name is still its code was created as a
    placeholder parent: not named yet."""
    stored = Region.objects.filter(code__in=names).values_list("code", "name")
    named = {code for code, name in stored if name and name != code}
    return [
        RegionRecord(code=code, level=level, year=year, name=None if code in named else name or None,
                     parent_code=parent_code(code))
        for code, name in names.items()
    ]


@register
class LeefbaarometerWijkenImporter(Importer):
    name = "leefbaarometer-wijken"
    description = "Leefbaarometer 3.0 scores per CBS wijk (BZK open data layout, CSV)"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        batch = ImportBatch()
        names: dict[tuple[str, int], str] = {}
        for row in read_csv(path, required=["wk_code", "wk_naam", "jaar", *VALUE_COLUMNS]):
            batch.rows_read += 1
            code = code_of_level(path, row, "wk_code", Level.DISTRICT, _("'%(code)s' is not the CBS code of a wijk."))
            file_year = leefbaarometer_year(path, row)
            if (code, file_year) in names:
                raise ImportRefused(
                    _("wijk %(code)s appears twice for %(year)s.") % {"code": code, "year": file_year},
                    file=path, row=row.number, column="wk_code",
                )
            names[(code, file_year)] = row.text("wk_naam")
            batch.observations.extend(leefbaarometer_values(path, row, code=code, year=file_year, version="3.0"))
        for file_year in sorted({file_year for _code, file_year in names}):
            batch.regions += named_area_records(
                {code: name for (code, of_year), name in names.items() if of_year == file_year},
                level=Level.DISTRICT, year=file_year,
            )
        return batch
