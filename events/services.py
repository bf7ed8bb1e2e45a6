"""Writes to the events tables."""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Max, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from entities.models import Country, Organization
from entities.services import actor_for_code, get_or_create_official

from .models import CORE_ROLES, ROLES_BY_TYPE, Article, Event, EventType, Evidence, Participant

logger = logging.getLogger(__name__)


# --- Storing extraction output (tasks.services runs these in one transaction per article) ---

# Key of the PostgreSQL advisory lock that serialises storing: corroboration looks for a
# matching event and creates one if none exists, and officials are matched by name; two
# workers doing either at once would create duplicates. Storing takes milliseconds next
# to the seconds of NLP, so serialising it costs little throughput.
STORE_LOCK_KEY = 0x5A4E_C710
ITEM_WORD = re.compile(r"[a-z][a-z-]{3,}")
PRECISION_BY_LENGTH = {10: Event.DatePrecision.DAY, 7: Event.DatePrecision.MONTH, 4: Event.DatePrecision.YEAR}
YEAR = datetime.timedelta(days=366)
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
    def names(role: str) -> str:
        return ", ".join(str(actor) for actor in roles.get(role, [])) or "?"

    if event_type == EventType.ARMS_TRANSFER:
        text = f"{names('supplier')} → {names('recipient')}: {', '.join(items) or 'arms'}"
    elif event_type == EventType.SANCTIONS_VIOLATION:
        text = f"{names('violator')} violates sanctions" + (
            f" with {names('counterparty')}" if "counterparty" in roles else ""
        )
    else:
        text = f"{names('imposer')} sanctions {names('target')}"
    return text[:500]


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


def _core_actors(event_type: str, roles: dict[str, list[Actor]]) -> dict[str, frozenset[tuple[str, Any]]]:
    return {
        role: frozenset((type(actor).__name__, actor.pk) for actor in roles.get(role, []))
        for role in CORE_ROLES[event_type]
    }


def _event_core_actors(event: Event) -> dict[str, frozenset[tuple[str, Any]]]:
    core: dict[str, set[tuple[str, Any]]] = {role: set() for role in CORE_ROLES[event.event_type]}
    for participant in event.participants.all():
        if participant.role in core and participant.country_id:
            core[participant.role].add(("Country", participant.country_id))
        elif participant.role in core and participant.organization_id:
            core[participant.role].add(("Organization", participant.organization_id))
    return {role: frozenset(actors) for role, actors in core.items()}


def _item_words(items: list[str]) -> set[str]:
    return {word for item in items for word in ITEM_WORD.findall(item.lower())}


def _dates_within_window(a: ExtractedEvent, event: Event, window: datetime.timedelta) -> bool:
    if a.date is not None:
        a_start, a_end = _date_interval(a.date, a.date_precision)
    elif a.reference_date is not None:
        a_start = a_end = a.reference_date
    else:
        return False
    if event.event_date is not None:
        b_start, b_end = _date_interval(event.event_date, event.date_precision)
    else:  # undated: the publication dates of the articles supporting it
        published = Evidence.objects.filter(event=event).aggregate(
            first=Min("article__published"), last=Max("article__published")
        )
        if published["first"] is None:
            return False
        b_start, b_end = published["first"], published["last"]
    return max(b_start - a_end, a_start - b_end) <= window


def matching_event(candidate: ExtractedEvent) -> Event | None:
    """An existing candidate or approved event that candidate corroborates.

    Same type, the same countries/organisations in every core role, dates within
    CORROBORATION_WINDOW_DAYS, and overlapping items when both name some.
    """
    core = _core_actors(candidate.event_type, candidate.roles)
    if not any(core.values()):
        return None  # nothing to identify the event by
    window = datetime.timedelta(days=settings.CORROBORATION_WINDOW_DAYS)
    kind, pk = next(actor for actors in core.values() for actor in actors)
    with_actor = Participant.objects.filter(**{"country_id" if kind == "Country" else "organization_id": pk})
    events = (
        Event.objects.filter(
            event_type=candidate.event_type,
            review_status__in=CORROBORATING_STATUSES,
            pk__in=with_actor.values("event_id"),
        )
        .prefetch_related("participants")
        .order_by("created_at", "pk")
    )
    if candidate.reference_date is not None:
        # Narrow in the database (event_status_type_date_idx); event_date is the first day of
        # its period, so a year-precision date can start up to a year before the window.
        start, end = _date_interval(candidate.reference_date, candidate.date_precision or Event.DatePrecision.DAY)
        events = events.filter(
            Q(event_date__isnull=True) | Q(event_date__gte=start - window - YEAR, event_date__lte=end + window)
        )
    words = _item_words(candidate.items)
    for event in events:
        if _event_core_actors(event) != core:
            continue
        if not _dates_within_window(candidate, event, window):
            continue
        other_words = _item_words(event.items)
        if words and other_words and not words & other_words:
            continue
        return event
    return None


