"""Vessels named by an article corroborating a stored event: they join a candidate at once, and an event
already reviewed when a reviewer accepts the article's evidence (nothing public before)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from events.models import Event, Evidence, Participant
from events.review import decide_evidence
from tests.events.factories import ArticleFactory
from tests.events.storing import store_one

from .test_storing_extraction_results import TEXT, VERSION, result, transfer

pytestmark = pytest.mark.django_db

SECOND = "A cargo ship carried artillery shells from North Korea to Russia in January, officials said."
TANKER = {"name": "Quiet Heron", "imo": "9287431", "flag": "SLE"}
FREIGHTER = {"name": "Amber Gull"}


def first_report(*, approved: bool, vessels=()) -> Event:
    article = ArticleFactory(text=TEXT, published=datetime.date(2024, 2, 5))
    store_one(article, result(transfer(vessels=list(vessels))), extractor_version=VERSION)
    event = Event.objects.get()
    if approved:
        Event.objects.filter(pk=event.pk).update(review_status=Event.ReviewStatus.APPROVED)
    return event


def corroborate(*vessels: dict) -> Evidence:
    article = ArticleFactory(text=SECOND, published=datetime.date(2024, 2, 20))
    stored = store_one(article, result(transfer(SECOND, vessels=list(vessels))), extractor_version=VERSION)
    assert stored.events_corroborated == 1
    return Evidence.objects.get(article=article)


def carriers(event: Event) -> list[str]:
    return sorted(Participant.objects.filter(event=event, role="carrier").values_list("vessel__name", flat=True))


@pytest.fixture
def reviewer():
    return get_user_model().objects.create_user("rita", password="a long test password", is_staff=True)


def test_a_vessel_named_by_a_corroborating_article_joins_a_candidate_event():
    event = first_report(approved=False, vessels=[FREIGHTER])
    corroborate(TANKER, FREIGHTER)
    assert carriers(event) == ["Amber Gull", "Quiet Heron"]


def test_storing_the_corroborating_article_again_adds_no_second_carrier():
    event = first_report(approved=False)
    article = corroborate(TANKER).article
    store_one(article, result(transfer(SECOND, vessels=[TANKER])), extractor_version=VERSION)
    assert carriers(event) == ["Quiet Heron"]


def test_a_vessel_named_for_an_approved_event_waits_with_the_pending_evidence():
    event = first_report(approved=True)
    evidence = corroborate(TANKER)
    assert evidence.review_state == Evidence.ReviewState.PENDING
    assert carriers(event) == []
    assert [v.name for v in evidence.proposed_carriers.all()] == ["Quiet Heron"]
    assert b"Quiet Heron" not in Client().get(f"/events/{event.pk}/").content


def test_reviewers_see_the_vessel_pending_evidence_would_add(admin_client):
    first_report(approved=True)
    corroborate(TANKER)
    listed = admin_client.get("/admin/events/evidence/", {"review_state": "pending"})
    assert "Quiet Heron (IMO 9287431)" in listed.content.decode()


def test_accepting_the_evidence_brings_its_vessel_into_the_approved_event_with_the_reviewer_in_history(reviewer):
    event = first_report(approved=True, vessels=[FREIGHTER])
    evidence = corroborate(TANKER, FREIGHTER)
    assert [v.name for v in evidence.proposed_carriers.all()] == ["Quiet Heron"]  # Amber Gull carries already
    decide_evidence([evidence], accept=True, by=reviewer)
    assert carriers(event) == ["Amber Gull", "Quiet Heron"]
    joined = Participant.objects.get(event=event, vessel__name="Quiet Heron")
    assert joined.history.latest().history_user == reviewer
    assert b"Quiet Heron" in Client().get(f"/events/{event.pk}/").content


def test_rejecting_the_evidence_leaves_its_vessel_out(reviewer):
    event = first_report(approved=True)
    evidence = corroborate(TANKER)
    decide_evidence([evidence], accept=False, by=reviewer)
    assert carriers(event) == []
