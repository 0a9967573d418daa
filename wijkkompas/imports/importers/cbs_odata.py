"""CBS "Kerncijfers wijken en buurten" (KWB) of any year, as CBS publishes it through StatLine
and its OData API: a CSV (comma or semicolon) or JSON `TypedDataSet` keyed by OData keys such
as `ID, WijkenEnBuurten, Gemeentenaam_1, SoortRegio_2, Codering_3, AantalInwoners_5, …`, and
also the cleaned layout bundled with Wijkkompas (`regiocode, soort_regio, jaar, <keys>`).

Columns are mapped by key stem (`cbs_kwb_keys`), so each year's table imports with the same
command although CBS renumbers its columns. A column the mapping does not know is not refused
but reported: the run lists which columns were imported, which describe the region and which
were left aside, and why.

The year comes from the table id (file name or metadata), the metadata's title or period, a
`jaar`/`Perioden` column, or `--year`; they must agree. Names come from `WijkenEnBuurten` when
it holds a name (as `cbsodata.get_data` returns it), from `Gemeentenaam_1` for a gemeente, or
from the `WijkenEnBuurten.json` dimension saved beside the file.
"""

from __future__ import annotations

import math
import operator
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from wijkkompas.imports.base import (
    ColumnReport, ImportBatch, Importer, ImportRefused, ObservationRecord, SourceRecord,
)
from wijkkompas.imports.importers.cbs_kwb_keys import (
    CODE, ID, KIND, MUNICIPALITY, NAME, ODATA_KEYS, ColumnClash, plan_columns, split_key,
)
from wijkkompas.imports.importers.cbs_odata_formats import TABLE_ID, OdataTable, read_odata_table
from wijkkompas.imports.importers.cbs_rows import (
    check_region_kind, check_unique, region_code, region_name, region_record,
)
from wijkkompas.imports.importers.cbs_sources import KWB_TABLES, kwb_source
from wijkkompas.imports.parsing import (
    CONTROL_CHARACTER, MISSING_MARKERS, Row, control_character_reason, parse_number, printable,
)
from wijkkompas.imports.registry import register
from wijkkompas.indicators.catalogue import load_catalogue
from wijkkompas.indicators.models import Unit
from wijkkompas.regions.codes import is_cbs_code

__all__ = ["CbsOdataImporter", "ODATA_KEYS"]

_YEAR_IN_TITLE = re.compile(r"\b((?:19|20)\d{2})\b")
_PERIOD = re.compile(r"^((?:19|20)\d{2})(?:JJ00)?$")


@register
class CbsOdataImporter(Importer):
    name = "cbs-kwb-odata"
    description = (
        "CBS Kerncijfers wijken en buurten, any year, as StatLine/OData publishes it "
        "(CSV with ; or , or JSON TypedDataSet, OData keys); reports every column"
    )

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        """A CSV file whose figures are all plain numbers in range (a national table has millions)
        is read column by column with numpy; any other file, and any file that is refused, cell by
        cell, which finds the first fault in file order and says what is wrong with it."""
        try:
            batch = self._read(path, year, whole_columns=True)
        except ImportRefused:
            batch = None
        return batch or self._read(path, year, whole_columns=False)

    def _read(self, path: Path, year: int | None, *, whole_columns: bool) -> ImportBatch | None:
        """The batch; with `whole_columns`, None when a figure is not a plain number in range."""
        table = read_odata_table(path)
        whole_columns = whole_columns and table.first_row == 2
        header_row = 1 if table.first_row == 2 else None  # a JSON file has no header line
        _refuse_control_characters(path, header_row, {name: name for name in table.header})
        catalogue = load_catalogue().indicators
        try:
            plan = plan_columns(
                table.header, units=table.meta.units,
                catalogue_units={key: spec.unit for key, spec in catalogue.items()},
            )
        except ColumnClash as clash:
            raise ImportRefused(
                _("two columns hold '%(name)s'.") % {"name": split_key(clash.column)[0]},
                file=path, row=header_row, column=clash.column,
            ) from None
        code_column = plan.region.get(CODE) or plan.region.get(NAME)
        if code_column is None:
            raise ImportRefused(
                _("the file has no column with the region code (Codering_3, WijkenEnBuurten or regiocode)."),
                file=path, row=header_row,
            )
        if not plan.values:
            raise ImportRefused(
                _("none of the columns holds a figure of the catalogue. "
                  "Is this a Kerncijfers wijken en buurten table?"),
                file=path, row=header_row,
            )
        index = {column: position for position, column in enumerate(table.header)}
        region_columns = [(column, index[column]) for role, column in plan.region.items() if role != ID]
        values = [
            (index[column], column, key, catalogue[key].minimum, catalogue[key].maximum,
             catalogue[key].unit == Unit.COUNT, catalogue[key].unit == Unit.CLASS)
            for column, key in plan.values.items()
        ]
        batch = ImportBatch(column_report=ColumnReport(
            imported=dict(plan.values), region=list(plan.region.values()), left_aside=dict(plan.left_aside),
        ))
        year_column = plan.region.get("year")
        seen: set[tuple] = set()
        source: SourceRecord | None = None
        figures = operator.itemgetter(*(position for position, *_ in values), 0)  # a tuple, however many
        rows: list[tuple] = []
        for number, cells in table.rows:
            row = Row(number, {column: _text(cells[position]) for column, position in region_columns})
            _refuse_control_characters(path, number, row.cells)
            if source is None:
                source = _source(path, table, row, year_column, year)
                batch.sources.append(source)
            _check_row_year(path, row, year_column, source.year)
            code, name = _region(path, row, plan.region)
            check_unique(path, row, code_column, seen, (code,))
            batch.rows_read += 1
            batch.regions.append(region_record(
                code=code, year=source.year, name=name or table.meta.region_names.get(code), row=row,
                column=code_column,
            ))
            if whole_columns:
                rows.append(figures(cells))
            else:
                batch.observations.extend(_observations(
                    path, number, cells, values, code=code, year=source.year, source_key=source.key,
                    decimal_comma=table.decimal_comma,
                ))
        if whole_columns:
            batch.observation_frame = _plain_figures(rows, values, [r.code for r in batch.regions], source)
            if batch.observation_frame is None:
                return None
        return batch


