"""Schemathesis fuzzes every API operation in /api/schema/ (in-process, through the WSGI app): no 500s."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from config.wsgi import application
from events.factories import EventFactory, EvidenceFactory
from events.models import Event

# A few hundred requests in all: bounded for CI, enough to reach odd parameter combinations.
EXAMPLES_PER_OPERATION = 40


# Served by the app itself (drf-spectacular builds it without the database).
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture(autouse=True)
def events_of_every_state(db, settings) -> Iterator[None]:
    """Events of every review state behind the API, and no rate limit (hundreds of requests from one client)."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    for status in Event.ReviewStatus.values:
        if status != Event.ReviewStatus.MERGED:
            EvidenceFactory(event=EventFactory(review_status=status))
    # As Django's test client does: a request must not close the test's connection (and its transaction).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_api_request_causes_a_server_error(case):
    case.call_and_validate(checks=[not_a_server_error])
