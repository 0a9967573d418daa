"""Database triggers that keep a period's history append-only, whatever code or query runs.

Refused: any UPDATE of a PeriodEvent, except setting its actor to empty (deleting that account);
any DELETE, except of the history of demo periods (SurveyPeriod.is_example), which may be
removed as a whole. So that this exception cannot be abused, is_example never changes.
"""

from django.db import migrations

EVENT = "surveys_periodevent"
PERIOD = "surveys_surveyperiod"
MESSAGE = "the survey period history is append-only"
KEPT = ("id", "period_id", "from_status", "to_status", "note", "created_at")

SQLITE = [
    f"""CREATE TRIGGER surveys_event_no_update BEFORE UPDATE ON {EVENT}
    WHEN NOT (NEW.actor_id IS NULL AND {" AND ".join(f"NEW.{column} IS OLD.{column}" for column in KEPT)})
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER surveys_event_no_delete BEFORE DELETE ON {EVENT}
    WHEN NOT COALESCE((SELECT is_example FROM {PERIOD} WHERE id = OLD.period_id), 0)
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER surveys_example_fixed BEFORE UPDATE OF is_example ON {PERIOD}
    WHEN NEW.is_example IS NOT OLD.is_example
    BEGIN SELECT RAISE(ABORT, 'is_example cannot change'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER surveys_event_no_update",
    "DROP TRIGGER surveys_event_no_delete",
    "DROP TRIGGER surveys_example_fixed",
]

POSTGRESQL = [
    f"""CREATE FUNCTION surveys_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL
           AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
            RETURN NEW;
        END IF;
        IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM {PERIOD} WHERE id = OLD.period_id AND is_example) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
    END $$""",
    f"""CREATE TRIGGER surveys_event_append_only BEFORE UPDATE OR DELETE ON {EVENT}
    FOR EACH ROW EXECUTE FUNCTION surveys_event_append_only()""",
    """CREATE FUNCTION surveys_example_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.is_example IS DISTINCT FROM OLD.is_example THEN
            RAISE EXCEPTION 'is_example cannot change' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
    END $$""",
    f"""CREATE TRIGGER surveys_example_fixed BEFORE UPDATE OF is_example ON {PERIOD}
    FOR EACH ROW EXECUTE FUNCTION surveys_example_fixed()""",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER surveys_event_append_only ON {EVENT}",
    "DROP FUNCTION surveys_event_append_only()",
    f"DROP TRIGGER surveys_example_fixed ON {PERIOD}",
    "DROP FUNCTION surveys_example_fixed()",
]


def create(apps, schema_editor):
    _run(schema_editor, SQLITE if schema_editor.connection.vendor == "sqlite" else POSTGRESQL)


def drop(apps, schema_editor):
    _run(schema_editor, SQLITE_REVERSE if schema_editor.connection.vendor == "sqlite" else POSTGRESQL_REVERSE)


def _run(schema_editor, statements):
    if schema_editor.connection.vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError("The history's triggers exist for SQLite and PostgreSQL only.")
    for statement in statements:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
