"""Database helpers shared by the apps' write paths."""

import json

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


def insert_rows(model, columns: list[str], rows: list[tuple], *, batch: int = 1000) -> None:
    """Insert many rows fast: COPY on PostgreSQL, multi-row INSERTs elsewhere.

    Both are several times faster than executemany. 1,000 rows of up to 8 values stay well
    below SQLite's limit of 32,766 parameters.
    """
    if not rows:
        return
    table = model._meta.db_table
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
