"""Reads from the events tables."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db import connections
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from entities.models import Country, CountryAlias, Organization, Person, SanctionsMatch

from .models import ROLES_BY_TYPE, Article, Event, Evidence, Participant

# --- admin review ----------------------------------------------------------------

# Filtered lists the planner expects to be smaller than this are counted exactly (cheap: few rows
# match, so the plan walks a selective index); larger ones show the planner's estimate.
EXACT_COUNT_BELOW = 1_000
# Search words the planner expects in fewer rows than this are looked up through trigram indexes.
RARE_WORD_MATCHES = 20_000


def event_review_queryset() -> QuerySet[Event]:
    """Events with what a review list shows, in a fixed number of queries whatever the page size."""
    participants = Participant.objects.select_related("country", "person", "organization").order_by("role", "pk")
    return Event.objects.select_related("reviewed_by").prefetch_related(Prefetch("participants", queryset=participants))


def participants_by_role(event: Event) -> dict[str, list[str]]:
    """{"supplier": ["North Korea"], ...} in the type's role order, from prefetched participants."""
    names: dict[str, list[str]] = defaultdict(list)
    for participant in event.participants.all():
        names[participant.role].append(str(participant.actor))
    return {role: names[role] for role in ROLES_BY_TYPE[event.event_type] if role in names}


def filter_events_by_country(events: QuerySet[Event], country: Country, role: str | None = None) -> QuerySet[Event]:
    """Events in which the country takes part, in any role or in the given one."""
    participations = Participant.objects.filter(event=OuterRef("pk"), country=country)
    if role:
        participations = participations.filter(role=role)
    return events.filter(Exists(participations))


def filter_events_by_sanctioned_participant(events: QuerySet[Event], sanctioned: bool) -> QuerySet[Event]:
    """Events with (or without) a person or organisation linked to an active sanctions-list entry."""
    linked = SanctionsMatch.objects.filter(state__in=SanctionsMatch.LINKED_STATES, entry__delisted_on__isnull=True)
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
    for word in term.split():
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


# --- evidence and articles -------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of an article's text, with what they are."""

    start: int
    end: int
    label: str


def evidence_in_paragraph(evidence: Evidence) -> tuple[str, str, str]:
    """(text before, the evidence sentence, text after) within its paragraph of the article."""
    text = evidence.article.text
    start = max(text.rfind("\n", 0, evidence.start_char) + 1, 0)
    end = text.find("\n", evidence.end_char)
    end = len(text) if end == -1 else end
    sentence = text[evidence.start_char : evidence.end_char]
    return text[start : evidence.start_char], sentence, text[evidence.end_char : end]


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


def _mentions(text: str, names: dict[str, str]) -> list[Span]:
    """Non-overlapping whole-word, case-sensitive occurrences of the names (longest first), labelled.

    Case matters: "US" the country, not "us" the pronoun.
    """
    taken = [False] * len(text)
    spans = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if not any(taken[match.start() : match.end()]):
                taken[match.start() : match.end()] = [True] * (match.end() - match.start())
                spans.append(Span(match.start(), match.end(), names[name]))
    return spans


def article_highlight_spans(article: Article) -> tuple[list[Span], list[Span]]:
    """(evidence sentences, entity mentions) to mark in the article's text.

    Entities are the actors of the article's events, found by name and alias; this costs a
    regular-expression pass, not an NLP run, so rendering stays cheap.
    """
    evidence = [
        Span(e.start_char, min(e.end_char, len(article.text)), "evidence")
        for e in article.evidence.order_by("start_char")
    ]
    participants = Participant.objects.filter(event__evidence__article=article).select_related(
        "country", "person", "organization"
    )
    names: dict[str, str] = {}
    country_ids = set()
    for participant in participants:
        if participant.country_id:
            country_ids.add(participant.country_id)
            names[participant.country.name] = "country"
        elif participant.person_id:
            names[participant.person.name] = "person"
            names.update(dict.fromkeys(participant.person.aliases, "person"))
        else:
            names[participant.organization.name] = "organisation"
            names.update(dict.fromkeys(participant.organization.aliases, "organisation"))
    for alias in CountryAlias.objects.filter(country__in=country_ids).values_list("name", flat=True):
        names.setdefault(alias, "country")
    names = {name: label for name, label in names.items() if len(name) > 1}
    return evidence, _mentions(article.text, names)
