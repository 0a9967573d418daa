"""Observations on PostgreSQL: one partition per year (LIST on `year`), and no index on `source_id`.

A national KWB year is some 2.2 million values. Written into one table of 40 million rows, every
row costs an entry in each of its indexes, and that, not the data itself, is what makes an import
slow. A year that has no partition yet is now loaded into a table of its own, which gets its
indexes built once and is then attached as that year's partition (`indicators.partitions`).
Queries are unchanged: the table keeps its name, columns, constraints and index names; a query
for one year reads one partition, a query for one region an index probe per year.

The primary key becomes (id, year), as PostgreSQL wants the partition key in every unique index;
`id` stays unique through its sequence. Rows of a year without a partition of its own (tests, a
value written by hand) go to the default partition. SQLite keeps one plain table.

The index on `source_id` served only the check on deleting a source (PROTECT), which is rare and
may scan; every import paid for it.
"""

from django.db import migrations, models

TABLE = "indicators_observation"
OLD = f"{TABLE}_unpartitioned"


def _definitions(cursor, table: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The table's constraints (name, type, definition) and its indexes that back no constraint."""
    cursor.execute(
        "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass "
        "AND contype IN ('p', 'u', 'f') ORDER BY conname",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s "
        "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass) ORDER BY indexname",
        [table, table],
    )
    return constraints, [definition for (definition,) in cursor.fetchall()]


def _rebuild(schema_editor, *, partitioned: bool) -> None:
    """Move the rows into a new table, partitioned by year or plain, with the same constraints and indexes."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = %s::regclass", [TABLE])
        if (cursor.fetchone()[0] == "p") == partitioned:
            return
        constraints, indexes = _definitions(cursor, TABLE)
        for name, kind, _definition in constraints:
            cursor.execute(f'ALTER TABLE {TABLE} DROP CONSTRAINT "{name}"')
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {OLD}")
        for definition in indexes:
            name = definition.split(" INDEX ", 1)[1].split(" ON ", 1)[0]
            cursor.execute(f"DROP INDEX {name}")
        cursor.execute(
            f"CREATE TABLE {TABLE} (LIKE {OLD} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY)"
            + (" PARTITION BY LIST (year)" if partitioned else "")
        )
        if partitioned:
            cursor.execute(f"CREATE TABLE {TABLE}_default PARTITION OF {TABLE} DEFAULT")
            cursor.execute(f"SELECT DISTINCT year FROM {OLD} ORDER BY year")
            for (year,) in cursor.fetchall():
                cursor.execute(f"CREATE TABLE {TABLE}_y{int(year)} PARTITION OF {TABLE} FOR VALUES IN ({int(year)})")
        cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {OLD}")
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{TABLE}', 'id'), coalesce(max(id), 0) + 1, false) FROM {TABLE}")
        cursor.execute(f"DROP TABLE {OLD}")
        for name, kind, definition in constraints:
            if kind == "p":
                definition = "PRIMARY KEY (id, year)" if partitioned else "PRIMARY KEY (id)"
            cursor.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {definition}')
        for definition in indexes:
            cursor.execute(definition)


def partition_by_year(apps, schema_editor) -> None:
    _rebuild(schema_editor, partitioned=True)


def one_table(apps, schema_editor) -> None:
    _rebuild(schema_editor, partitioned=False)


class Migration(migrations.Migration):

    dependencies = [
        ("indicators", "0004_observation_fk_indexes_covered"),
    ]

    operations = [
        migrations.AlterField(
            model_name="observation",
            name="source",
            field=models.ForeignKey(
                db_index=False, on_delete=models.deletion.PROTECT, related_name="observations",
                to="indicators.source",
            ),
        ),
        migrations.RunPython(partition_by_year, one_table),
    ]
