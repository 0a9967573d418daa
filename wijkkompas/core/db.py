"""Database helpers shared by the apps' write paths."""

import json

import numpy as np
import pandas as pd
import psycopg
from django.db import connection


def execute_many(sql: str, rows: list[tuple]) -> None:
    """A plain parameterised executemany.

    Django's bulk_update builds a CASE expression per row and is ten times slower for the
    10,000s of rows an import writes; this stays portable across SQLite and PostgreSQL.
    """
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


def json_param(value) -> str | None:
    """A JSONField value as a parameter for raw SQL on every backend."""
    return None if value is None else json.dumps(value)


def insert_rows(model, columns: list[str], rows: list[tuple], *, batch: int = 1000, table: str | None = None) -> None:
    """Insert many rows fast: COPY on PostgreSQL, multi-row INSERTs elsewhere.

    Both are several times faster than executemany. 1,000 rows of up to 8 values stay well
    below SQLite's limit of 32,766 parameters.
    """
    if not rows:
        return
    table = table or model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
        placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
        for start in range(0, len(rows), batch):
            chunk = rows[start:start + batch]
            cursor.execute(head + ", ".join([placeholders] * len(chunk)), [value for row in chunk for value in row])


def read_frame(sql: str, columns: list[str]) -> pd.DataFrame:
    """The rows of a query without parameters as a DataFrame of `columns` (the query's order);
    NULL is NaN. Callers inline only numbers they produced themselves.

    On PostgreSQL the rows come in binary (numbers travel exactly and are not parsed from text),
    about twice as fast as text for the millions of rows the scoring reads. (A binary COPY of the
    query was measured slower still: psycopg hands its rows over one by one.)
    """
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        # Django's own cursors bind on the client, which cannot fetch binary results.
        with psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(sql, binary=True)
            rows = cursor.fetchall()
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            rows = cursor.fetchall()
    if not rows:
        return pd.DataFrame({column: pd.Series(dtype=float) for column in columns})
    return pd.DataFrame.from_records(rows, columns=columns, coerce_float=True)


def insert_frame(model, frame: pd.DataFrame, *, table: str | None = None) -> None:
    """Insert the rows of `frame` (its columns are the model's column names); NaN is NULL.
    `table`: another table with the same columns (a temporary one) instead of the model's.

    PostgreSQL gets one binary COPY built by numpy when every column is a number or a text
    (no Python call per row or per value, and floats travel exactly); otherwise, and on other
    databases, `insert_rows`. A text column should have few distinct values (a level, a theme):
    the rows are laid out per distinct combination.
    """
    if frame.empty:
        return
    types = _binary_types(model, frame.columns)
    if connection.vendor != "postgresql" or types is None:
        insert_rows(model, list(frame.columns), _plain_rows(frame), table=table)
        return
    columns = ", ".join(frame.columns)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table or model._meta.db_table} ({columns}) FROM STDIN WITH (FORMAT binary)") as copy:
            copy.write(_BINARY_HEADER)
            for start in range(0, len(frame), COPY_CHUNK_ROWS):
                copy.write(_binary_tuples(frame.iloc[start:start + COPY_CHUNK_ROWS], types))
            copy.write(_BINARY_TRAILER)


#: PostgreSQL column types that `insert_frame` writes in binary, as numpy's big-endian types;
#: `TEXT` for varchar and text, whose binary form is their UTF-8 bytes.
TEXT = "text"
_BINARY_TYPES = {"smallint": ">i2", "integer": ">i4", "bigint": ">i8", "double precision": ">f8", "text": TEXT}
_BINARY_HEADER = b"PGCOPY\n\xff\r\n\x00" + bytes(8)  # signature, flags, header extension length
_BINARY_TRAILER = b"\xff\xff"


