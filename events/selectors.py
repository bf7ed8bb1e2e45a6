"""Reads from the events tables."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce, TruncMonth

from entities.models import Country, Person

from .models import Article, Event, EventType, Evidence, Participant, Role

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
