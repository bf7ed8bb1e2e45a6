"""Evidence corroborating an event a reviewer has already approved waits as pending: nothing public
(page, API, exports, search, source count) shows it until a reviewer accepts it; history says who."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from events.models import Event, Evidence
from events.review import decide_evidence
from events.reviewers import sync_reviewers_group
from tests.events.factories import ArticleFactory
from tests.events.storing import store_one
from tests.events.test_storing_extraction_results import TEXT, VERSION, result, transfer

pytestmark = pytest.mark.django_db

INJECTED = "Pyongyang sent artillery shells to Moscow in January, said Supreme Zebra Commander Ozymandias."


@pytest.fixture
def approved_then_corroborated() -> tuple[Event, Evidence]:
    """An approved event, then a second article (unreviewed) corroborating it."""
    cache.clear()
    store_one(
        ArticleFactory(text=TEXT, published=datetime.date(2024, 2, 5)), result(transfer()), extractor_version=VERSION
    )
    event = Event.objects.get()
    Event.objects.filter(pk=event.pk).update(review_status=Event.ReviewStatus.APPROVED)
    other = ArticleFactory(text=INJECTED, published=datetime.date(2024, 2, 20), title="Injected title")
    store_one(other, result(transfer(INJECTED, date="2024-01-20", date_precision="day")), extractor_version=VERSION)
    event.refresh_from_db()
    return event, Evidence.objects.get(article=other)


@pytest.fixture
def reviewer():
    user = get_user_model().objects.create_user("rita", password="a long test password", is_staff=True)
    user.groups.add(sync_reviewers_group())
    return user


def public_views(event: Event) -> dict[str, bytes]:
    anonymous = Client()
    return {
        "page": anonymous.get(f"/events/{event.pk}/").content,
        "api": anonymous.get(f"/api/events/{event.pk}/").content,
        "csv": b"".join(anonymous.get("/api/events/export.csv").streaming_content),
        "ftm": b"".join(anonymous.get("/api/events/export.ftm").streaming_content),
        "search": anonymous.get("/api/events/", {"q": "Ozymandias"}).content,
    }


def test_evidence_corroborating_an_approved_event_is_pending_and_shown_nowhere_public(approved_then_corroborated):
    event, evidence = approved_then_corroborated
    assert evidence.review_state == Evidence.ReviewState.PENDING
    assert event.source_count == 1
    for name, body in public_views(event).items():
        assert b"Ozymandias" not in body and b"Injected title" not in body, name
    assert Event.objects.filter(search_vector="ozymandias").count() == 0


def test_accepted_evidence_goes_public_and_counts_as_a_source_with_the_reviewer_in_history(
    approved_then_corroborated, reviewer
):
    event, evidence = approved_then_corroborated

    assert decide_evidence([evidence], accept=True, by=reviewer) == 1

    event.refresh_from_db()
    assert event.source_count == 2
    views = public_views(event)
    assert b"Injected title" in views["page"] and b"Ozymandias" in views["api"]
    assert f'"id":{event.pk},'.encode() in views["search"]
    assert Event.objects.filter(search_vector="ozymandias").count() == 1
    assert evidence.history.latest().history_user == reviewer
    assert evidence.history.latest().review_state == Evidence.ReviewState.ACCEPTED


def test_rejected_evidence_stays_out_of_public_views(approved_then_corroborated, reviewer):
    event, evidence = approved_then_corroborated
    decide_evidence([evidence], accept=False, by=reviewer)
    event.refresh_from_db()
    assert event.source_count == 1
    assert all(b"Ozymandias" not in body for body in public_views(event).values())


def test_reviewers_find_approved_events_with_new_evidence_and_accept_it_in_the_admin(
    approved_then_corroborated, reviewer
):
    event, evidence = approved_then_corroborated
    client = Client()
    client.force_login(reviewer)
    listed = client.get("/admin/events/event/", {"status": "new_evidence"})
    assert listed.status_code == 200 and f"/admin/events/event/{event.pk}/change/" in listed.content.decode()

    response = client.post(
        "/admin/events/evidence/", {"action": "accept", "_selected_action": [evidence.pk]}, follow=True
    )

    assert response.status_code == 200
    evidence.refresh_from_db()
    assert evidence.review_state == Evidence.ReviewState.ACCEPTED
    listed = client.get("/admin/events/event/", {"status": "new_evidence"})
    assert f"/admin/events/event/{event.pk}/change/" not in listed.content.decode()


def test_evidence_of_candidates_is_accepted_with_them():
    store_one(ArticleFactory(text=TEXT), result(transfer()), extractor_version=VERSION)
    assert Evidence.objects.get().review_state == Evidence.ReviewState.ACCEPTED
