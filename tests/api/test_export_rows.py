"""Exports read value rows, not model instances: the JSON Lines and FtM output equal the model-based builders'."""

import json

import pytest
from django.db.models import Prefetch
from django.utils import timezone
from rest_framework.test import APIClient

from api.export_rows import export_chunks
from api.exports import stream_ftm, stream_jsonl
from api.ftm import event_entities
from api.serializers import EventSerializer, sanctions_context
from entities.models import Country, SanctionsMatch
from events.models import Event, Participant, Role
from events.search import EventSearch, evidence_with_articles, search_events, with_participants
from tests.entities.factories import OrganizationFactory, SanctionsEntryFactory, VesselFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed_organization(search_data):
    prk = Country.objects.get(pk="PRK")
    organization = OrganizationFactory(name="Korea Mining Development", code="KOMID", country=prk)
    Participant.objects.create(event=search_data.violation, role=Role.VIOLATOR, organization=organization)
    vessel = VesselFactory(name="Rich Glory", imo="9999994", flag=Country.objects.get(pk="PAN"))
    Participant.objects.create(event=search_data.violation, role=Role.CARRIER, vessel=vessel)
    entry = SanctionsEntryFactory(list_name="UN SC Consolidated", name="KOREA MINING DEVELOPMENT TRADING CORPORATION")
    SanctionsMatch.objects.create(
        organization=organization,
        entry=entry,
        score=0.95,
        state=SanctionsMatch.State.CONFIRMED,
        reviewed_at=timezone.now(),
    )
    Event.objects.filter(pk=search_data.sanctions.pk).update(reviewed_at=timezone.now())
    return organization


def approved_instances() -> list[Event]:
    events = with_participants(Event.objects.filter(review_status=Event.ReviewStatus.APPROVED))
    events = events.prefetch_related(Prefetch("evidence", queryset=evidence_with_articles()))
    return list(events.order_by("-event_date", "-id"))


def test_jsonl_lines_equal_the_api_serializer_output(search_data, listed_organization):
    instances = approved_instances()
    expected = EventSerializer(instances, many=True, context=sanctions_context(instances)).data
    expected = json.loads(json.dumps(expected, default=str))
    approved = search_events(None, EventSearch())
    exported = [json.loads(line) for line in "".join(stream_jsonl(export_chunks(approved))).splitlines()]
    assert sorted(exported, key=lambda e: e["id"]) == sorted(expected, key=lambda e: e["id"])
    assert any(p["sanctioned"] for e in exported for p in e["participants"] if p["kind"] == "organization")
    assert any(p["kind"] == "vessel" for e in exported for p in e["participants"])


def test_ftm_entities_from_rows_equal_those_from_model_instances(search_data, listed_organization):
    from_models = {entity["id"]: entity for event in approved_instances() for entity in event_entities(event)}
    approved = search_events(None, EventSearch())
    from_rows = [json.loads(line) for line in "".join(stream_ftm(export_chunks(approved))).splitlines()]
    assert {entity["id"]: entity for entity in from_rows} == from_models
    assert {"Organization", "Person", "Vessel", "UnknownLink", "Article", "Documentation", "Event"} <= {
        e["schema"] for e in from_rows
    }


def test_export_spans_chunks_without_losing_or_repeating_events(search_data):
    approved = search_events(None, EventSearch())
    chunks = list(export_chunks(approved, chunk_size=3))
    assert [len(chunk) for chunk in chunks] == [3, 1]
    approved_ids = Event.objects.filter(review_status=Event.ReviewStatus.APPROVED).values_list("pk", flat=True)
    assert sorted(e.pk for chunk in chunks for e in chunk) == sorted(approved_ids)
    shells = next(e for chunk in chunks for e in chunk if e.pk == search_data.shells.pk)
    assert sorted(p.country_id for p in shells.participants) == ["PRK", "RUS"]
    assert [e.article.url for e in shells.evidence] == ["https://news.example.org/shells"]


def test_csv_export_names_organizations_and_people(search_data, listed_organization):
    response = APIClient().get("/api/events/export.csv", {"type": "sanctions_violation"})
    text = b"".join(response.streaming_content).decode()
    assert "Korea Mining Development" in text
