"""The import write path: all-or-nothing, recorded runs, unchanged files skipped."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from wijkkompas.imports.base import ImportBatch, Importer, ObservationRecord, RegionRecord, SourceRecord
from wijkkompas.imports.models import ImportRun, ImportStatus
from wijkkompas.imports import registry
from wijkkompas.imports.registry import importer_names
from wijkkompas.imports.services import UnknownImporter, import_file
from wijkkompas.scores.selectors import figures_version
from wijkkompas.indicators.models import Observation
from wijkkompas.regions.models import Region

pytestmark = pytest.mark.django_db

SOURCE = SourceRecord(key="test-source", publisher="Test", title="Testbron")


class TwoRegionsImporter(Importer):
    """Writes a region, then fails on a later record when the file says so."""

    name = "test-two-regions"
    description = "test only"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        fail_late = path.read_text().strip() == "fail"
        key = "no-such-indicator" if fail_late else "inwoners"
        return ImportBatch(
            rows_read=1,
            sources=[SOURCE],
            regions=[RegionRecord(code="GM9901", level="gemeente", year=2030, name="Testgemeente")],
            observations=[ObservationRecord("GM9901", key, 2030, 42.0, SOURCE.key)],
        )


class FiguresImporter(Importer):
    """Inhabitants of test gemeenten in 2030, one `code,value` per line."""

    name = "test-figures"
    description = "test only"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        pairs = [line.split(",") for line in path.read_text().split()]
        return ImportBatch(
            rows_read=len(pairs),
            sources=[SOURCE],
            regions=[RegionRecord(code=code, level="gemeente", year=2030, name=f"Test {code}") for code, _ in pairs],
            observations=[ObservationRecord(code, "inwoners", 2030, float(value), SOURCE.key) for code, value in pairs],
        )


@pytest.fixture(autouse=True)
def _test_importer(monkeypatch):
    """Registered for this module's tests only, so it never shows up elsewhere."""
    registry._load_importers()
    monkeypatch.setitem(registry._importers, TwoRegionsImporter.name, TwoRegionsImporter)
    monkeypatch.setitem(registry._importers, FiguresImporter.name, FiguresImporter)


def test_failure_during_writing_rolls_back_everything(tmp_path):
    path = tmp_path / "late.txt"
    path.write_text("fail")
    with pytest.raises(Exception, match="no-such-indicator"):
        import_file(source="test-two-regions", path=path)
    assert not Region.objects.filter(code="GM9901").exists()
    run = ImportRun.objects.get(file_name="late.txt")
    assert run.status == ImportStatus.FAILED
    assert "no-such-indicator" in run.message


def test_successful_run_is_recorded_with_counts_and_checksum(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text("ok")
    run = import_file(source="test-two-regions", path=path)
    assert run.status == ImportStatus.SUCCEEDED
    assert (run.rows_read, run.regions_created, run.observations_created) == (1, 1, 1)
    assert len(run.checksum) == 64
    assert Observation.objects.get(region__code="GM9901").value == 42.0
    assert import_file(source="test-two-regions", path=path).status == ImportStatus.UNCHANGED


def test_unknown_importer_is_named():
    with pytest.raises(UnknownImporter):
        import_file(source="nope", path=Path("x.csv"))
    with pytest.raises(CommandError, match="nope"):
        call_command("import_data", "nope", "x.csv")


def test_missing_file_is_refused_by_the_command(tmp_path):
    with pytest.raises(CommandError, match="does-not-exist.csv"):
        call_command("import_data", "cbs-kwb-tmap", str(tmp_path / "does-not-exist.csv"), "--no-scores")


def test_every_bundled_file_has_a_registered_importer():
    from wijkkompas.imports.bundled import BUNDLED_FILES

    assert {name for name, _ in BUNDLED_FILES} <= set(importer_names())
    assert "test-two-regions" not in {name for name, _ in BUNDLED_FILES}


def test_a_successful_import_shows_on_the_pages_at_once(tmp_path, django_capture_on_commit_callbacks):
    """Pages are cached per figures version, which a process remembers for a few seconds."""
    before = figures_version()
    path = tmp_path / "good.txt"
    path.write_text("ok")
    with django_capture_on_commit_callbacks(execute=True):
        import_file(source="test-two-regions", path=path)
    assert figures_version() != before


def _import_figures(tmp_path, name: str, text: str) -> ImportRun:
    path = tmp_path / name
    path.write_text(text)
    return import_file(source="test-figures", path=path)


def _stored_figures() -> dict[str, tuple[float, float | None]]:
    rows = Observation.objects.filter(indicator__key="inwoners", year=2030, region__code__startswith="GM99")
    return {row.region.code: (row.value, row.percentile) for row in rows.select_related("region")}


def test_new_figures_are_stored_with_their_percentile(tmp_path):
    run = _import_figures(tmp_path, "first.txt", "GM9901,10 GM9902,30 GM9903,20 GM9904,20")
    assert (run.observations_created, run.observations_updated) == (4, 0)
    # 10 | 20, 20 (ties share the lower share) | 30, among 3 other gemeenten each
    assert _stored_figures() == {
        "GM9901": (10, 0), "GM9902": (30, 100), "GM9903": (20, pytest.approx(100 / 3)),
        "GM9904": (20, pytest.approx(100 / 3)),
    }


def test_a_new_import_updates_changed_values_and_the_percentiles_they_move(tmp_path):
    _import_figures(tmp_path, "first.txt", "GM9901,10 GM9902,30 GM9903,20")
    run = _import_figures(tmp_path, "second.txt", "GM9901,40 GM9903,20 GM9905,5")
    # GM9901 changed, GM9903 is the same, GM9905 is new; GM9902 is not in the file and keeps its value.
    assert (run.observations_created, run.observations_updated) == (1, 1)
    figures = _stored_figures()
    assert {code: value for code, (value, _) in figures.items()} == {"GM9901": 40, "GM9902": 30, "GM9903": 20,
                                                                      "GM9905": 5}
    # 5, 20, 30, 40: every percentile moved, also those of the values that stayed the same.
    assert {code: percentile for code, (_, percentile) in figures.items()} == pytest.approx(
        {"GM9905": 0, "GM9903": 100 / 3, "GM9902": 200 / 3, "GM9901": 100}
    )


def test_stored_percentiles_are_what_the_scoring_computes(tmp_path):
    from wijkkompas.scores.services import observation_percentiles_update

    _import_figures(tmp_path, "first.txt", "GM9901,10 GM9902,30 GM9903,20")
    _import_figures(tmp_path, "second.txt", "GM9901,40 GM9904,25")
    imported = _stored_figures()
    observation_percentiles_update()
    assert _stored_figures() == imported


def test_a_region_alone_gets_no_percentile(tmp_path):
    _import_figures(tmp_path, "alone.txt", "GM9901,10")
    assert _stored_figures() == {"GM9901": (10, None)}
