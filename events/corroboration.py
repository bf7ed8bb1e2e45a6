"""Corroboration: whether a new candidate is an event already stored (same type, same core-role
actors, dates within CORROBORATION_WINDOW_DAYS, overlapping items), and source counts.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from .candidates import ExtractedEvent
from .models import CORE_ROLES, Article, Event, Evidence, Participant

ITEM_WORD = re.compile(r"[a-z][a-z-]{3,}")

YEAR = datetime.timedelta(days=366)

# Look-ups of stored look-alikes sent as one UNION query (SQLite allows 500 parts).
UNION_PARTS = 100

CORROBORATING_STATUSES = (Event.ReviewStatus.CANDIDATE, Event.ReviewStatus.APPROVED)


def _date_interval(day: datetime.date, precision: str) -> tuple[datetime.date, datetime.date]:
    if precision == Event.DatePrecision.YEAR:
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    if precision == Event.DatePrecision.MONTH:
        next_month = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return day.replace(day=1), next_month - datetime.timedelta(days=1)
    return day, day


CoreActors = dict[str, frozenset[tuple[str, Any]]]

DateRange = tuple[datetime.date, datetime.date]


def _core(event_type: str, keys_by_role: dict[str, list[tuple[str, Any]]]) -> CoreActors:
    """The actors of an event's core roles, as (model name, pk) keys: what identifies an event."""
    return {role: frozenset(keys_by_role.get(role, ())) for role in CORE_ROLES[event_type]}


def _candidate_core(candidate: ExtractedEvent) -> CoreActors:
    keys = {role: [(type(actor).__name__, actor.pk) for actor in actors] for role, actors in candidate.roles.items()}
    return _core(candidate.event_type, keys)


def _event_core(event: Event) -> CoreActors:
    """From the event's prefetched participants."""
    keys: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for participant in event.participants.all():
        if participant.country_id:
            keys[participant.role].append(("Country", participant.country_id))
        elif participant.organization_id:
            keys[participant.role].append(("Organization", participant.organization_id))
    return _core(event.event_type, keys)


def _item_words(items: list[str]) -> set[str]:
    return {word for item in items for word in ITEM_WORD.findall(item.lower())}


def _candidate_interval(candidate: ExtractedEvent) -> DateRange | None:
    if candidate.date is not None:
        return _date_interval(candidate.date, candidate.date_precision)
    if candidate.reference_date is not None:
        return candidate.reference_date, candidate.reference_date
    return None


@dataclass
class CorroborableEvent:
    """An event that candidates may corroborate, with what matching compares."""

    event: Event
    core: CoreActors
    words: set[str]
    # Publication dates of the articles supporting it: an undated event is compared by these.
    first_published: datetime.date | None = None
    last_published: datetime.date | None = None

    def interval(self) -> DateRange | None:
        if self.event.event_date is not None:
            return _date_interval(self.event.event_date, self.event.date_precision)
        if self.first_published is None:
            return None
        return self.first_published, self.last_published or self.first_published

    def add_source(self, article: Article) -> None:
        if article.published is not None:
            self.first_published = min(filter(None, (self.first_published, article.published)))
            self.last_published = max(filter(None, (self.last_published, article.published)))

    def corroborated_by(self, candidate: ExtractedEvent, core: CoreActors, window: datetime.timedelta) -> bool:
        """Same type, the same actors in every core role, dates within the window,
        and overlapping items when both name some.

        An undated event without publication dates to stand in has an unknown date, which matches any date.
        """
        if self.event.event_type != candidate.event_type or self.core != core:
            return False
        theirs, ours = self.interval(), _candidate_interval(candidate)
        if theirs is not None and ours is not None and max(theirs[0] - ours[1], ours[0] - theirs[1]) > window:
            return False
        words = _item_words(candidate.items)
        return not (words and self.words and not words & self.words)


def _date_window(candidate: ExtractedEvent, window: datetime.timedelta) -> DateRange | None:
    """The event dates a stored event can have and still match the candidate; None: any date."""
    if candidate.reference_date is None:
        return None
    # event_date is the first day of its period, so a year-precision date can start up to a year earlier.
    start, end = _date_interval(candidate.reference_date, candidate.date_precision or Event.DatePrecision.DAY)
    return start - window - YEAR, end + window


def _spanning(a: DateRange | None, b: DateRange | None) -> DateRange | None:
    """The smallest range covering both; None (any date) when either is."""
    return None if a is None or b is None else (min(a[0], b[0]), max(a[1], b[1]))


def _stored_events_with(event_type: str, actor: tuple[str, Any], dates: DateRange | None) -> QuerySet:
    """Ids of the stored events of the type with the actor in some role, undated or dated within `dates`.
    Served by participant_country_role_idx (country actors) and event_status_type_date_idx."""
    kind, pk = actor
    with_actor = Participant.objects.filter(**{f"{kind.lower()}_id": pk}).values("event_id")
    events = Event.objects.filter(event_type=event_type, review_status__in=CORROBORATING_STATUSES, pk__in=with_actor)
    if dates is not None:
        events = events.filter(Q(event_date__isnull=True) | Q(event_date__range=dates))
    return events.order_by().values_list("pk", flat=True)  # unordered: SQLite refuses ORDER BY inside a UNION


