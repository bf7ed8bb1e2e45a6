"""Profile aggregates: counts that country profiles read instead of scanning every approved event.

Each approved event contributes fixed keys to four tables (events.models): CountryMonthCount,
ArmsFlowCount, FlowItemCount and PersonCountryCount. A review decision takes the contributions of the events it
touches before and after its change (`following_profile_aggregates`) and applies the difference
as increments in its own transaction. Concurrent decisions add to the same rows with
INSERT … ON CONFLICT DO UPDATE, so neither loses the other's counts; a count that would go
negative means the tables drifted and fails the decision (CHECK), and the management command
rebuild_profile_aggregates (`rebuild_profile_aggregates`) recomputes everything from the events.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

from django.db import connection, models, transaction
from django.db.models import F, Max, Q, QuerySet

from .models import (
    ANY_ROLE,
    UNDATED_MONTH,
    ArmsFlowCount,
    CountryMonthCount,
    Event,
    EventType,
    FlowItemCount,
    Participant,
    PersonCountryCount,
    Role,
)

UNDATED = datetime.date.fromisoformat(UNDATED_MONTH)
# A country in the first role has partners in the second (arms transfers only).
FLOW_ROLES = {Role.SUPPLIER: Role.RECIPIENT, Role.RECIPIENT: Role.SUPPLIER}
MONTH_KEY = ["country_id", "event_type", "role", "month"]
FLOW_KEY = ["country_id", "partner_id", "partner_role"]
PERSON_KEY = ["country_id", "person_id"]
ITEM_KEY = [*FLOW_KEY, "item"]


def _later(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    return a if b is None or (a is not None and a > b) else b


@dataclass
class Contributions:
    """What some approved events add to each table: key → events, and the latest date of each flow."""

    months: Counter = field(default_factory=Counter)  # (country, type, role, month)
    flows: Counter = field(default_factory=Counter)  # (country, partner, partner_role)
    flow_latest: dict = field(default_factory=dict)  # flow key → latest dated event (or None)
    items: Counter = field(default_factory=Counter)  # (country, partner, partner_role, item)
    item_latest: dict = field(default_factory=dict)  # item key → latest dated event (or None)
    people: Counter = field(default_factory=Counter)  # (country, person)

    def add_event(
        self, event_type: str, event_date: datetime.date | None, items: list, participants: list[tuple]
    ) -> None:
        """One approved event, from its (role, country, person, official's country) participant tuples.

        A person counts with every country in the event and, as an official, with the country they serve.
        """
        month = event_date.replace(day=1) if event_date else UNDATED
        roles = {(role, country) for role, country, *_ in participants if country}
        countries = {country for _, country in roles}
        people = {person for _, _, person, _ in participants if person}
        for role, country in roles:
            self.months[(country, event_type, role, month)] += 1
        for country in countries:
            self.months[(country, event_type, ANY_ROLE, month)] += 1
        served = {(serves, person) for _, _, person, serves in participants if person and serves}
        self.people.update({(country, person) for country in countries for person in people} | served)
        if event_type != EventType.ARMS_TRANSFER:
            return
        for my_role, country in roles:
            for role, partner in roles:
                if role == FLOW_ROLES.get(my_role) and partner != country:
                    key = (country, partner, role)
                    self.flows[key] += 1
                    self.flow_latest[key] = _later(event_date, self.flow_latest.get(key))
                    for item in event_items(items):
                        self.items[(*key, item)] += 1
                        self.item_latest[(*key, item)] = _later(event_date, self.item_latest.get((*key, item)))


def event_items(items: object) -> set[str]:
    """An event's distinct items (a JSON list of strings; anything else holds none)."""
    return {str(item) for item in items if item} if isinstance(items, list) else set()


def contributions(event_ids: Iterable[int] | None = None) -> Contributions:
    """The contributions of the given events (of all approved events if None), as they stand now.

    One streamed query over the participants with their event's type and date, in event order.
    """
    participants = Participant.objects.filter(event__review_status=Event.ReviewStatus.APPROVED)
    if event_ids is not None:
        participants = participants.filter(event_id__in=list(event_ids))
    rows = participants.order_by("event_id").values_list(
        "event_id",
        "event__event_type",
        "event__event_date",
        "event__items",
        "role",
        "country_id",
        "person_id",
        "official_country_id",
    )
    found = Contributions()
    for _, group in groupby(rows.iterator(chunk_size=10_000), key=itemgetter(0)):
        first, *rest = group
        found.add_event(first[1], first[2], first[3], [row[4:] for row in (first, *rest)])
    return found


def _add_counts(model: type[models.Model], key: list[str], deltas: dict[tuple, int]) -> None:
    """events += delta per key: missing rows are created, rows reaching zero removed.

    Increments are upserts (a concurrent decision may create the same row); decrements are
    UPDATEs, as PostgreSQL checks an upsert's proposed row (CHECK events >= 0) before the conflict.
    """
    table = model._meta.db_table
    columns = ", ".join(key)
    increments = [[*k, delta] for k, delta in deltas.items() if delta > 0]
    if increments:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({columns}, events) VALUES ({', '.join(['%s'] * (len(key) + 1))}) "  # noqa: S608
                f"ON CONFLICT ({columns}) DO UPDATE SET events = {table}.events + excluded.events",
                increments,
            )
    decrements = {k: -delta for k, delta in deltas.items() if delta < 0}
    for k, amount in decrements.items():
        model.objects.filter(**dict(zip(key, k, strict=True))).update(events=F("events") - amount)
    if decrements:
        model.objects.filter(events=0).delete()


