"""Celery tasks: take ids, call a service. Reliability settings are in config/settings.py."""

from __future__ import annotations

from dataclasses import asdict

import kombu.exceptions
import redis.exceptions
from celery import shared_task
from celery.signals import worker_init

from . import services

# Retried with exponential backoff: the database or broker was briefly unreachable.
# Bad input is not an exception here: it ends as a failed ExtractionRun with its reason.
TRANSIENT_ERRORS = (
    *services.TRANSIENT_DATABASE_ERRORS,
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
)
RETRY_OPTIONS = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 2,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 6,
}


@shared_task(bind=True, **RETRY_OPTIONS)
def extract_articles(self, article_ids: list[int]) -> int:
    """Extract a batch of articles (one nlp.pipe pass); returns how many runs this task finished."""
    return len(services.run_extraction(article_ids, task_id=self.request.id or ""))


@shared_task(**RETRY_OPTIONS)
def sweep_extraction_runs() -> dict[str, int]:
    """Periodic (beat): re-enqueue extraction the broker may have lost."""
    return asdict(services.sweep_extraction_runs())


@worker_init.connect
def load_pipeline_when_the_worker_starts(**kwargs) -> None:
    """Load spaCy in the worker's main process: prefork children inherit it (copy-on-write,
    also after worker_max_tasks_per_child recycling) and no batch pays for loading."""
    services.warm_up_pipeline()
