"""Fixtures for extraction tasks: demo articles, and a real Celery worker on Redis against PostgreSQL."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.db import connections

from events.models import Article
from ingestion.services import ingest_text

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


def forget_broker_connections(app: Celery) -> None:
    """Drop the app's cached connection and producer pools, which keep the broker URL they were made with."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_broker(redis_url: str, transactional_db) -> Iterator[str]:
    """The project's Celery app pointed at an empty Redis database, tasks sent (not run eagerly)."""
    from config.celery import app

    redis.Redis.from_url(redis_url).flushdb()
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=redis_url, task_always_eager=False)
    forget_broker_connections(app)
    # Workers close their connections after each task, so the test database can be dropped afterwards.
    saved_max_age = connections["default"].settings_dict["CONN_MAX_AGE"]
    connections["default"].settings_dict["CONN_MAX_AGE"] = 0
    try:
        yield redis_url
    finally:
        app.conf.update(saved)
        forget_broker_connections(app)
        connections["default"].settings_dict["CONN_MAX_AGE"] = saved_max_age
        redis.Redis.from_url(redis_url).flushdb()


@pytest.fixture
def celery_worker(celery_broker: str) -> Iterator[None]:
    """A real worker (two threads) consuming from Redis, in this process."""
    from config.celery import app

    with start_worker(app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=30):
        yield
