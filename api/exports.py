"""Streamed exports of a search: CSV, JSON Lines and FollowTheMoney entities.

stream_export picks the path: on PostgreSQL, CSV and JSON Lines are written by the database
(api.export_sql) and FtM rows come from one streamed query; elsewhere rows come from
api.export_rows (value tuples through a server-side cursor, a chunk at a time, so a million
events never sit in memory). Each renderer below turns a chunk into one piece of text, so the
response is written in a few large pieces, not one per row; on PostgreSQL the CSV and JSON
Lines renderers are the reference the database's lines are tested against.
"""

import csv
import functools
import io
import itertools
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from entities.selectors import sanctions_for_participants, sanctions_list_names
from events.models import Event

from .export_rows import COUNTRY_ROLES, EventRow, ParticipantRow, export_chunks, postgres_export_chunks
from .export_sql import postgres_lines
from .ftm import event_entities

CSV_COLUMNS = [
    "id", "type", "status", "certainty", "date", "date_precision", "summary", "items", "quantity",
    *[f"{role}_countries" for role in COUNTRY_ROLES], "people", "organizations", "source_count",
    "source_urls", "reviewed_at", "page_url",
]  # fmt: skip
# A spreadsheet runs a cell starting with these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# json.dumps(…, ensure_ascii=False) makes an encoder per call; one serves every line.
JSON = json.JSONEncoder(ensure_ascii=False)
# JSON.encode makes its C encoder anew per call (one per FtM entity); this one is made once, with JSON's
# settings. Without the C accelerator (never in CPython), JSON.encode.
_encoder = json.encoder
_ENCODE_CHUNKS = (
    _encoder.c_make_encoder(None, JSON.default, _encoder.encode_basestring, None, ": ", ", ", False, False, True)
    if _encoder.c_make_encoder is not None
    else None
)


def json_text(value: dict) -> str:
    """JSON.encode(value), with the encoder made once."""
    return "".join(_ENCODE_CHUNKS(value, 0)) if _ENCODE_CHUNKS is not None else JSON.encode(value)


Chunks = Iterable[list[EventRow]]


@functools.cache
def _event_page_prefix() -> str:
    return reverse("web:event-detail", args=[0]).removesuffix("0/")


def event_page_url(event_id: int) -> str:
    """reverse("web:event-detail"), without resolving the pattern once per row."""
    return f"{_event_page_prefix()}{event_id}/"


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_row(event: EventRow) -> list[str]:
    participants = event.participants
    by_role = {r: ";".join(p.country_id for p in participants if p.role == r and p.country_id) for r in COUNTRY_ROLES}
    urls = sorted({e.article.url for e in event.evidence if e.article.url})
    row = [
        event.pk, event.event_type, event.review_status, event.certainty, event.event_date, event.date_precision,
        event.summary, ";".join(map(str, event.items or [])), event.quantity, *by_role.values(),
        ";".join(str(p.person) for p in participants if p.person_id),
        ";".join(str(p.organization) for p in participants if p.organization_id),
        event.source_count, " ".join(urls),
        event.reviewed_at.isoformat() if event.reviewed_at else "", event_page_url(event.pk),
    ]  # fmt: skip
    return [safe_cell(value) for value in row]


def stream_csv(chunks: Chunks) -> Iterator[str]:
    yield ",".join(CSV_COLUMNS) + "\r\n"
    for chunk in chunks:
        text = io.StringIO()
        csv.writer(text).writerows(csv_row(event) for event in chunk)
        yield text.getvalue()


def _datetime_json(value) -> str | None:
    """As DRF's DateTimeField writes it: ISO 8601 in the current time zone, UTC as Z."""
    if value is None:
        return None
    text = timezone.localtime(value).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def participant_json(participant: ParticipantRow, sanctions: dict[int, list[dict]]) -> dict[str, Any]:
    lists = sanctions_list_names(sanctions.get(participant.pk, []))
    kind = next(k for k in ("country", "person", "organization", "vessel") if getattr(participant, k))
    return {
        "role": participant.role,
        "kind": kind,
        "name": str(participant.actor),
        "country": participant.country_id,
        "person_id": participant.person_id,
        "organization_id": participant.organization_id,
        "organization_code": participant.organization.code if participant.organization else None,
        "capacity": participant.capacity or None,
        "stance": participant.stance or None,
        "official_country": participant.official_country_id,
        "sanctioned": bool(lists),
        "sanctions_lists": lists,
    }


def event_json(event: EventRow, sanctions: dict[int, list[dict]]) -> dict[str, Any]:
    """The API's event shape (api.serializers.EventSerializer), built directly from a row."""
    return {
        "id": event.pk,
        "type": event.event_type,
        "status": event.review_status,
        "certainty": event.certainty,
        "date": event.event_date.isoformat() if event.event_date else None,
        "date_precision": event.date_precision,
        "summary": event.summary,
        "items": event.items,
        "quantity": event.quantity,
        "confidence": event.confidence,
        "source_count": event.source_count,
        "reviewed_at": _datetime_json(event.reviewed_at),
        "page_url": event_page_url(event.pk),
        "participants": [participant_json(p, sanctions) for p in event.participants],
    }


def stream_jsonl(chunks: Chunks) -> Iterator[str]:
    for chunk in chunks:
        sanctions = sanctions_for_participants(p for event in chunk for p in event.participants)
        yield "".join(json_text(event_json(event, sanctions)) + "\n" for event in chunk)


def stream_ftm(chunks: Chunks) -> Iterator[str]:
    """FtM entities as JSON lines; people, organisations, vessels and articles once each."""
    emitted: set[str] = set()
    for chunk in chunks:
        yield "".join(json_text(entity) + "\n" for event in chunk for entity in event_entities(event, emitted))


def stream_export(export_format: str, events: QuerySet[Event]) -> Iterator[str]:
    """The searched events in a format, streamed. On PostgreSQL, CSV and JSON Lines lines come
    written by the database (api.export_sql) and FtM rows from one streamed query; otherwise rows
    are read a chunk at a time (api.export_rows) and rendered here."""
    if connection.vendor != "postgresql":
        return EXPORT_FORMATS[export_format][0](export_chunks(events))
    if export_format == "ftm":
        return stream_ftm(postgres_export_chunks(events))
    lines = postgres_lines(events, export_format, CSV_COLUMNS, _event_page_prefix())
    if export_format == "csv":
        return itertools.chain([",".join(CSV_COLUMNS) + "\r\n"], lines)
    return lines


EXPORT_FORMATS = {
    # format: (stream, content type, file extension)
    "csv": (stream_csv, "text/csv; charset=utf-8", "csv"),
    "jsonl": (stream_jsonl, "application/x-ndjson; charset=utf-8", "jsonl"),
    "ftm": (stream_ftm, "application/x-ndjson; charset=utf-8", "ftm.json"),
}
