"""Writes to the events tables: storing extraction output, and the review decisions.

Every review function takes the acting user (`by`), stamps `reviewed_by`/`reviewed_at`
and writes django-simple-history records with that user and a change reason, so each
decision is attributable.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction
from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from entities.models import Country, Organization, Person, Position, SanctionsMatch
from entities.services import OfficialMention, actor_for_code, actors_for_codes, get_or_create_officials

from .models import CORE_ROLES, ROLES_BY_TYPE, Article, Event, EventType, Evidence, Participant, Role

if TYPE_CHECKING:
    from django.apps import AppConfig
    from django.contrib.auth.models import AbstractBaseUser

    from tasks.models import ExtractionRun

logger = logging.getLogger(__name__)


# --- Storing extraction output (tasks.services runs these in one transaction per batch of articles) ---

# Key of the PostgreSQL advisory lock that serialises storing: corroboration looks for a
# matching event and creates one if none exists, and officials are matched by name; two
# workers doing either at once would create duplicates. Storing takes milliseconds next
# to the seconds of NLP, so serialising it costs little throughput.
STORE_LOCK_KEY = 0x5A4E_C710
ITEM_WORD = re.compile(r"[a-z][a-z-]{3,}")
PRECISION_BY_LENGTH = {10: Event.DatePrecision.DAY, 7: Event.DatePrecision.MONTH, 4: Event.DatePrecision.YEAR}
YEAR = datetime.timedelta(days=366)
# Look-ups of stored look-alikes sent as one UNION query (SQLite allows 500 parts).
UNION_PARTS = 100
CORROBORATING_STATUSES = (Event.ReviewStatus.CANDIDATE, Event.ReviewStatus.APPROVED)

Actor = Country | Organization


@dataclass(frozen=True)
class EvidenceSpan:
    start: int
    end: int
    sentence: str


@dataclass
class ExtractedEvent:
    """One event of an extraction result, resolved to rows but not stored yet."""

    event_type: str
    roles: dict[str, list[Actor]]
    items: list[str]
    quantity: str
    certainty: str
    date: datetime.date | None
    date_precision: str
    confidence: float
    spans: list[EvidenceSpan]
    reference_date: datetime.date | None = None  # the event date, else the article's publication date
    summary: str = field(default="")


@dataclass(frozen=True)
class StoredExtraction:
    events_found: int
    events_created: int
    events_corroborated: int


def _parse_event_date(value: Any, precision: Any) -> tuple[datetime.date | None, str]:
    """ "2022-09-06" / "2022-09" / "2022" → (first day of that period, its precision)."""
    if not isinstance(value, str) or len(value) not in PRECISION_BY_LENGTH:
        return None, ""
    padded = value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value
    try:
        day = datetime.date.fromisoformat(padded)
    except ValueError:
        return None, ""
    if precision not in Event.DatePrecision.values:
        precision = PRECISION_BY_LENGTH[len(value)]
    return day, precision


def _date_interval(day: datetime.date, precision: str) -> tuple[datetime.date, datetime.date]:
    if precision == Event.DatePrecision.YEAR:
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    if precision == Event.DatePrecision.MONTH:
        next_month = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return day.replace(day=1), next_month - datetime.timedelta(days=1)
    return day, day


def locate_evidence(text: str, extracted: dict) -> list[EvidenceSpan]:
    """Evidence spans checked against the article text.

    Offsets are trusted when the text at them is the quoted sentence; otherwise the
    sentence is searched for, so evidence always points at what the article says.
    """
    spans: list[EvidenceSpan] = []
    quoted = [s for s in extracted.get("evidence_spans") or [] if isinstance(s, dict) and s.get("text")]
    if not quoted and extracted.get("evidence"):
        quoted = [{"start": -1, "end": -1, "text": extracted["evidence"]}]
    for span in quoted:
        sentence, start, end = span["text"], span.get("start"), span.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and text[start:end] == sentence and end > start):
            start = text.find(sentence)
            end = start + len(sentence)
        if start >= 0 and end > start and all(s.start != start for s in spans):
            spans.append(EvidenceSpan(start, end, sentence))
    return spans


def _cached_actor(code: str, actors: dict[str, Actor | None]) -> Actor | None:
    if code not in actors:
        actors[code] = actor_for_code(code)
    return actors[code]


def _resolve_roles(event_type: str, roles: dict, actors: dict[str, Actor | None]) -> dict[str, list[Actor]]:
    """Role codes → countries/organisations; actors memoises lookups across one result's events."""
    resolved: dict[str, list[Actor]] = {}
    for role, codes in (roles or {}).items():
        if role not in ROLES_BY_TYPE[event_type]:
            logger.warning("Ignoring role %r, not valid for %s", role, event_type)
            continue
        for code in codes or []:
            actor = _cached_actor(code, actors) if isinstance(code, str) else None
            if actor is None:
                logger.warning("Ignoring unknown actor %r in role %s", code, role)
            elif actor not in resolved.setdefault(role, []):
                resolved[role].append(actor)
    return resolved


