"""Full-text search and list-order indexes for public search (PostgreSQL only).

Event.search_vector is maintained by triggers, so every write path (admin,
services, bulk loads, raw SQL) keeps it right:
- events_event BEFORE INSERT / UPDATE OF summary, items: recompute from the row;
- events_evidence AFTER INSERT / UPDATE / DELETE (per statement): recompute the affected events.
On SQLite nothing here runs; search falls back to icontains matching.
"""

from django.db import migrations

SEARCH_DOCUMENT_FUNCTION = """
CREATE OR REPLACE FUNCTION events_event_search_document(p_event_id bigint, p_summary text, p_items jsonb)
RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('english', coalesce(p_summary, '')), 'A')
        || setweight(to_tsvector('english', coalesce(
               (SELECT string_agg(item, ' ') FROM jsonb_array_elements_text(
                    CASE WHEN jsonb_typeof(p_items) = 'array' THEN p_items ELSE '[]'::jsonb END) AS item),
               '')), 'B')
        || setweight(to_tsvector('english', coalesce(
               (SELECT string_agg(sentence, ' ') FROM events_evidence WHERE event_id = p_event_id),
               '')), 'C')
$$;
"""

FORWARD = [
    SEARCH_DOCUMENT_FUNCTION,
    """
    CREATE OR REPLACE FUNCTION events_event_search_vector_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector := events_event_search_document(NEW.id, NEW.summary, NEW.items);
        RETURN NEW;
    END $$;
    """,
    """
    CREATE TRIGGER events_event_search_vector
    BEFORE INSERT OR UPDATE OF summary, items ON events_event
    FOR EACH ROW EXECUTE FUNCTION events_event_search_vector_trigger();
    """,
    # Statement-level, with transition tables: a bulk insert or COPY of evidence
    # refreshes each affected event once, in one set-based UPDATE.
    """
    CREATE OR REPLACE FUNCTION events_evidence_search_vector_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            UPDATE events_event e SET search_vector = events_event_search_document(e.id, e.summary, e.items)
             WHERE e.id IN (SELECT event_id FROM new_evidence);
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            UPDATE events_event e SET search_vector = events_event_search_document(e.id, e.summary, e.items)
             WHERE e.id IN (SELECT event_id FROM old_evidence);
        END IF;
        RETURN NULL;
    END $$;
    """,
    # Transition tables allow one event per trigger, hence three triggers.
    """
    CREATE TRIGGER events_evidence_search_vector_insert AFTER INSERT ON events_evidence
    REFERENCING NEW TABLE AS new_evidence
    FOR EACH STATEMENT EXECUTE FUNCTION events_evidence_search_vector_trigger();
    """,
    """
    CREATE TRIGGER events_evidence_search_vector_update AFTER UPDATE ON events_evidence
    REFERENCING OLD TABLE AS old_evidence NEW TABLE AS new_evidence
    FOR EACH STATEMENT EXECUTE FUNCTION events_evidence_search_vector_trigger();
    """,
    """
    CREATE TRIGGER events_evidence_search_vector_delete AFTER DELETE ON events_evidence
    REFERENCING OLD TABLE AS old_evidence
    FOR EACH STATEMENT EXECUTE FUNCTION events_evidence_search_vector_trigger();
    """,
    # Existing rows.
    "UPDATE events_event SET search_vector = events_event_search_document(id, summary, items);",
    # Serves free-text search: WHERE search_vector @@ websearch_to_tsquery('english', ?).
    "CREATE INDEX IF NOT EXISTS event_search_vector_gin ON events_event USING gin (search_vector);",
    # Serves public lists sorted by date, first page and cursor pages:
    # WHERE review_status='approved' [AND EXISTS participant…]
    # ORDER BY COALESCE(event_date, '0001-01-01') DESC, id DESC.
    """
    CREATE INDEX IF NOT EXISTS event_approved_date_idx ON events_event
    ((COALESCE(event_date, '0001-01-01'::date)) DESC, id DESC) WHERE review_status = 'approved';
    """,
    # Serves public lists sorted by corroboration:
    # WHERE review_status='approved' ORDER BY source_count DESC, id DESC.
    """
    CREATE INDEX IF NOT EXISTS event_approved_sources_idx ON events_event
    (source_count DESC, id DESC) WHERE review_status = 'approved';
    """,
]

BACKWARD = [
    "DROP INDEX IF EXISTS event_approved_sources_idx;",
    "DROP INDEX IF EXISTS event_approved_date_idx;",
    "DROP INDEX IF EXISTS event_search_vector_gin;",
    "DROP TRIGGER IF EXISTS events_evidence_search_vector_insert ON events_evidence;",
    "DROP TRIGGER IF EXISTS events_evidence_search_vector_update ON events_evidence;",
    "DROP TRIGGER IF EXISTS events_evidence_search_vector_delete ON events_evidence;",
    "DROP FUNCTION IF EXISTS events_evidence_search_vector_trigger();",
    "DROP TRIGGER IF EXISTS events_event_search_vector ON events_event;",
    "DROP FUNCTION IF EXISTS events_event_search_vector_trigger();",
    "DROP FUNCTION IF EXISTS events_event_search_document(bigint, text, jsonb);",
]


def run_on_postgresql(statements: list[str]):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_admin_search_trigram"),
    ]

    operations = [
        migrations.RunPython(run_on_postgresql(FORWARD), run_on_postgresql(BACKWARD)),
    ]
