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


def test_token_endpoint_issues_tokens_to_permission_holders_only(staff_user, fresh_cache):
    get_user_model().objects.create_user("reader", password="a long test password")
    get_user_model().objects.create_user("bare-staff", password="a long test password", is_staff=True)
    client = APIClient()
    staff = client.post("/api/token/", {"username": "reviewer", "password": "a long test password"})
    assert staff.status_code == 200 and staff.json()["token"]
    for username in ("reader", "bare-staff"):
        assert client.post("/api/token/", {"username": username, "password": "a long test password"}).status_code == 400


def test_token_endpoint_answers_a_right_password_without_permission_as_a_wrong_one(staff_user, fresh_cache):
    get_user_model().objects.create_user("reader", password="a long test password")
    client = APIClient()
    right = client.post("/api/token/", {"username": "reader", "password": "a long test password"})
    wrong = client.post("/api/token/", {"username": "reader", "password": "not the password"})
    assert (right.status_code, right.json()) == (wrong.status_code, wrong.json())


def test_token_endpoint_is_throttled_per_client(staff_user, fresh_cache, monkeypatch):
    rates = {"anon": None, "token": "3/minute"}
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates)
    client = APIClient()
    statuses = [
        client.post("/api/token/", {"username": "reviewer", "password": "a long test password"}).status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def test_staff_without_the_permission_sees_only_approved_events(search_data, unseen):
    bare = get_user_model().objects.create_user("bare-staff", password="a long test password", is_staff=True)
    client = APIClient()
    client.force_authenticate(bare)
    for status in ("candidate", "rejected", "any"):
        assert not listed_ids(client, {"status": status}) & unseen
    assert client.get(f"/api/events/{search_data.candidate.pk}/").status_code == 404
    assert client.get("/api/articles/").status_code == 403
    export = b"".join(client.get("/api/events/export.csv", {"status": "any"}).streaming_content)
    public = b"".join(APIClient().get("/api/events/export.csv").streaming_content)
    assert export == public


def test_articles_are_for_reviewers_only(search_data, staff_user):
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


def throttled_statuses(forwarded_for: list[str]) -> list[int]:
    """Anonymous requests through one proxy (one REMOTE_ADDR), each with its own X-Forwarded-For."""
    return [
        APIClient().get("/api/events/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=header).status_code
        for header in forwarded_for
    ]


def test_rotating_forwarded_for_does_not_escape_the_rate_limit_without_a_trusted_proxy(search_data, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    assert throttled_statuses([f"192.0.2.{n}" for n in range(4)]) == [200, 200, 200, 429]


def test_behind_a_trusted_proxy_clients_are_limited_by_the_address_it_saw(search_data, monkeypatch, settings):
    from rest_framework.throttling import AnonRateThrottle

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    # The proxy appends the address it saw; whatever the client put before it is forged.
    assert throttled_statuses([f"192.0.2.{n}, 198.51.100.9" for n in range(4)]) == [200, 200, 200, 429]
    assert throttled_statuses(["198.51.100.10"]) == [200]


def test_the_api_trusts_as_many_proxies_as_the_login_lockout():
    from django.conf import settings

    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == settings.TRUSTED_PROXY_COUNT
