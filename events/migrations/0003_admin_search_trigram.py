"""Trigram indexes for the review admin's substring search (PostgreSQL only; SQLite scans, being small)."""

from django.db import migrations

# On the UPPER() expressions because that is how Django writes icontains on PostgreSQL.
INDEXES = [
    # Serves the admin search: SELECT id FROM events_event WHERE UPPER(summary::text) LIKE UPPER('%word%').
    "CREATE INDEX IF NOT EXISTS event_summary_trgm_idx ON events_event USING gin (UPPER(summary::text) gin_trgm_ops)",
    # Serves the admin search: SELECT event_id FROM events_evidence WHERE UPPER(sentence::text) LIKE UPPER('%word%').
    "CREATE INDEX IF NOT EXISTS evidence_sentence_trgm_idx ON events_evidence USING gin (UPPER(sentence) gin_trgm_ops)",
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for sql in INDEXES:
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS event_summary_trgm_idx")
        schema_editor.execute("DROP INDEX IF EXISTS evidence_sentence_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("events", "0002_admin_indexes")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
