"""The importer of the raw StatLine download of SES-WOA scores (85163NED), on the real file and broken copies."""

import pytest

from tests.imports.cbs_files import (
    assert_refused, assert_truncated_copy_refused, broken_cases, data_file, fresh_import, read_rows, set_cell,
    value, write_rows,
)
from tests.imports.copies import assert_reimport_changes_nothing
from wijkkompas.imports.importers.cbs_ses_woa import CODE, NAME, YEAR
from wijkkompas.indicators.models import Source
from wijkkompas.regions.models import RegionYear

pytestmark = pytest.mark.django_db

SOURCE = "cbs-ses-woa"
SES_WOA = data_file("cbs_ses_woa_85163NED_amsterdam_2019.csv")
HOUSEHOLDS = "Particuliere huishoudens (Aantal)"
LOW_EDUCATION = "Opleidingsniveau/Laag/Waarde (%)"


def ses_rows():
    return read_rows(SES_WOA, delimiter=";")


def write_ses(path, table, **options):
    return write_rows(path, table, **{"delimiter": ";", "quote_all": True, **options})


def test_real_file_imports_padded_values():
    run = fresh_import(SOURCE, SES_WOA)
    assert_reimport_changes_nothing(SOURCE, SES_WOA)

    assert run.rows_read == 579
    assert value("WK036393", "ses_woa_totaalscore", 2019) == -0.567
    assert value("WK036393", "pct_huishoudens_opleiding_laag", 2019) == 32.0
    assert value("WK036378", "ses_woa_totaalscore", 2019) == -0.416
    assert value("WK036378", "ses_woa_spreiding", 2019) == 1.025
    assert value("GM0363", "ses_woa_huishoudens", 2019) == 457400
    # Stationsplein e.o.: 0 households is a published count; its score is '.', so absent.
    assert value("BU03630100", "ses_woa_huishoudens", 2019) == 0
    assert value("BU03630100", "ses_woa_totaalscore", 2019) is None
    bijlmer = RegionYear.objects.get(region__code="WK036393", year=2019)
    assert (bijlmer.name, bijlmer.parent.code) == ("Bijlmer Centrum (D,F,H)", "GM0363")
    source = Source.objects.get(key="cbs-ses-woa-2019")
    assert (source.publisher, source.table, source.year, source.licence) == ("CBS", "85163NED", 2019, "CC BY 4.0")


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        *broken_cases(HOUSEHOLDS, LOW_EDUCATION, CODE),
        pytest.param(lambda t: set_cell(t, 2, LOW_EDUCATION, "  100.5"), 3, LOW_EDUCATION, id="percent-over-100"),
        pytest.param(lambda t: set_cell(t, 2, YEAR, "2019*"), 3, YEAR, id="year-not-a-number"),
        pytest.param(lambda t: set_cell(t, 2, YEAR, "1899"), 3, YEAR, id="year-out-of-range"),
        pytest.param(lambda t: set_cell(t, 1, NAME, "  "), 2, NAME, id="empty-name"),
    ],
)
def test_broken_copies_are_refused(tmp_path, change, row, column):
    copy = write_ses(tmp_path / "broken_ses_woa.csv", change(ses_rows()))
    assert_refused(SOURCE, copy, row=row, column=column)


def test_comma_delimited_copy_is_refused(tmp_path):
    copy = write_ses(tmp_path / "comma.csv", ses_rows(), delimiter=",")
    assert_refused(SOURCE, copy, row=1, column=None, match="niet gescheiden door ';'")


def test_latin1_encoding_is_refused(tmp_path):
    table = set_cell(ses_rows(), 2, NAME, "Burgwallen-Oude Zijde é")
    copy = write_ses(tmp_path / "latin1.csv", table, encoding="latin-1")
    assert_refused(SOURCE, copy, row=3, column=None, match="UTF-8")


def test_truncated_last_row_is_refused(tmp_path):
    assert_truncated_copy_refused(SOURCE, write_ses(tmp_path / "cut.csv", ses_rows()), delimiter=";")
