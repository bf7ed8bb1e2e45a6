"""The sweep re-enqueues what the broker may have lost; the database is the source of truth."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tasks.models import ExtractionRun
from tasks.services import MAX_ATTEMPTS, sweep_extraction_runs
from tests.events.factories import ArticleFactory

LONG_AGO = datetime.timedelta(hours=3)


@pytest.mark.django_db
def test_the_sweep_requeues_stuck_runs_resends_lost_queued_ones_and_queues_never_extracted_articles(
    django_capture_on_commit_callbacks,
):
    stuck, fresh, lost, never, german = ArticleFactory.create_batch(5)
    german.language = "de"
    german.save()
    long_ago = timezone.now() - LONG_AGO
    ExtractionRun.objects.create(article=stuck, state="running", started_at=long_ago, attempts=1)
    ExtractionRun.objects.create(article=fresh, state="running", started_at=timezone.now(), attempts=1)
    lost_run = ExtractionRun.objects.create(article=lost, state="queued")
    ExtractionRun.objects.filter(pk=lost_run.pk).update(created_at=long_ago)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = sweep_extraction_runs()

    assert (report.requeued_stuck, report.resent_queued, report.queued_missing, report.given_up) == (1, 1, 1, 0)
    assert ExtractionRun.objects.get(article=stuck).state == ExtractionRun.State.QUEUED
    assert ExtractionRun.objects.get(article=fresh).state == ExtractionRun.State.RUNNING
    assert ExtractionRun.objects.get(article=never).state == ExtractionRun.State.QUEUED
    assert not ExtractionRun.objects.filter(article=german).exists()  # not English: not extracted
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_a_run_whose_worker_keeps_dying_is_given_up_with_a_reason():
    article = ArticleFactory()
    started = timezone.now() - LONG_AGO
    ExtractionRun.objects.create(article=article, state="running", started_at=started, attempts=MAX_ATTEMPTS)

    report = sweep_extraction_runs()

    run = ExtractionRun.objects.get()
    assert report.given_up == 1
    assert run.state == ExtractionRun.State.FAILED
    assert run.error == f"worker lost {MAX_ATTEMPTS} times while extracting this article; giving up"
