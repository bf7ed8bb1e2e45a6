"""Sanctioned people are flagged wherever they appear (matches from entities' sanctions matching)."""

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from entities.models import SanctionsMatch
from events.models import Participant, Role
from tests.entities.factories import SanctionsEntryFactory, VesselFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kim_is_listed(search_data):
    kim = search_data.sanctions.participants.get(person__isnull=False).person
    entry = SanctionsEntryFactory(list_name="UN SC Consolidated", name="KIM YO JONG")
    SanctionsMatch.objects.create(
        person=kim, entry=entry, score=0.97, state=SanctionsMatch.State.CONFIRMED, reviewed_at=timezone.now()
    )
    return kim


def test_api_event_flags_the_sanctioned_participant(search_data, kim_is_listed):
    event = APIClient().get(f"/api/events/{search_data.sanctions.pk}/").json()
    person = next(p for p in event["participants"] if p["kind"] == "person")
    assert person["sanctioned"] is True and person["sanctions_lists"] == ["UN SC Consolidated"]
    assert all(not p["sanctioned"] for p in event["participants"] if p["kind"] == "country")


def test_api_event_list_and_jsonl_export_flag_too(search_data, kim_is_listed):
    listed = APIClient().get("/api/events/", {"type": "sanctions_imposition"}).json()["results"][0]
    assert any(p["sanctioned"] for p in listed["participants"])
    response = APIClient().get("/api/events/export.jsonl", {"type": "sanctions_imposition"})
    assert '"sanctioned": true' in b"".join(response.streaming_content).decode()


def test_rejected_match_flags_nobody(search_data, kim_is_listed):
    SanctionsMatch.objects.update(state=SanctionsMatch.State.REJECTED)
    event = APIClient().get(f"/api/events/{search_data.sanctions.pk}/").json()
    assert not any(p["sanctioned"] for p in event["participants"])


def test_api_country_profile_flags_sanctioned_officials(search_data, kim_is_listed):
    officials = APIClient().get("/api/countries/PRK/").json()["officials"]
    assert officials[0]["name"] == "Kim Yo Jong" and officials[0]["sanctions_lists"] == ["UN SC Consolidated"]


def test_event_and_country_pages_show_the_list_names(search_data, kim_is_listed):
    for path in [f"/events/{search_data.sanctions.pk}/", "/countries/PRK/"]:
        assert "sanctioned: UN SC Consolidated" in Client().get(path).content.decode()


def test_a_sanctioned_vessel_carrying_in_a_violation_is_flagged_in_the_api_and_on_its_page(search_data):
    vessel = VesselFactory(name="Lucky Star", imo="9321483")
    Participant.objects.create(event=search_data.violation, role=Role.CARRIER, vessel=vessel)
    entry = SanctionsEntryFactory(list_name="OFAC SDN", name="LUCKY STAR", entity_type="vessel")
    SanctionsMatch.objects.create(vessel=vessel, entry=entry, score=1.0, state=SanctionsMatch.State.AUTO_LINKED)
    event = APIClient().get(f"/api/events/{search_data.violation.pk}/").json()
    carrier = next(p for p in event["participants"] if p["kind"] == "vessel")
    assert carrier["role"] == "carrier" and carrier["sanctions_lists"] == ["OFAC SDN"]
    page = Client().get(f"/events/{search_data.violation.pk}/").content.decode()
    assert "Lucky Star (IMO 9321483)" in page and "sanctioned: OFAC SDN" in page
