"""Country profiles: a country's events by role, arms flows with their partners, sanctions and officials."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce, TruncMonth

from entities.models import Country, Person, Position

from .models import Event, EventType, Evidence, Participant, Role
from .search import UNDATED, EventSearch, search_events, with_participants

# A profile lists at most this many officials, those in the most events first.
OFFICIALS_SHOWN = 100
ARMS_FLOW_ROLES = {Role.SUPPLIER: Role.RECIPIENT, Role.RECIPIENT: Role.SUPPLIER}


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


def public_positions() -> QuerySet[Position]:
    """Titles that may be shown publicly: entered by hand, or learned from an article that supports
    an approved event through accepted evidence (a title from an unreviewed article stays private)."""
    reviewed_source = Evidence.objects.public().filter(
        article=OuterRef("source_article"), event__review_status=Event.ReviewStatus.APPROVED
    )
    return Position.objects.filter(Q(source_article__isnull=True) | Exists(reviewed_source))


def _officials_in_events(country: Country, events: QuerySet[Event]) -> list[dict]:
    """People of the country (by nationality or a public position for it) named in the given events."""
    people = (
        Person.objects.filter(Q(nationality=country) | Q(positions__in=public_positions().filter(country=country)))
        .filter(participations__event__in=events)
        .annotate(events=Count("participations__event", distinct=True))
        .prefetch_related(Prefetch("positions", queryset=public_positions()))
        .order_by("-events", "name")
        .distinct()
    )
    return [
        {"person": person, "titles": sorted({p.title for p in person.positions.all()}), "events": person.events}
        for person in people[:OFFICIALS_SHOWN]
    ]
