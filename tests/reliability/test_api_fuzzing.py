"""Schemathesis fuzzes every API operation in /api/schema/ (in-process, through the WSGI app): no 500s."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from config.wsgi import application
from events.models import Event
from tests.events.factories import EventFactory, EvidenceFactory

# A few hundred requests in all: bounded for CI, enough to reach odd parameter combinations.
EXAMPLES_PER_OPERATION = 40


@pytest.fixture(autouse=True)
def events_of_every_state(db, no_rate_limit) -> Iterator[None]:
    """Events of every review state behind the API."""
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


def test_no_api_request_causes_a_server_error():
    # Loaded here rather than at import, so a missing schema fails this test, not the whole collection.
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5
    requests = Counter()
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def call(case) -> None:
            response = case.call_and_validate(checks=[not_a_server_error])
            requests[response.status_code // 100 * 100] += 1

        call()
    print(
        f"\n[api fuzzing] {len(operations)} operations, {sum(requests.values())} requests, by status: {dict(requests)}"
    )
