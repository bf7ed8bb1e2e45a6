"""A task whose input keeps failing is not retried forever: its run ends failed, with the reason, in the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.html import escape

from tasks.models import ExtractionRun
from tasks.services import enqueue_extraction, sweep_extraction_runs
from tasks.tasks import RETRY_OPTIONS
from tests.events.factories import ArticleFactory
from tests.reliability.test_bad_input import GERMAN
from tests.tasks.conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_bad_input_fails_its_run_once_with_the_reason_and_the_admin_shows_it(celery_worker, postgres, client):
    # Stored as English (a wrong language tag), so it reaches the English extractor, which refuses it.
    german, empty = ArticleFactory(text=GERMAN, language="en"), ArticleFactory(text="   ", language="en")
    good = ArticleFactory()
    enqueue_extraction([german.pk, empty.pk, good.pk])

    wait_for(lambda: not ExtractionRun.objects.filter(state__in=["queued", "running"]).exists(), what="the batch")

    failed = ExtractionRun.objects.filter(state=ExtractionRun.State.FAILED).order_by("article_id")
    assert [(run.article_id, run.attempts) for run in failed] == [(german.pk, 1), (empty.pk, 1)]  # tried once
    assert "English" in failed[0].error
    assert "empty" in failed[1].error
    assert ExtractionRun.objects.get(article=good).state == ExtractionRun.State.SUCCEEDED
    # The sweep does not bring a failed run back: it stays failed until someone re-extracts it.
    assert sweep_extraction_runs().queued_missing == 0
    client.force_login(User.objects.create_superuser("admin", password="a-long-enough-password"))
    listed = client.get(reverse("admin:tasks_extractionrun_changelist"), {"state": "failed"}).content.decode()
    for run in failed:
        assert reverse("admin:tasks_extractionrun_change", args=[run.pk]) in listed
        page = client.get(reverse("admin:tasks_extractionrun_change", args=[run.pk])).content.decode()
        assert escape(run.error) in page


def test_transient_errors_are_retried_a_bounded_number_of_times():
    # A text that kills its worker is given up after MAX_ATTEMPTS sweeps: tests/tasks/test_sweep.py.
    assert RETRY_OPTIONS["max_retries"] == 6
    assert RETRY_OPTIONS["retry_backoff_max"] <= 300
