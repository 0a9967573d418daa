"""Broken copies of the real bundled files, and the check that a refused import changed nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from wijkkompas.imports.base import ImportRefused
from wijkkompas.imports.bundled import bundled_path
from wijkkompas.imports.models import ImportRun, ImportStatus
from wijkkompas.imports.parsing import read_bytes
from wijkkompas.imports.services import import_file
from wijkkompas.indicators.models import Observation, Source
from wijkkompas.regions.models import Region, RegionYear


#: The bundled file that names every gemeente and wijk of 2023: files with figures but without
#: names (or with names of buurten only) hang under its regions, as in the bundled order.
CODELIJST_2023 = ("cbs-wijken-codelijst", "cbs_wijken2023_v0_codelijst.csv")


def import_first(*files: tuple[str, str]) -> None:
    """Import the bundled files (importer, file name) that name the regions a test's file needs,
    as `load_bundled_data` imports them before it. A region is never created from its code alone."""
    for importer, name in files:
        run = import_file(source=importer, path=bundled_path(name))
        assert run.status in {ImportStatus.SUCCEEDED, ImportStatus.UNCHANGED}, run.message


def data_bytes(path: Path) -> bytes:
    """A data file's content, decompressed when it is stored as `.gz` as the repository keeps it."""
    return read_bytes(path)


def data_text(path: Path) -> str:
    return data_bytes(path).decode("utf-8-sig")


def table_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Region, RegionYear, Observation, Source)}


def text_copy(tmp_path: Path, source: Path, change: Callable[[list[str]], list[str]], name: str = "") -> Path:
    lines = data_text(source).splitlines()
    target = tmp_path / (name or f"broken_{source.name.removesuffix('.gz')}")
    target.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")
    return target


def set_text_cell(lines: list[str], index: int, column: str, text: str) -> list[str]:
    """The lines of a comma-separated file (no quoted commas) with one cell changed; `index` 1 is
    the first data row."""
    header = lines[0].split(",")
    cells = lines[index].split(",")
    cells[header.index(column)] = text
    return lines[:index] + [",".join(cells)] + lines[index + 1:]


def geojson_copy(tmp_path: Path, source: Path, change: Callable[[dict], None], name: str = "") -> Path:
    """A copy of a GeoJSON file after `change` edited the parsed document in place."""
    document = json.loads(data_text(source))
    change(document)
    target = tmp_path / (name or f"broken_{source.name.removesuffix('.gz')}")
    target.write_text(json.dumps(document), encoding="utf-8")
    return target


def set_property(index: int, name: str, value: object) -> Callable[[dict], None]:
    """A change for `geojson_copy`: give a property of feature `index` (0 = the first) another value."""
    def change(document):
        document["features"][index]["properties"][name] = value
    return change


def drop_property(index: int, name: str) -> Callable[[dict], None]:
    """A change for `geojson_copy`: remove a property of feature `index` (0 = the first)."""
    def change(document):
        del document["features"][index]["properties"][name]
    return change


def assert_refused(importer: str, path: Path, *, row: int | None = None, feature: int | None = None,
                   column: str | None = None, year: int | None = None) -> ImportRefused:
    """Import `path`, expect a refusal naming the file (and row or GeoJSON feature, and column, if
    given), and check that no region, year, figure or source was written."""
    before = table_counts()
    with pytest.raises(ImportRefused) as refused:
        import_file(source=importer, path=path, year=year)
    assert refused.value.file == path.name
    assert path.name in refused.value.message
    if row is not None:
        assert refused.value.row == row, refused.value.message
    if feature is not None:
        assert (refused.value.row, refused.value.feature) == (None, feature), refused.value.message
    if column is not None:
        assert refused.value.column == column, refused.value.message
    assert table_counts() == before
    assert ImportRun.objects.filter(file_name=path.name).latest("started_at").status == ImportStatus.FAILED
    return refused.value


def assert_reimport_changes_nothing(importer: str, path: Path) -> None:
    """A second import is skipped by checksum; without that shortcut it writes nothing new either."""
    import_file(source=importer, path=path)
    before = table_counts()
    assert import_file(source=importer, path=path).status == ImportStatus.UNCHANGED
    ImportRun.objects.filter(source=importer).delete()
    run = import_file(source=importer, path=path)
    assert (run.status, run.regions_created, run.observations_created, run.observations_updated) == (
        ImportStatus.SUCCEEDED, 0, 0, 0,
    )
    assert table_counts() == before
