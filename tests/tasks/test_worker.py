"""A real Celery worker on Redis against PostgreSQL: demo articles in, candidate events out, exactly once."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from events.models import Event, Evidence, Participant
from tasks.models import ExtractionRun
from tasks.services import request_extraction, run_extraction
from tasks.tasks import extract_articles
from tests.tasks.conftest import DEMO_ARTICLES, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def no_active_runs() -> bool:
    return not ExtractionRun.objects.filter(state__in=["queued", "running"]).exists()


def row_counts() -> tuple[int, int, int]:
    return Event.objects.count(), Participant.objects.count(), Evidence.objects.count()


def test_a_worker_turns_the_ingested_demo_articles_into_candidate_events_with_evidence(postgres, celery_worker):
    call_command("ingest", str(DEMO_ARTICLES), verbosity=0)
    wait_for(no_active_runs, what="the worker to extract the demo articles")

    runs = ExtractionRun.objects.all()
    demo_lines = sum(1 for line in DEMO_ARTICLES.read_text().splitlines() if line.strip())
    assert runs.count() == demo_lines and {r.state for r in runs} == {ExtractionRun.State.SUCCEEDED}
    shipments = Event.objects.filter(
        event_type="arms_transfer", participants__role="supplier", participants__country="PRK"
    ).filter(participants__role="recipient", participants__country="RUS")
    shipment = (
        shipments.filter(evidence__article__title__startswith="U.S. says North Korea has shipped").distinct().get()
    )
    assert shipment.review_status == Event.ReviewStatus.CANDIDATE and shipment.source_count == 1
    assert any("ballistic missiles" in e.sentence for e in shipment.evidence.all())
    sanctions = (
        Event.objects.filter(event_type="sanctions_imposition", participants__organization__code="EU").distinct().get()
    )
    assert sanctions.participants.get(role="target").country_id == "IRN"
    for evidence in Evidence.objects.select_related("article"):
        assert evidence.article.text[evidence.start_char : evidence.end_char] == evidence.sentence


def test_the_same_article_extracted_by_concurrent_messages_gives_the_rows_of_one_extraction(
    postgres, celery_worker, demo_articles
):
    article = demo_articles[0]
    request_extraction([article.pk])

    for _ in range(4):  # two worker threads take these at once
        extract_articles.delay([article.pk])
    wait_for(no_active_runs, what="the duplicate messages to be handled")
    concurrent = row_counts()

    assert list(ExtractionRun.objects.values_list("state", "attempts")) == [("succeeded", 1)]
    request_extraction([article.pk])
    run_extraction([article.pk])  # the same article extracted once more, alone
    assert row_counts() == concurrent
