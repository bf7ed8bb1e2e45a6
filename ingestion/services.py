"""Writes: turning text, files, pages and feed entries into Articles, each stored once."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import Article
from tasks.services import enqueue_extraction

from . import selectors
from .fetching import FEED_TYPES, HTML_TYPES, TEXT_TYPES, FetchError, fetch
from .models import Feed
from .parsing import (
    ParsedArticle,
    ParseError,
    article_from_html,
    article_from_text,
    content_hash,
    decode_text,
    html_fragment_to_text,
    looks_like_html,
    parse_date,
    parse_feed,
)

JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
XML_SUFFIXES = (".xml", ".rss", ".atom")


@dataclass(frozen=True)
class IngestResult:
    """What happened to one input: created, duplicate (already ingested) or failed, and why."""

    CREATED = "created"
    DUPLICATE = "duplicate"
    FAILED = "failed"

    status: str
    label: str  # the input: file path, URL, "line 3 of x.jsonl"
    article: Article | None = None
    reason: str = ""

    @property
    def failed(self) -> bool:
        return self.status == self.FAILED

    @property
    def extractable(self) -> bool:
        """A new article the English pipeline can read (other languages are stored, flagged, not extracted)."""
        return self.status == self.CREATED and self.article is not None and self.article.language in ("en", "")


@dataclass(frozen=True)
class ArticleDefaults:
    """Values for inputs that do not carry their own (the ingest command's --publisher/--published)."""

    publisher: str = ""
    published: datetime.date | None = None


NO_DEFAULTS = ArticleDefaults()


def _duplicate(label: str, article: Article, why: str) -> IngestResult:
    return IngestResult(IngestResult.DUPLICATE, label, article, f"already ingested ({why}) as article {article.pk}")


@dataclass(frozen=True)
class NewArticle:
    """An input parsed into article fields, ready to store."""

    parsed: ParsedArticle
    label: str
    url: str | None
    source: str
    raw: str
    is_demo: bool = False

    def as_article(self, digest: str) -> Article:
        return Article(
            url=self.url or None,
            title=self.parsed.title[:1000],
            publisher=self.parsed.publisher[:300],
            published=self.parsed.published,
            text=self.parsed.text,
            raw=self.raw,
            content_hash=digest,
            language=self.parsed.language,
            source=self.source,
            is_demo=self.is_demo,
        )


def _created(label: str, article: Article) -> IngestResult:
    reason = "" if article.language in ("en", "") else f"language {article.language!r}: stored, not extracted"
    return IngestResult(IngestResult.CREATED, label, article, reason)


def store_articles(inputs: Sequence[NewArticle]) -> list[IngestResult]:
    """Create an Article for each input unless one with the same URL or normalised content exists
    (then nothing changes); an input repeating an earlier one of the batch is its duplicate.

    The batch is checked in two queries and written in one INSERT. If another process stores
    one of the articles meanwhile, the batch is stored input by input instead.
    """
    digests = [content_hash(item.parsed.text) for item in inputs]
    by_url = selectors.articles_with_urls(item.url for item in inputs if item.url)
    by_hash = selectors.articles_with_content_hashes(digests)
    outcomes: list[tuple[str, Article, str]] = []  # (status, article, why)
    for item, digest in zip(inputs, digests, strict=True):
        if item.url and item.url in by_url:
            outcomes.append((IngestResult.DUPLICATE, by_url[item.url], "same URL"))
        elif digest in by_hash:
            outcomes.append((IngestResult.DUPLICATE, by_hash[digest], "same content"))
        else:
            article = by_hash[digest] = item.as_article(digest)
            if item.url:
                by_url[item.url] = article
            outcomes.append((IngestResult.CREATED, article, ""))
    try:
        with transaction.atomic():
            Article.objects.bulk_create([article for status, article, _ in outcomes if status == IngestResult.CREATED])
    except IntegrityError:
        if len(inputs) > 1:
            return [result for item in inputs for result in store_articles([item])]
        # Another process stored it between our check and insert.
        [item], [digest] = inputs, digests
        existing = (selectors.article_with_url(item.url) if item.url else None) or (
            selectors.articles_with_content_hashes([digest]).get(digest)
        )
        if existing is None:
            raise
        return [_duplicate(item.label, existing, "stored concurrently")]
    return [
        _created(item.label, article) if status == IngestResult.CREATED else _duplicate(item.label, article, why)
        for item, (status, article, why) in zip(inputs, outcomes, strict=True)
    ]


def _failed(label: str, reason: str) -> IngestResult:
    return IngestResult(IngestResult.FAILED, label, None, reason)


def parse_text_article(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    published: datetime.date | str | None = None,
    publisher: str | None = None,
    source: str = Article.Source.TEXT,
    raw: str = "",
    is_demo: bool = False,
    label: str = "text",
) -> NewArticle | IngestResult:
    """Plain article text parsed (cleaned, its language detected), or the failed result saying why not."""
    if isinstance(published, str):
        published = parse_date(published)
    if not (text or "").strip():
        return _failed(label, "empty text")
    try:
        parsed = article_from_text(text, title=title or "", published=published)
    except ParseError as exc:
        return _failed(label, str(exc))
    parsed = ParsedArticle(parsed.text, parsed.title, parsed.published, publisher or "", parsed.language)
    return NewArticle(parsed, label=label, url=url, source=source, raw=raw, is_demo=is_demo)


def ingest_text(text: str, **fields: Any) -> IngestResult:
    """Store plain article text (cleaned; the language is detected); fields as for parse_text_article."""
    new = parse_text_article(text, **fields)
    return new if isinstance(new, IngestResult) else store_articles([new])[0]


def ingest_html(
    page: str,
    *,
    url: str | None = None,
    source: str = Article.Source.HTML,
    defaults: ArticleDefaults = NO_DEFAULTS,
    label: str = "HTML",
) -> IngestResult:
    """Store the main text of an HTML page, keeping the page itself as the raw input."""
    try:
        parsed = article_from_html(page)
    except ParseError as exc:
        return _failed(label, str(exc))
    parsed = ParsedArticle(
        text=parsed.text,
        title=parsed.title,
        published=parsed.published or defaults.published,
        publisher=parsed.publisher or defaults.publisher,
        language=parsed.language,
    )
    return store_articles([NewArticle(parsed, label=label, url=url, source=source, raw=page)])[0]


def _jsonl_line(line: str, label: str, defaults: ArticleDefaults) -> NewArticle | IngestResult:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return _failed(label, f"not valid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return _failed(label, 'not a JSON object with a "text" string')
    is_demo = record.get("demo") is True
    return parse_text_article(
        record["text"],
        title=record.get("title"),
        url=record.get("url") or None,
        published=parse_date(record.get("published")) or defaults.published,
        publisher=record.get("publisher") or defaults.publisher,
        source=Article.Source.DEMO if is_demo else Article.Source.JSONL,
        raw=line,
        is_demo=is_demo,
        label=label,
    )


def ingest_jsonl(
    text: str,
    *,
    name: str,
    defaults: ArticleDefaults = NO_DEFAULTS,
) -> Iterator[IngestResult]:
    """One article per JSON line {"text", "title", "url", "published", "publisher", "demo"?}.

    Lines are stored EXTRACTION_BATCH_SIZE at a time (one extraction task's worth), in order.
    """
    lines = ((number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip())
    while chunk := [
        _jsonl_line(line, f"{name} line {number}", defaults)
        for number, line in islice(lines, settings.EXTRACTION_BATCH_SIZE)
    ]:
        stored = iter(store_articles([item for item in chunk if isinstance(item, NewArticle)]))
        yield from (next(stored) if isinstance(item, NewArticle) else item for item in chunk)


def _read_file(path: Path) -> bytes:
    size = path.stat().st_size
    if size > settings.INGEST_MAX_FILE_BYTES:
        raise ParseError(f"file of {size} bytes exceeds the {settings.INGEST_MAX_FILE_BYTES}-byte limit")
    return path.read_bytes()


def ingest_document(
    data: bytes,
    *,
    name: str,
    charset: str | None = None,
    defaults: ArticleDefaults = NO_DEFAULTS,
) -> Iterator[IngestResult]:
    """A file's or upload's bytes: JSON Lines, HTML or plain text, told apart by name and content."""
    try:
        text = decode_text(data, charset)
    except ParseError as exc:
        yield _failed(name, str(exc))
        return
    suffix = Path(name).suffix.lower()
    if suffix in XML_SUFFIXES or (text.lstrip().startswith("<?xml") and not looks_like_html(data)):
        # Markup is not article text: storing it would put tags into evidence.
        yield _failed(name, "an XML document, not an article (a feed? ingest it with --feed)")
    elif suffix in JSONL_SUFFIXES:
        yield from ingest_jsonl(text, name=name, defaults=defaults)
    elif suffix in HTML_SUFFIXES or looks_like_html(data):
        yield ingest_html(text, defaults=defaults, label=name)
    else:
        yield ingest_text(text, published=defaults.published, publisher=defaults.publisher, raw="", label=name)


def ingest_file(
    path: Path,
    *,
    defaults: ArticleDefaults = NO_DEFAULTS,
) -> Iterator[IngestResult]:
    try:
        data = _read_file(path)
    except (OSError, ParseError) as exc:
        yield _failed(str(path), str(exc))
        return
    yield from ingest_document(data, name=str(path), defaults=defaults)


def ingest_url(url: str, *, defaults: ArticleDefaults = NO_DEFAULTS, source: str = Article.Source.URL) -> IngestResult:
    """Fetch a page (SSRF-safe) and store its main text; a URL already stored is not fetched again."""
    existing = selectors.article_with_url(url)
    if existing is not None:
        return _duplicate(url, existing, "same URL")
    try:
        document = fetch(url, accept=HTML_TYPES + TEXT_TYPES)
        text = decode_text(document.content, document.charset)
    except (FetchError, ParseError) as exc:
        return _failed(url, str(exc))
    if document.content_type in TEXT_TYPES and not looks_like_html(text):
        return ingest_text(
            text, url=url, published=defaults.published, publisher=defaults.publisher, source=source, label=url
        )
    return ingest_html(text, url=url, source=source, defaults=defaults, label=url)


def _absolute_link(link: str) -> str | None:
    return link if _is_url(link) else None


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
        defaults = ArticleDefaults(publisher=publisher or feed.title, published=entry.published)
        if link and fetch_pages:
            result = ingest_url(link, defaults=defaults, source=Article.Source.FEED)
            if not result.failed:
                yield result
                continue
        yield ingest_text(
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
        results = [_failed(feed.url, str(exc))]
        feed.last_status, feed.last_error, feed.last_ingested = Feed.PollStatus.FAILED, str(exc), 0
    feed.save(update_fields=["last_polled_at", "etag", "last_modified", "last_status", "last_error", "last_ingested"])
    return results


def ingest_feed_url(url: str, *, publisher: str = "") -> list[IngestResult]:
    """Register the feed (active) if new, then poll it."""
    feed, _ = Feed.objects.get_or_create(url=url, defaults={"publisher": publisher})
    return poll_feed(feed)


def expand_sources(sources: Iterable[str]) -> list[str]:
    """URLs as given; directories replaced by the files under them (sorted, hidden ones skipped)."""
    expanded: list[str] = []
    for source in sources:
        path = Path(source)
        if not _is_url(source) and path.is_dir():
            expanded.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            expanded.append(source)
    return expanded


def expected_results(source: str, *, feed: bool = False) -> int | None:
    """How many results ingesting a source gives (lines of a JSON Lines file), None when unknown (feeds)."""
    if feed:
        return None
    path = Path(source)
    if path.suffix.lower() in JSONL_SUFFIXES and path.is_file():
        with path.open("rb") as lines:
            return sum(1 for line in lines if line.strip())
    return 1


def _is_url(source: str) -> bool:
    return urlsplit(source).scheme in ("http", "https")


def ingest_source(
    source: str,
    *,
    feed: bool = False,
    defaults: ArticleDefaults = NO_DEFAULTS,
) -> Iterator[IngestResult]:
    """One command-line SOURCE: a URL, a feed URL or file (feed=True), or a file."""
    if feed:
        if _is_url(source):
            yield from ingest_feed_url(source, publisher=defaults.publisher)
            return
        try:
            yield from ingest_feed_document(_read_file(Path(source)), name=source, publisher=defaults.publisher)
        except (OSError, ParseError) as exc:
            yield _failed(source, str(exc))
    elif _is_url(source):
        yield ingest_url(source, defaults=defaults)
    else:
        yield from ingest_file(Path(source), defaults=defaults)


def enqueue_extraction_of_new(
    results: Iterable[IngestResult], *, batch_size: int | None = None
) -> Iterator[IngestResult]:
    """Pass results through, enqueueing extraction of new English articles in batches as they come."""
    batch_size = batch_size or settings.EXTRACTION_BATCH_SIZE
    pending: list[int] = []
    for result in results:
        if result.extractable:
            pending.append(result.article.pk)
        if len(pending) >= batch_size:
            enqueue_extraction(pending)
            pending = []
        yield result
    if pending:
        enqueue_extraction(pending)
