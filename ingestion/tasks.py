"""Celery tasks for feeds: take ids, call a service."""

from __future__ import annotations

from celery import shared_task

from tasks.tasks import RETRY_OPTIONS

from . import selectors
from .feeds import poll_feed as poll_feed_now
from .storing import IngestResult, enqueue_extraction_of_new


@shared_task(**RETRY_OPTIONS)
def poll_feed(feed_id: int) -> int:
    """Poll one feed and queue extraction of its new articles; returns how many were created."""
    feed = selectors.feeds_to_poll().filter(pk=feed_id).first()
    if feed is None:
        return 0  # deactivated or deleted since it was queued
    results = list(enqueue_extraction_of_new(poll_feed_now(feed)))
    return sum(r.status == IngestResult.CREATED for r in results)


@shared_task(**RETRY_OPTIONS)
def poll_active_feeds() -> int:
    """Periodic (beat): one poll task per active feed, so a slow feed does not hold up the others."""
    feed_ids = list(selectors.feeds_to_poll().values_list("pk", flat=True))
    for feed_id in feed_ids:
        poll_feed.delay(feed_id)
    return len(feed_ids)
