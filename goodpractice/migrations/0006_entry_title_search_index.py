"""On PostgreSQL only: a GIN index of the published entries' title words, so the search can find
the entries whose title holds a common word without reading the others (see
`selectors.TITLE_MATCH_SQL`, whose expression it must equal)."""

from django.db import migrations

INDEX_SQL = """
CREATE INDEX IF NOT EXISTS gp_entry_title_search ON goodpractice_entry
USING gin (to_tsvector('english', coalesce(title, ''))) WHERE status = 'published';
"""
UNDO_SQL = "DROP INDEX IF EXISTS gp_entry_title_search;"


def on_postgresql(sql: str):
    """A migration step running `sql` on PostgreSQL and nothing elsewhere."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("goodpractice", "0005_entry_data_sources")]

    operations = [migrations.RunPython(on_postgresql(INDEX_SQL), on_postgresql(UNDO_SQL))]