def _summary(event_type: str, roles: dict[str, list[Actor]], items: list[str]) -> str:
    return build_summary(event_type, {role: [actor_label(a) for a in actors] for role, actors in roles.items()}, items)


def extracted_event(
    article: Article, extracted: dict, actors: dict[str, Actor | None] | None = None
) -> ExtractedEvent | None:
    """An extraction result's event resolved to countries/organisations; None when unusable."""
    event_type = extracted.get("type")
    if event_type not in EventType.values:
        logger.warning("Ignoring event of unknown type %r", event_type)
        return None
    spans = locate_evidence(article.text, extracted)
    if not spans:
        logger.warning("Ignoring %s event: its evidence is not in article %s", event_type, article.pk)
        return None
    roles = _resolve_roles(event_type, extracted.get("roles") or {}, {} if actors is None else actors)
    items = [str(item)[:200] for item in extracted.get("items") or [] if item]
    date, precision = _parse_event_date(extracted.get("date"), extracted.get("date_precision"))
    certainty = extracted.get("status") if extracted.get("status") in Event.Certainty.values else "reported"
    confidence = extracted.get("confidence")
    confidence = min(max(float(confidence), 0.0), 1.0) if isinstance(confidence, int | float) else 0.5
    return ExtractedEvent(
        event_type=event_type,
        roles=roles,
        items=items,
        quantity=str(extracted.get("quantity") or "")[:200],
        certainty=certainty,
        date=date,
        date_precision=precision,
        confidence=confidence,
        spans=spans,
        reference_date=date or article.published,
        summary=_summary(event_type, roles, items),
    )


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
        and overlapping items when both name some."""
        if self.event.event_type != candidate.event_type or self.core != core:
            return False
        theirs, ours = self.interval(), _candidate_interval(candidate)
        if theirs is None or ours is None or max(theirs[0] - ours[1], ours[0] - theirs[1]) > window:
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


class CorroborationIndex:
    """The events a batch of candidates may corroborate: the stored ones, loaded for the whole batch
    at once, then those the batch itself creates; compared in creation order."""

    def __init__(self, candidates: Iterable[ExtractedEvent]) -> None:
        self.window = datetime.timedelta(days=settings.CORROBORATION_WINDOW_DAYS)
        self.known: list[CorroborableEvent] = []
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

    def match(self, candidate: ExtractedEvent) -> CorroborableEvent | None:
        core = _candidate_core(candidate)
        if not any(core.values()):
            return None  # nothing to identify the event by
        return next((known for known in self.known if known.corroborated_by(candidate, core, self.window)), None)

    def add(self, event: Event, candidate: ExtractedEvent, article: Article) -> CorroborableEvent:
        known = CorroborableEvent(event, _candidate_core(candidate), _item_words(event.items))
        known.add_source(article)
        self.known.append(known)
        return known


def _new_event(candidate: ExtractedEvent, extractor_version: str) -> Event:
    return Event(
        event_type=candidate.event_type,
        certainty=candidate.certainty,
        event_date=candidate.date,
        date_precision=candidate.date_precision,
        items=candidate.items,
        quantity=candidate.quantity,
        summary=candidate.summary,
        confidence=candidate.confidence,
        extractor_version=extractor_version,
    )


def _new_participants(event: Event, roles: dict[str, list[Actor]]) -> list[Participant]:
    return [
        Participant(
            event=event,
            event_type=event.event_type,
            role=role,
            country=actor if isinstance(actor, Country) else None,
            organization=actor if isinstance(actor, Organization) else None,
        )
        for role, actors in roles.items()
        for actor in actors
    ]


def refresh_source_counts(event_ids: list[int]) -> None:
    """Set each event's source_count to the number of distinct articles in its evidence."""
    distinct_articles = (
        Evidence.objects.filter(event=OuterRef("pk"))
        .values("event")
        .annotate(n=Count("article", distinct=True))
        .values("n")
    )
    Event.objects.filter(pk__in=event_ids).update(source_count=Coalesce(Subquery(distinct_articles), Value(0)))


