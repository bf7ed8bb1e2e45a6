"""The review list: default queue, filters, search, columns, and a cost that does not grow with the page."""

import pytest
from django.db import connection
from django.urls import reverse

from events.admin.events import EventAdmin
from events.models import Event, Role
from events.review import approve_events
from events.review_queue import estimated_count
from tests.events.factories import EventFactory, EvidenceFactory

pytestmark = pytest.mark.django_db
Status = Event.ReviewStatus
URL = reverse("admin:events_event_changelist")


@pytest.fixture
def browse(client, reviewer):
    client.force_login(reviewer)

    def get(query: str = ""):
        response = client.get(URL + query)
        assert response.status_code == 200, response
        return response, {e.pk for e in response.context["cl"].result_list}

    return get


def test_list_shows_candidates_unless_another_status_is_chosen(browse):
    candidate = EventFactory()
    approved = EventFactory(review_status=Status.APPROVED)
    assert browse()[1] == {candidate.pk}
    assert browse("?status=approved")[1] == {approved.pk}
    assert browse("?status=all")[1] == {candidate.pk, approved.pk}


@pytest.mark.parametrize("name", ["North Korea", "DPRK", "PRK", "north korean"])
def test_country_filter_understands_names_codes_and_demonyms(browse, name):
    korean = EventFactory(participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]})
    EventFactory(participants={Role.SUPPLIER: ["IRN"], Role.RECIPIENT: ["RUS"]})
    assert browse(f"?country={name}")[1] == {korean.pk}


def test_country_filter_can_require_a_role(browse):
    supplied = EventFactory(participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]})
    received = EventFactory(participants={Role.SUPPLIER: ["RUS"], Role.RECIPIENT: ["PRK"]})
    assert browse("?country=PRK&country_role=supplier")[1] == {supplied.pk}
    assert browse("?country=PRK&country_role=recipient")[1] == {received.pk}
    assert browse("?country=PRK")[1] == {supplied.pk, received.pk}


def test_unknown_country_is_reported_not_ignored(client, reviewer):
    client.force_login(reviewer)
    response = client.get(URL + "?country=Atlantis")
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_date_range_filter(browse):
    from datetime import date

    inside = EventFactory(event_date=date(2024, 3, 1))
    EventFactory(event_date=date(2023, 3, 1))
    assert browse("?date_from=2024-01-01&date_to=2024-12-31")[1] == {inside.pk}


def test_sanctioned_participant_filter_counts_linked_active_entries_only(browse):
    from datetime import date

    from entities.models import SanctionsMatch
    from events.models import EventType, Participant
    from tests.entities.factories import PersonFactory, SanctionsEntryFactory

    def imposition_on(person):
        event = EventFactory(event_type=EventType.SANCTIONS_IMPOSITION, participants={Role.IMPOSER: ["USA"]})
        Participant.objects.create(event=event, role=Role.TARGET, person=person)
        return event

    listed, pending, delisted = PersonFactory(), PersonFactory(), PersonFactory()
    on_list = imposition_on(listed)
    imposition_on(pending)
    imposition_on(delisted)
    plain = EventFactory()
    for person, state, entry in [
        (listed, SanctionsMatch.State.AUTO_LINKED, SanctionsEntryFactory()),
        (pending, SanctionsMatch.State.PENDING, SanctionsEntryFactory()),
        (delisted, SanctionsMatch.State.AUTO_LINKED, SanctionsEntryFactory(delisted_on=date(2020, 1, 1))),
    ]:
        SanctionsMatch.objects.create(person=person, entry=entry, score=0.95, state=state)
    assert browse("?sanctioned=yes")[1] == {on_list.pk}
    assert on_list.pk not in browse("?sanctioned=no")[1]
    assert plain.pk in browse("?sanctioned=no")[1]


def test_confidence_band_filter(browse):
    high = EventFactory(confidence=0.9)
    low = EventFactory(confidence=0.3)
    assert browse("?confidence=high")[1] == {high.pk}
    assert browse("?confidence=low")[1] == {low.pk}


def test_search_covers_summary_participant_names_and_evidence(browse):
    quoted = EvidenceFactory(sentence="The freighter Lazurit docked at Vostochny.").event
    by_name = EventFactory(participants={Role.SUPPLIER: ["IRN"], Role.RECIPIENT: ["RUS"]})
    by_summary = EventFactory(summary="Belarus → Russia: tanks")
    assert browse("?q=lazurit")[1] == {quoted.pk}
    assert browse("?q=iran")[1] == {by_name.pk}
    assert browse("?q=tanks")[1] == {by_summary.pk}


