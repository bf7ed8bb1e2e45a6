"""Sources named on the command line or in the admin: files, directories, URLs and feeds, each
sent to the ingester that reads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .documents import JSONL_SUFFIXES, ingest_file, read_file
from .feeds import ingest_feed_document, ingest_feed_url, ingest_url, is_url
from .parsing import (
    ParseError,
)
from .storing import NO_DEFAULTS, ArticleDefaults, IngestResult, failed_result


def expand_sources(sources: Iterable[str]) -> list[str]:
    """URLs as given; directories replaced by the files under them (sorted, hidden ones skipped)."""
    expanded: list[str] = []
    for source in sources:
        path = Path(source)
        if not is_url(source) and path.is_dir():
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


def ingest_source(
    source: str,
    *,
    feed: bool = False,
    defaults: ArticleDefaults = NO_DEFAULTS,
) -> Iterator[IngestResult]:
    """One command-line SOURCE: a URL, a feed URL or file (feed=True), or a file."""
    if feed:
        if is_url(source):
            yield from ingest_feed_url(source, publisher=defaults.publisher)
            return
        try:
            yield from ingest_feed_document(read_file(Path(source)), name=source, publisher=defaults.publisher)
        except (OSError, ParseError) as exc:
            yield failed_result(source, str(exc))
    elif is_url(source):
        yield ingest_url(source, defaults=defaults)
    else:
        yield from ingest_file(Path(source), defaults=defaults)
