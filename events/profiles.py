"""Country profiles: a country's events by role, arms flows with their partners, sanctions and officials."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from entities.models import Country, Position

from .models import (
    ANY_ROLE,
    UNDATED_MONTH,
    ArmsFlowCount,
    CountryMonthCount,
    Event,
    EventType,
    Evidence,
    FlowItemCount,
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


def _arms_flows(country: Country, items_per_flow: int = 8) -> list[ArmsFlow]:
    """Partners in approved arms transfers with the country, by the partner's role; most events first.

    Each flow lists up to `items_per_flow` items, those of its most recent transfers first.
    """
    items: dict[tuple[str, str], list[str]] = defaultdict(list)
    named = FlowItemCount.objects.filter(country=country).order_by(F("latest").desc(nulls_last=True), "item")
    for partner, partner_role, item in named.values_list("partner_id", "partner_role", "item"):
        if len(items[(partner, partner_role)]) < items_per_flow:
            items[(partner, partner_role)].append(item)
    counts = ArmsFlowCount.objects.filter(country=country).select_related("partner").order_by("-events", "partner")
    by_role: dict[str, list[ArmsFlowCount]] = defaultdict(list)
    for flow in counts:
        by_role[flow.partner_role].append(flow)
    return [
        ArmsFlow(
            partner=flow.partner,
            partner_role=partner_role,
            events=flow.events,
            latest=flow.latest,
            items=items[(flow.partner_id, partner_role)],
        )
        for partner_role in ARMS_FLOW_ROLES.values()
        for flow in by_role[partner_role]
    ]


def public_positions() -> QuerySet[Position]:
    """Titles that may be shown publicly: entered by hand, or learned from an article that supports
    an approved event through accepted evidence (a title from an unreviewed article stays private)."""
    reviewed_source = Evidence.objects.public().filter(
        article=OuterRef("source_article"), event__review_status=Event.ReviewStatus.APPROVED
    )
    return Position.objects.filter(Q(source_article__isnull=True) | Exists(reviewed_source))


def public_titles(person_ids: Iterable[int]) -> dict[int, list[str]]:
    """{person id: their public titles, sorted} for the people that have any (one query)."""
    titles: dict[int, set[str]] = defaultdict(set)
    for person_id, title in public_positions().filter(person__in=set(person_ids)).values_list("person_id", "title"):
        titles[person_id].add(title)
    return {person_id: sorted(found) for person_id, found in titles.items()}


def _officials(country: Country) -> list[dict]:
    """People of the country (by nationality or a public position for it) named in its approved events."""
    positions = public_positions().filter(person=OuterRef("person"), country=country)
    named = (
        PersonCountryCount.objects.filter(country=country)
        .filter(Q(person__nationality=country) | Exists(positions))
        .select_related("person")
        .prefetch_related(Prefetch("person__positions", queryset=public_positions()))
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