def _approved_events_at_spans(article_ids: set[int | None]) -> dict[tuple[int, int], set[int]]:
    """(article, start of a sentence) → the approved events it is evidence of, for these articles."""
    spans: dict[tuple[int, int], set[int]] = defaultdict(set)
    rows = Evidence.objects.filter(
        article_id__in=article_ids - {None}, event__review_status=Event.ReviewStatus.APPROVED
    ).values_list("article_id", "start_char", "event_id")
    for article_id, start, event_id in rows:
        spans[(article_id, start)].add(event_id)
    return spans


class CorroborationIndex:
    """The events a batch of candidates may corroborate: the stored ones, loaded for the whole batch
    at once, then those the batch itself creates; compared in creation order."""

    def __init__(self, candidates: Iterable[ExtractedEvent]) -> None:
        candidates = list(candidates)
        self.window = datetime.timedelta(days=settings.CORROBORATION_WINDOW_DAYS)
        self.known: list[CorroborableEvent] = []
        self.by_id: dict[int, CorroborableEvent] = {}  # the stored ones
        # One look-up per type and first core actor, over the dates of all the batch's candidates
        # that share them (a batch's dates cluster); matching then compares each candidate exactly.
        dates: dict[tuple[str, tuple[str, Any]], DateRange | None] = {}
        for candidate in candidates:
            core = _candidate_core(candidate)
            if not any(core.values()):
                continue
            key = (candidate.event_type, next(actor for actors in core.values() for actor in actors))
            window = _date_window(candidate, self.window)
            dates[key] = _spanning(dates[key], window) if key in dates else window
        lookups = [_stored_events_with(event_type, actor, window) for (event_type, actor), window in dates.items()]
        event_ids: set[int] = set()
        self.at_span = _approved_events_at_spans({candidate.article_id for candidate in candidates})
        event_ids.update(event_id for found in self.at_span.values() for event_id in found)
        for start in range(0, len(lookups), UNION_PARTS):
            first, *rest = lookups[start : start + UNION_PARTS]
            event_ids.update(first.union(*rest) if rest else first)
        if event_ids:
            self._load(event_ids)

    def _load(self, event_ids: set[int]) -> None:
        events = list(
            Event.objects.filter(pk__in=event_ids)
            .defer("search_vector")
            .prefetch_related("participants")
            .order_by("created_at", "pk")
        )
        undated = [event.pk for event in events if event.event_date is None]
        published = {
            row["event"]: row
            for row in Evidence.objects.filter(event_id__in=undated)
            .values("event")
            .annotate(first=Min("article__published"), last=Max("article__published"))
        }
        for event in events:
            self.known.append(
                CorroborableEvent(
                    event,
                    _event_core(event),
                    _item_words(event.items),
                    published.get(event.pk, {}).get("first"),
                    published.get(event.pk, {}).get("last"),
                )
            )
        self.by_id = {known.event.pk: known for known in self.known}

    def match(self, candidate: ExtractedEvent) -> CorroborableEvent | None:
        core = _candidate_core(candidate)
        if (same := self._approved_at_same_sentence(candidate, core)) is not None:
            return same
        if not any(core.values()):
            return None  # nothing to identify the event by
        return next((known for known in self.known if known.corroborated_by(candidate, core, self.window)), None)

    def _approved_at_same_sentence(self, candidate: ExtractedEvent, core: CoreActors) -> CorroborableEvent | None:
        """The approved event a re-extracted candidate repeats: same type, same sentence of the same article,
        and the same core actors unless the candidate names none. Dates are not compared: a reviewer may
        have corrected the event's date, and an undated event stays undated."""
        for span in candidate.spans:
            for event_id in self.at_span.get((candidate.article_id, span.start), ()):
                known = self.by_id.get(event_id)
                same_actors = known is not None and (known.core == core or not any(core.values()))
                if same_actors and known.event.event_type == candidate.event_type:
                    return known
        return None

    def add(self, event: Event, candidate: ExtractedEvent, article: Article) -> CorroborableEvent:
        known = CorroborableEvent(event, _candidate_core(candidate), _item_words(event.items))
        known.add_source(article)
        self.known.append(known)
        return known


def evidence_state_for(event: Event) -> str:
    """New evidence on a candidate is reviewed with it; on an event a reviewer has decided, it waits."""
    if event.pk is None or event.review_status == Event.ReviewStatus.CANDIDATE:
        return Evidence.ReviewState.ACCEPTED
    return Evidence.ReviewState.PENDING


def refresh_source_counts(event_ids: list[int]) -> None:
    """Set each event's source_count to the number of distinct articles in its accepted evidence."""
    distinct_articles = (
        Evidence.objects.public()
        .filter(event=OuterRef("pk"))
        .values("event")
        .annotate(n=Count("article", distinct=True))
        .values("n")
    )
    Event.objects.filter(pk__in=event_ids).update(source_count=Coalesce(Subquery(distinct_articles), Value(0)))
