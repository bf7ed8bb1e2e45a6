"""Fixtures for extraction tasks: demo articles (the real Celery worker fixtures are in tests/conftest.py)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from events.models import Article
from ingestion.storing import ingest_text

DEMO_ARTICLES = Path(__file__).resolve().parents[2] / "demo" / "articles.jsonl"


def demo_records() -> list[dict]:
    return [json.loads(line) for line in DEMO_ARTICLES.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def demo_articles() -> list[Article]:
    """The project's demo articles, stored (not yet extracted)."""
    results = [
        ingest_text(r["text"], title=r.get("title"), published=r.get("published"), publisher=r.get("publisher"))
        for r in demo_records()
    ]
    return [result.article for result in results]


def wait_for(condition: Callable[[], bool], timeout: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)
