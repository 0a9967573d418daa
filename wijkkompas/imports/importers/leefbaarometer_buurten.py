"""Leefbaarometer scores per CBS buurt for all of the Netherlands (Ministerie van BZK), the open-data
file "Leefbaarometer-scores buurten" in long format: one row per buurt and year, with the instrument
version of that year in `versie` (SOURCES.md file 17).

One file spans three instrument versions (1.0 for 2002 and 2008, 2.0 for 2012 and 2016, 3.0 for
2014, 2018 and 2020 in the release of meting 2020), whose scores are not strictly comparable.
Every value is filed under the source of its version, so pages and API can tell them apart. A
row is refused when its version does not fit its year: a version outside the years it was used
(`VERSION_YEARS`), or a year that appears with two versions in one file.

The codes are those of the buurtindeling of the file's latest year (2020 for this release): the
buurten are created as regions of that year, with the file's names unless the database already
names them. The figures of earlier years are filed under the same codes, as the publisher does.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportBatch, Importer, ImportRefused
from wijkkompas.imports.importers.cbs_rows import code_of_level
from wijkkompas.imports.importers.leefbaarometer import (
    VALUE_COLUMNS, VERSION_SOURCES, leefbaarometer_values, leefbaarometer_year, named_area_records,
)
from wijkkompas.imports.parsing import Row, read_csv
from wijkkompas.imports.registry import register
from wijkkompas.regions.models import Level

#: The years each instrument version published figures for: 1.0 until 2.0 replaced it in 2012;
#: 2.0 for 2012 to 2018; 3.0 since 2021, recomputed back to 2012.
VERSION_YEARS = {"1.0": range(1998, 2011), "2.0": range(2012, 2019), "3.0": range(2012, 2101)}

#: "Leefbaarometer 3.0" as the open-data file writes it, or the bare "3.0".
_VERSION = re.compile(r"^(?:Leefbaarometer\s+)?(?P<version>\d+\.\d+)$", re.IGNORECASE)


@register
class LeefbaarometerBuurtenImporter(Importer):
    name = "leefbaarometer-buurten"
    description = "Leefbaarometer scores per CBS buurt, all of the Netherlands, versions 1.0-3.0 (BZK open data, CSV)"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        batch = ImportBatch()
        names: dict[str, str] = {}
        seen: set[tuple[str, int]] = set()
        year_versions: dict[int, str] = {}
        not_a_buurt = _("'%(code)s' is not the CBS code of a buurt.")
        for row in read_csv(path, required=["bu_code", "bu_naam", "jaar", "versie", *VALUE_COLUMNS]):
            batch.rows_read += 1
            code = code_of_level(path, row, "bu_code", Level.NEIGHBOURHOOD, not_a_buurt)
            row_year = leefbaarometer_year(path, row)
            if (code, row_year) in seen:
                raise ImportRefused(
                    _("buurt %(code)s appears twice for %(year)s.") % {"code": code, "year": row_year},
                    file=path, row=row.number, column="bu_code",
                )
            seen.add((code, row_year))
            version = _version(path, row, row_year, year_versions)
            names[code] = row.text("bu_naam") or names.get(code, "")
            batch.observations.extend(leefbaarometer_values(path, row, code=code, year=row_year, version=version))
        indeling = max(year_versions)
        batch.regions = named_area_records(names, level=Level.NEIGHBOURHOOD, year=indeling)
        return batch


def _version(path: Path, row: Row, year: int, year_versions: dict[int, str]) -> str:
    """The row's instrument version, known, used in its year, and the same for every row of that year."""
    match = _VERSION.match(row.text("versie"))
    version = match["version"] if match else ""
    if version not in VERSION_SOURCES:
        raise ImportRefused(
            _("'%(text)s' is not a known Leefbaarometer version (%(known)s).")
            % {"text": row.text("versie")[:40], "known": ", ".join(VERSION_SOURCES)},
            file=path, row=row.number, column="versie",
        )
    if year not in VERSION_YEARS[version]:
        raise ImportRefused(
            _("Leefbaarometer %(version)s has no figures for %(year)s; check the version and the year.")
            % {"version": version, "year": year},
            file=path, row=row.number, column="versie",
        )
    earlier = year_versions.setdefault(year, version)
    if earlier != version:
        raise ImportRefused(
            _("%(year)s is given as Leefbaarometer %(version)s here and as %(earlier)s in an earlier row; "
              "one year has one version.") % {"year": year, "version": version, "earlier": earlier},
            file=path, row=row.number, column="versie",
        )
    return version
