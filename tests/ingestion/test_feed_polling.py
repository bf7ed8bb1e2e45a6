"""Polling a Feed over HTTP: conditional GET, each entry once, linked pages fetched, status recorded."""

from __future__ import annotations

import pytest

from events.models import Article
from ingestion.feeds import poll_feed
from ingestion.models import Feed
from ingestion.storing import IngestResult
from tests.conftest import Route

RSS = "application/rss+xml"


@pytest.mark.django_db
def test_a_second_poll_sends_the_validators_and_a_304_stores_nothing(local_server, ingest_data, settings):
    settings.INGEST_FEED_FETCH_PAGES = False
    body = (ingest_data / "feeds" / "rss-parser__guardian.rss").read_bytes()

    def guardian(headers):
        if headers.get("If-None-Match") == '"v1"':
            return Route(304)
        return Route(200, body, {"Content-Type": RSS, "ETag": '"v1"', "Last-Modified": "Wed, 31 Jan 2018 12:00:00 GMT"})

    local_server.routes["/feed"] = guardian
    feed = Feed.objects.create(url=local_server.url("/feed"))

    first = poll_feed(feed)
    feed.refresh_from_db()
    assert (feed.last_status, feed.last_ingested, feed.etag) == (Feed.PollStatus.OK, 55, '"v1"')
    assert sum(r.status == IngestResult.CREATED for r in first) == 55

    second = poll_feed(feed)
    feed.refresh_from_db()
    assert second == []
    assert feed.last_status == Feed.PollStatus.NOT_MODIFIED
    assert local_server.requests[1][1]["If-Modified-Since"] == "Wed, 31 Jan 2018 12:00:00 GMT"
    assert Article.objects.count() == 55


@pytest.mark.django_db
def test_entry_pages_are_fetched_for_their_full_text_with_the_entry_as_fallback(local_server, ingest_data):
    page = (ingest_data / "html" / "newspaper4k__yna_co_kr.html").read_bytes()
    local_server.routes["/story"] = Route(200, page, {"Content-Type": "text/html"})
    feed_xml = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local wire</title>
      <item><title>Drill</title><link>{local_server.url("/story")}</link><description>Short teaser.</description></item>
      <item><title>Gone</title><link>{local_server.url("/gone")}</link>
        <description>Teaser of a story whose page is gone.</description></item>
    </channel></rss>""".encode()
    local_server.routes["/feed"] = Route(200, feed_xml, {"Content-Type": RSS})

    results = poll_feed(Feed.objects.create(url=local_server.url("/feed")))

    assert [r.status for r in results] == [IngestResult.CREATED, IngestResult.CREATED]
    story = Article.objects.get(url=local_server.url("/story"))
    assert story.text.startswith("SEOUL, Aug. 20 (Yonhap)") and story.source == Article.Source.FEED
    assert Article.objects.get(url=local_server.url("/gone")).text == "Teaser of a story whose page is gone."


@pytest.mark.django_db
def test_a_feed_on_a_private_address_fails_with_the_reason_recorded(settings):
    feed = Feed.objects.create(url="http://10.1.2.3/feed.xml")

    [result] = poll_feed(feed)

    feed.refresh_from_db()
    assert result.failed and feed.last_status == Feed.PollStatus.FAILED
    assert "resolves to 10.1.2.3" in feed.last_error


def xhtml_page(body_text: str) -> bytes:
    paragraphs = "".join(f"<p>{body_text} Paragraph {n} of a long enough story about arms.</p>" for n in range(12))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Shipment seized</title></head>'
        f"<body><article><h1>Shipment seized</h1>{paragraphs}</article></body></html>"
    ).encode()


@pytest.mark.django_db
def test_an_xhtml_entry_page_is_stored_and_the_poll_goes_on(local_server):
    local_server.routes["/xhtml"] = Route(
        200, xhtml_page("Customs officers seized rifles."), {"Content-Type": "application/xhtml+xml; charset=utf-8"}
    )
    feed_xml = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local wire</title>
      <item><title>Seized</title><link>{local_server.url("/xhtml")}</link><description>Teaser.</description></item>
      <item><title>Later</title><description>A later entry, stored after the XHTML one.</description></item>
    </channel></rss>""".encode()
    local_server.routes["/feed"] = Route(200, feed_xml, {"Content-Type": RSS})
    feed = Feed.objects.create(url=local_server.url("/feed"))

    results = poll_feed(feed)

    feed.refresh_from_db()
    assert [r.status for r in results] == [IngestResult.CREATED, IngestResult.CREATED]
    assert "Customs officers seized rifles." in Article.objects.get(url=local_server.url("/xhtml")).text
    assert feed.last_status == Feed.PollStatus.OK


@pytest.mark.django_db
def test_an_entry_whose_page_is_refused_is_not_stored_under_the_refused_url(local_server):
    feed_xml = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local wire</title>
      <item><title>Inside</title><link>http://10.0.0.7/admin</link>
        <description>The teaser of an entry pointing inside the network.</description></item>
    </channel></rss>"""
    local_server.routes["/feed"] = Route(200, feed_xml, {"Content-Type": RSS})

    [result] = poll_feed(Feed.objects.create(url=local_server.url("/feed")))

    assert result.status == IngestResult.CREATED
    assert result.article.text == "The teaser of an entry pointing inside the network."
    assert not result.article.url
    assert not Article.objects.filter(url="http://10.0.0.7/admin").exists()
