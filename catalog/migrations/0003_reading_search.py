"""Full-text search indexes for PostgreSQL; nothing on other databases.

Each index is on exactly the expression catalog.search writes in its WHERE clauses
(``to_tsvector('english'::regconfig, COALESCE(column, ''))``), so the planner can use
it. SQLite searches by containment and needs none.
"""
from django.db import migrations

INDEXES = {
    "catalog_turn_text_fts": (
        "catalog_turn",
        "to_tsvector('english'::regconfig, COALESCE(\"text\", ''))",
    ),
    "catalog_annotation_body_fts": (
        "catalog_annotation",
        "to_tsvector('english'::regconfig, COALESCE(\"body\", ''))",
    ),
    "catalog_record_title_summary_fts": (
        "catalog_record",
        "(setweight(to_tsvector('english'::regconfig, COALESCE(\"title\", '')), 'A')"
        " || setweight(to_tsvector('english'::regconfig, COALESCE(\"summary\", '')), 'B'))",
    ),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, expression) in INDEXES.items():
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING GIN (({expression}))')


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_turn_speaker_same_record")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