def _binary_types(model, columns) -> list[str] | None:
    """The numpy type of each column in PostgreSQL's binary COPY format, or None if one has no such type."""
    fields = {field.column: field for field in model._meta.concrete_fields}
    types = []
    for column in columns:
        field = fields.get(column)
        kind = field.db_type(connection) if field is not None else None
        kind = "text" if kind and kind.startswith("varchar") else kind
        if kind not in _BINARY_TYPES:
            return None
        types.append(_BINARY_TYPES[kind])
    return types


def _binary_tuples(frame: pd.DataFrame, types: list[str]) -> bytes:
    """The rows as binary COPY tuples. A NULL has no data and a text as many bytes as it has, so
    rows are laid out per pattern of NULLs and texts (usually a few): each pattern is one numpy
    record type, filled column by column."""
    nulls = frame.isna().to_numpy()
    keys = [pd.Series(nulls @ (1 << np.arange(nulls.shape[1])), index=frame.index)]
    keys += [frame[column] for column, kind in zip(frame.columns, types, strict=True) if kind == TEXT]
    parts = []
    for positions in frame.groupby(keys, sort=False, dropna=False, observed=True).indices.values():
        rows = frame.iloc[positions]
        first = rows.iloc[0]
        missing = nulls[positions[0]]
        layout = [("fields", ">i2")]
        texts = {}
        for index, (column, kind) in enumerate(zip(frame.columns, types, strict=True)):
            layout.append((f"length{index}", ">i4"))
            if missing[index]:
                continue
            if kind == TEXT:
                texts[index] = str(first[column]).encode()
                kind = f"S{len(texts[index])}"
            layout.append((f"value{index}", kind))
        records = np.empty(len(rows), dtype=np.dtype(layout))
        records["fields"] = len(types)
        for index, (column, kind) in enumerate(zip(frame.columns, types, strict=True)):
            if missing[index]:
                records[f"length{index}"] = -1
            elif kind == TEXT:
                records[f"length{index}"] = len(texts[index])
                records[f"value{index}"] = texts[index]
            else:
                records[f"length{index}"] = np.dtype(kind).itemsize
                records[f"value{index}"] = rows[column].to_numpy()
        parts.append(records.tobytes())
    return b"".join(parts)


def update_frame(model, frame: pd.DataFrame, *, key: str = "id", restrict: str = "") -> None:
    """Set the other columns of `frame` on the rows whose `key` it names; NaN is NULL.
    `restrict`: a condition on the model's columns that all those rows meet (SQL the caller
    made of its own numbers), so PostgreSQL reads only the partitions that can hold them.

    PostgreSQL: COPY into a temporary table, then one UPDATE … FROM, instead of one statement
    per row. Elsewhere: executemany.
    """
    if frame.empty:
        return
    table, columns = model._meta.db_table, [column for column in frame.columns if column != key]
    if connection.vendor != "postgresql":
        assignments = ", ".join(f"{column} = %s" for column in columns)
        execute_many(f"UPDATE {table} SET {assignments} WHERE {key} = %s", _plain_rows(frame[[*columns, key]]))
        return
    staging = f"_staged_{table}"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {staging}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS SELECT {key}, {', '.join(columns)} FROM {table} LIMIT 0"
        )
    insert_frame(model, frame[[key, *columns]], table=staging)
    assignments = ", ".join(f"{column} = s.{column}" for column in columns)
    with connection.cursor() as cursor:
        condition = f" AND {restrict}" if restrict else ""
        cursor.execute(f"UPDATE {table} SET {assignments} FROM {staging} s WHERE {table}.{key} = s.{key}{condition}")
        cursor.execute(f"DROP TABLE {staging}")


#: Rows per block sent through COPY: large enough to be fast, small enough to keep one block to
#: a few megabytes.
COPY_CHUNK_ROWS = 100_000


def _plain_rows(frame: pd.DataFrame) -> list[tuple]:
    """Rows of Python values for a DB-API driver: NaN becomes None, numpy numbers plain numbers."""
    values = frame.astype(object).where(frame.notna(), None)
    return [tuple(row) for row in values.itertuples(index=False, name=None)]
