"""Reference data (themes, the moderation checklist) and, on PostgreSQL only, full-text search:
a stored generated tsvector column over the entry's text, weighted title A, summary B, the rest
C, with a GIN index. SQLite has neither; the selectors fall back to plain text matching there."""

from django.db import migrations

SEARCH_SQL = """
ALTER TABLE goodpractice_entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(summary, '')), 'B')
    || setweight(to_tsvector('english', coalesce(search_document, '')), 'C')
) STORED;
CREATE INDEX gp_entry_search_gin ON goodpractice_entry USING gin (search_vector);
"""
UNDO_SQL = """
DROP INDEX IF EXISTS gp_entry_search_gin;
ALTER TABLE goodpractice_entry DROP COLUMN IF EXISTS search_vector;
"""


def load(apps, schema_editor):
    from goodpractice.reference_data import load_reference_data

    load_reference_data(apps.get_model("goodpractice", "Theme"),
                        apps.get_model("goodpractice", "Criterion"))


def add_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_SQL)


def remove_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNDO_SQL)


class Migration(migrations.Migration):
    dependencies = [("goodpractice", "0001_initial")]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(add_search, remove_search),
    ]