def remove_unreviewed_candidates(articles: Sequence[Article]) -> None:
    """Undo what extracting these articles contributed to still-unreviewed candidates.

    Their evidence on candidate events goes; candidates left without evidence are deleted.
    Approved, rejected and merged events, and candidates a reviewer merged others into, keep everything.
    """
    touched = list(
        Event.objects.filter(review_status=Event.ReviewStatus.CANDIDATE, evidence__article__in=articles)
        .distinct()
        .values_list("pk", flat=True)
    )
    if not touched:
        return  # first extraction of these articles
    Evidence.objects.filter(article__in=articles, event_id__in=touched).delete()
    orphans = Event.objects.filter(pk__in=touched, evidence__isnull=True, merged_events__isnull=True)
    orphan_ids = set(orphans.values_list("pk", flat=True))
    for event in Event.objects.filter(pk__in=orphan_ids):
        event.delete()  # one by one, so simple_history records each deletion
    refresh_source_counts([pk for pk in touched if pk not in orphan_ids])


def _serialise_storing() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [STORE_LOCK_KEY])
    # SQLite allows one writer at a time anyway.


def _store_officials(results: Sequence[tuple[Article, dict]], actors: dict[str, Actor | None]) -> None:
    mentions = []
    for _, result in results:
        for official in result.get("officials") or []:
            if isinstance(official, dict) and isinstance(official.get("name"), str) and official["name"].strip():
                code = official.get("country")
                country = _cached_actor(code, actors) if isinstance(code, str) else None
                title = official.get("title") if isinstance(official.get("title"), str) else None
                country = country if isinstance(country, Country) else None
                mentions.append(OfficialMention(official["name"], country, title))
    get_or_create_officials(mentions)


def _result_codes(result: dict) -> Iterator[str]:
    for official in result.get("officials") or []:
        if isinstance(official, dict) and isinstance(official.get("country"), str):
            yield official["country"]
    for event in result.get("events") or []:
        roles = event.get("roles") if isinstance(event, dict) else None
        for codes in roles.values() if isinstance(roles, dict) else ():
            yield from (code for code in codes or [] if isinstance(code, str))


def store_extraction_result(article: Article, result: dict, *, extractor_version: str) -> StoredExtraction:
    """Store one article's extraction result (see store_extraction_results)."""
    [stored] = store_extraction_results([(article, result)], extractor_version=extractor_version)
    return stored


# No savepoint when nested (the run's transaction): an error rolls back the whole batch anyway.
@transaction.atomic(savepoint=False)
def store_extraction_results(
    results: Sequence[tuple[Article, dict]], *, extractor_version: str
) -> list[StoredExtraction]:
    """Store the extraction results of several articles: officials, candidate events, evidence, corroboration.

    Replaces these articles' still-unreviewed candidates, so storing the same results twice
    leaves the same rows as storing them once. The rows are the same as storing the results
    one article after the other, in order (a later article corroborates an event an earlier
    one created), but the number of queries does not grow with the number of articles: rows
    are read for the whole batch at once and written with bulk inserts.
    """
    _serialise_storing()
    remove_unreviewed_candidates([article for article, _ in results])
    actors: dict[str, Actor | None] = actors_for_codes(code for _, result in results for code in _result_codes(result))
    _store_officials(results, actors)
    candidates = [
        [
            candidate
            for extracted in result.get("events") or []
            if isinstance(extracted, dict) and (candidate := extracted_event(article, extracted, actors)) is not None
        ]
        for article, result in results
    ]
    index = CorroborationIndex(candidate for found in candidates for candidate in found)
    new_events: list[CorroborableEvent] = []
    participants: list[Participant] = []
    evidence: list[Evidence] = []
    sources: dict[int, set[int]] = defaultdict(set)  # id(event) → supporting article ids
    stored = []
    for (article, _), found in zip(results, candidates, strict=True):
        corroborated = 0
        for candidate in found:
            known = index.match(candidate)
            if known is not None:
                corroborated += 1
                known.add_source(article)
            else:
                known = index.add(_new_event(candidate, extractor_version), candidate, article)
                new_events.append(known)
                participants += _new_participants(known.event, candidate.roles)
            sources[id(known.event)].add(article.pk)
            evidence += [
                Evidence(
                    event=known.event,
                    article=article,
                    start_char=span.start,
                    end_char=span.end,
                    sentence=span.sentence,
                    extractor_version=extractor_version,
                )
                for span in candidate.spans
            ]
        stored.append(StoredExtraction(len(found), len(found) - corroborated, corroborated))
    for known in new_events:  # all their sources are in this batch
        known.event.source_count = len(sources[id(known.event)])
    bulk_create_with_history([known.event for known in new_events], Event)
    bulk_create_with_history(participants, Participant)
    # A span already recorded for its event and article (a stored event corroborated again) is kept as is.
    Evidence.objects.bulk_create(evidence, ignore_conflicts=True)
    new_ids = {known.event.pk for known in new_events}
    stored_and_corroborated = [
        known.event.pk for known in index.known if known.event.pk not in new_ids and id(known.event) in sources
    ]
    if stored_and_corroborated:
        refresh_source_counts(stored_and_corroborated)
    return stored


