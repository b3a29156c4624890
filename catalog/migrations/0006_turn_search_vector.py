"""Each turn's full-text vector stored beside its text, on PostgreSQL.

Search results show, for each record on the page, which of its turns matched; with an
index on the expression ``to_tsvector(text)`` PostgreSQL recomputed the vector of every
turn of those records (about 40 µs each, a few thousand turns a page). A stored
generated column is computed once, when the text is written, and read thereafter; its
GIN index replaces the expression index. Django does not know the column: it never
writes it, fixtures and history never carry it. SQLite gets none of this.
"""
from django.db import migrations

CREATE = """
ALTER TABLE catalog_turn ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('english'::regconfig, COALESCE("text", ''))) STORED;
CREATE INDEX catalog_turn_search_vector ON catalog_turn USING GIN (search_vector);
DROP INDEX IF EXISTS catalog_turn_text_fts;
"""

DROP = """
ALTER TABLE catalog_turn DROP COLUMN IF EXISTS search_vector;
CREATE INDEX IF NOT EXISTS catalog_turn_text_fts ON catalog_turn
    USING GIN ((to_tsvector('english'::regconfig, COALESCE("text", ''))));
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_record_search_document")]

    operations = [migrations.RunPython(create, drop)]
