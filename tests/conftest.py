"""Shared fixtures: real services, failing (never skipping) in CI when one is missing."""

from __future__ import annotations

import contextlib
import http.server
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.db import connections

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


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # Seconds between bytes of the body (0: all at once), for a server that trickles its answer.
    byte_interval: float = 0.0


@dataclass
class LocalServer:
    """Routes path → Route; requests records (path, headers) of each request."""

    base_url: str
    routes: dict[str, Route | Callable[[dict[str, str]], Route]]
    requests: list[tuple[str, dict[str, str]]]

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture
def local_server(settings) -> Iterator[LocalServer]:
    """An HTTP server on 127.0.0.1, which the fetch allow-list names for this test."""
    routes: dict = {}
    requests: list = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append((self.path, dict(self.headers)))
            route = routes.get(self.path, Route(404, b"not found"))
            if callable(route):
                route = route(dict(self.headers))
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            # The client may give up (size cap, timeout): that is what those tests check.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                if not route.byte_interval:
                    self.wfile.write(route.body)
                for offset in range(len(route.body) if route.byte_interval else 0):
                    self.wfile.write(route.body[offset : offset + 1])
                    self.wfile.flush()
                    time.sleep(route.byte_interval)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.INGEST_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    try:
        yield LocalServer(f"http://127.0.0.1:{server.server_port}", routes, requests)
    finally:
        server.shutdown()
        server.server_close()


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


# The fast lane (`pytest -m "not slow"`) leaves these out: the reliability suite, browser tests,
# and tests that start processes or a Celery worker. CI runs everything.
TESTS = Path(__file__).resolve().parent
SLOW_DIRECTORIES = {"reliability"}
SLOW_FIXTURES = {"celery_worker"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "postgres" in fixtures:
            item.add_marker(pytest.mark.postgres)
        if "redis_url" in fixtures:
            item.add_marker(pytest.mark.redis)
        in_slow_directory = SLOW_DIRECTORIES & set(Path(str(item.path)).relative_to(TESTS).parts[:-1])
        if in_slow_directory or fixtures & SLOW_FIXTURES or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


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
