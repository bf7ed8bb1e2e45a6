"""Storing extraction results one article at a time: extraction output (constructed here) → candidate
events, evidence, corroboration."""

from __future__ import annotations

import datetime

import pytest

from entities.models import Organization
from events.models import Event, Evidence, Participant
from tests.events.factories import ArticleFactory, EventFactory, EvidenceFactory
from tests.events.storing import store_one

TEXT = (
    "Seoul said on Monday that North Korea shipped artillery shells to Russia last month.\n\n"
    "The European Union imposed sanctions on Iran over drone deliveries, diplomats said."
)
SHIPMENT = TEXT.split("\n\n")[0]
SANCTIONS = TEXT.split("\n\n")[1]
VERSION = "test-1"


def transfer(evidence: str = SHIPMENT, start: int = 0, **overrides) -> dict:
    event = {
        "type": "arms_transfer",
        "roles": {"supplier": ["PRK"], "recipient": ["RUS"]},
        "items": ["artillery shells"],
        "quantity": None,
        "status": "reported",
        "date": "2024-01",
        "date_precision": "month",
        "evidence": evidence,
        "evidence_spans": [{"start": start, "end": start + len(evidence), "text": evidence}],
        "confidence": 0.8,
    }
    event.update(overrides)
    return event


def imposition() -> dict:
    start = TEXT.index(SANCTIONS)
    return {
        "type": "sanctions_imposition",
        "roles": {"imposer": ["EU"], "target": ["IRN"]},
        "items": [],
        "status": "reported",
        "date": None,
        "evidence": SANCTIONS,
        "evidence_spans": [{"start": start, "end": start + len(SANCTIONS), "text": SANCTIONS}],
        "confidence": 0.7,
    }


def result(*events: dict, officials: list | None = None) -> dict:
    return {"countries": ["KOR", "PRK", "RUS"], "officials": officials or [], "events": list(events)}


def rows() -> dict[str, list]:
    return {
        "events": list(Event.objects.order_by("pk").values_list("event_type", "review_status", "source_count")),
        "participants": sorted(Participant.objects.values_list("role", "country_id", "organization_id")),
        "evidence": sorted(Evidence.objects.values_list("article_id", "start_char", "end_char")),
    }


@pytest.fixture
def article():
    return ArticleFactory(text=TEXT, published=datetime.date(2024, 2, 5))


@pytest.mark.django_db
def test_extracted_events_become_candidates_with_participants_and_evidence_offsets(article):
    stored = store_one(article, result(transfer(), imposition()), extractor_version=VERSION)

    assert (stored.events_found, stored.events_created, stored.events_corroborated) == (2, 2, 0)
    shipment = Event.objects.get(event_type="arms_transfer")
    assert shipment.review_status == Event.ReviewStatus.CANDIDATE
    assert (shipment.event_date, shipment.date_precision) == (datetime.date(2024, 1, 1), "month")
    assert shipment.items == ["artillery shells"] and shipment.certainty == "reported"
    assert shipment.summary == "North Korea → Russia: artillery shells"
    assert shipment.extractor_version == VERSION and shipment.source_count == 1
    assert sorted(shipment.participants.values_list("role", "country_id")) == [
        ("recipient", "RUS"),
        ("supplier", "PRK"),
    ]
    evidence = shipment.evidence.get()
    assert article.text[evidence.start_char : evidence.end_char] == evidence.sentence == SHIPMENT
    sanctions = Event.objects.get(event_type="sanctions_imposition")
    assert sanctions.participants.get(role="imposer").organization == Organization.objects.get(code="EU")
    assert sanctions.evidence.get().start_char == TEXT.index(SANCTIONS)


@pytest.mark.django_db
def test_storing_the_same_result_twice_leaves_the_same_rows(article):
    output = result(transfer(), imposition())
    store_one(article, output, extractor_version=VERSION)
    once = rows()

    store_one(article, output, extractor_version=VERSION)

    assert rows() == once


