"""CBS's own file "Buurt, wijk en gemeente <year> voor postcode huisnummer": one line per address,
`PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024`, semicolon separated, codes without their
prefix (`0363AF01`, `0363AF`, `0363`). The year comes from the header.

The file has about 8 million lines (some 250 MB), so it is read as a stream, line by line, and
only the counts are kept: addresses per 6-digit postcode and buurt, and per 4-digit postcode and
wijk. Memory therefore follows the number of postcodes, not the size of the file, and the size
limit for files that are read whole (`IMPORT_MAX_BYTES`) does not apply.
Those become postcode areas with their share of the postcode's addresses. Every buurt and wijk
must exist in that year already (import the year's regions first). A house number occurs more
than once where a building has several addresses (12A, 12B): each line is one address.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportBatch, Importer, ImportRefused
from wijkkompas.imports.importers.cbs_postcode_rows import check_regions_of_year, postcode_areas, unprefixed_code
from wijkkompas.imports.registry import register
from wijkkompas.regions.codes import parent_code
from wijkkompas.regions.models import Level

POSTCODE, NUMBER = "PC6", "Huisnummer"
_YEAR_IN_HEADER = re.compile(r"^Buurt(\d{4})$")
_POSTCODE6 = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")
_HOUSE_NUMBER = re.compile(r"^[1-9][0-9]{0,4}$")


def expected_header(year: int) -> list[str]:
    return [POSTCODE, NUMBER, f"Buurt{year}", f"Wijk{year}", f"Gemeente{year}"]


@contextmanager
def _binary_stream(path: Path) -> Iterator[io.BufferedIOBase]:
    """The file's bytes, read piece by piece; a `.gz` file is decompressed on the way."""
    try:
        raw = gzip.open(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb")
    except FileNotFoundError:
        raise ImportRefused(_("the file does not exist."), file=path) from None
    with raw:
        yield raw


def _decoded(raw: io.BufferedIOBase, path: Path) -> Iterator[str]:
    """Each line as text, decoded on its own so a fault names its exact row."""
    for number, line in enumerate(raw, start=1):
        try:
            yield line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            raise ImportRefused(
                _("the file is not in %(encoding)s text encoding (byte %(position)s). "
                  "Save it as UTF-8 and try again.") % {"encoding": "UTF-8", "position": error.start},
                file=path, row=number,
            ) from None


def _lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of every non-empty line, the header as row 1, one line at a time.
    Faults in the gzip data or the CSV quoting are refused with the row where they were met."""
    with _binary_stream(path) as raw:
        reader = csv.reader(_decoded(raw, path), delimiter=";")
        try:
            for cells in reader:
                if cells:
                    yield reader.line_num, cells
        except (OSError, EOFError, zlib.error):
            raise ImportRefused(
                _("the gzip data ends too early or is damaged; the file may be cut off."), file=path, row=reader.line_num + 1
            ) from None
        except csv.Error as error:
            raise ImportRefused(
                _("the file cannot be read as CSV (%(error)s).") % {"error": error}, file=path, row=reader.line_num
            ) from None


def _year(path: Path, header: list[str]) -> int:
    if len(header) == 1 and ("," in header[0] or "\t" in header[0]):
        raise ImportRefused(
            _("the columns are not separated by '%(delimiter)s'. Check the delimiter.") % {"delimiter": ";"},
            file=path, row=1,
        )
    years = [int(match[1]) for match in map(_YEAR_IN_HEADER.match, header) if match]
    if not years:
        raise ImportRefused(_("this column is missing."), file=path, row=1, column="Buurt<jaar>")
    expected = expected_header(years[0])
    for column in expected:
        if column not in header:
            raise ImportRefused(_("this column is missing."), file=path, row=1, column=column)
    for column in header:
        if column not in expected:
            raise ImportRefused(
                _("this column is unknown to this importer. Is this the right file or source?"),
                file=path, row=1, column=column,
            )
    if header != expected:
        raise ImportRefused(
            _("the columns are not in CBS's order (%(order)s).") % {"order": ";".join(expected)}, file=path, row=1
        )
    return years[0]


@register
class CbsPostcodeHuisnummerImporter(Importer):
    name = "cbs-postcode-huisnummer"
    description = "CBS Buurt, wijk en gemeente per postcode and house number (CSV, ';'): postcodes to buurten and wijken"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        lines = _lines(path)
        try:
            _number, header = next(lines)
        except StopIteration:
            raise ImportRefused(_("the file is empty."), file=path) from None
        file_year = _year(path, [cell.strip() for cell in header])
        if year is not None and year != file_year:
            raise ImportRefused(
                _("the header names the year %(found)s where %(expected)s was asked for.")
                % {"found": file_year, "expected": year},
                file=path, row=1, column=f"Buurt{file_year}",
            )
        columns = expected_header(file_year)
        by_buurt: Counter[tuple[str, str]] = Counter()
        by_wijk: Counter[tuple[str, str]] = Counter()
        buurt_rows: dict[str, int] = {}
        wijk_rows: dict[str, int] = {}
        checked: dict[tuple[str, str, str], tuple[str, str]] = {}
        batch = ImportBatch()
        for number, cells in lines:
            if len(cells) != len(columns):
                raise ImportRefused(
                    _("this row has %(found)s fields where the header has %(expected)s. "
                      "The file may be cut off or use another delimiter.") % {"found": len(cells), "expected": len(columns)},
                    file=path, row=number,
                )
            postcode, house_number, *codes = (cell.strip() for cell in cells)
            if not _POSTCODE6.match(postcode):
                raise ImportRefused(
                    _("'%(text)s' is not a postcode of 4 digits and 2 capitals.") % {"text": postcode[:20]},
                    file=path, row=number, column=POSTCODE,
                )
            if not _HOUSE_NUMBER.match(house_number):
                raise ImportRefused(
                    _("'%(text)s' is not a house number.") % {"text": house_number[:20]},
                    file=path, row=number, column=NUMBER,
                )
            key = tuple(codes)
            if key not in checked:
                checked[key] = self._codes(path, number, columns, codes)
            buurt, wijk = checked[key]
            buurt_rows.setdefault(buurt, number)
            wijk_rows.setdefault(wijk, number)
            by_buurt[(postcode, buurt)] += 1
            by_wijk[(postcode[:4], wijk)] += 1
            batch.rows_read += 1
        if not batch.rows_read:
            raise ImportRefused(_("the file has a header but no rows."), file=path)
        check_regions_of_year(path, first_rows=wijk_rows, column=columns[3], year=file_year, level=Level.DISTRICT)
        check_regions_of_year(path, first_rows=buurt_rows, column=columns[2], year=file_year, level=Level.NEIGHBOURHOOD)
        batch.postcode_areas = postcode_areas(by_wijk, year=file_year) + postcode_areas(by_buurt, year=file_year)
        return batch

    @staticmethod
    def _codes(path: Path, number: int, columns: list[str], codes: list[str]) -> tuple[str, str]:
        """The buurt and wijk codes of a line, checked to lie in its wijk and gemeente."""
        buurt_text, wijk_text, gemeente_text = codes
        buurt = unprefixed_code(buurt_text, path=path, row=number, column=columns[2], prefix="BU", width=8,
                                level=Level.NEIGHBOURHOOD)
        wijk = unprefixed_code(wijk_text, path=path, row=number, column=columns[3], prefix="WK", width=6,
                               level=Level.DISTRICT)
        gemeente = unprefixed_code(gemeente_text, path=path, row=number, column=columns[4], prefix="GM", width=4,
                                   level=Level.MUNICIPALITY)
        if parent_code(buurt) != wijk:
            raise ImportRefused(
                _("buurt %(code)s does not lie in wijk %(parent)s.") % {"code": buurt, "parent": wijk},
                file=path, row=number, column=columns[3],
            )
        if parent_code(wijk) != gemeente:
            raise ImportRefused(
                _("wijk %(code)s does not lie in gemeente %(municipality)s.") % {"code": wijk, "municipality": gemeente},
                file=path, row=number, column=columns[4],
            )
        return buurt, wijk
