"""Each search parameter of /api/events/ selects exactly the matching approved events."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def ids(params: dict) -> set[int]:
    response = APIClient().get("/api/events/", params)
    assert response.status_code == 200, response.content
    return {event["id"] for event in response.json()["results"]}


@pytest.mark.parametrize("text", ["PRK", "KP", "North Korea", "DPRK", "North Korean", "north korea"])
def test_country_filter_accepts_codes_names_and_demonyms(search_data, text):
    expected = {search_data.shells.pk, search_data.sanctions.pk, search_data.violation.pk}
    assert ids({"country": text}) == expected


def test_role_narrows_the_country_to_that_role(search_data):
    assert ids({"country": "Russia", "role": "recipient"}) == {search_data.shells.pk, search_data.drones.pk}
    assert ids({"country": "Russia", "role": "supplier"}) == set()
    assert ids({"country": "PRK", "role": "target"}) == {search_data.sanctions.pk}


def test_role_without_country_keeps_events_with_anyone_in_that_role(search_data):
    assert ids({"role": "violator"}) == {search_data.violation.pk}


def test_type_filter(search_data):
    assert ids({"type": "sanctions_imposition"}) == {search_data.sanctions.pk}


def test_certainty_filter(search_data):
    assert ids({"certainty": "alleged"}) == {search_data.drones.pk}


def test_date_range_is_inclusive_and_excludes_undated_events(search_data):
    assert ids({"date_from": "2024-03-05", "date_to": "2024-06-01"}) == {
        search_data.shells.pk,
        search_data.sanctions.pk,
    }
    assert ids({"date_to": "2023-12-31"}) == {search_data.drones.pk}


def test_free_text_matches_summary_items_and_evidence(search_data):
    assert ids({"q": "Shahed"}) == {search_data.drones.pk}  # summary and items
    assert ids({"q": "Tumangang"}) == {search_data.shells.pk}  # evidence sentence only


def test_free_text_combines_with_country(search_data):
    assert ids({"q": "Russia", "country": "Iran"}) == {search_data.drones.pk}


def test_person_filter_finds_events_naming_the_official(search_data):
    assert ids({"person": "Kim Yo Jong"}) == {search_data.sanctions.pk}
    assert ids({"person": "Nobody Atall"}) == set()


def test_sort_by_sources_puts_best_corroborated_first(search_data):
    response = APIClient().get("/api/events/", {"sort": "sources"})
    assert response.json()["results"][0]["id"] == search_data.sanctions.pk


def test_default_sort_is_newest_first_with_undated_last(search_data):
    results = APIClient().get("/api/events/").json()["results"]
    assert [event["id"] for event in results] == [
        search_data.sanctions.pk,
        search_data.shells.pk,
        search_data.drones.pk,
        search_data.violation.pk,
    ]


def test_cursor_pages_cover_every_event_once(search_data):
    client, seen, url = APIClient(), [], "/api/events/?page_size=1"
    while url:
        page = client.get(url).json()
        assert "count" not in page  # cursor pagination: no full-table count
        seen += [event["id"] for event in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(
        [search_data.shells.pk, search_data.drones.pk, search_data.sanctions.pk, search_data.violation.pk]
    )
