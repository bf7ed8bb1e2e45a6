"""Articles stored once: one input (text, HTML) parsed and stored, batches of inputs stored
together, duplicates (same URL or same content) reported; new articles queued for extraction.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction

from events.models import Article
from tasks.services import enqueue_extraction

from . import selectors
from .parsing import (
    ParsedArticle,
    ParseError,
    article_from_html,
    article_from_text,
    content_hash,
    parse_date,
)


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
    # The input's URL was refused by the fetcher (SSRF rules): nothing may be stored under it.
    url_refused: bool = False

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


def duplicate_result(label: str, article: Article, why: str) -> IngestResult:
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
        return [duplicate_result(item.label, existing, "stored concurrently")]
    return [
        _created(item.label, article) if status == IngestResult.CREATED else duplicate_result(item.label, article, why)
        for item, (status, article, why) in zip(inputs, outcomes, strict=True)
    ]


def failed_result(label: str, reason: str) -> IngestResult:
    return IngestResult(IngestResult.FAILED, label, None, reason)


URL_MAX_CHARS = Article._meta.get_field("url").max_length


def url_problem(url: str) -> str:
    """Why url cannot be an article's URL ("" when it can): only http(s) URLs with a host, of a storable length."""
    if len(url) > URL_MAX_CHARS:
        return f"url of {len(url)} characters exceeds the {URL_MAX_CHARS}-character limit"
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return f"url {url[:100]!r} is not an http(s) URL"
    return ""


def _field_problem(fields: dict[str, Any]) -> str:
    """Why these text fields cannot be stored ("" when they can): each a string (or absent), without NUL."""
    for name, value in fields.items():
        if value is None:
            continue
        if not isinstance(value, str):
            return f'"{name}" must be a string, not {type(value).__name__}'
        if "\x00" in value:
            return f'"{name}" contains a NUL character'
    return ""


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
    problem = _field_problem({"text": text, "title": title, "url": url, "publisher": publisher}) or (
        url_problem(url) if url else ""
    )
    if problem:
        return failed_result(label, problem)
    if isinstance(published, str):
        published = parse_date(published)
    if not (text or "").strip():
        return failed_result(label, "empty text")
    try:
        parsed = article_from_text(text, title=title or "", published=published)
    except ParseError as exc:
        return failed_result(label, str(exc))
    parsed = ParsedArticle(parsed.text, parsed.title, parsed.published, publisher or "", parsed.language)
    return NewArticle(parsed, label=label, url=url or None, source=source, raw=raw, is_demo=is_demo)


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
        return failed_result(label, str(exc))
    parsed = ParsedArticle(
        text=parsed.text,
        title=parsed.title,
        published=parsed.published or defaults.published,
        publisher=parsed.publisher or defaults.publisher,
        language=parsed.language,
    )
    return store_articles([NewArticle(parsed, label=label, url=url, source=source, raw=page)])[0]


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
