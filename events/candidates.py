"""An extraction result's events resolved to rows, not stored yet: roles to countries and
organisations, evidence checked against the article text, dates and their precision.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from typing import Any

from entities.models import Country, Organization
from entities.reference import actor_for_code
from entities.vessels import VesselMention, vessel_mentions
from vocabulary.events import ASSERTS, CARRIER, OFFICIAL_CAPACITIES, OFFICIAL_STANCES, SOURCE

from .models import ROLES_BY_TYPE, Article, Event, EventType
from .summaries import actor_label, build_summary

logger = logging.getLogger(__name__)

# Truncation limits read from the model, so stored values always fit; items are JSON, bounded here.
QUANTITY_MAX_LENGTH = Event._meta.get_field("quantity").max_length
ITEM_MAX_LENGTH = 200
# Confidence when the result gives none (or no number): as uncertain as it gets without being dropped.
DEFAULT_CONFIDENCE = Event._meta.get_field("confidence").default
PRECISION_BY_LENGTH = {10: Event.DatePrecision.DAY, 7: Event.DatePrecision.MONTH, 4: Event.DatePrecision.YEAR}

Actor = Country | Organization


@dataclass(frozen=True)
class EvidenceSpan:
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class EventOfficial:
    """A person named in an event's ``officials``: who, in which capacity and stance, and where the article says so."""

    name: str
    capacity: str  # vocabulary.events.OFFICIAL_CAPACITIES
    stance: str  # vocabulary.events.OFFICIAL_STANCES
    country_code: str | None
    title: str | None
    span: EvidenceSpan | None  # None when the sentence given is not in the article


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
    vessels: list[VesselMention] = field(default_factory=list)  # carriers, for the types that have them
    officials: list[EventOfficial] = field(default_factory=list)
    article_id: int | None = None  # the article whose text the spans are in


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


def _text_or_none(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def event_officials(text: str, extracted: dict) -> list[EventOfficial]:
    """An event's ``officials`` (an additive key: missing means none), each once by name; unusable entries are left out.

    An unknown capacity counts as a source and an unknown stance as asserting: the weakest claims.
    """
    officials: dict[str, EventOfficial] = {}
    for entry in extracted.get("officials") or []:
        name = _text_or_none(entry.get("name")) if isinstance(entry, dict) else None
        if name is None or name.casefold() in officials:
            continue
        sentence = _text_or_none(entry.get("evidence"))
        spans = locate_evidence(text, {"evidence": sentence}) if sentence else []
        officials[name.casefold()] = EventOfficial(
            name=name,
            capacity=entry.get("role") if entry.get("role") in OFFICIAL_CAPACITIES else SOURCE,
            stance=entry.get("stance") if entry.get("stance") in OFFICIAL_STANCES else ASSERTS,
            country_code=_text_or_none(entry.get("country")),
            title=_text_or_none(entry.get("title")),
            span=spans[0] if spans else None,
        )
    return list(officials.values())


def cached_actor(code: str, actors: dict[str, Actor | None]) -> Actor | None:
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
            actor = cached_actor(code, actors) if isinstance(code, str) else None
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
    items = [str(item)[:ITEM_MAX_LENGTH] for item in extracted.get("items") or [] if item]
    date, precision = _parse_event_date(extracted.get("date"), extracted.get("date_precision"))
    certainty = extracted.get("status") if extracted.get("status") in Event.Certainty.values else "reported"
    confidence = extracted.get("confidence")
    confidence = min(max(float(confidence), 0.0), 1.0) if isinstance(confidence, int | float) else DEFAULT_CONFIDENCE
    return ExtractedEvent(
        event_type=event_type,
        roles=roles,
        items=items,
        quantity=str(extracted.get("quantity") or "")[:QUANTITY_MAX_LENGTH],
        certainty=certainty,
        date=date,
        date_precision=precision,
        confidence=confidence,
        spans=spans,
        reference_date=date or article.published,
        summary=_summary(event_type, roles, items),
        vessels=vessel_mentions(extracted.get("vessels")) if CARRIER in ROLES_BY_TYPE[event_type] else [],
        officials=event_officials(article.text, extracted),
        article_id=article.pk,
    )