@pytest.mark.django_db
def test_re_extraction_replaces_unreviewed_candidates_and_never_touches_reviewed_events(article):
    store_one(article, result(transfer(), imposition()), extractor_version=VERSION)
    approved = Event.objects.get(event_type="sanctions_imposition")
    Event.objects.filter(pk=approved.pk).update(review_status=Event.ReviewStatus.APPROVED)
    rejected = EventFactory(review_status=Event.ReviewStatus.REJECTED, participants={"supplier": ["IRN"]})
    EvidenceFactory(event=rejected, article=article, start_char=5, end_char=20, sentence=TEXT[5:20])
    old_candidate = Event.objects.get(event_type="arms_transfer", review_status=Event.ReviewStatus.CANDIDATE)

    store_one(article, result(transfer(items=["shells"], status="alleged")), extractor_version="test-2")

    assert not Event.objects.filter(pk=old_candidate.pk).exists()
    new_candidate = Event.objects.get(review_status=Event.ReviewStatus.CANDIDATE)
    assert (new_candidate.certainty, new_candidate.items, new_candidate.extractor_version) == (
        "alleged",
        ["shells"],
        "test-2",
    )
    approved.refresh_from_db()
    assert approved.review_status == Event.ReviewStatus.APPROVED and approved.evidence.count() == 1
    assert rejected.evidence.count() == 1
    assert Event.objects.filter(review_status=Event.ReviewStatus.REJECTED).count() == 1


@pytest.mark.django_db
def test_a_matching_event_in_another_article_becomes_extra_evidence_with_two_sources(article):
    store_one(article, result(transfer()), extractor_version=VERSION)
    other_text = "Pyongyang sent artillery shells and rockets to Moscow in January, according to officials."
    other = ArticleFactory(text=other_text, published=datetime.date(2024, 2, 20))

    stored = store_one(
        other,
        result(transfer(other_text, items=["artillery shells", "rockets"], date="2024-01-20", date_precision="day")),
        extractor_version=VERSION,
    )

    assert (stored.events_created, stored.events_corroborated) == (0, 1)
    event = Event.objects.get()
    assert event.source_count == 2
    assert sorted(event.evidence.values_list("article_id", flat=True)) == sorted([article.pk, other.pk])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "difference",
    [
        {"date": "2023-06-01", "date_precision": "day"},  # outside the 30-day window
        {"roles": {"supplier": ["IRN"], "recipient": ["RUS"]}},  # another supplier
        {"items": ["drones"]},  # items that do not overlap
        {"type": "sanctions_violation", "roles": {"violator": ["PRK"]}},  # another type
    ],
)
def test_a_different_event_in_another_article_stays_a_separate_candidate(article, difference):
    store_one(article, result(transfer()), extractor_version=VERSION)
    other_text = "Officials described another delivery in detail on Friday."
    other = ArticleFactory(text=other_text, published=datetime.date(2024, 2, 20))

    store_one(other, result(transfer(other_text, **difference)), extractor_version=VERSION)

    assert Event.objects.count() == 2
    assert set(Event.objects.values_list("source_count", flat=True)) == {1}


@pytest.mark.django_db
def test_evidence_is_located_in_the_text_when_the_given_offsets_do_not_point_at_it(article):
    shifted = transfer(start=3)  # offsets of another cleaning of the text
    shifted["evidence_spans"][0]["text"] = SHIPMENT

    store_one(article, result(shifted), extractor_version=VERSION)

    evidence = Evidence.objects.get()
    assert (evidence.start_char, evidence.end_char) == (0, len(SHIPMENT))


@pytest.mark.django_db
def test_events_whose_evidence_is_not_in_the_article_and_unknown_actors_are_left_out(article):
    stored = store_one(
        article,
        result(
            transfer("A sentence this article does not contain.", start=0),
            transfer(roles={"supplier": ["PRK", "Atlantis"], "recipient": ["RUS"], "buyer": ["CHN"]}),
        ),
        extractor_version=VERSION,
    )

    assert stored.events_found == 1
    assert sorted(Participant.objects.values_list("role", "country_id")) == [("recipient", "RUS"), ("supplier", "PRK")]


@pytest.mark.django_db
@pytest.mark.parametrize(("days_later", "events"), [(10, 1), (90, 2)])
def test_undated_events_are_compared_by_their_articles_publication_dates(article, days_later, events):
    store_one(article, result(transfer(date=None, date_precision=None)), extractor_version=VERSION)
    other_text = "North Korean shells keep reaching Russian forces, officials said."
    other = ArticleFactory(text=other_text, published=article.published + datetime.timedelta(days=days_later))

    store_one(other, result(transfer(other_text, date=None, date_precision=None)), extractor_version=VERSION)

    assert Event.objects.count() == events
