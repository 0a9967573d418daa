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