def test_rows_show_summary_participants_by_role_and_last_review(browse, reviewer):
    event = EventFactory(summary="North Korea → Russia: artillery shells, rockets")
    approve_events([event], by=reviewer)
    content = browse("?status=approved")[0].content.decode()
    assert "North Korea → Russia: artillery shells, rockets" in content
    assert "<div>supplier: North Korea</div>" in content
    assert "by rita" in content


# session, user, the reviewer's permissions (2), count (statistics, estimate, or exact when small),
# page, participants prefetch, and the country lookup when filtering by country.
MAX_QUERIES = 10
# A search word adds up to five planning queries: two estimates and three capped counts of participations.
MAX_QUERIES_PER_SEARCH_WORD = 5


@pytest.mark.parametrize(
    ("query", "limit"),
    [
        ("", MAX_QUERIES),
        ("?status=all", MAX_QUERIES),
        ("?country=North+Korea&country_role=supplier", MAX_QUERIES),
        ("?q=korea", MAX_QUERIES + MAX_QUERIES_PER_SEARCH_WORD),
    ],
)
def test_list_queries_do_not_grow_with_page_size(django_assert_max_num_queries, browse, query, limit):
    counts = []
    for events in (2, 60):
        while Event.objects.count() < events:
            EvidenceFactory(event=EventFactory(participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]}))
        with django_assert_max_num_queries(limit) as captured:
            assert len(browse(query)[1]) == events
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_search_cost_stops_growing_past_the_word_limit(django_assert_max_num_queries, browse):
    from events.review_queue import MAX_SEARCH_WORDS

    EvidenceFactory(event=EventFactory(summary="Belarus → Russia: tanks"))
    limit = MAX_QUERIES + MAX_QUERIES_PER_SEARCH_WORD * MAX_SEARCH_WORDS
    with django_assert_max_num_queries(limit):
        assert browse("?q=" + "+".join(["tanks"] + [f"word{n}" for n in range(300)]))[1] == set()
    with django_assert_max_num_queries(limit):
        assert len(browse("?q=" + "+".join(["tanks", "TANKS"] * 150))[1]) == 1


@pytest.mark.parametrize("rare_below", [0, 1_000_000], ids=["row-by-row plan", "index lookup plan"])
def test_both_search_plans_find_the_same_events(postgres, monkeypatch, rare_below):
    from events import review_queue

    monkeypatch.setattr(review_queue, "RARE_WORD_MATCHES", rare_below)
    quoted = EvidenceFactory(
        event=EventFactory(participants={}), sentence="The freighter Lazurit docked at Vostochny."
    ).event
    named = EventFactory(participants={Role.SUPPLIER: ["IRN"], Role.RECIPIENT: ["RUS"]}, summary="")
    summarised = EventFactory(summary="Belarus → Russia: tanks", participants={})
    EventFactory(summary="Nothing to see", participants={})
    candidates = Event.objects.all()
    assert set(review_queue.search_review_queue(candidates, "lazurit vostochny")) == {quoted}
    assert set(review_queue.search_review_queue(candidates, "Iran")) == {named}
    assert set(review_queue.search_review_queue(candidates, "tanks")) == {summarised}


def test_every_sortable_column_has_an_index_within_a_status():
    indexed = {tuple(index.fields[:2]) for index in Event._meta.indexes}
    for column in EventAdmin.sortable_by:
        field = getattr(EventAdmin, column).admin_order_field if hasattr(EventAdmin, column) else column
        assert ("review_status", field) in indexed, column
    assert any(index.fields[:2] == ["created_at", "id"] for index in Event._meta.indexes)


def test_ascending_sort_breaks_ties_in_the_same_direction(browse):
    EventFactory()
    ordering = browse("?o=7")[0].context["cl"].get_ordering(None, Event.objects.all())
    assert ordering == ["confidence", "pk"]


def test_all_statuses_list_offers_no_unindexed_sorts(browse):
    assert browse("?status=all")[0].context["cl"].sortable_by == []


def test_unfiltered_count_comes_from_table_statistics_not_a_scan(postgres):
    EventFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE events_event")
    EventFactory.create_batch(2)  # not yet in the statistics
    assert estimated_count(Event.objects.all()) == (3, True)


def test_small_filtered_lists_are_counted_exactly(postgres):
    EventFactory.create_batch(3)
    EventFactory(review_status=Status.APPROVED)
    assert estimated_count(Event.objects.filter(review_status=Status.CANDIDATE)) == (3, False)
