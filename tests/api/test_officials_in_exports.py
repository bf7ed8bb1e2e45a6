"""Officials in the API and the exports: the CSV people column, the JSON shape (capacity, stance, the country
served), FollowTheMoney people involved in the event, and sanctions flags on officials."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.exports import CSV_COLUMNS
from entities.models import SanctionsMatch
from tests.entities.factories import SanctionsEntryFactory

pytestmark = pytest.mark.django_db


def download(path: str) -> str:
    response = APIClient().get(path)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def officials(participants: list[dict]) -> dict[str, tuple]:
    return {
        p["name"]: (p["capacity"], p["stance"], p["official_country"]) for p in participants if p["role"] == "official"
    }


def test_the_csv_people_column_names_the_officials(event_with_officials):
    [row] = csv.DictReader(io.StringIO(download("/api/events/export.csv")))
    assert set(row["people"].split(";")) == {"Jane Holloway", "Pavel Orlov"}
    assert "official_countries" not in CSV_COLUMNS  # officials are people, not countries in a role


def test_json_lines_and_the_api_give_each_officials_part_and_country(event_with_officials):
    [line] = download("/api/events/export.jsonl").splitlines()
    exported = json.loads(line)["participants"]
    expected = {"Jane Holloway": ("source", "asserts", "USA"), "Pavel Orlov": ("source", "denies", "RUS")}
    assert officials(exported) == expected
    api = APIClient().get(f"/api/events/{event_with_officials.event.pk}/").json()["participants"]
    assert api == exported
    assert all(p["capacity"] is None and p["stance"] is None for p in exported if p["role"] != "official")


def test_followthemoney_export_involves_the_officials_in_the_event(event_with_officials):
    entities = [json.loads(line) for line in download("/api/events/export.ftm").splitlines()]
    people = {e["id"]: e["properties"]["name"][0] for e in entities if e["schema"] == "Person"}
    [event] = [e for e in entities if e["schema"] == "Event"]
    assert set(people.values()) == {"Jane Holloway", "Pavel Orlov"}
    assert set(people) <= set(event["properties"]["involved"])
    assert "official (source, denies): Pavel Orlov" in event["properties"]["notes"][0]


def test_a_sanctioned_official_is_flagged_in_the_api_and_on_the_event_page(event_with_officials):
    envoy = event_with_officials.envoy.person
    entry = SanctionsEntryFactory(list_name="UN SC Consolidated", name="ORLOV, Pavel")
    SanctionsMatch.objects.create(
        person=envoy, entry=entry, score=0.97, state=SanctionsMatch.State.CONFIRMED, reviewed_at=timezone.now()
    )

    api = APIClient().get(f"/api/events/{event_with_officials.event.pk}/").json()["participants"]
    flagged = {p["name"] for p in api if p["sanctioned"]}
    assert flagged == {"Pavel Orlov"}
    html = Client().get(reverse("web:event-detail", args=[event_with_officials.event.pk])).content.decode()
    assert "sanctioned: UN SC Consolidated" in html
