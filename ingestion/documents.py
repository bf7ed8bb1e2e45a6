"""Files and documents: plain text, HTML and JSON Lines (a batch of articles per chunk)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from django.conf import settings

from events.models import Article

from .parsing import (
    ParseError,
    decode_text,
    looks_like_html,
    parse_date,
    split_headline,
)
from .storing import (
    NO_DEFAULTS,
    ArticleDefaults,
    IngestResult,
    NewArticle,
    failed_result,
    ingest_html,
    ingest_text,
    parse_text_article,
    store_articles,
)

JSONL_SUFFIXES = (".jsonl", ".ndjson")

HTML_SUFFIXES = (".html", ".htm", ".xhtml")

XML_SUFFIXES = (".xml", ".rss", ".atom")


def _jsonl_line(line: str, label: str, defaults: ArticleDefaults) -> NewArticle | IngestResult:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return failed_result(label, f"not valid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return failed_result(label, "not valid JSON: nested too deeply")
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return failed_result(label, 'not a JSON object with a "text" string')
    if not isinstance(record.get("published"), str | None):
        return failed_result(label, '"published" must be a string (a date), not ' + type(record["published"]).__name__)
    is_demo = record.get("demo") is True
    return parse_text_article(
        record["text"],
        title=record.get("title"),
        url=record.get("url"),
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


def read_file(path: Path) -> bytes:
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
        yield failed_result(name, str(exc))
        return
    suffix = Path(name).suffix.lower()
    if suffix in XML_SUFFIXES or (text.lstrip().startswith("<?xml") and not looks_like_html(data)):
        # Markup is not article text: storing it would put tags into evidence.
        yield failed_result(name, "an XML document, not an article (a feed? ingest it with --feed)")
    elif suffix in JSONL_SUFFIXES:
        yield from ingest_jsonl(text, name=name, defaults=defaults)
    elif suffix in HTML_SUFFIXES or looks_like_html(data):
        yield ingest_html(text, defaults=defaults, label=name)
    else:
        # A news story saved as text starts with its headline: it becomes the title, and the body
        # alone is stored (and extracted), so evidence offsets refer to the text as stored.
        title, body = split_headline(text)
        yield ingest_text(
            body, title=title, published=defaults.published, publisher=defaults.publisher, raw="", label=name
        )


def ingest_file(
    path: Path,
    *,
    defaults: ArticleDefaults = NO_DEFAULTS,
) -> Iterator[IngestResult]:
    try:
        data = read_file(path)
    except (OSError, ParseError) as exc:
        yield failed_result(str(path), str(exc))
        return
    yield from ingest_document(data, name=str(path), defaults=defaults)
