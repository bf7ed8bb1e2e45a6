"""Anonymous clients see approved events only, by every API path; staff may ask for others."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def listed_ids(client: APIClient, params: dict | None = None) -> set[int]:
    return {event["id"] for event in client.get("/api/events/", params or {}).json()["results"]}


def test_anonymous_list_has_only_approved_events(search_data, unseen):
    assert not listed_ids(APIClient()) & unseen
    assert len(listed_ids(APIClient())) == 4


def test_anonymous_status_parameter_is_ignored(search_data, unseen):
    assert not listed_ids(APIClient(), {"status": "candidate"}) & unseen
    assert not listed_ids(APIClient(), {"status": "any"}) & unseen


@pytest.mark.parametrize("which", ["candidate", "rejected", "merged"])
def test_anonymous_detail_of_unapproved_event_is_404(search_data, which):
    event = getattr(search_data, which)
    assert APIClient().get(f"/api/events/{event.pk}/").status_code == 404


def test_anonymous_exports_hold_only_approved_events(search_data, unseen):
    body = b"".join(APIClient().get("/api/events/export.jsonl").streaming_content).decode()
    assert body and not any(f'"id": {pk},' in body for pk in unseen)


def test_anonymous_country_profile_counts_only_approved_events(search_data):
    profile = APIClient().get("/api/countries/PRK/").json()
    assert profile["total"] == 3
    partners = {flow["partner"]["iso3"] for flow in profile["arms_flows"]}
    assert partners == {"RUS"}  # SYR appears only in candidate and rejected events


def test_staff_can_filter_by_review_status(search_data, staff_user):
    client = APIClient()
    client.force_authenticate(staff_user)
    assert listed_ids(client, {"status": "candidate"}) == {search_data.candidate.pk}
    assert search_data.rejected.pk in listed_ids(client, {"status": "any"})


def test_staff_token_authenticates_api_calls(search_data, staff_user):
    token = Token.objects.create(user=staff_user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get(f"/api/events/{search_data.candidate.pk}/").status_code == 200


def test_token_endpoint_issues_tokens_to_staff_only(staff_user):
    get_user_model().objects.create_user("reader", password="a long test password")
    client = APIClient()
    staff = client.post("/api/token/", {"username": "reviewer", "password": "a long test password"})
    assert staff.status_code == 200 and staff.json()["token"]
    reader = client.post("/api/token/", {"username": "reader", "password": "a long test password"})
    assert reader.status_code == 403


def test_articles_are_for_staff_only(search_data, staff_user):
    assert APIClient().get("/api/articles/").status_code in (401, 403)
    client = APIClient()
    client.force_authenticate(staff_user)
    response = client.get("/api/articles/")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 2


def test_required_login_closes_the_api_to_anonymous_clients(search_data, settings, staff_user):
    settings.REQUIRE_LOGIN = True
    assert APIClient().get("/api/events/").status_code in (401, 403)
    token = Token.objects.create(user=staff_user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/events/").status_code == 200


def test_anonymous_clients_are_rate_limited(search_data, monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import AnonRateThrottle

    cache.clear()
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    statuses = [APIClient().get("/api/events/").status_code for _ in range(4)]
    cache.clear()
    assert statuses == [200, 200, 200, 429]
