"""Fake events at scale for benchmarks: built from a seeded random generator, bulk-inserted.

On PostgreSQL rows go in with COPY (a million events with participants, evidence and
articles in a few minutes); elsewhere with bulk_create. No history rows are written:
this is load, not review.
"""

from __future__ import annotations

import hashlib
import json
import random
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.db import connection, models, transaction
from django.utils import timezone

from entities.models import Country, Organization
from vocabulary.countries import normalise_name

from .models import ROLES_BY_TYPE, Article, Event, EventType, Evidence, Participant, Role
from .summaries import build_summary

FAKE_EXTRACTOR_VERSION = "fake-data"
EVENTS_PER_ARTICLE = 4
# Countries named often in sanctions reporting come up more often, as in the real data.
FREQUENT_COUNTRIES = ["PRK", "RUS", "IRN", "CHN", "USA", "UKR", "SYR", "BLR", "MMR", "VEN", "CUB", "YEM"]
# Fake articles are dated within this many days before now, as are their events.
PERIOD_DAYS = 3 * 365
PUBLISHERS = ["Example Wire", "Example Times", "Example Herald"]
ITEMS = ["artillery shells", "rockets", "ballistic missiles", "drones", "rifles", "tanks", "fuel", "coal", "oil"]
STATUS_WEIGHTS = {Event.ReviewStatus.CANDIDATE: 65, Event.ReviewStatus.APPROVED: 28, Event.ReviewStatus.REJECTED: 7}


def _reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """Primary keys from the table's own sequence, so concurrent inserts never collide."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _save(model: type[models.Model], objects: list[models.Model]) -> None:
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=2000)
        return
    for obj, pk in zip(objects, _reserve_ids(model, len(objects)), strict=True):
        obj.pk = pk
    fields = model._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    is_json = [isinstance(f, models.JSONField) for f in fields]
    with connection.cursor() as cursor, cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
        for obj in objects:
            values = [getattr(obj, f.attname) for f in fields]
            copy.write_row([json.dumps(v) if j else v for v, j in zip(values, is_json, strict=True)])


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.countries = dict(Country.objects.filter(historic=False).values_list("iso3", "name"))
        frequent = [c for c in FREQUENT_COUNTRIES if c in self.countries]
        self.country_pool = frequent * 20 + list(self.countries)
        self.organizations = dict(Organization.objects.filter(code__in=["EU", "UN"]).values_list("pk", "code"))
        self.start = timezone.now() - timedelta(days=730)
        self.today = timezone.localdate()
        # Articles are unique by URL and text: a token per run lets the same seed run again.
        self.run = uuid.uuid4().hex[:12]

    def day(self):
        """A day within the last PERIOD_DAYS."""
        return self.today - timedelta(days=self.rng.randrange(PERIOD_DAYS))

    def article(self, n: int) -> Article:
        text = (
            f"Report {n}: North Korea supplied artillery shells to Russia, officials said."
            f" Fake report {n}-{self.run}-{self.rng.random():.12f}."
        )
        return Article(
            url=f"https://news.example.org/articles/fake-{self.run}-{n}-{self.rng.getrandbits(48):x}",
            title=f"Shipment report (fake {n})",
            publisher=self.rng.choice(PUBLISHERS),
            published=self.day(),
            text=text,
            content_hash=hashlib.sha256(normalise_name(text).encode()).hexdigest(),
            language="en",
            source=Article.Source.TEXT,
            ingested_at=self.start,
        )

    def event(self, n: int, count: int) -> tuple[Event, list[Participant]]:
        rng = self.rng
        event_type = rng.choice(EventType.values)
        created = self.start + timedelta(days=730 * n / count, microseconds=n)
        participants = self.participants(event_type)
        names: dict[str, list[str]] = {}
        for p in participants:
            name = self.countries.get(p.country_id) or self.organizations[p.organization_id]
            names.setdefault(p.role, []).append(name)
        items = rng.sample(ITEMS, rng.randint(1, 3))
        status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
        reviewed = status != Event.ReviewStatus.CANDIDATE
        event = Event(
            event_type=event_type,
            review_status=status,
            certainty=rng.choice(Event.Certainty.values),
            event_date=self.day(),
            date_precision=Event.DatePrecision.DAY,
            items=items,
            summary=build_summary(event_type, names, items),
            confidence=round(rng.uniform(0.2, 0.99), 3),
            source_count=1,
            reviewed_at=created + timedelta(hours=rng.randint(1, 72)) if reviewed else None,
            extractor_version=FAKE_EXTRACTOR_VERSION,
            created_at=created,
            updated_at=created,
        )
        return event, participants

    def participants(self, event_type: str) -> list[Participant]:
        rng = self.rng
        first = second = rng.choice(self.country_pool)
        while second == first:
            second = rng.choice(self.country_pool)
        roles = ROLES_BY_TYPE[event_type]
        if event_type == EventType.SANCTIONS_IMPOSITION and self.organizations and rng.random() < 0.4:
            organization_id = rng.choice(list(self.organizations))
            return [
                Participant(event_type=event_type, role=Role.IMPOSER, organization_id=organization_id),
                Participant(event_type=event_type, role=Role.TARGET, country_id=second),
            ]
        return [
            Participant(event_type=event_type, role=roles[0], country_id=first),
            Participant(event_type=event_type, role=roles[1], country_id=second),
        ]


def generate_fake_events(
    count: int, *, batch_size: int = 20_000, seed: int = 0, progress: Callable[[int], None] | None = None
) -> int:
    """Insert `count` fake events (two participants and one evidence sentence each, one article per
    EVENTS_PER_ARTICLE events); returns the number inserted."""
    generator = _Generator(seed)
    done = 0
    while done < count:
        size = min(batch_size, count - done)
        with transaction.atomic():
            articles = [generator.article(done + i) for i in range(0, size, EVENTS_PER_ARTICLE)]
            _save(Article, articles)
            made = [generator.event(done + i, count) for i in range(size)]
            events = [event for event, _ in made]
            _save(Event, events)
            participants, evidence = [], []
            for i, (event, people) in enumerate(made):
                for participant in people:
                    participant.event_id = event.pk
                participants += people
                article = articles[i // EVENTS_PER_ARTICLE]
                evidence.append(
                    Evidence(
                        event_id=event.pk,
                        article_id=article.pk,
                        sentence=article.text,
                        start_char=0,
                        end_char=len(article.text),
                        extractor_version=FAKE_EXTRACTOR_VERSION,
                        created_at=event.created_at,
                    )
                )
            _save(Participant, participants)
            _save(Evidence, evidence)
        done += size
        if progress:
            progress(done)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh statistics: the admin's estimated counts and the planner rely on them.
            for model in (Article, Event, Participant, Evidence):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    return done