def _add_evidence(event: Event, article: Article, spans: list[EvidenceSpan], extractor_version: str) -> None:
    """Evidence rows for the spans; a span already recorded for this event and article is kept as is."""
    Evidence.objects.bulk_create(
        [
            Evidence(
                event=event,
                article=article,
                start_char=span.start,
                end_char=span.end,
                sentence=span.sentence,
                extractor_version=extractor_version,
            )
            for span in spans
        ],
        ignore_conflicts=True,
    )


def _create_event(candidate: ExtractedEvent, article: Article, extractor_version: str) -> Event:
    event = Event.objects.create(
        event_type=candidate.event_type,
        certainty=candidate.certainty,
        event_date=candidate.date,
        date_precision=candidate.date_precision,
        items=candidate.items,
        quantity=candidate.quantity,
        summary=candidate.summary,
        confidence=candidate.confidence,
        extractor_version=extractor_version,
        source_count=1,
    )
    for role, actors in candidate.roles.items():
        for actor in actors:
            Participant.objects.create(
                event=event,
                event_type=event.event_type,
                role=role,
                country=actor if isinstance(actor, Country) else None,
                organization=actor if isinstance(actor, Organization) else None,
            )
    _add_evidence(event, article, candidate.spans, extractor_version)
    return event


def refresh_source_counts(event_ids: list[int]) -> None:
    """Set each event's source_count to the number of distinct articles in its evidence."""
    distinct_articles = (
        Evidence.objects.filter(event=OuterRef("pk"))
        .values("event")
        .annotate(n=Count("article", distinct=True))
        .values("n")
    )
    Event.objects.filter(pk__in=event_ids).update(source_count=Coalesce(Subquery(distinct_articles), Value(0)))


def remove_unreviewed_candidates(article: Article) -> None:
    """Undo what extracting this article contributed to still-unreviewed candidates.

    Its evidence on candidate events goes; candidates left without evidence are deleted.
    Approved, rejected and merged events, and candidates a reviewer merged others into, keep everything.
    """
    touched = list(
        Event.objects.filter(review_status=Event.ReviewStatus.CANDIDATE, evidence__article=article)
        .distinct()
        .values_list("pk", flat=True)
    )
    if not touched:
        return  # first extraction of this article
    Evidence.objects.filter(article=article, event_id__in=touched).delete()
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


# No savepoint when nested (the run's transaction): an error rolls back the whole run anyway.
@transaction.atomic(savepoint=False)
def store_extraction_result(article: Article, result: dict, *, extractor_version: str) -> StoredExtraction:
    """Store an extraction result for an article: officials, candidate events, evidence, corroboration.

    Replaces this article's still-unreviewed candidates, so storing the same result
    twice leaves the same rows as storing it once.
    """
    _serialise_storing()
    remove_unreviewed_candidates(article)
    actors: dict[str, Actor | None] = {}
    for official in result.get("officials") or []:
        if isinstance(official, dict) and official.get("name"):
            code = official.get("country")
            country = _cached_actor(code, actors) if isinstance(code, str) else None
            get_or_create_official(
                official["name"], country=country if isinstance(country, Country) else None, title=official.get("title")
            )
    found = created = corroborated = 0
    touched: list[int] = []
    for extracted in result.get("events") or []:
        candidate = extracted_event(article, extracted, actors) if isinstance(extracted, dict) else None
        if candidate is None:
            continue
        found += 1
        existing = matching_event(candidate)
        if existing is not None:
            _add_evidence(existing, article, candidate.spans, extractor_version)
            touched.append(existing.pk)
            corroborated += 1
        else:
            created += 1
            _create_event(candidate, article, extractor_version)
    if touched:
        refresh_source_counts(touched)
    return StoredExtraction(found, created, corroborated)
