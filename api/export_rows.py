"""Rows for exports, read as plain tuples rather than model instances.

An export reads events through a server-side cursor, and for each chunk fetches the
participants (with their actors) and evidence (with article reference fields) in one
query each, as value tuples. The records below carry the same attribute names as the
models the renderers (CSV, JSON Lines, FtM in api.ftm) were written for, so the
renderers work on either, while the fetching stays here: memory is one chunk at a time.
On PostgreSQL, postgres_export_chunks builds the same records from one streamed COPY.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import QuerySet

from events.models import ACTOR_ROLE_CHOICES, Event, EventType, Evidence, Participant
from events.public_search import EVENT_ORDERINGS

CHUNK_SIZE = 2000
# Roles whose countries the CSV lists by role; officials are people, in its people column.
COUNTRY_ROLES = [role for role, _ in ACTOR_ROLE_CHOICES]


class Related(list):
    """A list answering .all(), as a prefetched related manager does."""

    def all(self) -> "Related":
        return self


@dataclass(slots=True)
class CountryRow:
    iso3: str
    iso2: str
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(slots=True)
class ActorRow:
    """A person or organisation (kind and code are the organisation's, nationality the person's)."""

    pk: int
    name: str
    aliases: list
    country: CountryRow | None = None
    nationality: CountryRow | None = None
    kind: str = ""
    code: str | None = None

    @property
    def id(self) -> int:
        return self.pk

    def __str__(self) -> str:
        return self.name


@dataclass(slots=True)
class VesselRow:
    pk: int
    name: str
    imo: str | None
    flag: CountryRow | None = None

    def __str__(self) -> str:
        return f"{self.name} (IMO {self.imo})" if self.imo else self.name


@dataclass(slots=True)
class ParticipantRow:
    pk: int
    role: str
    country: CountryRow | None
    person: ActorRow | None
    organization: ActorRow | None
    vessel: VesselRow | None = None
    capacity: str = ""  # officials only (role "official")
    stance: str = ""
    official_country_id: str | None = None

    @property
    def country_id(self) -> str | None:
        return self.country.iso3 if self.country else None

    @property
    def person_id(self) -> int | None:
        return self.person.pk if self.person else None

    @property
    def organization_id(self) -> int | None:
        return self.organization.pk if self.organization else None

    @property
    def vessel_id(self) -> int | None:
        return self.vessel.pk if self.vessel else None

    @property
    def actor(self) -> CountryRow | ActorRow | VesselRow | None:
        return self.country or self.person or self.organization or self.vessel

    def __str__(self) -> str:
        return f"{self.role}: {self.actor}"


@dataclass(slots=True)
class ArticleRow:
    pk: int
    title: str
    url: str | None
    publisher: str
    published: date | None
    language: str


@dataclass(slots=True)
class EvidenceRow:
    pk: int
    event_id: int
    sentence: str
    start_char: int
    end_char: int
    article: ArticleRow

    @property
    def article_id(self) -> int:
        return self.article.pk


EVENT_FIELDS = (
    "pk", "event_type", "review_status", "certainty", "event_date", "date_precision", "summary", "items",
    "quantity", "confidence", "source_count", "reviewed_at",
)  # fmt: skip


@dataclass(slots=True)
class EventRow:
    pk: int
    event_type: str
    review_status: str
    certainty: str
    event_date: date | None
    date_precision: str
    summary: str
    items: list
    quantity: str
    confidence: float
    source_count: int
    reviewed_at: datetime | None
    participants: Related = field(default_factory=Related)
    evidence: Related = field(default_factory=Related)

    @property
    def id(self) -> int:
        return self.pk

    def get_event_type_display(self) -> str:
        return EventType(self.event_type).label


def _country(iso3: str | None, iso2: str | None, name: str | None) -> CountryRow | None:
    return CountryRow(iso3, iso2, name) if iso3 else None


PARTICIPANT_FIELDS = (
    "event_id", "pk", "role", "country_id", "country__iso2", "country__name",
    "person_id", "person__name", "person__aliases",
    "person__nationality_id", "person__nationality__iso2", "person__nationality__name",
    "organization_id", "organization__name", "organization__aliases", "organization__kind", "organization__code",
    "organization__country_id", "organization__country__iso2", "organization__country__name",
    "vessel_id", "vessel__name", "vessel__imo", "vessel__flag_id", "vessel__flag__iso2", "vessel__flag__name",
    "capacity", "stance", "official_country_id",
)  # fmt: skip


def _participants(event_ids: list[int]) -> Iterator[tuple[int, ParticipantRow]]:
    rows = Participant.objects.filter(event_id__in=event_ids).order_by("role", "id").values_list(*PARTICIPANT_FIELDS)
    for event_id, pk, role, c3, c2, cn, person_id, pname, paliases, n3, n2, nn, org_id, *org in rows:
        oname, oaliases, okind, ocode, o3, o2, on, vessel_id, vname, vimo, f3, f2, fn, *official = org
        person = ActorRow(person_id, pname, paliases or [], nationality=_country(n3, n2, nn)) if person_id else None
        organization = (
            ActorRow(org_id, oname, oaliases or [], country=_country(o3, o2, on), kind=okind, code=ocode)
            if org_id
            else None
        )
        vessel = VesselRow(vessel_id, vname, vimo, _country(f3, f2, fn)) if vessel_id else None
        yield event_id, ParticipantRow(pk, role, _country(c3, c2, cn), person, organization, vessel, *official)


EVIDENCE_FIELDS = (
    "event_id", "pk", "sentence", "start_char", "end_char",
    "article_id", "article__title", "article__url", "article__publisher", "article__published", "article__language",
)  # fmt: skip


def _evidence(event_ids: list[int]) -> Iterator[EvidenceRow]:
    rows = Evidence.objects.public().filter(event_id__in=event_ids).order_by("article_id", "start_char")
    for event_id, pk, sentence, start, end, *article in rows.values_list(*EVIDENCE_FIELDS):
        yield EvidenceRow(pk, event_id, sentence, start, end, ArticleRow(*article))


def _with_related(chunk: list[EventRow]) -> list[EventRow]:
    by_id = {event.pk: event for event in chunk}
    for event_id, participant in _participants(list(by_id)):
        by_id[event_id].participants.append(participant)
    for evidence in _evidence(list(by_id)):
        by_id[evidence.event_id].evidence.append(evidence)
    return chunk


def export_chunks(events: QuerySet[Event], chunk_size: int = CHUNK_SIZE) -> Iterator[list[EventRow]]:
    """The events newest first, in chunks, each event with its participants and evidence."""
    rows = events.order_by(*EVENT_ORDERINGS["date"]).values_list(*EVENT_FIELDS)
    # Inside a transaction the server-side cursor streams; outside one PostgreSQL
    # materialises the whole result first (WITH HOLD). Read-only, so a client that
    # disconnects mid-download just rolls it back.
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # PostgreSQL plans a cursor for its first rows (cursor_tuple_fraction 0.1): for a country
            # that means walking the date index over every event. An export reads all its rows.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL cursor_tuple_fraction = 1.0")
        chunk: list[EventRow] = []
        for row in rows.iterator(chunk_size=chunk_size):
            chunk.append(EventRow(*row))
            if len(chunk) == chunk_size:
                yield _with_related(chunk)
                chunk = []
        if chunk:
            yield _with_related(chunk)


def export_rows(events: QuerySet[Event]) -> Iterator[EventRow]:
    for chunk in export_chunks(events):
        yield from chunk


def postgres_export_chunks(events: QuerySet[Event], chunk_size: int = CHUNK_SIZE) -> Iterator[list[EventRow]]:
    """export_chunks' rows from one streamed query (PostgreSQL): participants and evidence come with
    each event as JSON, so there are no per-chunk queries and the database works while rows are built."""
    from entities.models import Country

    from .export_sql import postgres_ftm_rows

    countries = {
        iso3: CountryRow(iso3, iso2, name) for iso3, iso2, name in Country.objects.values_list("pk", "iso2", "name")
    }
    chunk: list[EventRow] = []
    for *fields, participants, evidence in postgres_ftm_rows(events):
        event = EventRow(*fields)
        event.event_date = date.fromisoformat(event.event_date) if event.event_date else None
        event.confidence = float(event.confidence)
        event.reviewed_at = datetime.fromisoformat(event.reviewed_at) if event.reviewed_at else None
        for pk, role, country, person_id, person, org_id, org, vessel_id, vessel, *official in participants or []:
            event.participants.append(
                ParticipantRow(
                    pk,
                    role,
                    countries.get(country),
                    ActorRow(person_id, person[0], person[1] or [], nationality=countries.get(person[2]))
                    if person_id
                    else None,
                    ActorRow(org_id, org[0], org[1] or [], country=countries.get(org[4]), kind=org[2], code=org[3])
                    if org_id
                    else None,
                    VesselRow(vessel_id, vessel[0], vessel[1], countries.get(vessel[2])) if vessel_id else None,
                    *official,
                )
            )
        for pk, sentence, start, end, article_id, title, url, publisher, published, language in evidence or []:
            published = date.fromisoformat(published) if published else None
            article = ArticleRow(article_id, title, url, publisher, published, language)
            event.evidence.append(EvidenceRow(pk, event.pk, sentence, start, end, article))
        chunk.append(event)
        if len(chunk) == chunk_size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
