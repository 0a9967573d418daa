"""Reading a CBS OData table in the forms CBS hands it out: CSV (comma or semicolon, quoted
fields, `.` for a missing value, decimal comma in semicolon files) and JSON (a `TypedDataSet`
as `{"odata.metadata": …, "value": [...]}` or a bare list of records), with the table's
metadata (`TableInfos`, `DataProperties`) embedded in the JSON or beside the file.

Unlike `parsing.read_csv` these readers take any set of columns: which columns matter is
decided by the KWB key mapping afterwards, and every column is reported. Rows come out as
lists aligned with the header, so the importer touches only the cells it maps. In a JSON file
the row number is the record's number (1 = the first record).

Metadata beside the file is how the `cbsodata` package saves a table: `TableInfos.json`,
`DataProperties.json` and the region dimension `WijkenEnBuurten.json` (each code's `Key` and
its name as `Title`) in the same folder as `TypedDataSet.json`. The dimension gives the names
that a `TypedDataSet`, which holds only codes, lacks.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportRefused
from wijkkompas.imports.parsing import csv_cells, read_text

TABLE_ID = re.compile(r"(\d{5}NED)", re.IGNORECASE)
METADATA_FILES = ("TableInfos.json", "DataProperties.json", "WijkenEnBuurten.json")


@dataclass
class TableMeta:
    """What the table says about itself. Empty when the file came without metadata."""

    identifier: str = ""
    title: str = ""
    period: str = ""
    #: Column -> CBS unit (`DataProperties` "Unit"), e.g. "aantal", "%", "x 1 000 euro".
    units: dict[str, str] = field(default_factory=dict)
    #: Region code -> name, from the `WijkenEnBuurten` dimension.
    region_names: dict[str, str] = field(default_factory=dict)


@dataclass
class OdataTable:
    header: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    meta: TableMeta
    #: A semicolon file writes decimals with a comma (StatLine's Dutch CSV).
    decimal_comma: bool = False
    #: The row number of the first data row (2 in a CSV file under its header, 1 in JSON).
    first_row: int = 2


def read_odata_table(path: Path) -> OdataTable:
    text = read_text(path)
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        table = _json_table(path, stripped)
    else:
        table = _csv_table(path, text)
    _add_metadata_beside(path, table.meta)
    return table


def _csv_table(path: Path, text: str) -> OdataTable:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in next(reader)]
    if len(header) == 1:
        raise ImportRefused(
            _("the columns are not separated by ';' or ','. Save the file as CSV and try again."), file=path, row=1
        )
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise ImportRefused(_("the column appears more than once."), file=path, row=1, column=duplicates[0])
    return OdataTable(header=header, rows=csv_cells(path, reader, header), meta=TableMeta(),
                      decimal_comma=delimiter == ";")


def _json_table(path: Path, text: str) -> OdataTable:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            _("the file is not valid JSON (%(error)s); it may be cut off.") % {"error": error.msg},
            file=path, row=error.lineno,
        ) from None
    except RecursionError:
        raise ImportRefused(_("the file is nested too deeply to be a CBS table."), file=path) from None
    meta = TableMeta()
    records = document
    if isinstance(document, dict):
        records = document.get("value", document.get("TypedDataSet"))
        if isinstance(records, dict):
            records = records.get("value")
        _read_table_infos(path, document.get("TableInfos"), meta)
        _read_data_properties(path, document.get("DataProperties"), meta)
        match = TABLE_ID.search(str(document.get("odata.metadata", "")))
        if match and not meta.identifier:
            meta.identifier = match[1].upper()
    if not isinstance(records, list) or not records:
        raise ImportRefused(_("the file holds no table records (a 'value' list of rows)."), file=path)
    if not isinstance(records[0], dict):
        raise ImportRefused(_("this record is not a set of named values."), file=path, row=1)
    header = list(records[0])
    return OdataTable(header=header, rows=_json_rows(path, records, header), meta=meta, first_row=1)


def _json_rows(path: Path, records: list, header: list[str]) -> Iterator[tuple[int, list[Any]]]:
    keys = records[0].keys()
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise ImportRefused(_("this record is not a set of named values."), file=path, row=number)
        if record.keys() != keys:
            missing = sorted(keys - record.keys())
            raise ImportRefused(
                _("this record has other fields than the first record."),
                file=path, row=number, column=missing[0] if missing else sorted(record.keys() - keys)[0],
            )
        yield number, [record[name] for name in header]


def _add_metadata_beside(path: Path, meta: TableMeta) -> None:
    """Read `TableInfos.json` and `DataProperties.json` next to the file, as `cbsodata` saves them."""
    if path.name in METADATA_FILES:
        return
    for name, reader in zip(METADATA_FILES, (_read_table_infos, _read_data_properties, _read_region_names)):
        beside = path.with_name(name)
        if not beside.is_file():
            continue
        try:
            document = json.loads(read_text(beside))
        except json.JSONDecodeError as error:
            raise ImportRefused(
                _("the file is not valid JSON (%(error)s); it may be cut off.") % {"error": error.msg},
                file=beside, row=error.lineno,
            ) from None
        reader(beside, document, meta, replace=False)


def _read_table_infos(path: Path, document: Any, meta: TableMeta, *, replace: bool = True) -> None:
    if document is None:
        return
    infos = document[0] if isinstance(document, list) and document else document
    if isinstance(infos, dict) and isinstance(infos.get("value"), list) and infos["value"]:
        infos = infos["value"][0]
    if not isinstance(infos, dict):
        raise ImportRefused(_("the table metadata (TableInfos) is not as CBS publishes it."), file=path)
    found = {name: str(infos.get(key) or "").strip() for name, key in
             (("identifier", "Identifier"), ("title", "Title"), ("period", "Period"))}
    for name, value in found.items():
        if value and (replace or not getattr(meta, name)):
            setattr(meta, name, value)


def _read_data_properties(path: Path, document: Any, meta: TableMeta, *, replace: bool = True) -> None:
    if document is None:
        return
    if isinstance(document, dict):
        document = document.get("value")
    if not isinstance(document, list):
        raise ImportRefused(_("the column metadata (DataProperties) is not as CBS publishes it."), file=path)
    for entry in document:
        if isinstance(entry, dict) and entry.get("Key") and entry.get("Unit"):
            if replace or entry["Key"] not in meta.units:
                meta.units[str(entry["Key"])] = str(entry["Unit"])


def _read_region_names(path: Path, document: Any, meta: TableMeta, *, replace: bool = True) -> None:
    if isinstance(document, dict):
        document = document.get("value")
    if not isinstance(document, list):
        raise ImportRefused(_("the list of regions (WijkenEnBuurten) is not as CBS publishes it."), file=path)
    for entry in document:
        if isinstance(entry, dict) and entry.get("Key") and entry.get("Title"):
            meta.region_names[str(entry["Key"]).strip()] = str(entry["Title"]).strip()
