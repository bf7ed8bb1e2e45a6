"""store_extraction_results: many articles in one transaction; the rows of one by one, in a fixed number of queries."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event, Evidence
from events.storing import store_extraction_results
from tests.events.factories import ArticleFactory
from tests.events.storing import store_one
from tests.events.test_storing_extraction_results import SHIPMENT, TEXT, VERSION, imposition, result, rows, transfer

KIRBY = {"name": "Jordan Kirby", "country": "USA", "title": "national security spokesman"}


def articles(count: int) -> list:
    return [
        ArticleFactory(text=TEXT, content_hash=uuid.uuid4().hex * 2, published=datetime.date(2024, 2, 5))
        for _ in range(count)
    ]


def results_for(stored: list) -> list[tuple]:
    return [(article, result(transfer(), imposition(), officials=[KIRBY])) for article in stored]


@pytest.mark.django_db
def test_a_batch_leaves_the_same_rows_as_storing_its_articles_one_by_one():
    first = articles(3)
    for article, output in results_for(first):
        store_one(article, output, extractor_version=VERSION)
    one_by_one = rows()
    Event.objects.all().delete()

    stored = store_extraction_results(results_for(first), extractor_version=VERSION)

    assert rows() == one_by_one
    assert [(s.events_found, s.events_created, s.events_corroborated) for s in stored] == [
        (2, 2, 0),
        (2, 0, 2),
        (2, 0, 2),
    ]


@pytest.mark.django_db
def test_an_event_created_by_one_article_of_a_batch_is_corroborated_by_a_later_one():
    stored = store_extraction_results(results_for(articles(2)), extractor_version=VERSION)

    assert [s.events_created for s in stored] == [2, 0]
    assert set(Event.objects.values_list("source_count", flat=True)) == {2}
    shipment = Event.objects.get(event_type="arms_transfer")
    assert list(shipment.evidence.values_list("sentence", flat=True)) == [SHIPMENT, SHIPMENT]


@pytest.mark.django_db
def test_a_batch_corroborating_stored_events_raises_their_source_counts():
    store_extraction_results(results_for(articles(1)), extractor_version=VERSION)

    store_extraction_results(
        [
            (
                ArticleFactory(text=TEXT, content_hash=uuid.uuid4().hex * 2, published=datetime.date(2024, 2, 9)),
                result(transfer()),
            )
        ],
        extractor_version=VERSION,
    )

    assert Event.objects.get(event_type="arms_transfer").source_count == 2
    assert Event.objects.get(event_type="sanctions_imposition").source_count == 1


@pytest.mark.django_db
def test_storing_a_batch_takes_as_many_queries_for_twelve_articles_as_for_two():
    def queries_to_store(count: int) -> int:
        batch = results_for(articles(count))
        Event.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            store_extraction_results(batch, extractor_version=VERSION)
        return len(captured)

    queries_to_store(2)  # creates the official, so both measured batches find them
    assert queries_to_store(12) == queries_to_store(2)
    assert Evidence.objects.count() == 2 * 2


@pytest.mark.django_db
def test_storing_a_batch_again_replaces_its_candidates_and_keeps_the_rows():
    batch = results_for(articles(4))
    store_extraction_results(batch, extractor_version=VERSION)
    once = rows()

    store_extraction_results(batch, extractor_version=VERSION)

    assert rows() == once


@pytest.mark.django_db
def test_a_batch_naming_different_actors_corroborates_each_stored_event_it_matches():
    store_extraction_results(results_for(articles(1)), extractor_version=VERSION)
    other = transfer(roles={"supplier": ["IRN"], "recipient": ["RUS"]}, items=["drones"])

    stored = store_extraction_results(
        [(article, result(transfer(), imposition(), other)) for article in articles(2)], extractor_version=VERSION
    )

    assert [(s.events_created, s.events_corroborated) for s in stored] == [(1, 2), (0, 3)]
    assert sorted(Event.objects.values_list("source_count", flat=True)) == [2, 3, 3]
