"""API errors are JSON with a readable message."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_unknown_country_is_a_400_with_a_message_not_an_empty_list(search_data):
    response = APIClient().get("/api/events/", {"country": "Narnia"})
    assert response.status_code == 400
    body = response.json()
    assert "unknown country" in body["message"]
    assert "Narnia" in body["message"]
    assert "country" in body["errors"]


def test_bad_date_is_a_400_naming_the_parameter(search_data):
    response = APIClient().get("/api/events/", {"date_from": "last tuesday"})
    assert response.status_code == 400
    assert response.json()["message"].startswith("date_from:")


def test_unknown_event_is_a_json_404():
    response = APIClient().get("/api/events/999999/")
    assert response.status_code == 404
    assert response.json()["message"]


def test_unknown_country_profile_is_a_json_404():
    response = APIClient().get("/api/countries/Narnia/")
    assert response.status_code == 404
    assert "unknown country" in response.json()["message"]


def test_export_with_unknown_country_is_a_json_400(search_data):
    response = APIClient().get("/api/events/export.csv", {"country": "Narnia"})
    assert response.status_code == 400
    assert "unknown country" in response.json()["message"]


def test_tampered_cursor_is_a_json_404(search_data):
    response = APIClient().get("/api/events/", {"cursor": "bz1hYmM="})
    assert response.status_code == 404
    assert response.json()["message"] == "Invalid cursor"
