"""The tmap CSV importer on the real bundled files and on broken copies of them."""

import pytest

from tests.imports.cbs_files import value
from tests.imports.copies import assert_refused, assert_reimport_changes_nothing, set_text_cell, text_copy
from wijkkompas.imports.models import ImportStatus
from wijkkompas.imports.services import import_file
from wijkkompas.regions.models import Region
from wijkkompas.imports.bundled import bundled_path
from tests.imports.copies import data_text

pytestmark = pytest.mark.django_db

GEMEENTEN = bundled_path("cbs_kwb2022_gemeenten_tmap.csv")


def test_real_file_imports_values_as_published():
    run = import_file(source="cbs-kwb-tmap", path=GEMEENTEN)

    assert run.status in {ImportStatus.SUCCEEDED, ImportStatus.UNCHANGED}
    # First data row of the file: Groningen.
    assert value("GM0014", "inwoners", 2022) == 234950
    assert value("GM0014", "pct_personen_laag_inkomen", 2022) == 46.3
    assert value("GM0014", "oppervlakte_totaal", 2022) == pytest.approx(19793.0)
    assert value("GM0014", "stedelijkheid", 2022) == 1
    groningen = Region.objects.get(code="GM0014")
    assert groningen.level == "gemeente"
    assert groningen.province.code == "PV20"


def test_suppressed_cells_stay_missing(tmp_path):
    broken = text_copy(tmp_path, GEMEENTEN, lambda lines: set_text_cell(lines, 1, "income_low", ""))
    import_file(source="cbs-kwb-tmap", path=broken)
    # An empty cell never becomes 0; an earlier import of the real file may have stored the real value.
    assert value("GM0014", "pct_personen_laag_inkomen", 2022) in {None, 46.3}


def test_second_import_changes_nothing():
    assert_reimport_changes_nothing("cbs-kwb-tmap", GEMEENTEN)


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        (lambda lines: [lines[0].replace(",income_low", "")] + lines[1:], 1, "income_low"),
        (lambda lines: [lines[0].replace("income_low", "inkomen_laag")] + lines[1:], 1, "income_low"),
        (lambda lines: [lines[0] + ",extra"] + [line + ",1" for line in lines[1:]], 1, "extra"),
        (lambda lines: [line.replace(",", ";") for line in lines], 1, None),
        (lambda lines: lines[:-1] + [lines[-1][: len(lines[-1]) // 2]], None, None),
        (lambda lines: set_text_cell(lines, 3, "pop_0_14", "140"), 4, "pop_0_14"),
        (lambda lines: set_text_cell(lines, 2, "population", "veel"), 3, "population"),
        (lambda lines: set_text_cell(lines, 2, "province", "Atlantis"), 3, "province"),
        (lambda lines: set_text_cell(lines, 2, "code", "XX0034"), 3, "code"),
    ],
    ids=["missing-column", "renamed-column", "unknown-column", "wrong-delimiter", "truncated", "out-of-range", "not-a-number",
         "unknown-province", "bad-code"],
)
def test_broken_copies_are_refused_and_nothing_is_written(tmp_path, change, row, column):
    assert_refused("cbs-kwb-tmap", text_copy(tmp_path, GEMEENTEN, change), row=row, column=column)


def test_wrong_encoding_is_refused(tmp_path):
    broken = tmp_path / "latin1.csv"
    text = data_text(GEMEENTEN).replace("Groningen", "Gröningen", 1)
    broken.write_bytes(text.encode("latin-1"))
    assert "UTF-8" in assert_refused("cbs-kwb-tmap", broken).message