def _difference(after: Counter, before: Counter) -> dict[tuple, int]:
    return {k: after[k] - before[k] for k in set(after) | set(before) if after[k] != before[k]}


def _flow_events(country: str, partner: str, partner_role: str) -> QuerySet[Participant]:
    """The partner's participations in the approved transfers of a flow."""
    return Participant.objects.filter(
        role=partner_role,
        country=partner,
        event__review_status=Event.ReviewStatus.APPROVED,
        event__participants__country=country,
        event__participants__role=FLOW_ROLES[partner_role],
    )


def _latest_flow_date(key: tuple) -> datetime.date | None:
    return _flow_events(*key).aggregate(latest=Max("event__event_date"))["latest"]


def _latest_item_date(key: tuple) -> datetime.date | None:
    *flow, item = key
    dates = _flow_events(*flow).exclude(event__event_date=None).values_list("event__event_date", "event__items")
    return max((day for day, items in dates if item in event_items(items)), default=None)


def _update_latest(model: type[models.Model], key_columns: list[str], before: dict, after: dict, lookup) -> None:
    """Each key's latest date: raised by an added event; looked up again when its latest event left or moved."""
    stale = {key for key, latest in before.items() if key not in after or after[key] != latest}
    for key in stale:
        rows = model.objects.filter(**dict(zip(key_columns, key, strict=True)))
        rows.update(latest=lookup(key))
    for key, latest in after.items():
        if latest is not None and key not in stale:
            rows = model.objects.filter(**dict(zip(key_columns, key, strict=True)))
            rows.filter(Q(latest__isnull=True) | Q(latest__lt=latest)).update(latest=latest)


def apply_change(before: Contributions, after: Contributions) -> None:
    _add_counts(CountryMonthCount, MONTH_KEY, _difference(after.months, before.months))
    _add_counts(ArmsFlowCount, FLOW_KEY, _difference(after.flows, before.flows))
    _add_counts(FlowItemCount, ITEM_KEY, _difference(after.items, before.items))
    _add_counts(PersonCountryCount, PERSON_KEY, _difference(after.people, before.people))
    _update_latest(ArmsFlowCount, FLOW_KEY, before.flow_latest, after.flow_latest, _latest_flow_date)
    _update_latest(FlowItemCount, ITEM_KEY, before.item_latest, after.item_latest, _latest_item_date)


@contextmanager
def following_profile_aggregates(event_ids: Iterable[int]) -> Iterator[None]:
    """Around a change to these events (status, date, type, participants): the aggregates follow it.

    Must run inside the change's transaction, so the counts commit or roll back with it.
    """
    ids = list(event_ids)
    before = contributions(ids)
    yield
    follow_change(before, ids)


def follow_change(before: Contributions, event_ids: Iterable[int]) -> None:
    """Apply the change from `before` (contributions taken earlier in this transaction) to the events now."""
    apply_change(before, contributions(event_ids))


@transaction.atomic
def rebuild_profile_aggregates() -> dict[str, int]:
    """Recompute all four tables from the approved events; the number of rows of each."""
    for model in (CountryMonthCount, ArmsFlowCount, FlowItemCount, PersonCountryCount):
        model.objects.all().delete()
    everything = contributions()
    CountryMonthCount.objects.bulk_create(
        (CountryMonthCount(**dict(zip(MONTH_KEY, k, strict=True)), events=n) for k, n in everything.months.items()),
        batch_size=5000,
    )
    ArmsFlowCount.objects.bulk_create(
        (
            ArmsFlowCount(**dict(zip(FLOW_KEY, k, strict=True)), events=n, latest=everything.flow_latest[k])
            for k, n in everything.flows.items()
        ),
        batch_size=5000,
    )
    FlowItemCount.objects.bulk_create(
        (
            FlowItemCount(**dict(zip(ITEM_KEY, k, strict=True)), events=n, latest=everything.item_latest[k])
            for k, n in everything.items.items()
        ),
        batch_size=5000,
    )
    PersonCountryCount.objects.bulk_create(
        (PersonCountryCount(**dict(zip(PERSON_KEY, k, strict=True)), events=n) for k, n in everything.people.items()),
        batch_size=5000,
    )
    return {
        "country months": len(everything.months),
        "arms flows": len(everything.flows),
        "arms flow items": len(everything.items),
        "people by country": len(everything.people),
    }
