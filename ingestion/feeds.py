"""Fetching: pages by URL, and RSS/Atom feeds with their entries (polled with ETag/Last-Modified)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events.models import Article

from . import selectors
from .fetching import FEED_TYPES, HTML_TYPES, TEXT_TYPES, FetchError, RefusedURL, fetch
from .models import Feed
from .parsing import (
    ParsedFeedEntry,
    ParseError,
    decode_text,
    html_fragment_to_text,
    looks_like_html,
    parse_feed,
)
from .storing import (
    NO_DEFAULTS,
    ArticleDefaults,
    IngestResult,
    duplicate_result,
    failed_result,
    ingest_html,
    ingest_text,
)


def ingest_url(url: str, *, defaults: ArticleDefaults = NO_DEFAULTS, source: str = Article.Source.URL) -> IngestResult:
    """Fetch a page (SSRF-safe) and store its main text; a URL already stored is not fetched again."""
    existing = selectors.article_with_url(url)
    if existing is not None:
        return duplicate_result(url, existing, "same URL")
    try:
        document = fetch(url, accept=HTML_TYPES + TEXT_TYPES)
        text = decode_text(document.content, document.charset)
    except RefusedURL as exc:
        return IngestResult(IngestResult.FAILED, url, None, str(exc), url_refused=True)
    except (FetchError, ParseError) as exc:
        return failed_result(url, str(exc))
    if document.content_type in TEXT_TYPES and not looks_like_html(text):
        return ingest_text(
            text, url=url, published=defaults.published, publisher=defaults.publisher, source=source, label=url
        )
    return ingest_html(text, url=url, source=source, defaults=defaults, label=url)


def is_url(source: str) -> bool:
    return urlsplit(source).scheme in ("http", "https")


def _absolute_link(link: str) -> str | None:
    return link if is_url(link) else None


def ingest_feed_document(
    data: bytes, *, base_url: str = "", name: str = "", publisher: str = "", fetch_pages: bool | None = None
) -> Iterator[IngestResult]:
    """Every entry of an RSS/Atom document, each stored once (by link, else by content).

    With fetch_pages, an entry's linked page is fetched for its full text; the entry's
    own summary/content is the fallback. Raises ParseError when data is not a feed.
    """
    fetch_pages = settings.INGEST_FEED_FETCH_PAGES if fetch_pages is None else fetch_pages
    feed = parse_feed(data, base_url=base_url)
    for number, entry in enumerate(feed.entries, start=1):
        link = _absolute_link(entry.link)
        label = link or f"{name or base_url} entry {number}"
        try:
            yield _ingest_feed_entry(entry, link, label, publisher or feed.title, fetch_pages)
        except ValueError as exc:  # an unreadable entry fails alone; the poll goes on
            yield failed_result(label, str(exc))


def _ingest_feed_entry(
    entry: ParsedFeedEntry, link: str | None, label: str, publisher: str, fetch_pages: bool
) -> IngestResult:
    defaults = ArticleDefaults(publisher=publisher, published=entry.published)
    if link and fetch_pages:
        result = ingest_url(link, defaults=defaults, source=Article.Source.FEED)
        if not result.failed:
            return result
        if result.url_refused:
            link = None  # the entry's own text is kept, but never under a URL the fetcher refused
    return ingest_text(
        # An entry with no body (RSS 1.0 headline lists) is kept as its headline.
        html_fragment_to_text(entry.content_html) or entry.title,
        title=entry.title,
        url=link,
        published=entry.published,
        publisher=defaults.publisher,
        source=Article.Source.FEED,
        raw=entry.content_html,
        label=label,
    )


def poll_feed(feed: Feed, *, fetch_pages: bool | None = None) -> list[IngestResult]:
    """Fetch a feed with a conditional GET, store its new entries, record how the poll went."""
    feed.last_polled_at = timezone.now()
    try:
        document = fetch(feed.url, accept=FEED_TYPES + HTML_TYPES, etag=feed.etag, last_modified=feed.last_modified)
        if document.not_modified:
            results: list[IngestResult] = []
            feed.last_status, feed.last_error, feed.last_ingested = Feed.PollStatus.NOT_MODIFIED, "", 0
        else:
            results = list(
                ingest_feed_document(
                    document.content, base_url=document.url, publisher=feed.publisher, fetch_pages=fetch_pages
                )
            )
            feed.etag = document.headers.get("ETag", "")[:500]
            feed.last_modified = document.headers.get("Last-Modified", "")[:100]
            feed.last_status, feed.last_error = Feed.PollStatus.OK, ""
            feed.last_ingested = sum(r.status == IngestResult.CREATED for r in results)
    except (FetchError, ParseError) as exc:
        results = [failed_result(feed.url, str(exc))]
        feed.last_status, feed.last_error, feed.last_ingested = Feed.PollStatus.FAILED, str(exc), 0
    feed.save(update_fields=["last_polled_at", "etag", "last_modified", "last_status", "last_error", "last_ingested"])
    return results


def ingest_feed_url(url: str, *, publisher: str = "") -> list[IngestResult]:
    """Register the feed (active) if new, then poll it."""
    feed, _ = Feed.objects.get_or_create(url=url, defaults={"publisher": publisher})
    return poll_feed(feed)


def request_feed_polls(feeds: Iterable[Feed]) -> int:
    """Queue a poll of each feed (the admin's "Poll now"); the tasks go out when the transaction
    commits. Returns the number of feeds queued."""
    from .tasks import poll_feed  # late: the tasks module imports this one

    feed_ids = [feed.pk for feed in feeds]

    def send() -> None:
        for feed_id in feed_ids:
            poll_feed.delay(feed_id)

    transaction.on_commit(send)
    return len(feed_ids)
