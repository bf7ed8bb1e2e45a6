"""JSON Lines stored a batch at a time: duplicates within and across batches, order kept, few queries."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Article
from ingestion.documents import ingest_jsonl
from ingestion.storing import IngestResult

STORY = (
    "Officials said on {day} that a cargo ship carrying {cargo} had left the port for the northern coast. "
    "The ministry said the shipment was the {nth} such delivery this year and that more would follow."
)
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def line(n: int, **fields: object) -> str:
    text = STORY.format(day=DAYS[n % 7], cargo=f"{n + 2} containers of spare parts", nth=f"number {n}")
    return json.dumps({"text": text, "title": f"Shipment {n}", **fields})


def statuses(results: list[IngestResult]) -> list[str]:
    return [result.status for result in results]


@pytest.mark.django_db
def test_lines_repeating_an_earlier_line_of_the_same_batch_are_duplicates_of_it(settings):
    settings.EXTRACTION_BATCH_SIZE = 10
    text = "\n".join([line(0, url="https://example.org/0"), line(1), line(0), line(2, url="https://example.org/0")])

    results = list(ingest_jsonl(text, name="feed.jsonl"))

    assert statuses(results) == ["created", "created", "duplicate", "duplicate"]
    first = results[0].article
    assert results[2].article == first and "same content" in results[2].reason
    assert results[3].article == first and "same URL" in results[3].reason
    assert f"as article {first.pk}" in results[2].reason
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_results_keep_the_order_of_the_lines_across_batches_and_failures(settings):
    settings.EXTRACTION_BATCH_SIZE = 3
    lines = [line(0), "{broken", line(1), line(2), '"just a string"', line(3), line(0)]

    results = list(ingest_jsonl("\n".join(lines), name="mixed.jsonl"))

    assert [result.label for result in results] == [f"mixed.jsonl line {n}" for n in range(1, 8)]
    assert statuses(results) == ["created", "failed", "created", "created", "failed", "created", "duplicate"]
    assert [a.title for a in Article.objects.order_by("pk")] == ["Shipment 0", "Shipment 1", "Shipment 2", "Shipment 3"]


@pytest.mark.django_db
def test_a_batch_of_lines_is_stored_in_as_many_queries_as_a_single_line(settings):
    settings.EXTRACTION_BATCH_SIZE = 50

    def queries_to_ingest(first: int, count: int) -> int:
        text = "\n".join(line(n) for n in range(first, first + count))
        with CaptureQueriesContext(connection) as captured:
            assert statuses(list(ingest_jsonl(text, name="x.jsonl"))) == ["created"] * count
        return len(captured)

    assert queries_to_ingest(100, 40) == queries_to_ingest(0, 1)
