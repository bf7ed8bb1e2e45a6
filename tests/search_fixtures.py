"""A small, known set of events for the search tests (pages, API, exports)."""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from events.aggregates import rebuild_profile_aggregates
from events.models import Event, EventType, Participant, Role
from tests.entities.factories import PersonFactory, PositionFactory, country
from tests.events.factories import ArticleFactory, EventFactory, EvidenceFactory

XSS = "<script>alert('xss')</script>"
APPROVED = Event.ReviewStatus.APPROVED


@dataclass
class SearchData:
    shells: Event  # PRK supplies RUS, March 2024, reported, XSS in summary and article
    drones: Event  # IRN supplies RUS, July 2023, alleged
    sanctions: Event  # USA imposes on PRK, June 2024, names Kim Yo Jong
    violation: Event  # PRK violates, CHN counterparty, undated
    candidate: Event  # PRK supplies SYR, not reviewed
    rejected: Event
    merged: Event


def approved(**kwargs) -> Event:
    return EventFactory(review_status=APPROVED, **kwargs)


def with_evidence(event: Event, sentence: str, **article) -> Event:
    article_row = ArticleFactory(text=sentence, **article)
    EvidenceFactory(event=event, article=article_row, sentence=sentence)
    return event


@pytest.fixture(autouse=True)
def fresh_cache():
    """Country profiles are cached: each test starts from an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def search_data(db) -> SearchData:
    shells = with_evidence(
        approved(
            summary=f"North Korea → Russia: artillery shells {XSS}",
            items=["artillery shells", XSS],
            event_date=datetime.date(2024, 3, 5),
            participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]},
        ),
        f"North Korea shipped artillery shells to Russia by rail via Tumangang. {XSS}",
        title=f"Shells by rail {XSS}",
        url="https://news.example.org/shells",
    )
    drones = with_evidence(
        approved(
            summary="Iran → Russia: Shahed drones",
            items=["Shahed drones"],
            certainty=Event.Certainty.ALLEGED,
            event_date=datetime.date(2023, 7, 14),
            participants={Role.SUPPLIER: ["IRN"], Role.RECIPIENT: ["RUS"]},
        ),
        "Iran is alleged to have delivered Shahed drones to Russia.",
    )
    sanctions = approved(
        event_type=EventType.SANCTIONS_IMPOSITION,
        summary="United States sanctions North Korean officials",
        items=[],
        certainty=Event.Certainty.CONFIRMED,
        event_date=datetime.date(2024, 6, 1),
        source_count=3,
        participants={Role.IMPOSER: ["USA"], Role.TARGET: ["PRK"]},
    )
    kim = PersonFactory(name="Kim Yo Jong", nationality=country("PRK"))
    PositionFactory(person=kim, title="deputy department director", country=country("PRK"))
    Participant.objects.create(event=sanctions, role=Role.TARGET, person=kim)
    violation = approved(
        event_type=EventType.SANCTIONS_VIOLATION,
        summary="North Korean coal sold to China",
        items=["coal"],
        event_date=None,
        date_precision="",
        participants={Role.VIOLATOR: ["PRK"], Role.COUNTERPARTY: ["CHN"]},
    )
    candidate = EventFactory(
        summary="Candidate: North Korea → Syria", participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["SYR"]}
    )
    rejected = EventFactory(
        summary="Rejected: North Korea → Syria",
        review_status=Event.ReviewStatus.REJECTED,
        participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["SYR"]},
    )
    merged = EventFactory(
        summary="Merged: North Korea → Russia",
        review_status=Event.ReviewStatus.MERGED,
        merged_into=shells,
        participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]},
    )
    # Made by factories, not review decisions: the profile aggregates are rebuilt as after a bulk load.
    rebuild_profile_aggregates()
    return SearchData(shells, drones, sanctions, violation, candidate, rejected, merged)


@pytest.fixture
def staff_user(db):
    """A reviewer: staff, in the Reviewers group (which holds events.view_unreviewed)."""
    from events.reviewers import sync_reviewers_group

    user = get_user_model().objects.create_user("reviewer", password="a long test password", is_staff=True)
    user.groups.add(sync_reviewers_group())
    return user


@pytest.fixture
def unseen(search_data: SearchData) -> set[int]:
    """Ids anonymous users must never see."""
    return {search_data.candidate.pk, search_data.rejected.pk, search_data.merged.pk}
