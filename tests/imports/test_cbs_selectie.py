"""The importer of KWB selections with English column names, on the real files and broken copies."""

import pytest

from tests.imports.cbs_files import (
    add_column, assert_refused, assert_truncated_copy_refused, broken_cases, data_file, drop_column,
    fresh_import, read_rows, set_cell, value, write_rows,
)
from tests.imports.copies import assert_reimport_changes_nothing
from wijkkompas.imports.importers.cbs_selectie import CODE, NAME, YEAR
from wijkkompas.indicators.models import Source
from wijkkompas.regions.models import RegionYear

pytestmark = pytest.mark.django_db

SOURCE = "cbs-kwb-selectie"
KWB_2020 = data_file("cbs_kwb2020_amsterdam_selectie.csv")
KWB_2023 = data_file("cbs_kwb2023_amsterdam_inkomen.csv")
KWB_2024 = data_file("cbs_kwb2024_amsterdam_selectie.csv")


def test_2020_file_imports_both_blocks():
    run = fresh_import(SOURCE, KWB_2020)

    assert run.rows_read == 579
    assert value("GM0363", "inwoners", 2020) == 872757
    assert value("WK036378", "inwoners", 2020) == 16535
    assert value("WK036378", "woz_waarde", 2020) == 292
    # Household shares, and a number of highly educated people, not a share.
    assert value("GM0363", "pct_huishoudens_laagste_40", 2020) == 50.7
    assert value("GM0363", "pct_huishoudens_hoogste_20", 2020) == 17.6
    assert value("GM0363", "inwoners_opleiding_hoog", 2020) == 338970
    assert value("GM0363", "stedelijkheid", 2020) == 1
    # Stationsplein e.o.: no WOZ value published, but income figures are.
    assert value("BU03630100", "woz_waarde", 2020) is None
    assert value("BU03630100", "inkomen_per_ontvanger", 2020) == 41.6
    geuzenveld = RegionYear.objects.get(region__code="WK036378", year=2020)
    assert (geuzenveld.name, geuzenveld.parent.code) == ("Geuzenveld", "GM0363")
    source = Source.objects.get(key="cbs-kwb-2020")
    assert (source.title, source.table, source.year) == ("Kerncijfers wijken en buurten 2020", "84799NED", 2020)


def test_2023_income_and_2024_population_files_join_on_the_new_codes():
    fresh_import(SOURCE, KWB_2023)
    fresh_import(SOURCE, KWB_2024)
    assert_reimport_changes_nothing(SOURCE, KWB_2024)

    assert value("WK0363FB", "inkomen_per_ontvanger", 2023) == 32.1
    assert value("BU0363AA01", "inkomen_per_ontvanger", 2023) is None
    assert value("BU0363AA01", "pct_huishoudens_tot_120_sociaal_minimum", 2023) == 20.8
    assert value("WK0363FB", "inwoners", 2024) == 19180
    assert value("WK0363FB", "inwoners", 2023) is None
    assert RegionYear.objects.get(region__code="BU0363AA01", year=2024).parent.code == "WK0363AA"
    assert Source.objects.get(key="cbs-kwb-2024").table == "85984NED"


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        *broken_cases("Population_Total", "Pct_Owner_Occupied", CODE),
        pytest.param(lambda t: drop_column(t, NAME), 1, NAME, id="missing-id-column"),
        pytest.param(lambda t: set_cell(t, 2, "Urbanization_Level", "6"), 3, "Urbanization_Level", id="class-out-of-range"),
        pytest.param(lambda t: set_cell(t, 2, "Urbanization_Level", "1.5"), 3, "Urbanization_Level", id="class-not-whole"),
        pytest.param(lambda t: set_cell(t, 3, YEAR, "1850"), 4, YEAR, id="year-out-of-range"),
        pytest.param(lambda t: set_cell(t, 3, YEAR, ""), 4, YEAR, id="year-missing"),
        pytest.param(lambda t: set_cell(t, 1, NAME, ""), 2, NAME, id="empty-name"),
    ],
)
def test_broken_copies_are_refused(tmp_path, change, row, column):
    copy = write_rows(tmp_path / "broken_selectie.csv", change(read_rows(KWB_2020)))
    assert_refused(SOURCE, copy, row=row, column=column)


def test_an_incomplete_block_is_refused(tmp_path):
    # The 2024 file has no income block at all (fine); one income column alone is not.
    table = add_column(read_rows(KWB_2024), "Pct_Low_Income_Households", "12.5")
    copy = write_rows(tmp_path / "one_income_column.csv", table)
    assert_refused(SOURCE, copy, row=1, column="Higher_Education_Count", match="uit dezelfde groep")


def test_a_file_without_figures_is_refused(tmp_path):
    copy = write_rows(tmp_path / "codes_only.csv", [cells[:4] for cells in read_rows(KWB_2024)])
    assert_refused(SOURCE, copy, row=1, column=None, match="geen kolommen met cijfers")


def test_year_asked_for_must_match(tmp_path):
    copy = write_rows(tmp_path / "selectie.csv", read_rows(KWB_2024))
    assert_refused(SOURCE, copy, row=2, column=YEAR, year=2023)


def test_wrong_delimiter_is_refused(tmp_path):
    copy = write_rows(tmp_path / "semicolon.csv", read_rows(KWB_2020), delimiter=";")
    assert_refused(SOURCE, copy, row=1, column=None, match="niet gescheiden door ','")


def test_latin1_encoding_is_refused(tmp_path):
    table = set_cell(read_rows(KWB_2020), 3, NAME, "Kop Zeedijk én Nes")
    copy = write_rows(tmp_path / "latin1.csv", table, encoding="latin-1")
    assert_refused(SOURCE, copy, row=4, column=None, match="UTF-8")


def test_truncated_last_row_is_refused(tmp_path):
    assert_truncated_copy_refused(SOURCE, write_rows(tmp_path / "cut.csv", read_rows(KWB_2020)))
