"""The importer of KWB 2017/2019 StatLine files re-saved by R, on the real files and broken copies."""

import pytest

from tests.imports.cbs_files import (
    assert_refused, assert_truncated_copy_refused, broken_cases, data_file, fresh_import, read_rows, set_cell,
    value, write_rows,
)
from tests.imports.copies import assert_reimport_changes_nothing
from wijkkompas.imports.importers.cbs_statline_r import CODE, KIND, NAME
from wijkkompas.indicators.models import Source
from wijkkompas.regions.models import Region, RegionYear

pytestmark = pytest.mark.django_db

SOURCE = "cbs-kwb-statline-r"
KWB_2017 = data_file("cbs_kwb2017_83765NED_amsterdam.csv")
KWB_2019 = data_file("cbs_kwb2019_84583NED_amsterdam.csv")
INHABITANTS = "Bevolking.Aantal.inwoners..aantal."
OWNER_OCCUPIED = "Wonen.Woningen.naar.eigendom.Koopwoningen...."


def test_2019_file_imports_values_as_published():
    run = fresh_import(SOURCE, KWB_2019)

    assert run.rows_read == 580
    assert value("WK036393", "inwoners", 2019) == 24175
    assert value("WK036378", "inwoners", 2019) == 16260
    assert value("WK036393", "pct_jongeren_jeugdzorg", 2019) == 11.3
    assert value("WK036378", "mediaan_vermogen_huishoudens", 2019) == 3.0
    assert value("GM0363", "inwoners_opleiding_hoog", 2019) == 337200
    assert value("GM0363", "pct_huishoudens_laagste_40", 2019) == 50.9
    assert value("NL00", "inwoners", 2019) == 17282163
    assert value("WK036393", "stedelijkheid", 2019) == 1
    # Stationsplein e.o. has no published WOZ value: no observation, never 0.
    assert value("BU03630100", "woz_waarde", 2019) is None
    bijlmer = RegionYear.objects.get(region__code="WK036393", year=2019)
    assert (bijlmer.name, bijlmer.region.level, bijlmer.parent.code) == ("Bijlmer Centrum (D,F,H)", "wijk", "GM0363")
    assert RegionYear.objects.get(region__code="BU03630000", year=2019).parent.code == "WK036300"
    country = Region.objects.get(code="NL00")
    assert (country.level, country.name) == ("land", "Nederland")
    source = Source.objects.get(key="cbs-kwb-2019")
    assert (source.publisher, source.title, source.table, source.year, source.licence) == (
        "CBS", "Kerncijfers wijken en buurten 2019", "84583NED", 2019, "CC BY 4.0"
    )
    assert source.url == "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/84583NED/table"


def test_2017_file_has_its_own_columns_and_imports_once():
    fresh_import(SOURCE, KWB_2017)
    assert_reimport_changes_nothing(SOURCE, KWB_2017)

    assert value("WK036378", "inwoners", 2017) == 15720
    assert value("WK036393", "geweld_seksuele_misdrijven_per_1000", 2017) == 14
    assert value("WK036378", "pct_actieven_15_75", 2017) == 54.4
    assert value("NL00", "diefstal_uit_woning_per_1000", 2017) is None
    assert Source.objects.get(key="cbs-kwb-2017").table == "83765NED"


def test_year_given_for_a_file_without_table_in_its_name(tmp_path):
    copy = write_rows(tmp_path / "kerncijfers.csv", read_rows(KWB_2019))
    assert_refused(SOURCE, copy, row=None, column=None, match="--year")

    fresh_import(SOURCE, copy, year=2019)
    assert value("WK036300", "inwoners", 2019) == 4295


@pytest.mark.parametrize(
    ("name", "year"),
    [("cbs_kwb2018_84286NED.csv", None), ("cbs_kwb2017_84583NED.csv", None), ("cbs_kwb1850_84583NED.csv", None),
     ("cbs_kwb2019_84583NED.csv", 2017), ("kerncijfers.csv", 2020)],
    ids=["unknown-table", "table-of-other-year", "year-out-of-range", "year-differs-from-name", "year-without-layout"],
)
def test_unknown_table_or_year_is_refused(tmp_path, name, year):
    copy = write_rows(tmp_path / name, read_rows(KWB_2019))
    assert_refused(SOURCE, copy, row=None, column=None, year=year)


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        *broken_cases(INHABITANTS, OWNER_OCCUPIED, CODE),
        pytest.param(lambda t: set_cell(t, 3, OWNER_OCCUPIED, "150"), 4, OWNER_OCCUPIED, id="percent-over-100"),
        pytest.param(lambda t: set_cell(t, 2, KIND, "Stadsdeel"), 3, KIND, id="unknown-kind-of-region"),
        pytest.param(lambda t: set_cell(t, 3, KIND, "Gemeente"), 4, KIND, id="kind-does-not-match-code"),
        pytest.param(lambda t: set_cell(t, 4, NAME, ""), 5, NAME, id="empty-name"),
    ],
)
def test_broken_copies_are_refused(tmp_path, change, row, column):
    copy = write_rows(tmp_path / "cbs_kwb2019_84583NED_broken.csv", change(read_rows(KWB_2019)))
    assert_refused(SOURCE, copy, row=row, column=column)


def test_wrong_delimiter_is_refused(tmp_path):
    copy = write_rows(tmp_path / "cbs_kwb2019_84583NED_semicolon.csv", read_rows(KWB_2019), delimiter=";")
    assert_refused(SOURCE, copy, row=1, column=None, match="niet gescheiden door ','")


def test_latin1_encoding_is_refused(tmp_path):
    # The header itself has non-ASCII characters ("Twee.onder.één.kap"), so the first line is already wrong.
    copy = write_rows(tmp_path / "cbs_kwb2019_84583NED_latin1.csv", read_rows(KWB_2019), encoding="latin-1")
    assert_refused(SOURCE, copy, row=1, column=None, match="UTF-8")


def test_truncated_last_row_is_refused(tmp_path):
    assert_truncated_copy_refused(SOURCE, write_rows(tmp_path / "cbs_kwb2019_84583NED_cut.csv", read_rows(KWB_2019)))
