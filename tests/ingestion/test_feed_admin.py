"""Feeds in the admin: "Poll now" queues a poll of each selected feed once the request commits."""

from __future__ import annotations

import pytest
from django.urls import reverse

from events.models import Article
from ingestion.models import Feed
from tests.conftest import Route

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><link>https://example.org/one</link><description>First entry text.</description></item>
</channel></rss>"""


@pytest.mark.django_db
def test_poll_now_polls_the_selected_feeds_after_the_request_commits(
    admin_client, local_server, settings, django_capture_on_commit_callbacks
):
    settings.INGEST_FEED_FETCH_PAGES = False
    local_server.routes["/chosen.xml"] = Route(200, FEED, {"Content-Type": "application/rss+xml"})
    local_server.routes["/other.xml"] = Route(200, FEED.replace(b"one", b"two"), {"Content-Type": "text/xml"})
    chosen = Feed.objects.create(url=local_server.url("/chosen.xml"))
    Feed.objects.create(url=local_server.url("/other.xml"))
    changelist = reverse("admin:ingestion_feed_changelist")

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = admin_client.post(changelist, {"action": "poll_now", "_selected_action": [chosen.pk]}, follow=True)
    assert "Polling 1 feed(s)." in [str(m) for m in response.context["messages"]]
    assert local_server.requests == [] and len(queued) == 1  # nothing sent before the commit

    queued[0]()  # the commit: the poll task runs (in-process in tests)

    assert list(Article.objects.values_list("url", flat=True)) == ["https://example.org/one"]
    assert [path for path, _ in local_server.requests] == ["/chosen.xml"]
