"""Database triggers that keep the trail append-only, whatever code or query runs.

Refused: any UPDATE of a ContributionEvent, except setting its actor to empty (and nothing
else), which is what deleting that account does (on_delete=SET_NULL); any DELETE, except of
the trail of demo content (Contribution.is_example), which may be removed as a whole. So that
this exception cannot be abused, is_example never changes once a contribution is stored.
"""

from django.db import migrations

EVENT = "participation_contributionevent"
CONTRIBUTION = "participation_contribution"
MESSAGE = "the contribution trail is append-only"

#: Columns that must stay as they are on the one UPDATE allowed (actor_id to NULL).
KEPT = ("id", "contribution_id", "kind", "from_status", "to_status", "public_text", "reason_category",
        "organisation_id", "is_public", "created_at")

SQLITE = [
    f"""CREATE TRIGGER participation_event_no_update BEFORE UPDATE ON {EVENT}
    WHEN NOT (NEW.actor_id IS NULL AND {" AND ".join(f"NEW.{column} IS OLD.{column}" for column in KEPT)})
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER participation_event_no_delete BEFORE DELETE ON {EVENT}
    WHEN NOT COALESCE((SELECT is_example FROM {CONTRIBUTION} WHERE id = OLD.contribution_id), 0)
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER participation_example_fixed BEFORE UPDATE OF is_example ON {CONTRIBUTION}
    WHEN NEW.is_example IS NOT OLD.is_example
    BEGIN SELECT RAISE(ABORT, 'is_example cannot change'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER participation_event_no_update",
    "DROP TRIGGER participation_event_no_delete",
    "DROP TRIGGER participation_example_fixed",
]

POSTGRESQL = [
    f"""CREATE FUNCTION participation_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL
           AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
            RETURN NEW;
        END IF;
        IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM {CONTRIBUTION} WHERE id = OLD.contribution_id AND is_example) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
    END $$""",
    f"""CREATE TRIGGER participation_event_append_only BEFORE UPDATE OR DELETE ON {EVENT}
    FOR EACH ROW EXECUTE FUNCTION participation_event_append_only()""",
    """CREATE FUNCTION participation_example_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.is_example IS DISTINCT FROM OLD.is_example THEN
            RAISE EXCEPTION 'is_example cannot change' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
    END $$""",
    f"""CREATE TRIGGER participation_example_fixed BEFORE UPDATE OF is_example ON {CONTRIBUTION}
    FOR EACH ROW EXECUTE FUNCTION participation_example_fixed()""",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER participation_event_append_only ON {EVENT}",
    "DROP FUNCTION participation_event_append_only()",
    f"DROP TRIGGER participation_example_fixed ON {CONTRIBUTION}",
    "DROP FUNCTION participation_example_fixed()",
]


def create(apps, schema_editor):
    _run(schema_editor, SQLITE if schema_editor.connection.vendor == "sqlite" else POSTGRESQL)


def drop(apps, schema_editor):
    _run(schema_editor, SQLITE_REVERSE if schema_editor.connection.vendor == "sqlite" else POSTGRESQL_REVERSE)


def _run(schema_editor, statements):
    if schema_editor.connection.vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError("The trail's triggers exist for SQLite and PostgreSQL only.")
    for statement in statements:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
