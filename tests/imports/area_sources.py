"""Helpers for the tests of the non-CBS importers (Veiligheidsindex, Eindhoven, Leefbaarometer,
NPLV): import a real file afresh, read values back, make broken copies, and check that a refused
import left every table alone, including matches and focus areas."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.imports.cbs_files import Rows, data_file, drop_column, fresh_import, set_cell, value, write_rows  # noqa: F401
from wijkkompas.imports.base import ImportRefused
from wijkkompas.imports.models import ImportRun, ImportStatus
from wijkkompas.imports.services import import_file
from wijkkompas.indicators.models import Observation
from wijkkompas.regions.models import FocusArea, Region, RegionMatch, RegionYear
from tests.imports.copies import data_text


def table_counts() -> dict[str, int]:
    models = (Region, RegionYear, Observation, RegionMatch, FocusArea)
    return {model.__name__: model.objects.count() for model in models}


def assert_reimport_changes_nothing(source: str, path: Path) -> None:
    fresh_import(source, path)
    before = table_counts()
    assert import_file(source=source, path=path).status == ImportStatus.UNCHANGED
    run = fresh_import(source, path)  # even without the checksum shortcut nothing changes
    assert (run.regions_created, run.observations_created, run.observations_updated) == (0, 0, 0)
    assert table_counts() == before


def read_rows(path: Path, rows: list[int]) -> Rows:
    """The header and the given data rows (1 = first data row) of a real CSV file."""
    table = list(csv.reader(io.StringIO(data_text(path), newline="")))
    return [table[0]] + [table[number] for number in rows]


def assert_refused(
    source: str, path: Path, *, row: int | None, column: str | None, feature: int | None = None
) -> ImportRefused:
    """The import is refused naming file, row (or GeoJSON feature) and column, and nothing at all was written."""
    before = table_counts()
    with pytest.raises(ImportRefused) as refused:
        import_file(source=source, path=path)
    assert refused.value.file == path.name and path.name in refused.value.message
    assert (refused.value.row, refused.value.feature, refused.value.column) == (row, feature, column), (
        refused.value.message
    )
    assert table_counts() == before
    assert ImportRun.objects.filter(file_name=path.name).latest("started_at").status == ImportStatus.FAILED
    return refused.value
