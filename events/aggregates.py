"""Profile aggregates: counts that country profiles read instead of scanning every approved event.

Each approved event contributes fixed keys to three tables (events.models): CountryMonthCount,
ArmsFlowCount and PersonCountryCount. A review decision takes the contributions of the events it
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
from django.db.models import Max, Q, QuerySet

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

UNDATED = datetime.date.fromisoformat(UNDATED_MONTH)
# A country in the first role has partners in the second (arms transfers only).
FLOW_ROLES = {Role.SUPPLIER: Role.RECIPIENT, Role.RECIPIENT: Role.SUPPLIER}
MONTH_KEY = ["country_id", "event_type", "role", "month"]
FLOW_KEY = ["country_id", "partner_id", "partner_role"]
PERSON_KEY = ["country_id", "person_id"]


@dataclass
class Contributions:
    """What some approved events add to each table: key → events, and the latest date of each flow."""

    months: Counter = field(default_factory=Counter)  # (country, type, role, month)
    flows: Counter = field(default_factory=Counter)  # (country, partner, partner_role)
    flow_latest: dict = field(default_factory=dict)  # flow key → latest dated event (or None)
    people: Counter = field(default_factory=Counter)  # (country, person)

    def add_event(self, event_type: str, event_date: datetime.date | None, participants: list[tuple]) -> None:
        """One approved event, from its (role, country, person) participant tuples."""
        month = event_date.replace(day=1) if event_date else UNDATED
        roles = {(role, country) for role, country, _ in participants if country}
        countries = {country for _, country in roles}
        people = {person for _, _, person in participants if person}
        for role, country in roles:
            self.months[(country, event_type, role, month)] += 1
        for country in countries:
            self.months[(country, event_type, ANY_ROLE, month)] += 1
            self.people.update((country, person) for person in people)
        if event_type != EventType.ARMS_TRANSFER:
            return
        for my_role, country in roles:
            for role, partner in roles:
                if role == FLOW_ROLES.get(my_role) and partner != country:
                    key = (country, partner, role)
                    self.flows[key] += 1
                    latest = self.flow_latest.get(key)
                    if event_date and (latest is None or event_date > latest):
                        self.flow_latest[key] = event_date
                    else:
                        self.flow_latest.setdefault(key, None)


def contributions(event_ids: Iterable[int] | None = None) -> Contributions:
    """The contributions of the given events (of all approved events if None), as they stand now.

    One streamed query over the participants with their event's type and date, in event order.
    """
    participants = Participant.objects.filter(event__review_status=Event.ReviewStatus.APPROVED)
    if event_ids is not None:
        participants = participants.filter(event_id__in=list(event_ids))
    rows = participants.order_by("event_id").values_list(
        "event_id", "event__event_type", "event__event_date", "role", "country_id", "person_id"
    )
    found = Contributions()
    for _, group in groupby(rows.iterator(chunk_size=10_000), key=itemgetter(0)):
        first, *rest = group
        found.add_event(first[1], first[2], [row[3:] for row in (first, *rest)])
    return found


def _add_counts(model: type[models.Model], key: list[str], deltas: dict[tuple, int]) -> None:
    """events += delta per key: missing rows are created, rows reaching zero removed.

    Increments are upserts (a concurrent decision may create the same row); decrements are
    UPDATEs, as PostgreSQL checks an upsert's proposed row (CHECK events >= 0) before the conflict.
    """
    table = model._meta.db_table
    columns = ", ".join(key)
    increments = [[*k, delta] for k, delta in deltas.items() if delta > 0]
    decrements = [[-delta, *k] for k, delta in deltas.items() if delta < 0]
    with connection.cursor() as cursor:
        if increments:
            cursor.executemany(
                f"INSERT INTO {table} ({columns}, events) VALUES ({', '.join(['%s'] * (len(key) + 1))}) "  # noqa: S608
                f"ON CONFLICT ({columns}) DO UPDATE SET events = {table}.events + excluded.events",
                increments,
            )
        if decrements:
            matching = " AND ".join(f"{column} = %s" for column in key)
            cursor.executemany(f"UPDATE {table} SET events = events - %s WHERE {matching}", decrements)  # noqa: S608
    if decrements:
        model.objects.filter(events=0).delete()


def _difference(after: Counter, before: Counter) -> dict[tuple, int]:
    return {k: after[k] - before[k] for k in set(after) | set(before) if after[k] != before[k]}


def _latest_flow_date(country: str, partner: str, partner_role: str) -> datetime.date | None:
    return Participant.objects.filter(
        role=partner_role,
        country=partner,
        event__review_status=Event.ReviewStatus.APPROVED,
        event__participants__country=country,
        event__participants__role=FLOW_ROLES[partner_role],
    ).aggregate(latest=Max("event__event_date"))["latest"]


def _update_flow_dates(before: Contributions, after: Contributions) -> None:
    """A flow's latest date: raised by an added event; looked up again when its latest event left or moved."""
    now = after.flow_latest
    stale = {key for key, latest in before.flow_latest.items() if key not in now or now[key] != latest}
    for key in stale:
        _flow(key).update(latest=_latest_flow_date(*key))
    for key, latest in after.flow_latest.items():
        if latest is not None and key not in stale:
            _flow(key).filter(Q(latest__isnull=True) | Q(latest__lt=latest)).update(latest=latest)


def _flow(key: tuple) -> QuerySet[ArmsFlowCount]:
    return ArmsFlowCount.objects.filter(**dict(zip(FLOW_KEY, key, strict=True)))


def apply_change(before: Contributions, after: Contributions) -> None:
    _add_counts(CountryMonthCount, MONTH_KEY, _difference(after.months, before.months))
    _add_counts(ArmsFlowCount, FLOW_KEY, _difference(after.flows, before.flows))
    _add_counts(PersonCountryCount, PERSON_KEY, _difference(after.people, before.people))
    _update_flow_dates(before, after)


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
    """Recompute all three tables from the approved events; the number of rows of each."""
    for model in (CountryMonthCount, ArmsFlowCount, PersonCountryCount):
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
    PersonCountryCount.objects.bulk_create(
        (PersonCountryCount(**dict(zip(PERSON_KEY, k, strict=True)), events=n) for k, n in everything.people.items()),
        batch_size=5000,
    )
    return {
        "country months": len(everything.months),
        "arms flows": len(everything.flows),
        "people by country": len(everything.people),
    }
