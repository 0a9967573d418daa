"""Full-text search of contributions (search.py): an FTS5 table on SQLite, a GIN index on PostgreSQL."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

FTS = "participation_contribution_fts"
TABLE = "participation_contribution"
INDEX = "participation_contribution_search"

SQLITE = [
    f"""CREATE VIRTUAL TABLE {FTS} USING fts5(title, text, content='{TABLE}', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN
    INSERT INTO {FTS}(rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text); END""",
    f"""CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN
    INSERT INTO {FTS}({FTS}, rowid, title, text) VALUES ('delete', OLD.id, OLD.title, OLD.text); END""",
    f"""CREATE TRIGGER {FTS}_update AFTER UPDATE OF title, text ON {TABLE} BEGIN
    INSERT INTO {FTS}({FTS}, rowid, title, text) VALUES ('delete', OLD.id, OLD.title, OLD.text);
    INSERT INTO {FTS}(rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text); END""",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER {FTS}_insert", f"DROP TRIGGER {FTS}_delete", f"DROP TRIGGER {FTS}_update", f"DROP TABLE {FTS}",
]


def _index():
    """The same expression as search.search_vector(), so the query uses the index."""
    return GinIndex(SearchVector("title", "text", config="dutch"), name=INDEX)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement, params=None)
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("participation", "Contribution"), _index())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement, params=None)
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("participation", "Contribution"), _index())


class Migration(migrations.Migration):
    dependencies = [("participation", "0002_append_only_trail")]
    operations = [migrations.RunPython(create, drop)]
