"""One full-text document per record on PostgreSQL, kept current by the database.

Search used to find records by matching every turn and note and grouping the hits by
record; at archive scale a common word matches millions of turns, and each facet count
repeated that work. ``catalog_record.search_document`` holds a record's title (weight A),
summary (B), turns and published, attached notes (D) as one ``tsvector`` with a GIN
index, so "which records match" is one index lookup per query.

The column is not a model field: Django never reads or writes it, fixtures and history
never carry it. Triggers keep it current whatever writes the rows (the admin, the
importer's bulk inserts, ``QuerySet.update``, a restore):

- a record's title or summary changing recomputes its document (row trigger, BEFORE);
- inserting, changing or deleting turns or notes recomputes the documents of the
  records concerned, once per statement (statement triggers with transition tables),
  and only where text, status or place changed.

A record too long for one tsvector (1 MB) keeps a document of its title and summary.
SQLite searches by containment and gets none of this.
"""
from django.db import migrations

DOCUMENT_FUNCTION = """
CREATE OR REPLACE FUNCTION catalog_record_document(rid bigint, title text, summary text)
RETURNS tsvector LANGUAGE plpgsql STABLE AS $$
DECLARE
    heading tsvector := setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
                     || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B');
BEGIN
    RETURN heading
        || coalesce((SELECT to_tsvector('english'::regconfig, string_agg(t.text, E'\\n\\n' ORDER BY t.number))
                     FROM catalog_turn t WHERE t.record_id = rid), ''::tsvector)
        -- notes found through the record's turn IDs, so the plan never scans every note
        || coalesce((SELECT to_tsvector('english'::regconfig, string_agg(a.body, E'\\n\\n' ORDER BY a.id))
                     FROM catalog_annotation a
                     WHERE a.turn_id = ANY(ARRAY(SELECT t.id FROM catalog_turn t WHERE t.record_id = rid))
                       AND a.status = 'published' AND NOT a.detached), ''::tsvector);
EXCEPTION WHEN program_limit_exceeded THEN
    RETURN heading;
END $$;

CREATE OR REPLACE FUNCTION catalog_refresh_record_documents(ids bigint[])
RETURNS void LANGUAGE sql AS $$
    UPDATE catalog_record r SET search_document = catalog_record_document(r.id, r.title, r.summary)
    WHERE r.id = ANY(ids);
$$;
"""

RECORD_TRIGGER = """
CREATE OR REPLACE FUNCTION catalog_record_document_on_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.search_document := catalog_record_document(NEW.id, NEW.title, NEW.summary);
    ELSIF NEW.title IS DISTINCT FROM OLD.title OR NEW.summary IS DISTINCT FROM OLD.summary THEN
        NEW.search_document := catalog_record_document(NEW.id, NEW.title, NEW.summary);
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER catalog_record_document_on_write
    BEFORE INSERT OR UPDATE ON catalog_record
    FOR EACH ROW EXECUTE FUNCTION catalog_record_document_on_write();
"""

TURN_TRIGGERS = """
CREATE OR REPLACE FUNCTION catalog_turn_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM catalog_refresh_record_documents(ARRAY(SELECT DISTINCT record_id FROM changed));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM catalog_refresh_record_documents(ARRAY(SELECT DISTINCT record_id FROM gone));
    ELSE
        PERFORM catalog_refresh_record_documents(ARRAY(
            SELECT DISTINCT unnest(ARRAY[n.record_id, o.record_id])
            FROM changed n JOIN gone o ON o.id = n.id
            WHERE n.text IS DISTINCT FROM o.text OR n.number IS DISTINCT FROM o.number
               OR n.record_id IS DISTINCT FROM o.record_id));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER catalog_turn_documents_insert AFTER INSERT ON catalog_turn
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION catalog_turn_documents();
CREATE TRIGGER catalog_turn_documents_update AFTER UPDATE ON catalog_turn
    REFERENCING OLD TABLE AS gone NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION catalog_turn_documents();
CREATE TRIGGER catalog_turn_documents_delete AFTER DELETE ON catalog_turn
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION catalog_turn_documents();
"""

NOTE_TRIGGERS = """
CREATE OR REPLACE FUNCTION catalog_annotation_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM catalog_refresh_record_documents(ARRAY(
            SELECT DISTINCT t.record_id FROM changed a JOIN catalog_turn t ON t.id = a.turn_id
            WHERE a.status = 'published'));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM catalog_refresh_record_documents(ARRAY(
            SELECT DISTINCT t.record_id FROM gone a JOIN catalog_turn t ON t.id = a.turn_id
            WHERE a.status = 'published'));
    ELSE
        PERFORM catalog_refresh_record_documents(ARRAY(
            SELECT DISTINCT t.record_id
            FROM changed n JOIN gone o ON o.id = n.id
            JOIN catalog_turn t ON t.id IN (n.turn_id, o.turn_id)
            WHERE (n.status = 'published' OR o.status = 'published')
              AND (n.body IS DISTINCT FROM o.body OR n.status IS DISTINCT FROM o.status
                   OR n.detached IS DISTINCT FROM o.detached OR n.turn_id IS DISTINCT FROM o.turn_id)));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER catalog_annotation_documents_insert AFTER INSERT ON catalog_annotation
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION catalog_annotation_documents();
CREATE TRIGGER catalog_annotation_documents_update AFTER UPDATE ON catalog_annotation
    REFERENCING OLD TABLE AS gone NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION catalog_annotation_documents();
CREATE TRIGGER catalog_annotation_documents_delete AFTER DELETE ON catalog_annotation
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION catalog_annotation_documents();
"""

CREATE = f"""
ALTER TABLE catalog_record ADD COLUMN search_document tsvector;
{DOCUMENT_FUNCTION}
{RECORD_TRIGGER}
{TURN_TRIGGERS}
{NOTE_TRIGGERS}
UPDATE catalog_record SET search_document = catalog_record_document(id, title, summary);
CREATE INDEX catalog_record_search_document ON catalog_record USING GIN (search_document);
DROP INDEX IF EXISTS catalog_record_title_summary_fts;
"""

DROP = """
DROP TRIGGER IF EXISTS catalog_annotation_documents_insert ON catalog_annotation;
DROP TRIGGER IF EXISTS catalog_annotation_documents_update ON catalog_annotation;
DROP TRIGGER IF EXISTS catalog_annotation_documents_delete ON catalog_annotation;
DROP TRIGGER IF EXISTS catalog_turn_documents_insert ON catalog_turn;
DROP TRIGGER IF EXISTS catalog_turn_documents_update ON catalog_turn;
DROP TRIGGER IF EXISTS catalog_turn_documents_delete ON catalog_turn;
DROP TRIGGER IF EXISTS catalog_record_document_on_write ON catalog_record;
DROP FUNCTION IF EXISTS catalog_annotation_documents();
DROP FUNCTION IF EXISTS catalog_turn_documents();
DROP FUNCTION IF EXISTS catalog_record_document_on_write();
DROP FUNCTION IF EXISTS catalog_refresh_record_documents(bigint[]);
DROP FUNCTION IF EXISTS catalog_record_document(bigint, text, text);
ALTER TABLE catalog_record DROP COLUMN IF EXISTS search_document;
CREATE INDEX IF NOT EXISTS catalog_record_title_summary_fts ON catalog_record USING GIN
    ((setweight(to_tsvector('english'::regconfig, COALESCE("title", '')), 'A')
      || setweight(to_tsvector('english'::regconfig, COALESCE("summary", '')), 'B')));
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_merge_0003_editing_workflow_0003_reading_search")]

    operations = [migrations.RunPython(create, drop)]
