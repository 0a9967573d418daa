"""Reading one row of a CBS table by wijk en buurt: region code, kind, name, year and the
values of the columns that map to catalogue indicators. Shared by the CBS importers so
they refuse the same faults with the same words; `code_of_level` also serves other files
that name regions by CBS code."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import ClassVar

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportBatch, Importer, ImportRefused, ObservationRecord, RegionRecord, SourceRecord
from wijkkompas.imports.parsing import Row, parse_number
from wijkkompas.indicators.catalogue import indicator_spec
from wijkkompas.indicators.models import Unit
from wijkkompas.regions.codes import is_cbs_code, level_of, parent_code
from wijkkompas.regions.models import Level

#: StatLine's "Soort regio" text and the level it means.
REGION_KINDS = {
    "Land": Level.COUNTRY, "Gemeente": Level.MUNICIPALITY, "Wijk": Level.DISTRICT, "Buurt": Level.NEIGHBOURHOOD,
}
COUNTRY_CODE, COUNTRY_NAME = "NL00", "Nederland"
#: CBS figures by wijk en buurt start in the 1990s; an earlier year is a typing error.
FIRST_YEAR = 1995


def region_code(path: Path, row: Row, column: str) -> str:
    """A CBS code of Nederland, a gemeente, wijk or buurt (CBS pads codes with spaces)."""
    code = row.text(column)
    if not is_cbs_code(code) or level_of(code) not in REGION_KINDS.values():
        raise ImportRefused(
            _("'%(code)s' is not the CBS code of Nederland, a gemeente, wijk or buurt.") % {"code": code},
            file=path, row=row.number, column=column,
        )
    return code


def code_of_level(path: Path, row: Row, column: str, level: str, reason: str) -> str:
    """The CBS code of a `level` region; else refused with `reason`, which shows at most the
    first 20 characters of the cell as `%(code)s`."""
    code = row.text(column)
    if not is_cbs_code(code) or level_of(code) != level:
        raise ImportRefused(reason % {"code": code[:20]}, file=path, row=row.number, column=column)
    return code


def check_region_kind(path: Path, row: Row, column: str, code: str) -> None:
    kind = row.text(column)
    if kind not in REGION_KINDS:
        raise ImportRefused(
            _("'%(kind)s' is not a known kind of region (%(known)s).")
            % {"kind": kind, "known": ", ".join(REGION_KINDS)},
            file=path, row=row.number, column=column,
        )
    if REGION_KINDS[kind] != level_of(code):
        raise ImportRefused(
            _("the kind of region '%(kind)s' does not match code %(code)s.") % {"kind": kind, "code": code},
            file=path, row=row.number, column=column,
        )


def region_name(path: Path, row: Row, column: str) -> str:
    name = row.text(column)
    if not name:
        raise ImportRefused(_("the name is empty."), file=path, row=row.number, column=column)
    return name


def check_unique(path: Path, row: Row, column: str, seen: set, key: tuple) -> None:
    """Refuse a region that appears twice for the same year."""
    if key in seen:
        raise ImportRefused(_("this region appears more than once."), file=path, row=row.number, column=column)
    seen.add(key)


def region_record(
    *, code: str, year: int, name: str | None, row: Row | None = None, column: str | None = None
) -> RegionRecord:
    """The region as a CBS row shows it (`row` and `column`: where its code is). Provinces are not
    in these tables, so none is set."""
    return RegionRecord(
        code=code, level=level_of(code), year=year,
        name=COUNTRY_NAME if code == COUNTRY_CODE else name, parent_code=parent_code(code),
        row=row.number if row else None, column=column,
    )


def table_year(path: Path, row: Row, column: str, *, expected: int | None = None) -> int:
    """The year in a row, a whole number from `FIRST_YEAR` up to this year, and `expected` if given."""
    value = parse_number(
        row.text(column), path=path, row=row.number, column=column, minimum=FIRST_YEAR, maximum=date.today().year
    )
    if value is None or value != int(value):
        raise ImportRefused(_("the year is missing or not a whole number."), file=path, row=row.number, column=column)
    if expected is not None and value != expected:
        raise ImportRefused(
            _("the year is %(found)s where %(expected)s was asked for.") % {"found": int(value), "expected": expected},
            file=path, row=row.number, column=column,
        )
    return int(value)


def single_year(path: Path, row: Row, column: str, *, expected: int | None, mismatch: str) -> int:
    """The year of a file about one year: `expected` (an earlier row's or the one asked for) if
    given, else refused with `mismatch`, which names the `%(found)s` and `%(expected)s` year."""
    value = parse_number(row.text(column), path=path, row=row.number, column=column, minimum=1990, maximum=2100)
    if value is None:
        raise ImportRefused(_("the year is missing."), file=path, row=row.number, column=column)
    if expected is not None and value != expected:
        raise ImportRefused(
            mismatch % {"found": row.text(column), "expected": expected}, file=path, row=row.number, column=column
        )
    return int(value)


def year_source_key(batch: ImportBatch, year: int, source: Callable[[int], SourceRecord]) -> str:
    """The key of the year's source, added to the batch the first time a row has that year."""
    for record in batch.sources:
        if record.year == year:
            return record.key
    batch.sources.append(source(year))
    return batch.sources[-1].key


def observations(
    path: Path, row: Row, columns: Mapping[str, str], *, code: str, year: int, source_key: str
) -> Iterator[ObservationRecord]:
    """The values of `columns` (column -> indicator key) that the row has, checked against the
    catalogue's range; CBS publishes counts as whole numbers. Columns missing from the file and
    empty or suppressed cells give nothing."""
    for column, key in columns.items():
        if column not in row.cells:
            continue
        spec = indicator_spec(key)
        value = parse_number(
            row.cells[column], path=path, row=row.number, column=column, minimum=spec.minimum, maximum=spec.maximum,
            whole=spec.unit == Unit.COUNT,
        )
        if value is None:
            continue
        if spec.unit == Unit.CLASS and value != int(value):
            raise ImportRefused(
                _("%(value)s is not a whole class number.") % {"value": row.text(column)},
                file=path, row=row.number, column=column,
            )
        yield ObservationRecord(code, key, year, value, source_key)


class CbsYearTableImporter(Importer):
    """A CBS table whose rows each hold one region in one year, named in a year column; each
    year's figures get that year's source. Subclasses name the columns and read the file."""

    year_column: ClassVar[str]
    code_column: ClassVar[str]
    name_column: ClassVar[str]
    #: Column -> indicator key.
    columns: ClassVar[Mapping[str, str]]

    @abstractmethod
    def rows(self, path: Path) -> Iterable[Row]:
        """The rows of the file, its header checked."""

    @abstractmethod
    def source(self, year: int) -> SourceRecord:
        """The source of the figures of `year`."""

    def code(self, path: Path, row: Row) -> str:
        return region_code(path, row, self.code_column)

    def name_of(self, path: Path, row: Row, code: str) -> str | None:
        return region_name(path, row, self.name_column)

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        batch = ImportBatch()
        seen: set[tuple] = set()
        for row in self.rows(path):
            batch.rows_read += 1
            row_year = table_year(path, row, self.year_column, expected=year)
            source_key = year_source_key(batch, row_year, self.source)
            code = self.code(path, row)
            check_unique(path, row, self.code_column, seen, (code, row_year))
            batch.regions.append(region_record(
                code=code, year=row_year, name=self.name_of(path, row, code), row=row, column=self.code_column,
            ))
            batch.observations.extend(
                observations(path, row, self.columns, code=code, year=row_year, source_key=source_key)
            )
        return batch
