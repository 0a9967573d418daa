"""Helpers for the tests of the CBS table importers: import a real file afresh, read back values,
and write small broken copies of a real CSV file (header and a few rows, edited as cells)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.imports import copies
from wijkkompas.imports.base import ImportRefused
from wijkkompas.imports.models import ImportRun, ImportStatus
from wijkkompas.imports.services import import_file
from wijkkompas.indicators.models import Observation
from wijkkompas.imports.bundled import bundled_path
from tests.imports.copies import data_text

Rows = list[list[str]]

#: Data rows in a small copy of a real file: enough for every check, fast to import.
ROWS = 4


def data_file(name: str) -> Path:
    return bundled_path(name)


def fresh_import(source: str, path: Path, year: int | None = None) -> ImportRun:
    """Import even if the same file was imported before (e.g. by the session's bundled data)."""
    ImportRun.objects.filter(source=source).delete()
    run = import_file(source=source, path=path, year=year)
    assert run.status == ImportStatus.SUCCEEDED, run.message
    return run


def value(code: str, key: str, year: int) -> float | None:
    row = Observation.objects.filter(region__code=code, indicator__key=key, year=year).first()
    return row.value if row else None


def import_names_2024(tmp_path: Path) -> None:
    """Name every gemeente and wijk of 2024, for the tables of 2024 that have codes but no names:
    the names of the real KWB 2024 population table, written as a CBS code list of that year."""
    table = csv.DictReader(io.StringIO(data_text(data_file("cbs_kwb2024_85984NED_alle_regios_bevolking.csv"))))
    rows = [["WK_CODE", "WK_NAAM", "GM_CODE", "GM_NAAM", "WATER", "JAAR"]] + [
        [row["regiocode"], row["regio"], "GM" + row["regiocode"][2:6], row["gemeentenaam"], "NEE", row["jaar"]]
        for row in table if row["soort_regio"] == "Wijk"
    ]
    fresh_import("cbs-wijken-codelijst", write_rows(tmp_path / "cbs_wijken2024_namen.csv", rows))


def read_rows(path: Path, *, delimiter: str = ",") -> Rows:
    """Header and the first `ROWS` data rows of a real file."""
    table = csv.reader(io.StringIO(data_text(path), newline=""), delimiter=delimiter)
    return [row for row, _ in zip(table, range(ROWS + 1))]


def write_rows(
    path: Path, table: Rows, *, delimiter: str = ",", quote_all: bool = False, encoding: str = "utf-8"
) -> Path:
    buffer = io.StringIO(newline="")
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\n").writerows(table)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def set_cell(table: Rows, row: int, column: str, text: str) -> Rows:
    """A copy of `table` with one cell changed; `row` 1 is the first data row."""
    changed = [list(cells) for cells in table]
    changed[row][table[0].index(column)] = text
    return changed


def drop_column(table: Rows, column: str) -> Rows:
    index = table[0].index(column)
    return [cells[:index] + cells[index + 1:] for cells in table]


def add_column(table: Rows, column: str, text: str = "1") -> Rows:
    return [table[0] + [column]] + [cells + [text] for cells in table[1:]]


def assert_refused(
    source: str, path: Path, *, row: int | None, column: str | None, year: int | None = None, match: str = ""
) -> ImportRefused:
    """As `copies.assert_refused` (nothing written, file named), and exactly this row and column
    (None: the fault is not in one row or column), with `match` in the message."""
    refused = copies.assert_refused(source, path, row=row, column=column, year=year)
    assert (refused.row, refused.column) == (row, column), refused.message
    assert re.search(match, refused.message), refused.message
    return refused


def broken_cases(first_value_column: str, other_value_column: str, code_column: str) -> list:
    """The faults every CBS file must be refused for, as (id, change, row, column) with the
    change applied to a small copy (header and a few rows) of a real file."""
    changes: list[tuple[str, Callable[[Rows], Rows], int | None, str | None]] = [
        ("missing-column", lambda t: drop_column(t, other_value_column), 1, other_value_column),
        ("unknown-column", lambda t: add_column(t, "Extra kolom"), 1, "Extra kolom"),
        ("out-of-range", lambda t: set_cell(t, 2, first_value_column, "-5"), 3, first_value_column),
        ("not-a-number", lambda t: set_cell(t, 3, other_value_column, "veel"), 4, other_value_column),
        ("not-a-cbs-code", lambda t: set_cell(t, 2, code_column, "XX036300"), 3, code_column),
        ("duplicate-region", lambda t: t + [t[-1]], ROWS + 2, code_column),
    ]
    return [pytest.param(change, row, column, id=name) for name, change, row, column in changes]


def truncate_last_row(path: Path, *, delimiter: str = ",") -> Path:
    """Cut the file in the middle of its last row, just before a delimiter (as a broken download)."""
    lines = data_text(path).splitlines()
    fields = lines[-1].split(delimiter)
    lines[-1] = delimiter.join(fields[: len(fields) // 2])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def assert_truncated_copy_refused(source: str, copy: Path, *, delimiter: str = ",") -> None:
    """A small copy cut in its last row is refused at that row for its number of fields."""
    assert_refused(
        source, truncate_last_row(copy, delimiter=delimiter), row=ROWS + 1, column=None,
        match=r"deze regel heeft \d+ velden, maar de kopregel heeft er \d+",
    )
