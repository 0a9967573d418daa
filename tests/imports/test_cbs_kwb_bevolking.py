"""The population block of KWB 2024 for every region of the country, on the real file and on
broken copies."""

import pytest

from tests.imports.cbs_files import (
    add_column, assert_refused, assert_truncated_copy_refused, broken_cases, data_file, drop_column,
    fresh_import, read_rows, set_cell, value, write_rows,
)
from tests.imports.copies import assert_reimport_changes_nothing
from wijkkompas.imports.importers.cbs_kwb_bevolking import CHANGE, CODE, KIND, MUNICIPALITY, NAME, YEAR
from wijkkompas.indicators.models import Indicator, Source
from wijkkompas.regions.models import Level, RegionYear

pytestmark = pytest.mark.django_db

SOURCE = "cbs-kwb-bevolking"
BEVOLKING = data_file("cbs_kwb2024_85984NED_alle_regios_bevolking.csv")


def test_every_region_of_2024_with_names_parents_and_counts():
    run = fresh_import(SOURCE, BEVOLKING)

    assert run.rows_read == 18310
    buurten = RegionYear.objects.filter(year=2024, region__level=Level.NEIGHBOURHOOD)
    assert buurten.count() == 14574
    assert not buurten.filter(parent=None).exists()
    annen = RegionYear.objects.select_related("parent").get(region__code="BU16800000", year=2024)
    assert (annen.name, annen.parent.code) == ("Annen", "WK168000")
    assert RegionYear.objects.get(region__code="WK168000", year=2024).parent.code == "GM1680"
    # CBS's population on 1 January 2024, and Amsterdam as in the Amsterdam selection.
    assert value("NL00", "inwoners", 2024) == 17942942
    assert value("GM0363", "inwoners", 2024) == 931298
    assert value("BU16800000", "inwoners", 2024) == 3455
    assert value("BU16800000", "inwoners_65_plus", 2024) == 975
    assert value("GM1680", "inwoners_herkomst_buiten_europa", 2024) == 1330
    assert Source.objects.get(key="cbs-kwb-2024").table == "85984NED"


def test_age_groups_and_herkomst_are_counts_never_percentages():
    fresh_import(SOURCE, BEVOLKING)
    for key in ("inwoners_0_14", "inwoners_65_plus", "inwoners_herkomst_nederland", "inwoners_herkomst_europa"):
        assert Indicator.objects.get(key=key).unit == "count"
    assert value("BU16800000", "pct_0_14", 2024) is None


def test_second_import_changes_nothing():
    assert_reimport_changes_nothing(SOURCE, BEVOLKING)


def _copy(tmp_path, change):
    return write_rows(tmp_path / "kwb2024_bevolking.csv", change(read_rows(BEVOLKING)))


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        *broken_cases("aantal_inwoners", "leeftijd_15_25", CODE),
        pytest.param(lambda t: drop_column(t, NAME), 1, NAME, id="no-names"),
        pytest.param(lambda t: set_cell(t, 2, "aantal_inwoners", "24.430"), 3, "aantal_inwoners",
                     id="thousands-separator"),
        pytest.param(lambda t: set_cell(t, 3, "mannen", "12,5"), 4, "mannen", id="decimal-count"),
        pytest.param(lambda t: set_cell(t, 2, KIND, "Buurt"), 3, KIND, id="kind-against-code"),
        pytest.param(lambda t: set_cell(t, 3, MUNICIPALITY, "Tynaarlo"), 4, MUNICIPALITY, id="row-of-other-gemeente"),
        pytest.param(lambda t: set_cell(t, 2, MUNICIPALITY, "Aa"), 3, MUNICIPALITY, id="gemeente-name-against-its-row"),
        pytest.param(lambda t: set_cell(t, 3, CHANGE, "7"), 4, CHANGE, id="unknown-boundary-code"),
        pytest.param(lambda t: set_cell(t, 4, YEAR, "2023"), 5, YEAR, id="two-years"),
        pytest.param(lambda t: add_column(t, "bevolkingsdichtheid"), 1, "bevolkingsdichtheid", id="extra-column"),
    ],
)
def test_broken_copies_are_refused(tmp_path, change, row, column):
    assert_refused(SOURCE, _copy(tmp_path, change), row=row, column=column)


def test_thousands_separator_is_named_in_the_message(tmp_path):
    copy = _copy(tmp_path, lambda t: set_cell(t, 2, "aantal_inwoners", "24.430"))
    assert_refused(SOURCE, copy, row=3, column="aantal_inwoners", match="duizendtallen")


def test_truncated_copy_is_refused(tmp_path):
    assert_truncated_copy_refused(SOURCE, _copy(tmp_path, lambda t: t))
