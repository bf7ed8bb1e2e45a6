"""On PostgreSQL the database writes CSV and JSON Lines exports: byte for byte what the portable renderers write."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from api.export_rows import export_chunks
from api.exports import stream_csv, stream_export, stream_ftm, stream_jsonl
from entities.models import SanctionsMatch
from events.models import Event, EventType, Evidence, Participant, Role
from events.search import EventSearch, search_events
from tests.entities.factories import OrganizationFactory, PersonFactory, SanctionsEntryFactory, VesselFactory, country
from tests.events.factories import ArticleFactory, EventFactory, EvidenceFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the database-written exports are PostgreSQL's"),
]
APPROVED = Event.ReviewStatus.APPROVED
AWKWARD_TEXTS = [
    '=HYPERLINK("https://evil.example")',
    '-5 rockets, "about" ten',
    "line one\nline two\r\nand a tab\there",
    "\ttab first",
    "@mention; back\\slash \x01 control, ünïcødé → 北朝鮮 ☃",
    "+ plus first",
]


def linked(entry_list: str, **actor) -> None:
    entry = SanctionsEntryFactory(list_name=entry_list)
    confirmed = {"state": SanctionsMatch.State.CONFIRMED, "reviewed_at": timezone.now()}
    SanctionsMatch.objects.create(entry=entry, score=0.9, **confirmed, **actor)


@pytest.fixture
def awkward_events(db) -> list[Event]:
    """Approved events whose every text field needs escaping, quoting or a formula guard somewhere."""
    events = []
    shared = ArticleFactory(url="https://news.example.org/a")  # one article behind several events
    for n, text in enumerate(AWKWARD_TEXTS):
        event = EventFactory(
            review_status=APPROVED,
            summary=text,
            quantity=AWKWARD_TEXTS[-1 - n],
            items=[text, "drones", 3, 2.5, True, None] if n % 2 else [],
            confidence=[1.0, 0.0, 0.125, 1e-05, 0.8, 0.3333333333333333][n],
            event_date=None if n == 3 else datetime.date(2024, 1 + n, 9),
            date_precision="" if n == 3 else Event.DatePrecision.DAY,
            participants={Role.SUPPLIER: ["PRK", "IRN"], Role.RECIPIENT: ["RUS"]},
        )
        reviewed = timezone.now().replace(microsecond=0 if n % 2 else 123456)
        Event.objects.filter(pk=event.pk).update(reviewed_at=None if n == 2 else reviewed)
        person = PersonFactory(name=text, aliases=[f"alias {n}", text], nationality=None if n % 2 else country("PRK"))
        Participant.objects.create(event=event, role=Role.INTERMEDIARY, person=person)
        organization = OrganizationFactory(
            name=f"{text} Trading", code=None if n % 2 else f"KOMID,{n}", country=country("PRK") if n % 2 else None
        )
        Participant.objects.create(event=event, role=Role.SUPPLIER, organization=organization)
        vessel = VesselFactory(
            name=f"Vessel {text}", imo=None if n % 2 else f"{9999990 + n}", flag=country("PAN") if n % 2 else None
        )
        Participant.objects.create(event=event, role=Role.CARRIER, vessel=vessel)
        official = {"capacity": "source", "stance": "denies" if n % 2 else "asserts"}
        official["official_country"] = country("RUS") if n % 2 else None
        Participant.objects.create(event=event, role=Role.OFFICIAL, person=PersonFactory(name=f"Envoy {n}"), **official)
        if n < 2:
            linked("UN, Consolidated", organization=organization)
            linked("OFAC SDN", organization=organization)
            linked("EU", vessel=vessel)
        for article in [ArticleFactory(url=f"https://news.example.org/{n},b"), shared, ArticleFactory(url=None)]:
            EvidenceFactory(event=event, article=article)
        EvidenceFactory(event=event, article=shared, start_char=1)  # the same article twice: one URL
        pending = EvidenceFactory(event=event, article=ArticleFactory(url=f"https://pending.example.org/{n}"))
        Evidence.objects.filter(pk=pending.pk).update(review_state=Evidence.ReviewState.PENDING)
        events.append(event)
    events.append(EventFactory(review_status=APPROVED, event_type=EventType.SANCTIONS_IMPOSITION, participants={}))
    return events


def approved_events():
    return search_events(None, EventSearch())


def test_database_written_csv_equals_the_csv_module_output(awkward_events):
    written = "".join(stream_export("csv", approved_events()))
    assert written == "".join(stream_csv(export_chunks(approved_events())))
    assert "'=HYPERLINK" in written and '"line one\nline two\r\nand a tab\there"' in written


def test_database_written_json_lines_equal_json_dumps_output(awkward_events):
    written = "".join(stream_export("jsonl", approved_events()))
    assert written == "".join(stream_jsonl(export_chunks(approved_events())))
    assert '"sanctions_lists": ["OFAC SDN", "UN, Consolidated"]' in written and '"confidence": 1.0' in written


def test_ftm_from_one_streamed_query_equals_ftm_from_the_chunked_rows(awkward_events):
    written = "".join(stream_export("ftm", approved_events()))
    assert written == "".join(stream_ftm(export_chunks(approved_events())))
    assert written.count('"schema": "Event"') == len(awkward_events)


@pytest.mark.parametrize("zone", ["Asia/Kolkata", "America/St_Johns"])
def test_json_lines_write_review_times_in_the_configured_time_zone(awkward_events, settings, zone):
    settings.TIME_ZONE = zone
    written = "".join(stream_export("jsonl", approved_events()))
    assert written == "".join(stream_jsonl(export_chunks(approved_events())))
    assert "+05:30" in written if zone == "Asia/Kolkata" else "-03:30" in written or "-02:30" in written


def test_database_written_exports_keep_the_search_and_its_order(awkward_events):
    search = search_events(None, EventSearch(event_type=EventType.ARMS_TRANSFER))
    lines = "".join(stream_export("csv", search)).splitlines()
    ids = [int(line.split(",", 1)[0]) for line in lines[1:] if line[:1].isdigit()]
    expected = [e.pk for chunk in export_chunks(search) for e in chunk]
    assert ids == expected and len(ids) == len(AWKWARD_TEXTS)
