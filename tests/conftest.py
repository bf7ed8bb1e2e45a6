"""Shared fixtures: real services, failing (never skipping) in CI when one is missing."""

from __future__ import annotations

import os
from pathlib import Path

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


# --- Browser tests ----------------------------------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Mark tests whose call failed, so browser fixtures can save a screenshot on teardown."""
    report = yield
    if report.when == "call" and report.failed:
        item.failed_call = True
    return report


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch):
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    # Playwright's sync API runs an event loop in this thread; the test's ORM calls stay synchronous.
    # Set for this test only: it must not leak into others (manage.py check --deploy flags it).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does)", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            # ORM calls made while Playwright runs its loop get their own connection: close it, or
            # PostgreSQL refuses to drop the test database at the end of the session.
            connections.close_all()
            browser.close()


@pytest.fixture
def browser_page(browser, request: pytest.FixtureRequest):
    """A page in Debian's Chromium; on failure a screenshot goes to test-artifacts/<test name>.png."""
    from tests.browser import screenshot_if_failed

    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    screenshot_if_failed(request, page)
    context.close()
