"""The database keeps officials well-formed: a person with a capacity and a stance, in any event type;
no other participant has a capacity, a stance or an official country."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from events.models import EventType, Participant, Role
from tests.entities.factories import PersonFactory, country
from tests.events.factories import EventFactory, OfficialFactory

pytestmark = pytest.mark.django_db


def refused(**fields) -> bool:
    try:
        with transaction.atomic():
            Participant.objects.create(**fields)
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize("event_type", list(EventType))
def test_every_event_type_takes_officials(event_type):
    official = OfficialFactory(event=EventFactory(event_type=event_type, participants={}), stance="denies")
    assert Participant.objects.get(pk=official.pk).stance == "denies"


def test_an_official_must_be_a_person():
    event = EventFactory(participants={})
    assert refused(
        event=event, event_type=event.event_type, role=Role.OFFICIAL, country=country("RUS"),
        capacity="source", stance="asserts",
    )  # fmt: skip


@pytest.mark.parametrize(("capacity", "stance"), [("", "asserts"), ("source", ""), ("speaks", "asserts")])
def test_an_official_needs_a_known_capacity_and_stance(capacity, stance):
    event = EventFactory(participants={})
    assert refused(
        event=event, event_type=event.event_type, role=Role.OFFICIAL, person=PersonFactory(),
        capacity=capacity, stance=stance,
    )  # fmt: skip


@pytest.mark.parametrize("official_fields", [{"capacity": "source"}, {"stance": "denies"}, {"official_country": "USA"}])
def test_other_participants_have_no_capacity_stance_or_official_country(official_fields):
    event = EventFactory(participants={})
    if "official_country" in official_fields:
        official_fields = {"official_country": country(official_fields["official_country"])}
    assert refused(event=event, event_type=event.event_type, role=Role.SUPPLIER, person=PersonFactory(),
                   **official_fields)  # fmt: skip
    assert not refused(event=event, event_type=event.event_type, role=Role.SUPPLIER, person=PersonFactory())


def test_a_person_is_an_official_of_an_event_once():
    official = OfficialFactory()
    assert refused(
        event=official.event, event_type=official.event_type, role=Role.OFFICIAL, person=official.person,
        capacity="actor", stance="denies",
    )  # fmt: skip
