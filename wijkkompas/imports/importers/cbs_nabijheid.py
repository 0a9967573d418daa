"""CBS "Nabijheid voorzieningen" (proximity to facilities) by gemeente, wijk and buurt, with
CBS OData keys of the English StatLine edition, partly renamed (shared/data/SOURCES.md,
file 15). One file may hold several editions; `jaar` says which.

The file has codes but no region names (only the gemeente's name), so regions keep the
names other files gave them. The distance to a basisschool joins the KWB figure of the
same name (`afstand_basisschool`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportRefused, SourceRecord
from wijkkompas.imports.importers.cbs_rows import CbsYearTableImporter, region_name
from wijkkompas.imports.importers.cbs_sources import cbs_source
from wijkkompas.imports.parsing import Row, read_csv
from wijkkompas.imports.registry import register
from wijkkompas.regions.codes import level_of
from wijkkompas.regions.models import Level

YEAR, REGION, MUNICIPALITY, CODE = "jaar", "DistrictsAndNeighbourhoods", "MunicipalityName", "Encoding"

COLUMNS = {
    "supermarkets_within_1km": "grote_supermarkten_binnen_1km",
    "food_shops_within_1km": "winkels_dagelijkse_levensmiddelen_binnen_1km",
    "cafes_within_1km": "cafes_binnen_1km",
    "cafeterias_within_1km": "cafetarias_binnen_1km",
    "restaurants_within_1km": "restaurants_binnen_1km",
    "distance_to_primary_school": "afstand_basisschool",
    "distance_to_secondary_school": "afstand_voortgezet_onderwijs",
    "DistanceToTrainStationAllTypes": "afstand_treinstation",
}


@register
class CbsNabijheidImporter(CbsYearTableImporter):
    name = "cbs-nabijheid"
    description = "CBS Nabijheid voorzieningen by gemeente, wijk and buurt, one or more years (CSV, OData keys)"
    year_column, code_column, columns = YEAR, CODE, COLUMNS

    def rows(self, path: Path) -> Iterable[Row]:
        return read_csv(path, required=[YEAR, REGION, MUNICIPALITY, CODE, *COLUMNS])

    def source(self, year: int) -> SourceRecord:
        return cbs_source(
            f"cbs-nabijheid-{year}", f"Nabijheid voorzieningen {year}", year,
            note="Engelstalige StatLine-editie; het tabelnummer staat niet in het bronbestand.",
        )

    def code(self, path: Path, row: Row) -> str:
        code = super().code(path, row)
        if row.text(REGION) != code:
            raise ImportRefused(
                _("the region code '%(found)s' differs from the code %(code)s in column '%(other)s'.")
                % {"found": row.text(REGION), "code": code, "other": CODE},
                file=path, row=row.number, column=REGION,
            )
        return code

    def name_of(self, path: Path, row: Row, code: str) -> str | None:
        return region_name(path, row, MUNICIPALITY) if level_of(code) == Level.MUNICIPALITY else None
