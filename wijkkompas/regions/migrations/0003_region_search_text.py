"""Region search (search.py): the search text, an FTS5 table with the trigram tokenizer on SQLite
(kept in step by triggers), pg_trgm and a GIN trigram index on PostgreSQL."""

from django.db import migrations, models

FTS = "regions_region_fts"
TABLE = "regions_region"
INDEX = "regions_region_search_trgm"

SQLITE = [
    f"""CREATE VIRTUAL TABLE {FTS} USING fts5(search_text, content='{TABLE}', content_rowid='id',
    tokenize='trigram')""",
    f"""CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN
    INSERT INTO {FTS}(rowid, search_text) VALUES (NEW.id, NEW.search_text); END""",
    f"""CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN
    INSERT INTO {FTS}({FTS}, rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text); END""",
    f"""CREATE TRIGGER {FTS}_update AFTER UPDATE OF search_text ON {TABLE} BEGIN
    INSERT INTO {FTS}({FTS}, rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text);
    INSERT INTO {FTS}(rowid, search_text) VALUES (NEW.id, NEW.search_text); END""",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER {FTS}_insert", f"DROP TRIGGER {FTS}_delete", f"DROP TRIGGER {FTS}_update", f"DROP TABLE {FTS}",
]
POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX {INDEX} ON {TABLE} USING gin (search_text gin_trgm_ops)",
]
POSTGRESQL_REVERSE = [f"DROP INDEX {INDEX}"]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, SQLITE if vendor == "sqlite" else POSTGRESQL if vendor == "postgresql" else [])


def fill(apps, schema_editor):
    """The search texts of the regions already imported."""
    from wijkkompas.regions.search import search_texts_refresh

    search_texts_refresh()


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, SQLITE_REVERSE if vendor == "sqlite" else POSTGRESQL_REVERSE if vendor == "postgresql" else [])


class Migration(migrations.Migration):
    dependencies = [("regions", "0002_postcode_area")]
    operations = [
        migrations.AddField(
            model_name="region",
            name="search_text",
            field=models.TextField(
                blank=True, default="",
                help_text="Name, everyday names and municipality, as search matches them (regions/search.py).",
            ),
        ),
        migrations.RunPython(create, drop),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
