"""Sanctioned people are flagged wherever they appear, from events.selectors.sanctions_lists_for_people.

That selector is the extension point for sanctions matching (issue 7); here it is
replaced by one that names Kim Yo Jong, to check every path passes the flags on.
"""

import pytest
from django.test import Client
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def kim_is_listed(search_data, monkeypatch):
    kim = search_data.sanctions.participants.get(person__isnull=False).person

    def lists(person_ids):
        return {kim.pk: ["UN SC Consolidated"]} if kim.pk in person_ids else {}

    monkeypatch.setattr("api.serializers.sanctions_lists_for_people", lists)
    monkeypatch.setattr("web.views.sanctions_lists_for_people", lists)
    return kim


def test_api_event_flags_the_sanctioned_participant(search_data, kim_is_listed):
    event = APIClient().get(f"/api/events/{search_data.sanctions.pk}/").json()
    person = next(p for p in event["participants"] if p["kind"] == "person")
    assert person["sanctioned"] is True and person["sanctions_lists"] == ["UN SC Consolidated"]
    assert all(not p["sanctioned"] for p in event["participants"] if p["kind"] == "country")


def test_api_country_profile_flags_sanctioned_officials(search_data, kim_is_listed):
    officials = APIClient().get("/api/countries/PRK/").json()["officials"]
    assert officials[0]["name"] == "Kim Yo Jong" and officials[0]["sanctioned"] is True


def test_event_and_country_pages_show_the_list_names(search_data, kim_is_listed):
    for path in [f"/events/{search_data.sanctions.pk}/", "/countries/PRK/"]:
        assert "sanctioned: UN SC Consolidated" in Client().get(path).content.decode()
