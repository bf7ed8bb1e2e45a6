"""Streamed exports of a search: CSV, JSON Lines and FollowTheMoney entities.

Rows come from a server-side cursor in chunks, so a million events never sit
in memory; each chunk prefetches its participants and evidence.
"""

import csv
import json
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from events.models import Event, Role
from events.public_search import EVENT_ORDERINGS
from events.search import evidence_with_articles, with_participants

from .ftm import event_entities
from .serializers import EventSerializer, sanctions_context

CHUNK_SIZE = 500
CSV_COLUMNS = [
    "id", "type", "status", "certainty", "date", "date_precision", "summary", "items", "quantity",
    *[f"{role}_countries" for role in Role.values], "people", "organizations", "source_count",
    "source_urls", "reviewed_at", "page_url",
]  # fmt: skip
# A spreadsheet runs a cell starting with these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# FtM entities that several events share; events and evidence links are unique by construction.
SHARED_SCHEMATA = {"Person", "Organization", "PublicBody", "Article"}


def export_queryset(events: QuerySet[Event]) -> Iterator[Event]:
    """The events newest first, with participants and source articles, read in chunks."""
    events = with_participants(events).prefetch_related(Prefetch("evidence", queryset=evidence_with_articles()))
    # Inside a transaction the server-side cursor streams; outside one PostgreSQL
    # materialises the whole result first (WITH HOLD). Read-only, so a client that
    # disconnects mid-download just rolls it back.
    with transaction.atomic():
        yield from events.order_by(*EVENT_ORDERINGS["date"]).iterator(chunk_size=CHUNK_SIZE)


def _chunks(events: Iterable[Event]) -> Iterator[list[Event]]:
    chunk: list[Event] = []
    for event in events:
        chunk.append(event)
        if len(chunk) == CHUNK_SIZE:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_row(event: Event) -> list[str]:
    participants = list(event.participants.all())
    by_role = {role: ";".join(p.country_id for p in participants if p.role == role and p.country_id) for role in Role}
    urls = sorted({e.article.url for e in event.evidence.all() if e.article.url})
    row = [
        event.pk, event.event_type, event.review_status, event.certainty, event.event_date, event.date_precision,
        event.summary, ";".join(map(str, event.items or [])), event.quantity, *by_role.values(),
        ";".join(str(p.person) for p in participants if p.person_id),
        ";".join(str(p.organization) for p in participants if p.organization_id),
        event.source_count, " ".join(urls),
        event.reviewed_at.isoformat() if event.reviewed_at else "", reverse("web:event-detail", args=[event.pk]),
    ]  # fmt: skip
    return [safe_cell(value) for value in row]


class _Line:
    """A file-like target for csv.writer that hands back what was written."""

    def write(self, text: str) -> str:
        return text


def stream_csv(events: Iterable[Event]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield writer.writerow(CSV_COLUMNS)
    for event in events:
        yield writer.writerow(csv_row(event))


def stream_jsonl(events: Iterable[Event]) -> Iterator[str]:
    for chunk in _chunks(events):
        context = sanctions_context(chunk)
        for event in chunk:
            yield json.dumps(EventSerializer(event, context=context).data, ensure_ascii=False, default=str) + "\n"


def stream_ftm(events: Iterable[Event]) -> Iterator[str]:
    """FtM entities as JSON lines; people, organisations and articles once each."""
    emitted: set[str] = set()
    for event in events:
        for entity in event_entities(event):
            if entity["schema"] in SHARED_SCHEMATA:
                if entity["id"] in emitted:
                    continue
                emitted.add(entity["id"])
            yield json.dumps(entity, ensure_ascii=False) + "\n"


EXPORT_FORMATS = {
    # format: (stream, content type, file extension)
    "csv": (stream_csv, "text/csv; charset=utf-8", "csv"),
    "jsonl": (stream_jsonl, "application/x-ndjson; charset=utf-8", "jsonl"),
    "ftm": (stream_ftm, "application/x-ndjson; charset=utf-8", "ftm.json"),
}
