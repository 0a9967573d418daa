"""4-digit postcodes to the wijken of 2024, on the real file and on broken copies."""

import pytest

from tests.imports.cbs_files import (
    add_column, assert_refused, assert_truncated_copy_refused, data_file, drop_column, fresh_import, read_rows,
    set_cell, write_rows,
)
from tests.imports.copies import assert_reimport_changes_nothing
from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.imports.importers.cbs_pc4_wijk import ADDRESSES, GEMEENTE, POSTCODE, RANK, SHARE, WIJK, YEAR
from wijkkompas.regions.models import Level, PostcodeArea
from wijkkompas.regions.selectors import regions_for_postcode

pytestmark = pytest.mark.django_db

SOURCE = "cbs-pc4-wijk"
PC4 = data_file("cbs_pc4_wijk_2024.csv")
#: The wijken of the first rows of the real file.
FIRST_WIJKEN = ["WK0363AF", "WK0363AK", "WK0363AD", "WK0363AE"]


@pytest.fixture
def first_wijken_2024():
    for code in FIRST_WIJKEN:
        RegionYearFactory(region=RegionFactory(code=code, level=Level.DISTRICT, municipality_code="GM0363"), year=2024)


def _copy(tmp_path, change):
    return write_rows(tmp_path / "pc4_wijk.csv", change(read_rows(PC4)))


def _refused(path, *, row, column, match=""):
    """Refused as every import is (nothing written, file, row and column named), and no postcode
    area written either."""
    before = PostcodeArea.objects.count()
    assert_refused(SOURCE, path, row=row, column=column, match=match)
    assert PostcodeArea.objects.count() == before


def test_every_postcode_lands_on_its_wijken_of_2024():
    fresh_import("cbs-kwb-bevolking", data_file("cbs_kwb2024_85984NED_alle_regios_bevolking.csv"))
    run = fresh_import(SOURCE, PC4)

    assert run.rows_read == 6863
    assert PostcodeArea.objects.filter(year=2024).count() == 6863
    assert PostcodeArea.objects.filter(year=2024).values("postcode").distinct().count() == 4072
    assert [(m.region.code, m.share) for m in regions_for_postcode(postcode="3523")] == [("WK034407", 1.0)]
    bijlmer = regions_for_postcode(postcode="1102")
    assert [m.region.code for m in bijlmer[:3]] == ["WK0363TC", "WK0363TB", "WK0363TD"]
    assert round(bijlmer[0].share, 2) == 0.39
    assert regions_for_postcode(postcode="2525")[0].region.code == "WK051829"
    assert_reimport_changes_nothing(SOURCE, PC4)


def test_a_wijk_that_is_not_one_of_that_year_is_refused(tmp_path, first_wijken_2024):
    # WK036390 is a wijk of Amsterdam's indeling before 2022.
    copy = _copy(tmp_path, lambda t: set_cell(set_cell(t, 4, WIJK, "WK036390"), 3, WIJK, "WK036391"))
    _refused(copy, row=4, column=WIJK, match="WK036391")


def test_a_small_copy_imports_with_shares_from_the_counts(tmp_path, first_wijken_2024):
    fresh_import(SOURCE, _copy(tmp_path, lambda t: t))
    assert [(m.region.code, m.address_count, round(m.share, 4)) for m in regions_for_postcode(postcode="1011")] == [
        ("WK0363AF", 3940, 0.9997), ("WK0363AK", 1, 0.0003),
    ]
    # A refused file later leaves these postcodes as they were.
    _refused(_copy(tmp_path, lambda t: set_cell(t, 4, SHARE, "0.5746")), row=5, column=SHARE)
    assert len(regions_for_postcode(postcode="1011")) == 2


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        pytest.param(lambda t: drop_column(t, SHARE), 1, SHARE, id="missing-column"),
        pytest.param(lambda t: add_column(t, "pc6"), 1, "pc6", id="unknown-column"),
        pytest.param(lambda t: set_cell(t, 2, POSTCODE, "0101"), 3, POSTCODE, id="postcode-from-0"),
        pytest.param(lambda t: set_cell(t, 2, POSTCODE, "1011 AB"), 3, POSTCODE, id="postcode-6"),
        pytest.param(lambda t: set_cell(t, 2, WIJK, "BU0363AK01"), 3, WIJK, id="buurt-code"),
        pytest.param(lambda t: set_cell(t, 2, GEMEENTE, "GM0344"), 3, GEMEENTE, id="wijk-in-other-gemeente"),
        pytest.param(lambda t: set_cell(t, 3, ADDRESSES, "2.272"), 4, ADDRESSES, id="thousands-separator"),
        pytest.param(lambda t: set_cell(t, 3, ADDRESSES, "0"), 4, ADDRESSES, id="no-addresses"),
        pytest.param(lambda t: set_cell(t, 4, SHARE, "1.4746"), 5, SHARE, id="share-above-1"),
        pytest.param(lambda t: set_cell(t, 4, SHARE, "0.5746"), 5, SHARE, id="share-against-counts"),
        pytest.param(lambda t: set_cell(set_cell(t, 3, RANK, "2"), 4, RANK, "1"), 4, RANK, id="rank-against-counts"),
        pytest.param(lambda t: set_cell(t, 4, YEAR, "2023"), 5, YEAR, id="two-years"),
        pytest.param(lambda t: t + [t[-1]], 6, WIJK, id="duplicate"),
    ],
)
def test_broken_copies_are_refused(tmp_path, first_wijken_2024, change, row, column):
    _refused(_copy(tmp_path, change), row=row, column=column)


def test_truncated_copy_is_refused(tmp_path, first_wijken_2024):
    assert_truncated_copy_refused(SOURCE, _copy(tmp_path, lambda t: t))
