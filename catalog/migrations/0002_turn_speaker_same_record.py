"""A turn's speaker must take part in the same record: enforced by a trigger.

Django cannot express a foreign key across (record, participant), so the
database checks it on every insert and update, whatever wrote the row.
"""
from django.db import migrations

SQLITE = [
    """
    CREATE TRIGGER catalog_turn_speaker_same_record_insert
    BEFORE INSERT ON catalog_turn
    FOR EACH ROW WHEN NEW.speaker_id IS NOT NULL
      AND (SELECT record_id FROM catalog_participant WHERE id = NEW.speaker_id) IS NOT NEW.record_id
    BEGIN SELECT RAISE(ABORT, 'turn speaker must be a participant of the same record'); END;
    """,
    """
    CREATE TRIGGER catalog_turn_speaker_same_record_update
    BEFORE UPDATE ON catalog_turn
    FOR EACH ROW WHEN NEW.speaker_id IS NOT NULL
      AND (SELECT record_id FROM catalog_participant WHERE id = NEW.speaker_id) IS NOT NEW.record_id
    BEGIN SELECT RAISE(ABORT, 'turn speaker must be a participant of the same record'); END;
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS catalog_turn_speaker_same_record_insert;",
    "DROP TRIGGER IF EXISTS catalog_turn_speaker_same_record_update;",
]

POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION catalog_turn_speaker_same_record() RETURNS trigger AS $$
    BEGIN
      IF NEW.speaker_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM catalog_participant p WHERE p.id = NEW.speaker_id AND p.record_id = NEW.record_id
      ) THEN
        RAISE EXCEPTION 'turn speaker must be a participant of the same record'
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER catalog_turn_speaker_same_record
    BEFORE INSERT OR UPDATE ON catalog_turn
    FOR EACH ROW EXECUTE FUNCTION catalog_turn_speaker_same_record();
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS catalog_turn_speaker_same_record ON catalog_turn;",
    "DROP FUNCTION IF EXISTS catalog_turn_speaker_same_record();",
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
