"""Shared fixtures: real services, failing (never skipping) in CI when one is missing."""

from __future__ import annotations

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def service_missing(what: str) -> None:
    """Skip locally, fail in CI: CI must never pass by skipping service tests."""
    if IN_CI:
        pytest.fail(f"{what} is required in CI but is not available", pytrace=False)
    pytest.skip(f"{what} not available")


@pytest.fixture
def postgres(db) -> None:
    """Use in tests that exercise PostgreSQL-only behaviour (full-text search, trigram, estimates)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        service_missing("PostgreSQL (set DATABASE_URL=postgres://…)")


@pytest.fixture(scope="session")
def redis_url() -> str:
    """A reachable Redis URL for broker tests (REDIS_URL, default 127.0.0.1:6379/15)."""
    import redis

    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as exc:
        service_missing(f"Redis at {url} ({exc})")
    return url


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "postgres" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)
        if "redis_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.redis)
