"""Country profiles list the officials of approved events: with the countries taking part and with the
country each official serves, counted by the profile aggregates as a rebuild would count them."""

from __future__ import annotations

import pytest

from events.aggregates import rebuild_profile_aggregates
from events.models import PersonCountryCount
from events.profiles import country_profile
from events.review import approve_events, reject_events
from tests.entities.factories import PersonFactory, PositionFactory, country
from tests.events.factories import EventFactory, OfficialFactory

pytestmark = pytest.mark.django_db


def profile_officials(iso3: str) -> dict[str, int]:
    return {row["person"].name: row["events"] for row in country_profile(country(iso3)).officials}


def test_an_official_counts_on_the_profile_of_the_country_they_serve_once_the_event_is_approved(reviewer):
    spokeswoman = PersonFactory(name="Jane Holloway", nationality=country("USA"))
    event = EventFactory(participants={"supplier": ["PRK"], "recipient": ["RUS"]})
    OfficialFactory(event=event, person=spokeswoman, official_country=country("USA"))
    assert profile_officials("USA") == {}

    approve_events([event], by=reviewer)

    assert profile_officials("USA") == {"Jane Holloway": 1}
    assert "Jane Holloway" not in profile_officials("RUS")  # neither her nationality nor a position of hers
    reject_events([event], by=reviewer, reason="wrong countries")
    assert profile_officials("USA") == {}


def test_a_denying_official_counts_with_the_countries_of_the_event_they_deny(reviewer):
    envoy = PersonFactory(name="Pavel Orlov", nationality=country("RUS"))
    PositionFactory(person=envoy, title="envoy to the United Nations", country=country("RUS"))
    event = EventFactory(participants={"supplier": ["PRK"], "recipient": ["RUS"]})
    OfficialFactory(event=event, person=envoy, stance="denies", official_country=country("RUS"))
    approve_events([event], by=reviewer)

    assert profile_officials("RUS") == {"Pavel Orlov": 1}
    assert set(PersonCountryCount.objects.values_list("country", "person__name")) == {
        ("PRK", "Pavel Orlov"),
        ("RUS", "Pavel Orlov"),
    }


def test_rebuilding_the_aggregates_counts_officials_as_review_decisions_did(reviewer):
    people = [PersonFactory(nationality=country(code)) for code in ("USA", "RUS")]
    events = [EventFactory(participants={"violator": ["IRN"]}, event_type="sanctions_violation") for _ in range(3)]
    for n, event in enumerate(events):
        OfficialFactory(event=event, person=people[n % 2], official_country=people[n % 2].nationality)
    approve_events(events, by=reviewer)
    maintained = set(PersonCountryCount.objects.values_list("country", "person", "events"))

    rebuild_profile_aggregates()

    assert set(PersonCountryCount.objects.values_list("country", "person", "events")) == maintained
    assert (("USA", people[0].pk, 2) in maintained) and (("IRN", people[1].pk, 1) in maintained)
