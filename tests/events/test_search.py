"""PostgreSQL search features: the stored search vector stays current, and the indexes serve the queries."""

import datetime

from django.db import connection

from entities.models import Person
from events.models import Event, Participant, Role
from events.search import EventSearch, search_events
from tests.entities.factories import PersonFactory
from tests.events.factories import ArticleFactory, EventFactory, EvidenceFactory
from tests.search_fixtures import approved

APPROVED = Event.ReviewStatus.APPROVED


def matches(text: str) -> set[int]:
    return set(search_events(None, EventSearch(text=text)).values_list("pk", flat=True))


def test_search_vector_is_filled_on_insert_and_follows_summary_edits(postgres):
    event = approved(summary="Russia buys Shahed drones")
    assert matches("drone") == {event.pk}  # stemmed: drones → drone
    event.summary = "Russia buys artillery"
    event.save()
    assert matches("drone") == set()
    assert matches("artillery") == {event.pk}


def test_search_vector_follows_evidence_added_changed_and_removed(postgres):
    event = approved(summary="Transfer", items=[])
    evidence = EvidenceFactory(event=event, article=ArticleFactory(text="A ship called at Rajin port."))
    assert matches("Rajin") == {event.pk}
    evidence.sentence = "The ship sailed to Nakhodka."
    evidence.save()
    assert matches("Rajin") == set() and matches("Nakhodka") == {event.pk}
    evidence.delete()
    assert matches("Nakhodka") == set()


def test_free_text_uses_web_search_syntax(postgres):
    shells = approved(summary="North Korea ships artillery shells to Russia", items=[])
    approved(summary="North Korea ships coal to China", items=[])
    assert matches('"artillery shells" -coal') == {shells.pk}


def test_person_search_tolerates_misspelt_names(postgres):
    event = approved(summary="Sanctions", participants={})
    Participant.objects.create(event=event, role=Role.SUPPLIER, person=PersonFactory(name="Kim Yo Jong"))
    found = search_events(None, EventSearch(person="Kim Yo Jung")).values_list("pk", flat=True)
    assert list(found) == [event.pk]


def plan(sql: str, params: list, *switched_off: str) -> str:
    """The query plan with sequential scans (and the given plan types) priced out, as on a big table."""
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", *switched_off):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_free_text_query_is_served_by_the_gin_index(postgres):
    approved(summary="North Korea ships artillery shells")
    with connection.cursor() as cursor:  # enough other rows for the planner to prefer the index
        cursor.execute(
            """INSERT INTO events_event (event_type, review_status, certainty, date_precision, items, quantity,
                   summary, confidence, source_count, review_note, extractor_version, created_at, updated_at)
               SELECT 'arms_transfer', 'approved', 'reported', '', '[]', '', 'Filler event ' || g, 0.5, 1, '', '',
                      now(), now() FROM generate_series(1, 5000) g"""
        )
        # Fresh rows wait in the GIN index's pending list, which the planner prices as a scan of it.
        cursor.execute("SELECT gin_clean_pending_list('event_search_vector_gin'::regclass)")
        cursor.execute("ANALYZE events_event")
    sql, params = search_events(None, EventSearch(text="shells")).order_by().query.sql_with_params()
    assert "event_search_vector_gin" in plan(sql, params)


def test_newest_first_list_is_served_by_the_approved_date_index(postgres):
    EventFactory.create_batch(3, review_status=APPROVED, event_date=datetime.date(2024, 1, 1))
    events = search_events(None, EventSearch()).order_by("-sort_date", "-id")[:26]
    assert "event_approved_date_idx" in plan(*events.query.sql_with_params(), "enable_sort")


def test_person_name_search_is_served_by_the_trigram_index(postgres):
    PersonFactory.create_batch(3)
    sql, params = Person.objects.filter(name__trigram_word_similar="Kim").query.sql_with_params()
    assert "person_name_trgm_idx" in plan(sql, params)
