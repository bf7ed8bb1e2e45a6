"""enqueue_extraction: one active run per article, messages sent on commit, batched."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from tasks.models import ExtractionRun
from tasks.services import batches, enqueue_extraction
from tests.events.factories import ArticleFactory


@pytest.mark.django_db
def test_each_article_gets_one_queued_run_and_the_messages_wait_for_the_commit(django_capture_on_commit_callbacks):
    articles = ArticleFactory.create_batch(3)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        runs = enqueue_extraction([a.pk for a in articles])

    assert [run.article_id for run in runs] == [a.pk for a in articles]
    assert {run.state for run in runs} == {ExtractionRun.State.QUEUED}
    assert len(callbacks) == 1  # nothing is sent before the runs are committed


@pytest.mark.django_db
def test_enqueueing_an_article_already_waiting_reuses_its_run(django_capture_on_commit_callbacks):
    article = ArticleFactory()

    with django_capture_on_commit_callbacks(execute=False):
        first = enqueue_extraction([article.pk, article.pk])
        second = enqueue_extraction([article.pk])

    assert len(first) == 1 and first[0].pk == second[0].pk
    assert ExtractionRun.objects.count() == 1


@pytest.mark.django_db
def test_the_database_refuses_two_active_runs_for_one_article():
    article = ArticleFactory()
    ExtractionRun.objects.create(article=article, state=ExtractionRun.State.RUNNING)

    with pytest.raises(IntegrityError):
        ExtractionRun.objects.create(article=article, state=ExtractionRun.State.QUEUED)


@pytest.mark.django_db
def test_batches_hold_a_bounded_number_of_articles_and_of_characters(settings):
    settings.EXTRACTION_BATCH_SIZE, settings.EXTRACTION_BATCH_MAX_CHARS = 3, 1000
    short = [ArticleFactory(text=f"Report {n}: " + "word " * 20).pk for n in range(5)]  # about 110 characters
    long = ArticleFactory(text="Report: " + "word " * 300).pk  # about 1,500: over the limit alone
    middle = [ArticleFactory(text=f"Digest {n}: " + "word " * 100).pk for n in range(2)]  # about 510 each

    assert list(batches([*short, long, *middle])) == [short[:3], short[3:], [long], [middle[0]], [middle[1]]]