def _plain_figures(rows: list[tuple], values: list, codes: list[str], source: SourceRecord) -> pd.DataFrame | None:
    """The figures of the CSV `rows` (the cells of the `values` columns) as an observation table,
    row by row as `_observations` gives them; None when a cell is anything `_observations` would
    read otherwise than `float` does: a comma, a point in a count, not a number, out of range, a
    class with decimals. Missing markers give no observation."""
    cells = np.array(rows, dtype=str)[:, :len(values)] if rows else np.empty((0, len(values)), dtype=str)
    figures = np.full(cells.shape, np.nan)
    for index, (_position, _column, _key, minimum, maximum, count, whole) in enumerate(values):
        texts = cells[:, index]
        joined = "".join(texts.tolist())
        if "," in joined or count and "." in joined:
            return None
        present = ~np.isin(texts, list(MISSING_MARKERS))
        try:
            found = texts[present].astype(np.float64)
        except ValueError:
            return None
        if not np.isfinite(found).all():
            return None
        if minimum is not None and (found < minimum).any() or maximum is not None and (found > maximum).any():
            return None
        if whole and (found != np.trunc(found)).any():
            return None
        figures[present, index] = found
    present = ~np.isnan(figures)
    region, column = np.nonzero(present)  # row by row, in column order within a row
    keys = [key for _position, _column, key, *_ in values]
    return pd.DataFrame({
        "region_code": pd.Categorical.from_codes(region, categories=codes) if codes else pd.Categorical([]),
        "indicator_key": pd.Categorical.from_codes(column, categories=keys),
        "year": np.full(len(region), source.year if source else 0, dtype=np.int64),
        "value": figures[present],
        "source_key": pd.Categorical.from_codes(np.zeros(len(region), dtype=np.int8),
                                                categories=[source.key] if source else ["-"]),
    })


def _text(cell: Any) -> str:
    return "" if cell is None else str(cell)


def _refuse_control_characters(path: Path, number: int | None, cells: dict[str, str]) -> None:
    """Names, codes and column names hold no control characters (a NUL would end up in a name).
    A figure with one is refused anyway: it is not a number."""
    for column, text in cells.items():
        found = CONTROL_CHARACTER.search(text)
        if found:
            raise ImportRefused(
                control_character_reason(found.group()), file=path, row=number, column=printable(column)
            )


def _region(path: Path, row: Row, columns: dict[str, str]) -> tuple[str, str | None]:
    """The region's code and, when the file has it, its name."""
    name_column = columns.get(NAME)
    in_name = row.text(name_column) if name_column else ""
    code_column = columns.get(CODE)
    if code_column:
        code = region_code(path, row, code_column)
        if is_cbs_code(in_name) and in_name != code:
            raise ImportRefused(
                _("the code %(found)s does not match code %(code)s in column '%(other)s'.")
                % {"found": in_name, "code": code, "other": code_column},
                file=path, row=row.number, column=name_column,
            )
    else:
        code = region_code(path, row, name_column)
    if KIND in columns:
        check_region_kind(path, row, columns[KIND], code)
    if name_column and not is_cbs_code(in_name):
        return code, region_name(path, row, name_column)
    if code.startswith("GM") and MUNICIPALITY in columns:
        return code, row.text(columns[MUNICIPALITY]) or None
    return code, None


