"""The observations' partitions on PostgreSQL: one per year (migration 0005).

A year that has no partition and no observations yet is written by `year_partition_load`: into a
table of its own without indexes, which is then attached as the year's partition. PostgreSQL
builds the partition's indexes once, sorted, while attaching, and checks its foreign keys in one
pass; that is several times faster than adding 2 million rows to indexes of 40 million one by
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
        cursor.execute(f"ALTER TABLE {table} ATTACH PARTITION {partition} FOR VALUES IN ({int(year)})")
        cursor.execute(f"ANALYZE {partition}")
