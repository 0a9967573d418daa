"""The importer of CBS Nabijheid voorzieningen (two editions in one file), on the real file and broken copies."""

import pytest

from tests.imports.cbs_files import (
    assert_refused, assert_truncated_copy_refused, broken_cases, data_file, fresh_import, read_rows, set_cell,
    value, write_rows,
)
from tests.imports.copies import assert_reimport_changes_nothing, import_first
from wijkkompas.imports.importers.cbs_nabijheid import CODE, REGION, YEAR
from wijkkompas.indicators.models import Source
from wijkkompas.regions.models import RegionYear

pytestmark = pytest.mark.django_db

SOURCE = "cbs-nabijheid"
NABIJHEID = data_file("cbs_nabijheid_amsterdam_2020_2024.csv")


def test_real_file_imports_both_editions():
    # The file names no wijken or buurten: the KWB selections of both years name them.
    import_first(("cbs-kwb-selectie", "cbs_kwb2020_amsterdam_selectie.csv"),
                 ("cbs-kwb-selectie", "cbs_kwb2024_amsterdam_selectie.csv"))
    run = fresh_import(SOURCE, NABIJHEID)
    assert_reimport_changes_nothing(SOURCE, NABIJHEID)

    assert run.rows_read == 1207
    assert value("WK036378", "afstand_basisschool", 2020) == 0.3
    assert value("WK036378", "afstand_treinstation", 2020) == 3.4
    assert value("WK0363FB", "grote_supermarkten_binnen_1km", 2024) == 4.7
    assert value("BU0363AA01", "restaurants_binnen_1km", 2024) == 53.7
    assert value("WK0363FB", "afstand_basisschool", 2020) is None
    # Stationsplein e.o. has no figures in 2020: no observations, never 0.
    assert value("BU03630100", "afstand_basisschool", 2020) is None
    assert RegionYear.objects.get(region__code="BU0363AA01", year=2024).parent.code == "WK0363AA"
    assert RegionYear.objects.get(region__code="GM0363", year=2024).name == "Amsterdam"
    source = Source.objects.get(key="cbs-nabijheid-2024")
    assert (source.publisher, source.title, source.year) == ("CBS", "Nabijheid voorzieningen 2024", 2024)
    assert Source.objects.filter(key="cbs-nabijheid-2020").exists()


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        *broken_cases("supermarkets_within_1km", "distance_to_primary_school", CODE),
        pytest.param(lambda t: set_cell(t, 2, REGION, "WK036301"), 3, REGION, id="codes-differ"),
        pytest.param(lambda t: set_cell(t, 3, YEAR, "2099"), 4, YEAR, id="year-in-the-future"),
        pytest.param(lambda t: set_cell(t, 1, "MunicipalityName", ""), 2, "MunicipalityName", id="no-municipality-name"),
    ],
)
def test_broken_copies_are_refused(tmp_path, change, row, column):
    copy = write_rows(tmp_path / "broken_nabijheid.csv", change(read_rows(NABIJHEID)))
    assert_refused(SOURCE, copy, row=row, column=column)


def test_wrong_delimiter_is_refused(tmp_path):
    copy = write_rows(tmp_path / "semicolon.csv", read_rows(NABIJHEID), delimiter=";")
    assert_refused(SOURCE, copy, row=1, column=None, match="niet gescheiden door ','")


def test_latin1_encoding_is_refused(tmp_path):
    table = set_cell(read_rows(NABIJHEID), 1, "MunicipalityName", "Amstelveen é")
    copy = write_rows(tmp_path / "latin1.csv", table, encoding="latin-1")
    assert_refused(SOURCE, copy, row=2, column=None, match="UTF-8")


def test_truncated_last_row_is_refused(tmp_path):
    assert_truncated_copy_refused(SOURCE, write_rows(tmp_path / "cut.csv", read_rows(NABIJHEID)))
