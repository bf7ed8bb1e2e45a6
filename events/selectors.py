"""Reads from the events tables."""

from __future__ import annotations

import datetime
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection, connections
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce, TruncMonth

from entities.models import Country, CountryAlias, Organization, Person, SanctionsMatch

from .models import ROLES_BY_TYPE, Article, Event, EventType, Evidence, Participant, Role

# --- Public search -----------------------------------------------------------
# Reads behind the public pages, the JSON API and the exports. Visibility is
# decided here only: non-staff users see approved events, whatever the path.

# Events without a date sort last in "newest first"; a non-null sort key keeps
# cursor pagination exact (see the event_approved_date_idx index).
UNDATED = datetime.date(1, 1, 1)
ARMS_FLOW_ROLES = {Role.SUPPLIER: Role.RECIPIENT, Role.RECIPIENT: Role.SUPPLIER}

User = AbstractBaseUser | AnonymousUser


def can_see_unreviewed(user: User | None) -> bool:
    """Staff see every review status; everyone else sees approved events only."""
    return bool(user is not None and user.is_active and user.is_staff)


@dataclass(frozen=True)
class EventSearch:
    """A search over events; empty fields do not filter."""

    country: Country | None = None
    role: str = ""
    event_type: str = ""
    certainty: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    text: str = ""
    person: str = ""
    # Staff only: ignored for everyone else. "" means approved; "any" means all.
    status: str = ""


def visible_events(user: User | None, status: str = "") -> QuerySet[Event]:
    """Events the user may see: approved ones, or for staff the asked-for review status."""
    # The search vector is for the database's matching only; reading it back costs time.
    events = Event.objects.defer("search_vector")
    if not can_see_unreviewed(user) or not status:
        return events.filter(review_status=Event.ReviewStatus.APPROVED)
    if status == "any":
        return events
    return events.filter(review_status=status)


def search_events(user: User | None, search: EventSearch) -> QuerySet[Event]:
    """Events matching every given criterion, with `sort_date` for ordering and paging."""
    events = visible_events(user, search.status)
    if search.country is not None or search.role:
        actors = Participant.objects.filter(event=OuterRef("pk"))
        if search.country is not None:
            actors = actors.filter(country=search.country)
        if search.role:
            actors = actors.filter(role=search.role)
        events = events.filter(Exists(actors))
    if search.event_type:
        events = events.filter(event_type=search.event_type)
    if search.certainty:
        events = events.filter(certainty=search.certainty)
    if search.text:
        events = events.filter(_text_matches(search.text))
    if search.person:
        people = Participant.objects.filter(event=OuterRef("pk"), person__in=_people_named(search.person))
        events = events.filter(Exists(people))
    events = events.annotate(sort_date=Coalesce("event_date", Value(UNDATED)))
    # Date bounds on the sort key itself, so the list index seeks to the range instead of
    # walking from the newest event; undated events (sort key UNDATED) never match a range.
    if search.date_from:
        events = events.filter(sort_date__gte=search.date_from)
    if search.date_to:
        events = events.filter(sort_date__lte=search.date_to, sort_date__gt=UNDATED)
    return events


def _text_matches(text: str) -> Q:
    if connection.vendor == "postgresql":
        return Q(search_vector=SearchQuery(text, search_type="websearch", config="english"))
    evidence = Evidence.objects.filter(event=OuterRef("pk"), sentence__icontains=text)
    return Q(summary__icontains=text) | Q(items__icontains=text) | Q(Exists(evidence))


def _people_named(name: str) -> QuerySet[Person]:
    if connection.vendor == "postgresql":
        # Served by person_name_trgm_idx; tolerates typos and partial names.
        return Person.objects.filter(Q(name__trigram_word_similar=name) | Q(name__icontains=name))
    return Person.objects.filter(name__icontains=name)


