"""Storing the officials an extraction result names in each event: person participants in the role
official, source or actor, asserting or denying, with the sentence they speak in as the event's evidence."""

from __future__ import annotations

import datetime

import pytest

from entities.models import Person
from events.models import Event, Evidence, Participant, Role
from events.review import approve_events
from tests.events.factories import ArticleFactory
from tests.events.officials_story import (
    ASSERTION,
    DENIAL,
    HOLLOWAY,
    ORDERS,
    ORLOV,
    RI,
    SHIPMENT,
    STORY,
    story_result,
    transfer,
)
from tests.events.storing import store_one

pytestmark = pytest.mark.django_db
VERSION = "test-officials"


@pytest.fixture
def article():
    return ArticleFactory(text=STORY, published=datetime.date(2024, 3, 5))


def officials_of(event: Event) -> dict[str, tuple]:
    return {
        p.person.name: (p.capacity, p.stance, p.official_country_id, p.evidence.sentence if p.evidence else None)
        for p in event.participants.filter(role=Role.OFFICIAL).select_related("person", "evidence")
    }


def test_officials_named_in_an_event_become_its_person_participants(article):
    store_one(article, story_result(transfer([HOLLOWAY, ORLOV, RI])), extractor_version=VERSION)

    event = Event.objects.get()
    assert officials_of(event) == {
        "Jane Holloway": ("source", "asserts", "USA", ASSERTION),
        "Pavel Orlov": ("source", "denies", "RUS", DENIAL),
        "Ri Chol Ho": ("actor", "asserts", "PRK", ORDERS),
    }
    assert Person.objects.count() == 3  # the top-level officials and the event's are the same people


def test_a_denial_is_evidence_on_its_event_with_offsets_in_the_article(article):
    store_one(article, story_result(transfer([ORLOV])), extractor_version=VERSION)

    event = Event.objects.get()
    denial = Evidence.objects.get(event=event, sentence=DENIAL)
    assert STORY[denial.start_char : denial.end_char] == DENIAL
    assert denial.review_state == Evidence.ReviewState.ACCEPTED
    official = event.participants.get(role=Role.OFFICIAL)
    assert (official.person.name, official.stance, official.evidence) == ("Pavel Orlov", "denies", denial)
    assert set(event.evidence.values_list("sentence", flat=True)) == {SHIPMENT, DENIAL}


def test_a_result_without_officials_in_its_events_stores_no_official(article):
    store_one(article, story_result(transfer()), extractor_version=VERSION)

    event = Event.objects.get()
    assert not event.participants.filter(role=Role.OFFICIAL).exists()
    assert set(event.participants.values_list("role", "country_id")) == {("supplier", "PRK"), ("recipient", "RUS")}
    assert Person.objects.count() == 3  # the result's officials are still people


def test_an_official_whose_sentence_is_not_in_the_article_is_kept_without_evidence(article):
    misquoted = HOLLOWAY | {"evidence": "Jane Holloway said something the article never says."}
    store_one(article, story_result(transfer([misquoted])), extractor_version=VERSION)

    assert officials_of(Event.objects.get()) == {"Jane Holloway": ("source", "asserts", "USA", None)}
    assert list(Evidence.objects.values_list("sentence", flat=True)) == [SHIPMENT]


def test_an_unknown_capacity_or_stance_is_stored_as_an_asserting_source(article):
    vague = HOLLOWAY | {"role": "commentator", "stance": None}
    store_one(article, story_result(transfer([vague])), extractor_version=VERSION)

    assert officials_of(Event.objects.get())["Jane Holloway"][:2] == ("source", "asserts")


def test_entries_without_a_name_are_left_out(article):
    entries = [{"role": "source"}, "Jane Holloway", {"name": "  ", "role": "actor"}, None, ORLOV]
    store_one(article, story_result(transfer(entries)), extractor_version=VERSION)

    assert list(officials_of(Event.objects.get())) == ["Pavel Orlov"]