# --- Review decisions (the admin calls these) ------------------------------------

Status = Event.ReviewStatus

REVIEWERS_GROUP = "Reviewers"
# Reviewers decide on events; they delete nothing and manage no users, feeds or lists.
REVIEWER_PERMISSIONS = (
    "events.view_event",
    "events.change_event",
    "events.view_participant",
    "events.change_participant",
    # Adding a participant the extractor missed is part of correcting a candidate.
    "events.add_participant",
    "events.view_evidence",
    "events.change_evidence",
    "events.view_article",
    "entities.view_country",
    "entities.view_person",
    "entities.view_organization",
    "entities.view_position",
    # Confirming or rejecting borderline sanctions-list matches is review work too.
    "entities.view_sanctionsentry",
    "entities.view_sanctionsmatch",
    "entities.change_sanctionsmatch",
    "tasks.view_extractionrun",
    # Re-running extraction queues an ExtractionRun.
    "tasks.add_extractionrun",
)

SUMMARY_MAX_LENGTH = Event._meta.get_field("summary").max_length
_REVIEW_FIELDS = ["review_status", "merged_into", "reviewed_by", "reviewed_at", "review_note", "updated_at"]


class ReviewError(ValueError):
    """A review decision that the events' current states do not allow."""


# --- summaries ---------------------------------------------------------------


def actor_label(actor: Country | Person | Organization) -> str:
    """How lists name an actor: organisations by code where they have one ("EU")."""
    return getattr(actor, "code", None) or str(actor)


def build_summary(event_type: str, names_by_role: dict[str, list[str]], items: Sequence[str]) -> str:
    """One line for lists: "North Korea → Russia: artillery shells, rockets"."""

    def names(role: str) -> str:
        return ", ".join(names_by_role.get(role, [])) or "?"

    if event_type == EventType.ARMS_TRANSFER:
        head = f"{names(Role.SUPPLIER)} → {names(Role.RECIPIENT)}"
        if names_by_role.get(Role.INTERMEDIARY):
            head += f" via {names(Role.INTERMEDIARY)}"
    elif event_type == EventType.SANCTIONS_VIOLATION:
        head = f"{names(Role.VIOLATOR)} violates sanctions"
        if names_by_role.get(Role.COUNTERPARTY):
            head += f" with {names(Role.COUNTERPARTY)}"
    else:
        head = f"{names(Role.IMPOSER)} sanctions {names(Role.TARGET)}"
    summary = f"{head}: {', '.join(items)}" if items else head
    return summary if len(summary) <= SUMMARY_MAX_LENGTH else summary[: SUMMARY_MAX_LENGTH - 1] + "…"


def refresh_event_summary(event: Event) -> str:
    """Recompute and store Event.summary from the event's participants and items."""
    names_by_role: dict[str, list[str]] = defaultdict(list)
    participants = event.participants.select_related("country", "person", "organization").order_by("pk")
    for participant in participants:
        names_by_role[participant.role].append(actor_label(participant.actor))
    summary = build_summary(event.event_type, names_by_role, event.items or [])
    if summary != event.summary:
        event.summary = summary
        Event.objects.filter(pk=event.pk).update(summary=summary)
    return summary


# --- review decisions ----------------------------------------------------------


