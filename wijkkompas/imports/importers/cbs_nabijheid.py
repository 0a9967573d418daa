"""CBS "Nabijheid voorzieningen" (proximity to facilities) by gemeente, wijk and buurt, with
CBS OData keys of the English StatLine edition, partly renamed (shared/data/SOURCES.md,
file 15). One file may hold several editions; `jaar` says which.

The file has codes but no region names (only the gemeente's name), so regions keep the
names other files gave them. The distance to a basisschool joins the KWB figure of the
same name (`afstand_basisschool`).
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportBatch, Importer, ImportRefused, SourceRecord
from wijkkompas.imports.importers.cbs_rows import (
    check_unique, observations, region_code, region_name, region_record, table_year, year_source_key,
)
from wijkkompas.imports.parsing import read_csv
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


def nabijheid_source(year: int) -> SourceRecord:
    return SourceRecord(
        key=f"cbs-nabijheid-{year}",
        publisher="CBS",
        title=f"Nabijheid voorzieningen {year}",
        year=year,
        licence="CC BY 4.0",
        note="Engelstalige StatLine-editie; het tabelnummer staat niet in het bronbestand.",
    )


@register
class CbsNabijheidImporter(Importer):
    name = "cbs-nabijheid"
    description = "CBS Nabijheid voorzieningen by gemeente, wijk and buurt, one or more years (CSV, OData keys)"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        batch = ImportBatch()
        seen: set[tuple] = set()
        for row in read_csv(path, required=[YEAR, REGION, MUNICIPALITY, CODE, *COLUMNS]):
            batch.rows_read += 1
            row_year = table_year(path, row, YEAR, expected=year)
            source_key = year_source_key(batch, row_year, nabijheid_source)
            code = region_code(path, row, CODE)
            if row.text(REGION) != code:
                raise ImportRefused(
                    _("the region code '%(found)s' differs from the code %(code)s in column '%(other)s'.")
                    % {"found": row.text(REGION), "code": code, "other": CODE},
                    file=path, row=row.number, column=REGION,
                )
            check_unique(path, row, CODE, seen, (code, row_year))
            name = region_name(path, row, MUNICIPALITY) if level_of(code) == Level.MUNICIPALITY else None
            batch.regions.append(region_record(code=code, year=row_year, name=name))
            batch.observations.extend(
                observations(path, row, COLUMNS, code=code, year=row_year, source_key=source_key)
            )
        return batch