def test_an_official_named_twice_in_one_event_is_one_participant(article):
    store_one(article, story_result(transfer([ORLOV, ORLOV | {"stance": "asserts"}])), extractor_version=VERSION)

    assert officials_of(Event.objects.get()) == {"Pavel Orlov": ("source", "denies", "RUS", DENIAL)}


def test_an_official_sentence_that_is_also_the_event_sentence_is_one_evidence_row(article):
    speaking = ORLOV | {"evidence": SHIPMENT}
    store_one(article, story_result(transfer([speaking])), extractor_version=VERSION)

    event = Event.objects.get()
    assert event.evidence.count() == 1
    assert event.participants.get(role=Role.OFFICIAL).evidence == event.evidence.get()


def test_storing_the_same_result_twice_leaves_the_same_officials(article):
    result = story_result(transfer([HOLLOWAY, ORLOV, RI]))
    store_one(article, result, extractor_version=VERSION)
    first = sorted(Participant.objects.values_list("role", "person__name", "capacity", "stance"))
    store_one(article, result, extractor_version=VERSION)

    assert sorted(Participant.objects.values_list("role", "person__name", "capacity", "stance")) == first
    assert Event.objects.count() == 1 and Evidence.objects.count() == 4


def test_a_corroborating_article_adds_its_officials_to_a_candidate(article):
    store_one(article, story_result(transfer([HOLLOWAY])), extractor_version=VERSION)
    second = ArticleFactory(text=STORY + "\n\nThe ministry did not comment.", published=datetime.date(2024, 3, 6))
    store_one(second, story_result(transfer([HOLLOWAY, ORLOV])), extractor_version=VERSION)

    event = Event.objects.get()
    assert sorted(officials_of(event)) == ["Jane Holloway", "Pavel Orlov"]
    assert event.participants.get(person__name="Pavel Orlov").evidence.article == second
    assert event.source_count == 2


def test_a_corroborating_article_leaves_the_officials_of_an_approved_event_to_reviewers(article, reviewer):
    store_one(article, story_result(transfer([HOLLOWAY])), extractor_version=VERSION)
    approve_events(list(Event.objects.all()), by=reviewer)
    second = ArticleFactory(text=STORY + "\n\nThe ministry did not comment.", published=datetime.date(2024, 3, 6))
    store_one(second, story_result(transfer([HOLLOWAY, ORLOV])), extractor_version=VERSION)

    event = Event.objects.get()
    assert list(officials_of(event)) == ["Jane Holloway"]
    denial = event.evidence.get(article=second, sentence=DENIAL)
    assert denial.review_state == Evidence.ReviewState.PENDING  # the denial waits for a reviewer


def test_reextracting_an_article_takes_back_the_officials_it_gave_a_candidate(article):
    store_one(article, story_result(transfer([HOLLOWAY])), extractor_version=VERSION)
    second = ArticleFactory(text=STORY + "\n\nThe ministry did not comment.", published=datetime.date(2024, 3, 6))
    store_one(second, story_result(transfer([ORLOV])), extractor_version=VERSION)

    store_one(second, story_result(transfer([])), extractor_version=VERSION)  # the extractor no longer names him

    event = Event.objects.get()
    assert list(officials_of(event)) == ["Jane Holloway"]
    assert not event.evidence.filter(sentence=DENIAL).exists()


def test_reextracting_an_approved_event_adds_no_official_and_no_evidence(article, reviewer):
    result = story_result(transfer([HOLLOWAY, ORLOV]))
    store_one(article, result, extractor_version=VERSION)
    approve_events(list(Event.objects.all()), by=reviewer)
    before = sorted(Evidence.objects.values_list("pk", "review_state"))

    store_one(article, result, extractor_version=VERSION)

    event = Event.objects.get()
    assert sorted(officials_of(event)) == ["Jane Holloway", "Pavel Orlov"]
    assert sorted(Evidence.objects.values_list("pk", "review_state")) == before
