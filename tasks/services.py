"""Writes to the tasks tables: queueing extraction runs."""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from django.db import transaction

from .models import ExtractionRun


@transaction.atomic
def enqueue_extraction(article_ids: Iterable[int]) -> list[ExtractionRun]:
    """One queued ExtractionRun per distinct article; the Celery task is sent once the transaction commits.

    Until `tasks.tasks.extract_article` exists the runs stay queued for a worker to pick up.
    """
    runs = ExtractionRun.objects.bulk_create(
        [ExtractionRun(article_id=article_id) for article_id in dict.fromkeys(article_ids)]
    )
    try:
        extract_article = importlib.import_module("tasks.tasks").extract_article
    except (ImportError, AttributeError):
        return runs
    for run in runs:
        transaction.on_commit(lambda run_id=run.pk: extract_article.delay(run_id))
    return runs
