"""The quickstart's recorded demo decisions: applied to a fresh extraction through the review services."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from entities.models import SanctionsMatch
from events.demo_reviews import (
    DEMO_REVIEWER_USERNAME,
    DemoDecisionsError,
    DemoReviewSummary,
    apply_demo_decisions,
    parse_demo_decisions,
    read_demo_decisions,
)
from events.models import Event, Participant

DEMO = Path(__file__).resolve().parents[2] / "demo"
Status = Event.ReviewStatus


@pytest.fixture
def demo_database(postgres, django_capture_on_commit_callbacks):
    """The demo articles ingested and extracted, and the demo sanctions list loaded, as the quickstart does.

    Yields how to apply decisions: with on-commit work (sanctions matching of added people) run.
    """
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(DEMO / "articles.jsonl"), verbosity=0)
        call_command("load_sanctions", str(DEMO / "un_consolidated_sample.xml"), "--format", "un-xml", verbosity=0)

    def apply(decisions: list) -> DemoReviewSummary:
        with django_capture_on_commit_callbacks(execute=True):
            return apply_demo_decisions(decisions)

    return apply


def test_every_recorded_decision_applies_to_a_fresh_extraction_of_the_demo(demo_database):
    decisions = read_demo_decisions(DEMO / "reviews.json")
    summary = demo_database(decisions)

    assert summary.not_found == []
    assert len(summary.applied) == len(decisions)
    statuses = list(Event.objects.values_list("review_status", flat=True))
    assert statuses.count(Status.APPROVED) > len(statuses) / 2
    assert statuses.count(Status.REJECTED) == 1
    assert statuses.count(Status.MERGED) == 1
    assert statuses.count(Status.CANDIDATE) >= 1, "some candidates are left for the newcomer"
    rejected = Event.objects.get(review_status=Status.REJECTED)
    assert rejected.review_note and rejected.reviewed_by.username == DEMO_REVIEWER_USERNAME
    assert Event.objects.get(review_status=Status.MERGED).merged_into.review_status == Status.APPROVED


def test_decisions_leave_an_audit_trail_by_the_demo_reviewer(demo_database):
    demo_database(read_demo_decisions(DEMO / "reviews.json"))

    decided = Event.objects.exclude(review_status=Status.CANDIDATE)
    for event in decided:
        latest = event.history.latest()
        assert latest.history_user.username == DEMO_REVIEWER_USERNAME
        assert latest.history_change_reason
    for event in Event.objects.filter(review_status=Status.APPROVED):
        assert event.review_note, f"approved #{event.pk} without the reviewer's note"


def test_applying_the_decisions_again_changes_nothing(demo_database):
    decisions = read_demo_decisions(DEMO / "reviews.json")
    demo_database(decisions)
    before = list(Event.objects.order_by("pk").values_list("pk", "review_status", "reviewed_at"))

    again = demo_database(decisions)

    assert again.applied == [] and again.not_found == []
    assert len(again.already_done) == len(decisions)
    assert list(Event.objects.order_by("pk").values_list("pk", "review_status", "reviewed_at")) == before


def test_the_demo_shows_a_sanctioned_participant_on_the_public_pages(demo_database):
    demo_database(read_demo_decisions(DEMO / "reviews.json"))

    linked = SanctionsMatch.objects.filter(state__in=SanctionsMatch.LINKED_STATES, person__participations__isnull=False)
    assert linked.exists()
    event = Event.objects.get(participants__person=linked.first().person)
    page = Client().get(f"/events/{event.pk}/", secure=True)
    assert page.status_code == 200
    assert "sanctioned: UN" in page.content.decode()


def test_at_least_three_country_profiles_of_the_demo_show_charts(demo_database):
    demo_database(read_demo_decisions(DEMO / "reviews.json"))

    involved = (
        Participant.objects.filter(event__review_status=Status.APPROVED, country__isnull=False)
        .values_list("country__iso3", flat=True)
        .distinct()
    )
    with_charts = []
    for iso3 in involved:
        page = Client().get(f"/countries/{iso3}/", secure=True)
        assert page.status_code == 200
        if '<svg class="timeline"' in page.content.decode():
            with_charts.append(iso3)
    assert len(with_charts) >= 3, with_charts


def test_the_demo_reviewer_cannot_log_in(demo_database):
    demo_database(read_demo_decisions(DEMO / "reviews.json"))
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.get(username=DEMO_REVIEWER_USERNAME).has_usable_password()


KEY = {"article": "A title", "type": "arms_transfer", "roles": {"supplier": ["PRK"]}}


@pytest.mark.parametrize(
    ("decisions", "message"),
    [
        ({"decisions": [{**KEY, "decision": "approve"}]}, 'decision 1: every decision needs a "note"'),
        ({"decisions": [{**KEY, "decision": "publish", "note": "x"}]}, "decision must be one of"),
        ({"decisions": [{**KEY, "type": "smuggling", "decision": "approve", "note": "x"}]}, "unknown event type"),
        (
            {"decisions": [{**KEY, "roles": {"imposer": ["USA"]}, "decision": "approve", "note": "x"}]},
            "not roles of arms_transfer",
        ),
        ({"decisions": [{**KEY, "decision": "merge", "note": "x"}]}, 'decision 1 "into": needs "article"'),
        ([], 'an object with a "decisions" list'),
    ],
)
def test_a_malformed_decisions_file_is_refused_with_the_reason(decisions, message):
    with pytest.raises(DemoDecisionsError, match=message):
        parse_demo_decisions(decisions)


def test_an_unreadable_decisions_file_names_the_file(tmp_path):
    broken = tmp_path / "reviews.json"
    broken.write_text("{not json")
    with pytest.raises(DemoDecisionsError, match=r"reviews\.json"):
        read_demo_decisions(broken)
