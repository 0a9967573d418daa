"""The list of wijk codes and names of the CBS Wijk- en Buurtkaart (attribute table of the
wijk layer, shared/data/SOURCES.md file 5): every wijk and gemeente of that year, with names
and parents. No figures and no boundaries.

Wijken that are only water (`WATER` = JA, e.g. "Groot water") are kept as regions: they are
part of the CBS indeling, they simply never get figures.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportBatch, Importer, ImportRefused, RegionRecord
from wijkkompas.imports.importers.cbs_rows import region_name, single_year
from wijkkompas.imports.parsing import Row, read_csv
from wijkkompas.imports.registry import register
from wijkkompas.regions.codes import is_cbs_code, level_of, parent_code
from wijkkompas.regions.models import Level

WATER_VALUES = {"JA", "NEE"}


def _code(path: Path, row: Row, column: str, level: str) -> str:
    code = row.text(column)
    if not is_cbs_code(code) or level_of(code) != level:
        raise ImportRefused(
            _("'%(code)s' is not the CBS code of a %(level)s.") % {"code": code, "level": Level(level).label},
            file=path, row=row.number, column=column,
        )
    return code


@register
class CbsWijkenCodelijstImporter(Importer):
    name = "cbs-wijken-codelijst"
    description = "CBS list of wijk codes and names (Wijk- en Buurtkaart attribute table, CSV)"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        batch = ImportBatch()
        municipalities: dict[str, str] = {}
        seen: set[str] = set()
        file_year: int | None = None
        for row in read_csv(path, required=["WK_CODE", "WK_NAAM", "GM_CODE", "GM_NAAM", "WATER", "JAAR"]):
            batch.rows_read += 1
            code = _code(path, row, "WK_CODE", Level.DISTRICT)
            municipality = _code(path, row, "GM_CODE", Level.MUNICIPALITY)
            if parent_code(code) != municipality:
                raise ImportRefused(
                    _("wijk %(code)s does not lie in gemeente %(municipality)s.")
                    % {"code": code, "municipality": municipality},
                    file=path, row=row.number, column="GM_CODE",
                )
            if code in seen:
                raise ImportRefused(
                    _("wijk %(code)s appears more than once.") % {"code": code}, file=path, row=row.number, column="WK_CODE"
                )
            seen.add(code)
            if row.text("WATER") not in WATER_VALUES:
                raise ImportRefused(
                    _("'%(value)s' should be JA or NEE.") % {"value": row.text("WATER")},
                    file=path, row=row.number, column="WATER",
                )
            file_year = single_year(
                path, row, "JAAR", expected=file_year or year,
                mismatch=_("the year is %(found)s where %(expected)s was expected; a code list is about one year."),
            )
            municipality_name = region_name(path, row, "GM_NAAM")
            if municipalities.setdefault(municipality, municipality_name) != municipality_name:
                raise ImportRefused(
                    _("gemeente %(code)s has another name than on an earlier row.") % {"code": municipality},
                    file=path, row=row.number, column="GM_NAAM",
                )
            batch.regions.append(RegionRecord(
                code=code, level=Level.DISTRICT, year=file_year, name=region_name(path, row, "WK_NAAM"),
                parent_code=municipality,
            ))
        batch.regions.extend(
            RegionRecord(code=code, level=Level.MUNICIPALITY, year=file_year, name=name)
            for code, name in sorted(municipalities.items())
        )
        return batch