def _locked(events: Iterable[Event]) -> list[Event]:
    """Fresh, row-locked copies so concurrent reviewers cannot both decide on one event."""
    ids = [e.pk for e in events]
    return list(Event.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def _refuse(events: list[Event], states: set[str], message: str) -> None:
    blocked = [e for e in events if e.review_status in states]
    if blocked:
        ids = ", ".join(f"#{e.pk}" for e in blocked)
        raise ReviewError(f"{ids}: {message}")


def _record_review(
    events: list[Event], *, status: str, by: AbstractBaseUser, reason: str, **fields: Any
) -> list[Event]:
    now = timezone.now()
    for event in events:
        event.review_status = status
        event.reviewed_by = by
        event.reviewed_at = now
        event.updated_at = now
        for name, value in fields.items():
            setattr(event, name, value)
    bulk_update_with_history(
        events, Event, _REVIEW_FIELDS, default_user=by, default_change_reason=reason, default_date=now
    )
    return events


@transaction.atomic
def approve_events(events: Iterable[Event], *, by: AbstractBaseUser) -> list[Event]:
    """Approve candidates; returns the events whose status changed (already approved ones are left alone).

    A rejected or merged event must be un-rejected first, so no decision is overturned by a stray click.
    """
    locked = _locked(events)
    _refuse(locked, {Status.REJECTED, Status.MERGED}, "rejected or merged events need an explicit un-reject first.")
    to_approve = [e for e in locked if e.review_status == Status.CANDIDATE]
    return _record_review(to_approve, status=Status.APPROVED, by=by, reason="approved")


@transaction.atomic
def reject_events(events: Iterable[Event], *, by: AbstractBaseUser, reason: str) -> list[Event]:
    """Reject candidates or approved events; the reason is required and kept as the review note."""
    reason = reason.strip()
    if not reason:
        raise ReviewError("A reason is required to reject events.")
    locked = _locked(events)
    _refuse(locked, {Status.MERGED}, "merged events cannot be rejected; un-reject them first.")
    return _record_review(locked, status=Status.REJECTED, by=by, reason=f"rejected: {reason}", review_note=reason)


@transaction.atomic
def unreject_events(events: Iterable[Event], *, by: AbstractBaseUser) -> list[Event]:
    """Return rejected or merged events to the candidate queue.

    A merged event's evidence and participants stay with the event it was merged into.
    """
    locked = _locked(events)
    _refuse(locked, {Status.CANDIDATE, Status.APPROVED}, "only rejected or merged events can be un-rejected.")
    return _record_review(locked, status=Status.CANDIDATE, by=by, reason="un-rejected", merged_into=None)


def _participant_key(participant: Participant) -> tuple:
    return (
        participant.event_id,
        participant.role,
        participant.country_id,
        participant.person_id,
        participant.organization_id,
    )


def _reassign_participants(
    participants: Iterable[Participant], kept: set[tuple], *, by: AbstractBaseUser, reason: str, **new_values: Any
) -> None:
    """Point participants elsewhere (another event or person), deleting those that would duplicate a kept one."""
    for participant in participants:
        participant._history_user = by
        participant._change_reason = reason
        for name, value in new_values.items():
            setattr(participant, name, value)
        key = _participant_key(participant)
        if key in kept:
            participant.delete()
        else:
            participant.save()
            kept.add(key)


def _move_evidence(source: Event, survivor: Event) -> None:
    kept = set(survivor.evidence.values_list("article_id", "start_char"))
    duplicates = [e.pk for e in source.evidence.all() if (e.article_id, e.start_char) in kept]
    Evidence.objects.filter(pk__in=duplicates).delete()
    source.evidence.update(event=survivor)


@transaction.atomic
def merge_events(survivor: Event, others: Iterable[Event], *, by: AbstractBaseUser) -> Event:
    """Merge `others` into `survivor`: participants and evidence combined, the others marked merged.

    Events already merged into one of the others are re-pointed at the survivor, so
    merged_into never forms chains.
    """
    locked = _locked([survivor, *others])
    survivor = next(e for e in locked if e.pk == survivor.pk)
    merged = [e for e in locked if e.pk != survivor.pk]
    if not merged:
        raise ReviewError("Select at least two events to merge.")
    _refuse(locked, {Status.REJECTED, Status.MERGED}, "only candidates and approved events can be merged.")
    other_types = {e.event_type for e in merged} - {survivor.event_type}
    if other_types:
        raise ReviewError("Only events of the same type can be merged.")

    reason = f"merged into #{survivor.pk}"
    kept = {_participant_key(p) for p in survivor.participants.all()}
    for event in merged:
        _reassign_participants(event.participants.all(), kept, by=by, reason=reason, event=survivor)
        _move_evidence(event, survivor)
        survivor.items = list(dict.fromkeys([*survivor.items, *event.items]))
        survivor.confidence = max(survivor.confidence, event.confidence)
    merged_ids = [e.pk for e in merged]
    earlier = list(Event.objects.filter(merged_into__in=merged_ids))
    for event in earlier:
        event.merged_into = survivor
    bulk_update_with_history(earlier, Event, ["merged_into"], default_user=by, default_change_reason=reason)
    _record_review(merged, status=Status.MERGED, by=by, reason=reason, merged_into=survivor)

    survivor._history_user = by
    survivor._change_reason = f"merged #{', #'.join(map(str, merged_ids))} into this event"
    survivor.save(update_fields=["items", "confidence", "updated_at"])
    refresh_source_counts([survivor.pk])
    survivor.refresh_from_db(fields=["source_count"])
    refresh_event_summary(survivor)
    return survivor


@transaction.atomic
def merge_people(survivor: Person, others: Iterable[Person], *, by: AbstractBaseUser) -> Person:
    """Merge duplicate people into `survivor`: names become aliases; positions, participations and
    sanctions-list matches move.

    The duplicates are deleted; each moved participation keeps a history record naming `by`.
    """
    others = [p for p in others if p.pk != survivor.pk]
    if not others:
        raise ReviewError("Select at least two people to merge.")
    reason = f"person #{', #'.join(str(p.pk) for p in others)} merged into #{survivor.pk}"
    names = [*survivor.aliases]
    for person in others:
        names += [person.name, *person.aliases]
        survivor.nationality_id = survivor.nationality_id or person.nationality_id
        survivor.birth_year = survivor.birth_year or person.birth_year
    survivor.aliases = [n for n in dict.fromkeys(names) if n != survivor.name]
    survivor.save(update_fields=["aliases", "nationality", "birth_year"])

    Position.objects.filter(person__in=others).update(person=survivor)
    # Sanctions-list matches move too; where the survivor already has one for the entry, it stays.
    matched_entries = set(survivor.sanctions_matches.values_list("entry_id", flat=True))
    for match in SanctionsMatch.objects.filter(person__in=others):
        match._history_user, match._change_reason = by, reason
        if match.entry_id in matched_entries:
            match.delete()
        else:
            match.person = survivor
            match.save()
            matched_entries.add(match.entry_id)
    moved = list(Participant.objects.filter(person__in=others).select_related("event"))
    kept = {_participant_key(p) for p in survivor.participations.all()}
    _reassign_participants(moved, kept, by=by, reason=reason, person=survivor)
    Person.objects.filter(pk__in=[p.pk for p in others]).delete()
    for event in {p.event for p in moved}:
        refresh_event_summary(event)
    return survivor


def reextract_events(events: Iterable[Event]) -> list[ExtractionRun]:
    """Queue a new extraction of every article that has evidence for the events."""
    from tasks.services import enqueue_extraction

    article_ids = Evidence.objects.filter(event__in=list(events)).values_list("article_id", flat=True).distinct()
    return enqueue_extraction(sorted(article_ids))


# --- the Reviewers group --------------------------------------------------------


def sync_reviewers_group() -> Group:
    """Create the Reviewers group, or reset its permissions to exactly REVIEWER_PERMISSIONS."""
    group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    wanted = [tuple(name.split(".")) for name in REVIEWER_PERMISSIONS]
    permissions = Permission.objects.filter(content_type__app_label__in={app for app, _ in wanted}).select_related(
        "content_type"
    )
    chosen = [p for p in permissions if (p.content_type.app_label, p.codename) in set(wanted)]
    group.permissions.set(chosen)
    return group


def sync_reviewers_group_after_migrate(sender: AppConfig, **kwargs: Any) -> None:
    """post_migrate receiver. Auth creates permissions app by app, so act once the last app
    whose permissions reviewers get has been migrated."""
    labels = {name.split(".")[0] for name in REVIEWER_PERMISSIONS}
    last = [config.label for config in django_apps.get_app_configs() if config.label in labels][-1]
    if sender.label == last:
        sync_reviewers_group()
