"""The admin's review queue: the events list with its filters and search, exact-or-estimated
counts, the next candidate, participant history, and events per article, person and country.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from django.db import connections
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from entities.models import Country, Organization, Person
from entities.selectors import sanctioning_matches
from vocabulary.events import DENIES, roles_for

from .models import Article, Event, Evidence, Participant

# Filtered lists the planner expects to be smaller than this are counted exactly (cheap: few rows
# match, so the plan walks a selective index); larger ones show the planner's estimate.
EXACT_COUNT_BELOW = 1_000

# Search words the planner expects in fewer rows than this are looked up through trigram indexes.
RARE_WORD_MATCHES = 20_000

# Each search word costs a few planning queries and a filter: words past this many are ignored
# (300 words took 14 s on 2,000 events), repeated words count once.
MAX_SEARCH_WORDS = 8


def search_words(term: str) -> list[str]:
    """The words of an admin search that are searched for: distinct (ignoring case), the first MAX_SEARCH_WORDS."""
    distinct: dict[str, str] = {}
    for word in term.split():
        distinct.setdefault(word.casefold(), word)
    return list(distinct.values())[:MAX_SEARCH_WORDS]


def event_review_queryset() -> QuerySet[Event]:
    """Events with what a review list shows, in a fixed number of queries whatever the page size."""
    participants = Participant.objects.select_related("country", "person", "organization", "vessel").order_by(
        "role", "pk"
    )
    return Event.objects.select_related("reviewed_by").prefetch_related(Prefetch("participants", queryset=participants))


def events_with_pending_evidence(events: QuerySet[Event]) -> QuerySet[Event]:
    """Those of the events with evidence waiting for a reviewer (index evidence_pending_event_idx)."""
    pending = Evidence.objects.filter(review_state=Evidence.ReviewState.PENDING).values("event_id")
    return events.filter(pk__in=pending)


def participants_by_role(event: Event) -> dict[str, list[str]]:
    """{"supplier": ["North Korea"], ...} in the type's role order, from prefetched participants."""
    names: dict[str, list[str]] = defaultdict(list)
    for participant in event.participants.all():
        denies = " (denies)" if participant.stance == DENIES else ""
        names[participant.role].append(f"{participant.actor}{denies}")
    return {role: names[role] for role in roles_for(event.event_type) if role in names}


def filter_events_by_sanctioned_participant(events: QuerySet[Event], sanctioned: bool) -> QuerySet[Event]:
    """Events with (or without) a person or organisation linked to an active sanctions-list entry."""
    linked = sanctioning_matches()
    # A set of event ids through the participants' foreign-key indexes: sanctioned actors are few.
    event_ids = Participant.objects.filter(
        Q(person__in=linked.filter(person__isnull=False).values("person"))
        | Q(organization__in=linked.filter(organization__isnull=False).values("organization"))
    ).values("event_id")
    return events.filter(pk__in=event_ids) if sanctioned else events.exclude(pk__in=event_ids)


def search_review_queue(events: QuerySet[Event], term: str) -> QuerySet[Event]:
    """Events whose summary, participant names or evidence sentences contain every word of `term`.

    Two plans, chosen per word: a rare word is looked up through indexes (trigram indexes on
    summary and sentence, migration 0003_admin_search_trigram; participants' foreign keys) as a
    set of event ids; a common one is checked row by row along the list's own index, which stops
    as soon as a page is full. Neither reads every event.
    """
    for word in search_words(term):
        organizations = Organization.objects.filter(Q(name__icontains=word) | Q(code__iexact=word))
        names = (
            Q(person__in=Person.objects.filter(name__icontains=word).values("pk"))
            | Q(country__in=Country.objects.filter(name__icontains=word).values("pk"))
            | Q(organization__in=organizations.values("pk"))
        )
        quoted = Evidence.objects.filter(sentence__icontains=word).order_by()
        lookups = _rare_word_lookups(word, quoted, names, events.db)
        if lookups:
            events = events.filter(pk__in=lookups[0].union(*lookups[1:]))
        else:
            events = events.filter(
                Q(summary__icontains=word)
                | Exists(quoted.filter(event=OuterRef("pk")))
                | Exists(Participant.objects.filter(names, event=OuterRef("pk")))
            )
    return events


