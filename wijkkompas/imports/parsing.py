"""Careful reading of the files people hand us: encoding, delimiter, header, row length, numbers.

Every check raises `ImportRefused` with the file, row and column, in words a data steward
can act on. Row numbers count the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportRefused

#: Cell contents that mean "no value": CBS/StatLine suppression, R's NA, Swing markers.
MISSING_MARKERS = frozenset({"", ".", "NA", "nan", "NaN", "x", "?", "-99995", "-99997", "-99995.0", "-99997.0"})

#: C0 and C1 control characters and DEL. None belongs inside a cell: a tab or line break there
#: is not a delimiter or a row end but damage (or a quoted cell that swallowed part of a row).
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: `24.430` or `1,234,567`: digits in groups of three behind a point or comma.
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}([.,]\d{3})+$")
_DECIMAL_COMMA = re.compile(r"^[-+]?\d*,\d+$")
_MEGABYTE = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Row:
    number: int
    cells: dict[str, str]

    def text(self, column: str) -> str:
        return self.cells[column].strip()


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a `.gz` file is decompressed, so compressed downloads import as they are.

    A file larger than `settings.IMPORT_MAX_BYTES` is refused before it is read; for a `.gz`
    file the decompressed bytes are counted while decompressing, so a small file that unpacks
    into gigabytes (a gzip bomb) is refused too. Reading a file takes many times its size in
    memory, so the limit is what keeps a too large file from ending in an out-of-memory kill.
    """
    limit = settings.IMPORT_MAX_BYTES
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportRefused(_("the file does not exist."), file=path) from None
    if size > limit:
        raise ImportRefused(_too_large(limit), file=path)
    if path.suffix.lower() != ".gz":
        return path.read_bytes()
    blocks, total = [], 0
    try:
        with gzip.open(path, "rb") as handle:
            while block := handle.read(_MEGABYTE):
                total += len(block)
                if total > limit:
                    raise ImportRefused(
                        _("unpacked, the file is larger than %(limit)s MB, the most an import reads "
                          "(IMPORT_MAX_BYTES).") % {"limit": _megabytes(limit)},
                        file=path,
                    )
                blocks.append(block)
    except (OSError, EOFError, zlib.error):
        raise ImportRefused(_("the file is not a complete gzip file; it may be cut off."), file=path) from None
    return b"".join(blocks)


def _too_large(limit: int) -> str:
    return _("the file is larger than %(limit)s MB, the most an import reads (IMPORT_MAX_BYTES). "
             "Split the file, or raise the limit if the server has the memory for it.") % {"limit": _megabytes(limit)}


def _megabytes(size: int) -> str:
    return f"{size / _MEGABYTE:g}"


def read_text(path: Path, *, encoding: str = "utf-8") -> str:
    data = read_bytes(path)
    if not data.strip():
        raise ImportRefused(_("the file is empty."), file=path)
    try:
        return data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRefused(
            _("the file is not in %(encoding)s text encoding (byte %(position)s). "
              "Save it as UTF-8 and try again.") % {"encoding": encoding.upper(), "position": error.start},
            file=path, row=line,
        ) from None


