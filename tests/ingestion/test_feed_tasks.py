"""Beat's periodic tasks exist after migrate and name real tasks; polling all active feeds."""

from __future__ import annotations

import pytest
from django_celery_beat.models import PeriodicTask

from config.celery import app
from events.models import Article
from ingestion.models import Feed
from ingestion.tasks import poll_active_feeds
from tests.ingestion.conftest import Route

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><link>https://example.org/one</link><description>First entry text.</description></item>
</channel></rss>"""


@pytest.mark.django_db
def test_feed_polling_and_the_extraction_sweep_are_scheduled_in_the_database_with_real_task_names():
    scheduled = {task.task: task for task in PeriodicTask.objects.filter(enabled=True)}

    assert {"ingestion.tasks.poll_active_feeds", "tasks.tasks.sweep_extraction_runs"} <= set(scheduled)
    app.loader.import_default_modules()
    assert all(name in app.tasks for name in scheduled)
    assert scheduled["ingestion.tasks.poll_active_feeds"].interval.every == 15


@pytest.mark.django_db
def test_polling_active_feeds_reads_each_active_feed_and_skips_inactive_ones(local_server, settings):
    settings.INGEST_FEED_FETCH_PAGES = False
    local_server.routes["/active.xml"] = Route(200, FEED, {"Content-Type": "application/rss+xml"})
    local_server.routes["/inactive.xml"] = Route(200, FEED.replace(b"one", b"two"), {"Content-Type": "text/xml"})
    Feed.objects.create(url=local_server.url("/active.xml"))
    Feed.objects.create(url=local_server.url("/inactive.xml"), active=False)

    assert poll_active_feeds() == 1  # eager here: each feed's poll task runs in-process

    assert list(Article.objects.values_list("url", flat=True)) == ["https://example.org/one"]
    assert [path for path, _ in local_server.requests] == ["/active.xml"]