def _rare_word_lookups(word: str, quoted: QuerySet[Evidence], names: Q, using: str) -> list[QuerySet] | None:
    """Event-id lookups for a word found in fewer than RARE_WORD_MATCHES rows, else None."""
    if connections[using].vendor != "postgresql":
        return None  # small embedded databases: the row-by-row plan is fine
    summarised = Event.objects.filter(summary__icontains=word).order_by()
    found = planner_row_estimate(summarised) + planner_row_estimate(quoted)
    lookups = [summarised.values("pk"), quoted.values("event_id")]
    # The planner cannot know how many participations the matching names have: count them, up to
    # the limit, one foreign key at a time (an OR of the three would scan), and keep only those found,
    # so the union's estimate stays small enough for an index plan.
    for actor in names.children:
        if found >= RARE_WORD_MATCHES:
            return None
        participations = Participant.objects.filter(actor).order_by()
        count = participations[: RARE_WORD_MATCHES - found].count()
        if count:
            found += count
            lookups.append(participations.values("event_id"))
    return lookups if found < RARE_WORD_MATCHES else None


def next_candidate(after: Event, queue: QuerySet[Event] | None = None) -> Event | None:
    """The candidate a reviewer sees next: the next older one in queue order, else the newest.

    `queue` narrows the candidates to a filtered list (the one the reviewer came from).
    """
    queue = Event.objects.all() if queue is None else queue
    candidates = queue.filter(review_status=Event.ReviewStatus.CANDIDATE).exclude(pk=after.pk)
    older = candidates.filter(
        Q(created_at__lt=after.created_at) | Q(created_at=after.created_at, pk__lt=after.pk)
    ).order_by("-created_at", "-pk")
    return older.first() or candidates.order_by("-created_at", "-pk").first()


def planner_row_estimate(queryset: QuerySet) -> int:
    """PostgreSQL's estimate of the rows a query returns, from EXPLAIN: planning only, nothing scanned."""
    connection = connections[queryset.db]
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def participant_history(event: Event, limit: int = 100) -> QuerySet:
    """Who added, changed or removed the event's participants, newest first (the event's own
    history is on its History page)."""
    return (
        Participant.history.filter(event_id=event.pk)
        .select_related("history_user", "country", "person", "organization")
        .order_by("-history_date")[:limit]
    )


def estimated_count(queryset: QuerySet) -> tuple[int, bool]:
    """(row count, whether it is an estimate) for pagination, without scanning a large table.

    PostgreSQL: unfiltered → the table's statistics (pg_class.reltuples); filtered → the
    planner's estimate, or an exact count when fewer than EXACT_COUNT_BELOW rows are expected.
    Other databases (the embedded SQLite mode, small by nature) count exactly.
    """
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return queryset.count(), False
    if not queryset.query.where:
        with connection.cursor() as cursor:
            table = queryset.model._meta.db_table
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [table])
            reltuples = cursor.fetchone()[0]
        if reltuples >= 0:  # -1: never analysed
            return reltuples, True
    estimate = planner_row_estimate(queryset)
    if estimate < EXACT_COUNT_BELOW:
        return queryset.count(), False
    return estimate, True


def events_of_article(article: Article) -> QuerySet[Event]:
    return Event.objects.filter(Exists(Evidence.objects.filter(event=OuterRef("pk"), article=article))).order_by("pk")


def events_of_person(person: Person) -> QuerySet[Event]:
    return Event.objects.filter(Exists(Participant.objects.filter(event=OuterRef("pk"), person=person))).order_by(
        "-event_date", "pk"
    )


def event_counts_by_role(country: Country) -> dict[str, int]:
    """{"supplier": 12, ...}: events in which the country takes each role."""
    counts = Participant.objects.filter(country=country).values("role").annotate(n=Count("event", distinct=True))
    return {row["role"]: row["n"] for row in counts.order_by("role")}


def articles_with_evidence_for(events: Iterable[Event]) -> list[int]:
    """Ids of the articles that have evidence for the events, in id order (what re-extraction redoes)."""
    ids = Evidence.objects.filter(event__in=list(events)).values_list("article_id", flat=True).distinct()
    return sorted(ids)