def read_csv(
    path: Path,
    *,
    required: Iterable[str],
    optional: Iterable[str] = (),
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Iterator[Row]:
    """Yield the rows of a CSV file after checking its header and the length of every row.

    Refuses a file whose header misses a required column, has a column nobody expects
    (so a renamed column is never silently dropped), or uses another delimiter.
    """
    text = read_text(path, encoding=encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise ImportRefused(_("the file is empty."), file=path) from None
    if CONTROL_CHARACTER.search("".join(header)):
        _refuse_control_character(path, 1, header, header)
    _check_header(path, header, set(required), set(optional), delimiter)
    for number, cells in csv_cells(path, reader, header):
        yield Row(number, dict(zip(header, cells)))


def csv_cells(path: Path, reader, header: list[str]) -> Iterator[tuple[int, list[str]]]:
    """The data rows of a CSV `reader` past its `header`, as (row number, cells): each as wide as the
    header and free of control characters; a file with a header but no rows is refused."""
    row_count = 0
    try:
        for number, cells in enumerate(reader, start=2):
            if not cells:
                continue
            if len(cells) != len(header):
                raise ImportRefused(
                    _("this row has %(found)s fields where the header has %(expected)s. "
                      "The file may be cut off or use another delimiter.")
                    % {"found": len(cells), "expected": len(header)},
                    file=path, row=number,
                )
            if CONTROL_CHARACTER.search("".join(cells)):
                _refuse_control_character(path, number, header, cells)
            row_count += 1
            yield number, cells
    except csv.Error as error:
        raise ImportRefused(
            _("the file cannot be read as CSV (%(error)s).") % {"error": error}, file=path, row=reader.line_num
        ) from None
    if row_count == 0:
        raise ImportRefused(_("the file has a header but no rows."), file=path)


def _refuse_control_character(path: Path, number: int, header: list[str], cells: list[str]) -> None:
    for name, cell in zip(header, cells):
        found = CONTROL_CHARACTER.search(cell)
        if found:
            raise ImportRefused(
                control_character_reason(found.group()), file=path, row=number, column=printable(name)
            )


def control_character_reason(character: str) -> str:
    return _("the text holds a control character (%(character)s), which has no place in a name, code or figure. "
             "The file may be damaged or exported in the wrong way.") % {"character": f"U+{ord(character):04X}"}


def printable(text: str) -> str:
    """`text` with its control characters written as escapes, to name a damaged column safely."""
    return CONTROL_CHARACTER.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


def _check_header(path: Path, header: list[str], required: set[str], optional: set[str], delimiter: str) -> None:
    if len(header) == 1 and any(other in header[0] for other in {",", ";", "\t"} - {delimiter}):
        raise ImportRefused(
            _("the columns are not separated by '%(delimiter)s'. Check the delimiter.") % {"delimiter": delimiter},
            file=path, row=1,
        )
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise ImportRefused(_("the column appears more than once."), file=path, row=1, column=duplicates[0])
    missing = sorted(required - set(header))
    unknown = sorted(set(header) - required - optional)
    if missing and unknown:
        raise ImportRefused(
            _("this column is missing, and the file has a column '%(unknown)s' this importer does not know. "
              "Was a column renamed?") % {"unknown": unknown[0]},
            file=path, row=1, column=missing[0],
        )
    if missing:
        raise ImportRefused(
            _("this column is missing (%(count)s missing in all).") % {"count": len(missing)},
            file=path, row=1, column=missing[0],
        )
    if unknown:
        raise ImportRefused(
            _("this column is unknown to this importer. Is this the right file or source?"),
            file=path, row=1, column=unknown[0],
        )


def parse_number(
    text: str,
    *,
    path: Path,
    row: int,
    column: str,
    minimum: float | None = None,
    maximum: float | None = None,
    whole: bool = False,
) -> float | None:
    """A number from a cell, or None for a suppressed or missing cell (never 0).

    Numbers are read with a decimal point and without thousands separators, as CBS and the
    other publishers write them in their CSV files. A cell with a comma (`12,5`, `24,430`) is
    refused: a decimal comma or a thousands separator, a guess would be wrong either way. With
    `whole` (a column of counts) `24.430` is refused too: a count has no decimals, so it is a
    thousands separator, and reading it as 24.43 inhabitants would be silently wrong.
    """
    text = text.strip()
    if text in MISSING_MARKERS:
        return None
    if whole and _THOUSANDS.match(text):
        raise ImportRefused(
            _("'%(text)s' looks like a number with a thousands separator, and this column holds counts. "
              "Write counts without separators, such as %(plain)s.")
            % {"text": text, "plain": re.sub(r"[.,]", "", text)},
            file=path, row=row, column=column,
        )
    try:
        value = float(text)
    except ValueError:
        if _DECIMAL_COMMA.match(text) or _THOUSANDS.match(text):
            raise ImportRefused(
                _("'%(text)s' has a comma or a thousands separator. This importer reads numbers with a decimal "
                  "point and without thousands separators, such as 1234.5.") % {"text": text[:40]},
                file=path, row=row, column=column,
            ) from None
        raise ImportRefused(
            _("'%(text)s' is not a number.") % {"text": text[:40]}, file=path, row=row, column=column
        ) from None
    if not math.isfinite(value):
        raise ImportRefused(_("'%(text)s' is not a number.") % {"text": text[:40]}, file=path, row=row, column=column)
    if minimum is not None and value < minimum or maximum is not None and value > maximum:
        raise ImportRefused(
            _("%(value)s is outside the valid range %(minimum)s to %(maximum)s.")
            % {"value": text, "minimum": _bound(minimum), "maximum": _bound(maximum)},
            file=path, row=row, column=column,
        )
    if whole and value != int(value):
        raise ImportRefused(
            _("%(value)s is not a whole number, and this column holds counts.") % {"value": text[:40]},
            file=path, row=row, column=column,
        )
    return value


def _bound(value: float | None) -> str:
    return "…" if value is None else f"{value:g}"


def read_geojson(path: Path) -> list[dict[str, Any]]:
    """The features of a GeoJSON FeatureCollection, each checked for a polygon geometry.

    The coordinates themselves are checked by `features.read_features`."""
    text = read_text(path)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            _("the file is not valid GeoJSON (%(error)s); it may be cut off.") % {"error": error.msg},
            file=path, row=error.lineno,
        ) from None
    except RecursionError:
        raise ImportRefused(_("the file nests its arrays or objects too deeply to be GeoJSON."), file=path) from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise ImportRefused(_("the file is not a GeoJSON FeatureCollection."), file=path)
    features = document.get("features") or []
    if not isinstance(features, list) or not features:
        raise ImportRefused(_("the file has no features."), file=path)
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type", "Feature") != "Feature":
            raise ImportRefused(_("this is not a GeoJSON feature."), file=path, feature=number)
        geometry = feature.get("geometry") or {}
        if (
            not isinstance(geometry, dict)
            or geometry.get("type") not in {"Polygon", "MultiPolygon"}
            or not geometry.get("coordinates")
        ):
            raise ImportRefused(_("the feature has no polygon geometry."), file=path, feature=number)
    return features