def with_participants(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events with participants (and their actors) loaded in one extra query per page."""
    return events.prefetch_related(
        Prefetch(
            "participants",
            queryset=Participant.objects.select_related("country", "person", "organization").order_by("role", "id"),
        )
    )


def event_for_display(user: User | None, event_id: int) -> Event:
    """One visible event with participants and evidence (raises Event.DoesNotExist)."""
    events = with_participants(visible_events(user, status="any"))
    return events.prefetch_related(Prefetch("evidence", queryset=evidence_with_articles())).get(pk=event_id)


def evidence_with_articles() -> QuerySet[Evidence]:
    """Evidence with its article's reference fields (not the full text) for lists and exports."""
    return (
        Evidence.objects.select_related("article")
        .defer("article__text", "article__raw")
        .order_by("article_id", "start_char")
    )


def event_source_articles(event: Event) -> list[Article]:
    """The distinct articles of an event whose evidence is prefetched, in evidence order."""
    return list({evidence.article_id: evidence.article for evidence in event.evidence.all()}.values())


@dataclass
class ArmsFlow:
    """Arms transfers between the profiled country and one partner in one direction."""

    partner: Country
    partner_role: str  # the partner's role: "supplier" (to the country) or "recipient" (from it)
    events: int
    latest: datetime.date | None
    items: list[str] = field(default_factory=list)


@dataclass
class CountryProfile:
    country: Country
    total: int
    by_type_and_role: list[dict]  # {"event_type", "role", "events"}
    timeline: list[dict]  # {"month": date, "event_type", "events"}, months ascending
    arms_flows: list[ArmsFlow]
    officials: list[dict]  # {"person": Person, "titles": [..], "events": n}
    sanctions: list[Event]  # impositions on or by the country, newest first
    undated: int = 0


def country_profile(country: Country) -> CountryProfile:
    """What the approved record says about a country: counts, timeline, arms flows, officials, sanctions.

    The same for every visitor, and costly for frequent countries (a quarter of a million
    events), so it is cached for settings.COUNTRY_PROFILE_CACHE_SECONDS: a review shows up
    on the profile within that time, and at once in searches.
    """
    key = f"country-profile:v1:{country.iso3}"
    profile = cache.get(key)
    if profile is None:
        profile = _build_country_profile(country)
        cache.set(key, profile, settings.COUNTRY_PROFILE_CACHE_SECONDS)
    return profile


def _build_country_profile(country: Country, sanctions_limit: int = 20) -> CountryProfile:
    approved = Event.objects.filter(review_status=Event.ReviewStatus.APPROVED)
    mine = approved.filter(Exists(Participant.objects.filter(event=OuterRef("pk"), country=country)))
    # One row per (event, role, country) by constraint, so counting rows counts events.
    by_type_and_role = list(
        Participant.objects.filter(country=country, event__review_status=Event.ReviewStatus.APPROVED)
        .values("event_type", "role")
        .annotate(events=Count("id"))
        .order_by("event_type", "role")
    )
    counts = mine.aggregate(total=Count("id"), undated=Count("id", filter=Q(event_date__isnull=True)))
    timeline = list(
        mine.filter(event_date__isnull=False)
        .annotate(month=TruncMonth("event_date"))
        .values("month", "event_type")
        .annotate(events=Count("id"))
        .order_by("month", "event_type")
    )
    sanctions = list(
        with_participants(mine.filter(event_type=EventType.SANCTIONS_IMPOSITION)).order_by(
            Coalesce("event_date", Value(UNDATED)).desc(), "-id"
        )[:sanctions_limit]
    )
    return CountryProfile(
        country=country,
        total=counts["total"],
        undated=counts["undated"],
        by_type_and_role=by_type_and_role,
        timeline=timeline,
        arms_flows=_arms_flows(country),
        officials=_officials_in_events(country, mine),
        sanctions=sanctions,
    )


def _arms_flows(country: Country, items_per_flow: int = 8, recent_events: int = 500) -> list[ArmsFlow]:
    """Partners in approved arms transfers with the country, by the partner's role; most events first."""
    flows: list[ArmsFlow] = []
    for my_role, partner_role in ARMS_FLOW_ROLES.items():
        # Supplier and recipient roles exist only in arms transfers (participant_role_valid_for_type).
        partners = Participant.objects.filter(
            role=partner_role,
            country__isnull=False,
            event__review_status=Event.ReviewStatus.APPROVED,
            event__participants__country=country,
            event__participants__role=my_role,
        ).exclude(country=country)
        # Unique (event, role, country) rows on both sides: counting rows counts events.
        rows = list(
            partners.values("country")
            .annotate(events=Count("id"), latest=Max("event__event_date"))
            .order_by("-events", "country")
        )
        countries = Country.objects.in_bulk([row["country"] for row in rows])
        items = _recent_items(country, my_role, partner_role, items_per_flow, recent_events)
        flows.extend(
            ArmsFlow(
                partner=countries[row["country"]],
                partner_role=partner_role,
                events=row["events"],
                latest=row["latest"],
                items=items.get(row["country"], []),
            )
            for row in rows
        )
    return flows


def _recent_items(country: Country, my_role: str, partner_role: str, limit: int, recent_events: int) -> dict:
    """Up to `limit` distinct items per partner, from the country's latest transfers in `my_role`.

    A bounded read (the newest `recent_events` events, found through event_approved_date_idx)
    however many transfers there are.
    """
    recent = list(
        search_events(None, EventSearch(country=country, role=my_role))
        .order_by("-sort_date", "-id")
        .values_list("id", "items")[:recent_events]
    )
    items_of = {event_id: event_items for event_id, event_items in recent}
    partners = (
        Participant.objects.filter(event_id__in=items_of, role=partner_role, country__isnull=False)
        .exclude(country=country)
        .values_list("event_id", "country")
    )
    partner_of: dict[int, list[str]] = defaultdict(list)
    for event_id, partner in partners:
        partner_of[event_id].append(partner)
    items: dict[str, list[str]] = defaultdict(list)
    for event_id, event_items in recent:
        for partner in partner_of[event_id]:
            known = items[partner]
            for item in event_items if isinstance(event_items, list) else []:
                if len(known) < limit and item not in known:
                    known.append(item)
    return items


def _officials_in_events(country: Country, events: QuerySet[Event]) -> list[dict]:
    """People of the country (by nationality or a position for it) named in the given events."""
    people = (
        Person.objects.filter(Q(nationality=country) | Q(positions__country=country))
        .filter(participations__event__in=events)
        .annotate(events=Count("participations__event", distinct=True))
        .prefetch_related("positions")
        .order_by("-events", "name")
        .distinct()
    )
    return [
        {"person": person, "titles": sorted({p.title for p in person.positions.all()}), "events": person.events}
        for person in people[:100]
    ]


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
