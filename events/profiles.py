"""Country profiles: a country's events by role, arms flows with their partners, sanctions and officials."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce

from entities.models import Country, Position

from .models import (
    ANY_ROLE,
    UNDATED_MONTH,
    ArmsFlowCount,
    CountryMonthCount,
    Event,
    EventType,
    Participant,
    PersonCountryCount,
    Role,
)
from .search import EventSearch, search_events, with_participants

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

    Counts come from the profile aggregates (events.aggregates), which every review decision
    updates in its own transaction: a profile is right as soon as a decision commits. The cache
    (settings.COUNTRY_PROFILE_CACHE_SECONDS, short by default) only absorbs bursts of visitors.
    """
    if not settings.COUNTRY_PROFILE_CACHE_SECONDS:
        return _build_country_profile(country)
    key = f"country-profile:v2:{country.iso3}"
    profile = cache.get(key)
    if profile is None:
        profile = _build_country_profile(country)
        cache.set(key, profile, settings.COUNTRY_PROFILE_CACHE_SECONDS)
    return profile


def _build_country_profile(country: Country, sanctions_limit: int = 20) -> CountryProfile:
    counts = CountryMonthCount.objects.filter(country=country)
    by_type_and_role = list(
        counts.exclude(role=ANY_ROLE)
        .values("event_type", "role")
        .annotate(events=Sum("events"))
        .order_by("event_type", "role")
    )
    events = counts.filter(role=ANY_ROLE)
    totals = events.aggregate(
        total=Coalesce(Sum("events"), 0), undated=Coalesce(Sum("events", filter=Q(month=UNDATED_MONTH)), 0)
    )
    timeline = list(
        events.exclude(month=UNDATED_MONTH).values("month", "event_type", "events").order_by("month", "event_type")
    )
    sanctions = list(
        with_participants(
            search_events(None, EventSearch(country=country)).filter(event_type=EventType.SANCTIONS_IMPOSITION)
        ).order_by("-sort_date", "-id")[:sanctions_limit]
    )
    return CountryProfile(
        country=country,
        total=totals["total"],
        undated=totals["undated"],
        by_type_and_role=by_type_and_role,
        timeline=timeline,
        arms_flows=_arms_flows(country),
        officials=_officials(country),
        sanctions=sanctions,
    )


def _arms_flows(country: Country, items_per_flow: int = 8, recent_events: int = 500) -> list[ArmsFlow]:
    """Partners in approved arms transfers with the country, by the partner's role; most events first."""
    flows: list[ArmsFlow] = []
    counts = ArmsFlowCount.objects.filter(country=country).select_related("partner").order_by("-events", "partner")
    by_role: dict[str, list[ArmsFlowCount]] = defaultdict(list)
    for flow in counts:
        by_role[flow.partner_role].append(flow)
    for my_role, partner_role in ARMS_FLOW_ROLES.items():
        items = _recent_items(country, my_role, partner_role, items_per_flow, recent_events)
        flows.extend(
            ArmsFlow(
                partner=flow.partner,
                partner_role=partner_role,
                events=flow.events,
                latest=flow.latest,
                items=items.get(flow.partner_id, []),
            )
            for flow in by_role[partner_role]
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


def _officials(country: Country) -> list[dict]:
    """People of the country (by nationality or a position for it) named in its approved events."""
    positions = Position.objects.filter(person=OuterRef("person"), country=country)
    named = (
        PersonCountryCount.objects.filter(country=country)
        .filter(Q(person__nationality=country) | Exists(positions))
        .select_related("person")
        .prefetch_related("person__positions")
        .order_by("-events", "person__name")
    )
    return [
        {
            "person": row.person,
            "titles": sorted({p.title for p in row.person.positions.all()}),
            "events": row.events,
        }
        for row in named[:OFFICIALS_SHOWN]
    ]