def _observations(
    path: Path, number: int, cells: list, values: list, *, code: str, year: int, source_key: str,
    decimal_comma: bool,
) -> list[ObservationRecord]:
    """The row's values of the mapped columns. A national table has some two million cells, so
    a plain number is read here directly; any other text goes through `parse_number`, which
    knows every way a cell can be wrong (a count with a thousands separator, a comma, …)."""
    found = []
    for position, column, key, minimum, maximum, count, whole in values:
        cell = cells[position]
        if cell is None:
            continue
        if cell.__class__ is str:
            text = cell.strip()
            if text in MISSING_MARKERS:
                continue
            if decimal_comma and "," in text and "." not in text:
                text = text.replace(",", ".")
            if "," in text or count and "." in text:
                value = parse_number(text, path=path, row=number, column=column, minimum=minimum, maximum=maximum,
                                     whole=True)
            else:
                try:
                    value = float(text)
                except ValueError:
                    value = parse_number(text, path=path, row=number, column=column, minimum=minimum, maximum=maximum)
                _check_range(path, number, column, value, text, minimum, maximum)
        else:
            value = _typed_number(path, number, column, cell)
            _check_range(path, number, column, value, cell, minimum, maximum)
            if count and value != int(value):
                raise ImportRefused(
                    _("%(value)s is not a whole number, and this column holds counts.") % {"value": cell},
                    file=path, row=number, column=column,
                )
        if whole and value != int(value):
            raise ImportRefused(
                _("%(value)s is not a whole class number.") % {"value": cell}, file=path, row=number, column=column
            )
        found.append(ObservationRecord(code, key, year, value, source_key))
    return found


def _check_range(path: Path, number: int, column: str, value: float, shown: Any, minimum, maximum) -> None:
    if not math.isfinite(value):
        raise ImportRefused(_("'%(text)s' is not a number.") % {"text": str(shown)[:40]}, file=path, row=number,
                            column=column)
    if minimum is not None and value < minimum or maximum is not None and value > maximum:
        raise ImportRefused(
            _("%(value)s is outside the valid range %(minimum)s to %(maximum)s.")
            % {"value": shown, "minimum": "…" if minimum is None else f"{minimum:g}",
               "maximum": "…" if maximum is None else f"{maximum:g}"},
            file=path, row=number, column=column,
        )


def _typed_number(path: Path, number: int, column: str, cell: Any) -> float:
    """A number of a JSON TypedDataSet: a JSON number, not text, true or false."""
    if isinstance(cell, bool) or not isinstance(cell, (int, float)):
        raise ImportRefused(_("'%(text)s' is not a number.") % {"text": str(cell)[:40]}, file=path, row=number,
                            column=column)
    return float(cell)


def _source(path: Path, table: OdataTable, row: Row, year_column: str | None, asked: int | None) -> SourceRecord:
    """The table's source, its year taken from every place that names it; they must agree."""
    match = TABLE_ID.search(path.name)
    in_name, in_meta = (match[1].upper() if match else ""), table.meta.identifier.upper()
    if in_name and in_meta and in_name != in_meta:
        raise ImportRefused(
            _("the file name says table %(name)s, but the table metadata says %(meta)s.")
            % {"name": in_name, "meta": in_meta},
            file=path,
        )
    table_id = in_meta or in_name
    claims: list[tuple[str, int, str | None]] = []  # (who says it, year, column)
    by_table = {number: year for year, number in KWB_TABLES.items()}
    if table_id in by_table:
        claims.append((_("table %(table)s") % {"table": table_id}, by_table[table_id], None))
    for label, text in ((_("the table title"), table.meta.title), (_("the table period"), table.meta.period)):
        match = _YEAR_IN_TITLE.search(text)
        if match:
            claims.append((label, int(match[1]), None))
    if year_column:
        claims.append((_("column '%(column)s'") % {"column": year_column}, _row_year(path, row, year_column),
                       year_column))
    if asked is not None:
        claims.append(("--year", asked, None))
    if not claims:
        if table_id:
            raise ImportRefused(
                _("table %(table)s is not a Kerncijfers wijken en buurten table this importer knows, and the file "
                  "does not say its year. Give the year with --year.") % {"table": table_id},
                file=path,
            )
        raise ImportRefused(_("this file does not say which year it is about. Give the year with --year."), file=path)
    first = claims[0]
    for other in claims[1:]:
        if other[1] != first[1]:
            column = other[2] or first[2]
            raise ImportRefused(
                _("%(first)s says %(first_year)s, but %(other)s says %(other_year)s; a table is about one year.")
                % {"first": first[0], "first_year": first[1], "other": other[0], "other_year": other[1]},
                file=path, row=row.number if column else None, column=column,
            )
    year = first[1]
    if table_id and year in KWB_TABLES and KWB_TABLES[year] != table_id:
        raise ImportRefused(
            _("the file name says table %(table)s, but Kerncijfers wijken en buurten %(year)s is table %(known)s.")
            % {"table": table_id, "year": year, "known": KWB_TABLES[year]},
            file=path, row=row.number if year_column else None, column=year_column,
        )
    return kwb_source(year, table_id)


def _row_year(path: Path, row: Row, column: str) -> int:
    match = _PERIOD.match(row.text(column))
    if match is None:
        raise ImportRefused(
            _("the year is missing or not a whole number."), file=path, row=row.number, column=column
        )
    return int(match[1])


def _check_row_year(path: Path, row: Row, column: str | None, expected: int) -> None:
    if column and _row_year(path, row, column) != expected:
        raise ImportRefused(
            _("the year is %(found)s where %(expected)s was expected; a table is about one year.")
            % {"found": row.text(column), "expected": expected},
            file=path, row=row.number, column=column,
        )
