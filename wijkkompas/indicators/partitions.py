"""The observations' partitions on PostgreSQL: one per year (migration 0005).

A year that has no partition and no observations yet is written by `year_partition_load`: into a
table of its own without indexes, which gets its indexes built once, sorted, and is then attached
as the year's partition, when PostgreSQL checks its foreign keys in one pass; that is several times faster than adding 2 million rows to indexes of 40 million one by
one. It all happens inside the caller's transaction: a refused import leaves no partition behind.

Attaching locks the default partition until the transaction ends, so call it last.
"""

from __future__ import annotations

import pandas as pd
from django.db import connection

from wijkkompas.core.db import insert_frame
from wijkkompas.indicators.models import Observation


def _table() -> str:
    return Observation._meta.db_table


def partition_name(year: int) -> str:
    return f"{_table()}_y{int(year)}"


def is_partitioned() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = %s::regclass", [_table()])
        return cursor.fetchone()[0] == "p"


def new_partition_years(years) -> set[int]:
    """Those of `years` that can get a partition of their own: none yet, and no observations."""
    if not is_partitioned():
        return set()
    table = _table()
    free = set()
    with connection.cursor() as cursor:
        for year in sorted({int(year) for year in years}):
            cursor.execute("SELECT to_regclass(%s) IS NULL", [partition_name(year)])
            if not cursor.fetchone()[0]:
                continue
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE year = %s)", [year])
            if not cursor.fetchone()[0]:
                free.add(year)
    return free


def year_partition_load(year: int, frame: pd.DataFrame) -> None:
    """Write `frame` (observation columns, all of `year`, a year from `new_partition_years`) as
    the year's new partition."""
    table, partition = _table(), partition_name(year)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {partition} (LIKE {table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
        # The parent's identity does not carry over to a table made LIKE it; its sequence does.
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        sequence = cursor.fetchone()[0]
        cursor.execute(f"ALTER TABLE {partition} ALTER COLUMN id SET DEFAULT nextval('{sequence}'::regclass)")
    insert_frame(Observation, frame, table=partition)
    with connection.cursor() as cursor:
        # The parent's constraints and indexes, built here before attaching, are taken over as its
        # partitions' (PostgreSQL builds missing ones while attaching too, but measured twice as slowly).
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for statement in _index_statements(cursor, table, partition):
            cursor.execute(statement)
        cursor.execute(f"ALTER TABLE {table} ATTACH PARTITION {partition} FOR VALUES IN ({int(year)})")
        cursor.execute(f"ANALYZE {partition}")


def _index_statements(cursor, table: str, partition: str) -> list[str]:
    """Statements that give `partition` the primary key, unique constraints and indexes of `table`."""
    cursor.execute(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass AND contype IN ('p', 'u') "
        "ORDER BY conname",
        [table],
    )
    statements = [f"ALTER TABLE {partition} ADD {definition}" for (definition,) in cursor.fetchall()]
    cursor.execute(
        "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s "
        "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass) ORDER BY indexname",
        [table, table],
    )
    for (definition,) in cursor.fetchall():
        unique = "UNIQUE " if definition.startswith("CREATE UNIQUE") else ""
        statements.append(f"CREATE {unique}INDEX ON {partition} USING {definition.split(' USING ', 1)[1]}")
    return statements
