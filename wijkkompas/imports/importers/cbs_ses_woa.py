"""CBS StatLine 85163NED "SES-WOA scores per wijk en buurt", as the raw StatLine download
"CSV met statistische symbolen" (shared/data/SOURCES.md, file 7): UTF-8 with BOM, `;` between
quoted fields, numbers and codes padded with spaces, `.` for no data.

The statistical unit of this table is the household, so the opleidingsniveau shares are
shares of households (see catalogue/cbs_ses_woa.toml).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from wijkkompas.imports.base import SourceRecord
from wijkkompas.imports.importers.cbs_rows import CbsYearTableImporter
from wijkkompas.imports.importers.cbs_sources import cbs_source
from wijkkompas.imports.parsing import Row, read_csv
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


@register
class CbsSesWoaImporter(CbsYearTableImporter):
    name = "cbs-ses-woa"
    description = "CBS SES-WOA scores per wijk en buurt (85163NED), raw StatLine CSV with ';' and quotes"
    year_column, code_column, name_column, columns = YEAR, CODE, NAME, COLUMNS

    def rows(self, path: Path) -> Iterable[Row]:
        return read_csv(path, required=[YEAR, NAME, CODE, *COLUMNS], delimiter=";")

    def source(self, year: int) -> SourceRecord:
        return cbs_source(f"cbs-ses-woa-{year}", f"SES-WOA scores per wijk en buurt {year}", year, table=TABLE)
