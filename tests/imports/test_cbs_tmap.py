"""The tmap CSV importer on the real bundled files and on broken copies of them."""

from pathlib import Path

import pytest
from django.conf import settings

from wijkkompas.imports.base import ImportRefused
from wijkkompas.imports.models import ImportRun, ImportStatus
from wijkkompas.imports.services import import_file
from wijkkompas.indicators.models import Observation, Source
from wijkkompas.regions.models import Region, RegionYear

pytestmark = pytest.mark.django_db

GEMEENTEN = settings.DATA_DIR / "cbs_kwb2022_gemeenten_tmap.csv"


def table_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Region, RegionYear, Observation, Source)}


def value(code: str, key: str, year: int = 2022) -> float | None:
    row = Observation.objects.filter(region__code=code, indicator__key=key, year=year).first()
    return row.value if row else None


def test_real_file_imports_values_as_published():
    run = import_file(source="cbs-kwb-tmap", path=GEMEENTEN)

    assert run.status in {ImportStatus.SUCCEEDED, ImportStatus.UNCHANGED}
    # First data row of the file: Groningen.
    assert value("GM0014", "inwoners") == 234950
    assert value("GM0014", "pct_personen_laag_inkomen") == 46.3
    assert value("GM0014", "oppervlakte_totaal") == pytest.approx(19793.0)
    assert value("GM0014", "stedelijkheid") == 1
    groningen = Region.objects.get(code="GM0014")
    assert groningen.level == "gemeente"
    assert groningen.province.code == "PV20"


def test_suppressed_cells_stay_missing(tmp_path):
    broken = _copy_with(tmp_path, GEMEENTEN, lambda lines: _set_cell(lines, 1, "income_low", ""))
    import_file(source="cbs-kwb-tmap", path=broken)
    # An empty cell never becomes 0; an earlier import of the real file may have stored the real value.
    assert value("GM0014", "pct_personen_laag_inkomen") in {None, 46.3}


def test_second_import_changes_nothing():
    import_file(source="cbs-kwb-tmap", path=GEMEENTEN)
    before = table_counts()
    run = import_file(source="cbs-kwb-tmap", path=GEMEENTEN)
    assert run.status == ImportStatus.UNCHANGED
    ImportRun.objects.all().delete()  # even without the checksum shortcut nothing changes
    run = import_file(source="cbs-kwb-tmap", path=GEMEENTEN)
    assert (run.observations_created, run.observations_updated, run.regions_created) == (0, 0, 0)
    assert table_counts() == before


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        (lambda lines: [lines[0].replace(",income_low", "")] + lines[1:], 1, "income_low"),
        (lambda lines: [lines[0].replace("income_low", "inkomen_laag")] + lines[1:], 1, "income_low"),
        (lambda lines: [lines[0] + ",extra"] + [line + ",1" for line in lines[1:]], 1, "extra"),
        (lambda lines: [line.replace(",", ";") for line in lines], 1, None),
        (lambda lines: lines[:-1] + [lines[-1][: len(lines[-1]) // 2]], None, None),
        (lambda lines: _set_cell(lines, 3, "pop_0_14", "140"), 4, "pop_0_14"),
        (lambda lines: _set_cell(lines, 2, "population", "veel"), 3, "population"),
        (lambda lines: _set_cell(lines, 2, "province", "Atlantis"), 3, "province"),
        (lambda lines: _set_cell(lines, 2, "code", "XX0034"), 3, "code"),
    ],
    ids=["missing-column", "renamed-column", "unknown-column", "wrong-delimiter", "truncated", "out-of-range", "not-a-number",
         "unknown-province", "bad-code"],
)
def test_broken_copies_are_refused_and_nothing_is_written(tmp_path, change, row, column):
    broken = _copy_with(tmp_path, GEMEENTEN, change)
    before = table_counts()

    with pytest.raises(ImportRefused) as refused:
        import_file(source="cbs-kwb-tmap", path=broken)

    assert refused.value.file == broken.name
    assert broken.name in refused.value.message
    if row is not None:
        assert refused.value.row == row
    if column is not None:
        assert refused.value.column == column
    assert table_counts() == before
    assert ImportRun.objects.filter(file_name=broken.name).latest("started_at").status == ImportStatus.FAILED


def test_wrong_encoding_is_refused(tmp_path):
    broken = tmp_path / "latin1.csv"
    text = GEMEENTEN.read_text(encoding="utf-8").replace("Groningen", "Gröningen", 1)
    broken.write_bytes(text.encode("latin-1"))
    before = table_counts()
    with pytest.raises(ImportRefused, match="UTF-8"):
        import_file(source="cbs-kwb-tmap", path=broken)
    assert table_counts() == before


def _copy_with(tmp_path: Path, source: Path, change) -> Path:
    lines = source.read_text(encoding="utf-8").splitlines()
    target = tmp_path / f"broken_{source.name}"
    target.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")
    return target


def _set_cell(lines: list[str], line_index: int, column: str, text: str) -> list[str]:
    header = lines[0].split(",")
    cells = lines[line_index].split(",")
    cells[header.index(column)] = text
    return lines[:line_index] + [",".join(cells)] + lines[line_index + 1:]
