"""The gemeente layer of the CBS/Kadaster Wijk- en Buurtkaart as an attribute table (CSV with the
layer's DBF column names, data/PROVENANCE.md): one row per gemeente with a `JAAR` column and
about 30 key figures of Kerncijfers wijken en buurten of that year.

The DBF names are mapped on the catalogue keys the other CBS sources fill, with the same units:
`P_*` columns are percentages, `AANT_*` counts, `OPP_*` hectare, `GEM_HH_GR` persons per
household, `OAD` and `BEV_DICHTH` per km², `STED` the class 1 to 5. The map marks a value it
does not have as -99999999 (and -99995/-99997 for "not yet" and "secret"); all are missing values.

GM0998 "Buitenland" is left out: it is the code CBS gives people registered abroad, not an area
of the Netherlands, and the map fills it with zeros that would read as real figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import SourceRecord
from wijkkompas.imports.importers.cbs_rows import CbsYearTableImporter, code_of_level, single_year
from wijkkompas.imports.importers.cbs_sources import KWB_TABLES, cbs_source
from wijkkompas.imports.parsing import Row, read_csv
from wijkkompas.imports.registry import register
from wijkkompas.regions.models import Level

YEAR, CODE, NAME = "JAAR", "GM_CODE", "GM_NAAM"
ABROAD = "GM0998"
#: The map's own marker for a value it does not have, beside the CBS ones `parse_number` knows.
NO_VALUE = "-99999999"

COLUMNS = {
    "OAD": "omgevingsadressendichtheid",
    "STED": "stedelijkheid",
    "BEV_DICHTH": "bevolkingsdichtheid",
    "AANT_INW": "inwoners",
    "AANT_MAN": "mannen",
    "AANT_VROUW": "vrouwen",
    "P_00_14_JR": "pct_0_14",
    "P_15_24_JR": "pct_15_24",
    "P_25_44_JR": "pct_25_44",
    "P_45_64_JR": "pct_45_64",
    "P_65_EO_JR": "pct_65_plus",
    "P_ONGEHUWD": "pct_ongehuwd",
    "P_GEHUWD": "pct_gehuwd",
    "P_GESCHEID": "pct_gescheiden",
    "P_VERWEDUW": "pct_verweduwd",
    "AANTAL_HH": "huishoudens",
    "P_EENP_HH": "pct_eenpersoonshuishoudens",
    "P_HH_Z_K": "pct_huishoudens_zonder_kinderen",
    "P_HH_M_K": "pct_huishoudens_met_kinderen",
    "GEM_HH_GR": "huishoudensgrootte",
    "P_NL_ALL": "pct_herkomst_nederland",
    "P_EUR_ALL": "pct_herkomst_europa",
    "P_NEU_ALL": "pct_herkomst_buiten_europa",
    "P_GEBNL_NL": "pct_geboren_nl_herkomst_nederland",
    "P_GEBNL_EU": "pct_geboren_nl_herkomst_europa",
    "P_GEBNL_NE": "pct_geboren_nl_herkomst_buiten_europa",
    "P_GEBBL_EU": "pct_geboren_buitenland_herkomst_europa",
    "P_GEBBL_NE": "pct_geboren_buitenland_herkomst_buiten_europa",
    "OPP_TOT": "oppervlakte_totaal",
    "OPP_LAND": "oppervlakte_land",
    "OPP_WATER": "oppervlakte_water",
}


def source(year: int) -> SourceRecord:
    """Its own source, not `cbs-kwb-<year>`: a map version is an early release of the table's
    figures, and the table itself may have been corrected since."""
    table = KWB_TABLES.get(year, "")
    return cbs_source(
        f"cbs-wijkbuurtkaart-{year}-gemeenten", f"Wijk- en Buurtkaart {year}, gemeenten", year,
        note=f"Kerncijfers wijken en buurten {year}{f' ({table})' if table else ''} per gemeente, "
             "zoals CBS en Kadaster ze bij de kaart leveren.",
    )


@register
class CbsWijkbuurtkaartGemeentenImporter(CbsYearTableImporter):
    name = "cbs-wijkbuurtkaart-gemeenten"
    description = "CBS/Kadaster Wijk- en Buurtkaart, gemeente layer: attribute table with DBF column names (CSV)"
    year_column, code_column, name_column, columns = YEAR, CODE, NAME, COLUMNS

    def rows(self, path: Path) -> Iterator[Row]:
        file_year: int | None = None
        for row in read_csv(path, required=[YEAR, CODE, NAME, *COLUMNS]):
            file_year = single_year(
                path, row, YEAR, expected=file_year,
                mismatch=_("the year is %(found)s where %(expected)s was expected; a map is about one year."),
            )
            if row.text(CODE) == ABROAD:
                continue
            yield Row(row.number, {column: "" if text.strip() == NO_VALUE else text for column, text in row.cells.items()})

    def code(self, path: Path, row: Row) -> str:
        return code_of_level(
            path, row, CODE, Level.MUNICIPALITY, _("'%(code)s' is not the CBS code of a gemeente.")
        )

    def source(self, year: int) -> SourceRecord:
        return source(year)
