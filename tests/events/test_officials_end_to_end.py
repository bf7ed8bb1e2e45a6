"""Ingesting a story that names officials gives person participants in its event, which once approved show on
the event page, on the profile of the country each serves and in the exports (PostgreSQL): first with the
extraction result given, then through the real extractor."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from events.models import Event, Role
from events.review import approve_events
from events.storing import store_extraction_results
from ingestion.storing import ingest_text
from tasks.services import request_extraction, run_extraction
from tests.events.officials_story import HOLLOWAY, ORLOV, RI, STORY, story_result, transfer
from tests.search_fixtures import fresh_cache  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("postgres", "fresh_cache")]


def ingested(text: str):
    result = ingest_text(text, title="Moscow buys North Korean shells", published="2024-03-05")
    assert result.article is not None, result
    return result.article


def assert_officials_public(event: Event, expected: dict[str, tuple[str, str]]) -> None:
    """Each expected official (name → (stance, country served)) on the event page, profile and CSV export."""
    page = Client().get(reverse("web:event-detail", args=[event.pk])).content.decode()
    csv_text = b"".join(APIClient().get("/api/events/export.csv").streaming_content).decode()
    [row] = [r for r in csv.DictReader(io.StringIO(csv_text)) if r["id"] == str(event.pk)]
    for name, (stance, iso3) in expected.items():
        assert name in page and f"(source, {stance})" in page
        assert name in Client().get(reverse("web:country-detail", args=[iso3])).content.decode()
        assert name in row["people"].split(";")


def test_a_stored_result_naming_officials_shows_them_once_approved(reviewer):
    article = ingested(STORY)
    store_extraction_results([(article, story_result(transfer([HOLLOWAY, ORLOV, RI])))], extractor_version="e2e")
    event = Event.objects.get()
    assert event.participants.filter(role=Role.OFFICIAL, person__isnull=False).count() == 3
    assert Client().get(reverse("web:event-detail", args=[event.pk])).status_code == 404  # not reviewed yet

    approve_events([event], by=reviewer)

    assert_officials_public(event, {"Jane Holloway": ("asserts", "USA"), "Pavel Orlov": ("denies", "RUS")})


# Curly quotes as wire copy has them: ingestion cleans the text the extractor reads and the offsets refer to.
WIRE_STORY = STORY.replace("Russia's", "Russia\u2019s").replace("as a fabrication", "as \u201ca fabrication\u201d")


def test_the_extractor_gives_an_ingested_story_its_officials_and_the_denial_as_evidence(reviewer):
    article = ingested(WIRE_STORY)
    request_extraction([article.pk])
    run_extraction([article.pk])

    event = Event.objects.get(event_type="arms_transfer")
    officials = {p.person.name: p for p in event.participants.filter(role=Role.OFFICIAL).select_related("person")}
    assert {"Jane Holloway", "Pavel Orlov"} <= set(officials)
    denial = officials["Pavel Orlov"]
    assert (denial.capacity, denial.stance, denial.official_country_id) == ("source", "denies", "RUS")
    assert denial.evidence is not None and "Pavel Orlov" in denial.evidence.sentence
    assert article.text[denial.evidence.start_char : denial.evidence.end_char] == denial.evidence.sentence

    approve_events([event], by=reviewer)

    assert_officials_public(event, {"Jane Holloway": ("asserts", "USA"), "Pavel Orlov": ("denies", "RUS")})
