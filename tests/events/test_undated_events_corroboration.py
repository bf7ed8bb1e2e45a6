"""Undated events: re-extraction never duplicates an approved one, and corroboration treats a missing
date as unknown rather than as a mismatch."""

from __future__ import annotations

import datetime

import pytest

from events.models import Event
from events.review import approve_events
from tests.events.factories import ArticleFactory
from tests.events.storing import store_one

pytestmark = pytest.mark.django_db
VERSION = "test-undated"
SENTENCE = "Iran has delivered attack drones to Russia, according to a ministry statement."
BOTH = "Iran has delivered attack drones to Russia, and Belarus sold rifles to Syria, the statement said."


def drones(evidence: str = SENTENCE, date: str | None = None, **roles: list[str]) -> dict:
    return {
        "type": "arms_transfer",
        "roles": roles or {"supplier": ["IRN"], "recipient": ["RUS"]},
        "items": ["attack drones"],
        "status": "reported",
        "date": date,
        "evidence": evidence,
        "confidence": 0.7,
    }


def result(*events: dict) -> dict:
    return {"countries": ["IRN", "RUS"], "officials": [], "events": list(events)}


def article(published: datetime.date | None, text: str = SENTENCE):
    return ArticleFactory(text=text, published=published)


@pytest.mark.parametrize("published", [None, datetime.date(2024, 6, 1)])
def test_reextraction_never_duplicates_an_approved_undated_event(reviewer, published):
    source = article(published)
    store_one(source, result(drones()), extractor_version=VERSION)
    approve_events(list(Event.objects.all()), by=reviewer)

    again = store_one(source, result(drones()), extractor_version=VERSION)

    assert (again.events_created, again.events_corroborated) == (0, 1)
    assert list(Event.objects.values_list("review_status", flat=True)) == ["approved"]


def test_undated_candidates_from_articles_without_dates_corroborate_each_other():
    store_one(article(None), result(drones()), extractor_version=VERSION)
    store_one(article(None, SENTENCE + " Officials confirmed it."), result(drones()), extractor_version=VERSION)

    assert list(Event.objects.values_list("source_count", flat=True)) == [2]


def test_an_undated_candidate_from_an_undated_article_corroborates_a_dated_event():
    store_one(article(datetime.date(2024, 6, 1)), result(drones(date="2024-05")), extractor_version=VERSION)
    store_one(article(None, SENTENCE + " Officials confirmed it."), result(drones()), extractor_version=VERSION)

    assert list(Event.objects.values_list("event_date", "source_count")) == [(datetime.date(2024, 5, 1), 2)]


def test_undated_events_reported_years_apart_stay_apart():
    store_one(article(datetime.date(2020, 6, 1)), result(drones()), extractor_version=VERSION)
    later = article(datetime.date(2024, 6, 1), SENTENCE + " Officials confirmed it.")
    store_one(later, result(drones()), extractor_version=VERSION)

    assert Event.objects.count() == 2


def test_reextraction_keeps_to_an_approved_event_whose_date_a_reviewer_corrected(reviewer):
    source = article(datetime.date(2024, 6, 1))
    store_one(source, result(drones(date="2024-05")), extractor_version=VERSION)
    event = Event.objects.get()
    event.event_date, event.date_precision = datetime.date(2019, 1, 1), Event.DatePrecision.YEAR
    event.save()
    approve_events([event], by=reviewer)

    store_one(source, result(drones(date="2024-05")), extractor_version=VERSION)

    assert list(Event.objects.values_list("pk", "event_date")) == [(event.pk, datetime.date(2019, 1, 1))]


def test_reextraction_keeps_to_an_approved_event_without_core_actors(reviewer):
    source = article(None)
    store_one(source, result(drones(supplier=["XXX"])), extractor_version=VERSION)  # an actor nobody knows
    approve_events(list(Event.objects.all()), by=reviewer)

    store_one(source, result(drones(supplier=["XXX"])), extractor_version=VERSION)

    assert list(Event.objects.values_list("review_status", flat=True)) == ["approved"]


def test_two_approved_events_of_one_sentence_each_keep_their_reextraction(reviewer):
    source = article(None, BOTH)
    rifles = drones(BOTH, supplier=["BLR"], recipient=["SYR"]) | {"items": ["rifles"]}
    store_one(source, result(drones(BOTH), rifles), extractor_version=VERSION)
    approve_events(list(Event.objects.all()), by=reviewer)

    again = store_one(source, result(drones(BOTH), rifles), extractor_version=VERSION)

    assert (again.events_created, again.events_corroborated) == (0, 2)
    assert Event.objects.count() == 2
