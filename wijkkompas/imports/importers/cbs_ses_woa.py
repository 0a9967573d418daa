"""CBS StatLine 85163NED "SES-WOA scores per wijk en buurt", as the raw StatLine download
"CSV met statistische symbolen" (shared/data/SOURCES.md, file 7): UTF-8 with BOM, `;` between
quoted fields, numbers and codes padded with spaces, `.` for no data.

The statistical unit of this table is the household, so the opleidingsniveau shares are
shares of households (see catalogue/cbs_ses_woa.toml).
"""

from __future__ import annotations

from pathlib import Path

from wijkkompas.imports.base import ImportBatch, Importer, SourceRecord
from wijkkompas.imports.importers.cbs_rows import (
    check_unique, observations, region_code, region_name, region_record, table_year, year_source_key,
)
from wijkkompas.imports.parsing import read_csv
from wijkkompas.imports.registry import register

TABLE = "85163NED"
YEAR, NAME, CODE = "Perioden", "Wijken en buurten", "Regiocode (gemeente, wijk, buurt) (code)"

COLUMNS = {
    "Particuliere huishoudens (Aantal)": "ses_woa_huishoudens",
    "Opleidingsniveau/Laag/Waarde (%)": "pct_huishoudens_opleiding_laag",
    "Opleidingsniveau/Middelbaar/Waarde (%)": "pct_huishoudens_opleiding_middelbaar",
    "Opleidingsniveau/Hoog/Waarde (%)": "pct_huishoudens_opleiding_hoog",
    "SES-WOA/Totaalscore/Gemiddelde score (Getal)": "ses_woa_totaalscore",
    "Spreiding/Spreiding totaal/Waarde (Getal)": "ses_woa_spreiding",
}


def ses_woa_source(year: int) -> SourceRecord:
    return SourceRecord(
        key=f"cbs-ses-woa-{year}",
        publisher="CBS",
        title=f"SES-WOA scores per wijk en buurt {year}",
        table=TABLE,
        year=year,
        url=f"https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{TABLE}/table",
        licence="CC BY 4.0",
    )


@register
class CbsSesWoaImporter(Importer):
    name = "cbs-ses-woa"
    description = "CBS SES-WOA scores per wijk en buurt (85163NED), raw StatLine CSV with ';' and quotes"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        batch = ImportBatch()
        seen: set[tuple] = set()
        for row in read_csv(path, required=[YEAR, NAME, CODE, *COLUMNS], delimiter=";"):
            batch.rows_read += 1
            row_year = table_year(path, row, YEAR, expected=year)
            source_key = year_source_key(batch, row_year, ses_woa_source)
            code = region_code(path, row, CODE)
            check_unique(path, row, CODE, seen, (code, row_year))
            batch.regions.append(region_record(code=code, year=row_year, name=region_name(path, row, NAME)))
            batch.observations.extend(
                observations(path, row, COLUMNS, code=code, year=row_year, source_key=source_key)
            )
        return batch
