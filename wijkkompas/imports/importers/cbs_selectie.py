"""Selections of CBS Kerncijfers wijken en buurten with English column names and a `jaar`
column (shared/data/SOURCES.md, file 14): table years 2020, 2023 (income only) and 2024
(no income).

The columns come in two blocks, population and housing, and income. A file has each block
completely or not at all, so a column dropped from a block is still noticed.

`Pct_Lowest_40Pct_Income` and `Pct_Highest_20Pct_Income` are the household shares (40%
huishoudens met laagste inkomen, 20% met hoogste): their values equal the household columns,
not the person columns, of KWB 2019 for the same areas. `Higher_Education_Count` is a
number of people (opleidingsniveau hoog), not a share.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportRefused, SourceRecord
from wijkkompas.imports.importers.cbs_rows import CbsYearTableImporter
from wijkkompas.imports.importers.cbs_sources import kwb_source
from wijkkompas.imports.parsing import Row, read_csv
from wijkkompas.imports.registry import register

YEAR, NAME, MUNICIPALITY, CODE = "jaar", "regio_naam", "Municipality_Name", "Area_Code"

POPULATION_HOUSING = {
    "Population_Total": "inwoners",
    "Pop_Age_0_15": "inwoners_0_14",
    "Pop_Age_15_25": "inwoners_15_24",
    "Pop_Age_25_45": "inwoners_25_44",
    "Pop_Age_45_65": "inwoners_45_64",
    "Pop_Age_65_Plus": "inwoners_65_plus",
    "Avg_Household_Size": "huishoudensgrootte",
    "Avg_Property_Value_1000EUR": "woz_waarde",
    "Pct_Unoccupied_Homes": "pct_onbewoond",
    "Pct_Owner_Occupied": "pct_koopwoningen",
    "Pct_Rental": "pct_huurwoningen",
    "Urbanization_Level": "stedelijkheid",
}
INCOME = {
    "Higher_Education_Count": "inwoners_opleiding_hoog",
    "Avg_Income_Per_Income_Recipient_1000EUR": "inkomen_per_ontvanger",
    "Avg_Income_Per_Inhabitant_1000EUR": "inkomen_per_inwoner",
    "Avg_Std_Household_Income_1000EUR": "gestandaardiseerd_inkomen_huishouden",
    "Pct_Lowest_40Pct_Income": "pct_huishoudens_laagste_40",
    "Pct_Highest_20Pct_Income": "pct_huishoudens_hoogste_20",
    "Pct_Low_Income_Households": "pct_huishoudens_laag_inkomen",
    "Pct_Below_120Pct_Social_Min": "pct_huishoudens_tot_120_sociaal_minimum",
}
BLOCKS = (POPULATION_HOUSING, INCOME)
COLUMNS = {**POPULATION_HOUSING, **INCOME}


def check_blocks(path: Path, row: Row) -> None:
    """Each block of columns is in the file completely or not at all, and one block at least."""
    present = [block for block in BLOCKS if block.keys() & row.cells.keys()]
    if not present:
        raise ImportRefused(_("the file has no columns with figures."), file=path, row=1)
    for block in present:
        missing = [column for column in block if column not in row.cells]
        if missing:
            raise ImportRefused(
                _("this column is missing while others of its group are there."), file=path, row=1, column=missing[0]
            )


@register
class CbsSelectieImporter(CbsYearTableImporter):
    name = "cbs-kwb-selectie"
    description = "CBS Kerncijfers wijken en buurten, a selection with English column names and a 'jaar' column (CSV)"
    year_column, code_column, name_column, columns = YEAR, CODE, NAME, COLUMNS

    def rows(self, path: Path) -> Iterable[Row]:
        rows = read_csv(path, required=[YEAR, NAME, MUNICIPALITY, CODE], optional=COLUMNS)
        first = next(rows)
        check_blocks(path, first)
        return chain([first], rows)

    def source(self, year: int) -> SourceRecord:
        return kwb_source(year)
