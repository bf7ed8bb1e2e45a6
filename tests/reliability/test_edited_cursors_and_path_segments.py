"""Edited cursors, odd path segments and NUL in query strings answer 400 or 404, never 500.

Each row of the table was a reproduced public 500; the hypothesis tests fuzz the same places.
"""

from __future__ import annotations

from base64 import b64encode
from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.reviewers import sync_reviewers_group
from tests.events.factories import ArticleFactory, EventFactory, EvidenceFactory

pytestmark = pytest.mark.django_db

REFUSED = (400, 404)


def cursor(position: str, offset: int = 0, reverse: int = 0) -> str:
    return b64encode(urlencode({"o": offset, "r": reverse, "p": position}).encode()).decode()


@pytest.fixture
def events(db, no_rate_limit) -> None:
    for _ in range(3):
        EvidenceFactory(event=EventFactory(review_status="approved"), article=ArticleFactory())


@pytest.fixture
def reviewer_client(db) -> Client:
    user = get_user_model().objects.create_user("reviewer", password="a-long-enough-password", is_staff=True)
    user.groups.add(sync_reviewers_group())
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("path", ["/api/events/", "/events/"])
@pytest.mark.parametrize(
    ("sort", "position"),
    [
        ("date", "garbage"),
        ("date", "2024-01-01'--"),
        ("sources", "abc"),
        ("date", "2024-01-01\x00"),
        ("sources", "1\x00"),
    ],
)
def test_an_edited_cursor_position_is_refused_not_a_server_error(events, path, sort, position):
    response = Client().get(path, {"sort": sort, "cursor": cursor(position)})
    assert response.status_code in REFUSED


def test_an_edited_article_cursor_is_refused_not_a_server_error(events, reviewer_client):
    response = reviewer_client.get("/api/articles/", {"cursor": cursor("yesterday")})
    assert response.status_code in REFUSED


@pytest.mark.parametrize("path", ["/countries/P%00K/", "/api/countries/P%00K/"])
def test_nul_in_a_path_segment_is_refused(events, path):
    assert Client().get(path).status_code in REFUSED


def test_nul_in_an_admin_autocomplete_term_is_refused(events, reviewer_client):
    query = {"term": "a\x00b", "app_label": "events", "model_name": "participant", "field_name": "country"}
    assert reviewer_client.get("/admin/autocomplete/", query).status_code in REFUSED


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(
    sort=st.sampled_from(["date", "sources", ""]),
    position=st.text(max_size=30),
    offset=st.integers(min_value=-5, max_value=5000),
    reverse=st.sampled_from([0, 1, "x"]),
    path=st.sampled_from(["/api/events/", "/events/"]),
)
def test_no_edited_cursor_causes_a_server_error(events, sort, position, offset, reverse, path):
    response = Client().get(path, {"sort": sort, "cursor": cursor(position, offset, reverse)})
    assert response.status_code in (200, *REFUSED), (path, sort, position, offset, reverse)


@FUZZ
@given(segment=st.text(min_size=1, max_size=20).filter(lambda s: "/" not in s))
def test_no_country_path_segment_causes_a_server_error(events, segment):
    for prefix in ("/countries/", "/api/countries/"):
        response = Client().get(prefix + quote(segment, safe="") + "/")
        assert response.status_code < 500, (prefix, segment)
