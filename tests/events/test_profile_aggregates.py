"""The profile aggregates that review decisions maintain equal a rebuild from scratch, whatever the decisions."""

import datetime

import pytest
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.aggregates import following_profile_aggregates, rebuild_profile_aggregates
from events.models import (
    ArmsFlowCount,
    CountryMonthCount,
    Event,
    EventType,
    FlowItemCount,
    Participant,
    PersonCountryCount,
    Role,
)
from events.review import (
    ReviewError,
    approve_events,
    delete_events,
    merge_events,
    merge_people,
    reject_events,
    unreject_events,
)
from tests.entities.factories import PersonFactory, PositionFactory, country
from tests.events.factories import EventFactory, OfficialFactory

pytestmark = pytest.mark.django_db

COUNTRIES = ["PRK", "RUS", "IRN", "CHN"]
DATES = [None, datetime.date(2024, 3, 5), datetime.date(2024, 3, 28), datetime.date(2023, 11, 2)]
EVENTS = 6
ITEMS = [[], ["artillery shells"], ["drones", "artillery shells"]]

event_index = st.integers(0, EVENTS - 1)
person_index = st.integers(0, 2)
decisions = st.lists(
    st.one_of(
        st.tuples(st.just("approve"), event_index),
        st.tuples(st.just("reject"), event_index),
        st.tuples(st.just("unreject"), event_index),
        st.tuples(st.just("merge"), event_index, event_index),
        st.tuples(st.just("delete"), event_index),
        st.tuples(st.just("merge people"), person_index, person_index),
        st.tuples(st.just("add country"), event_index, st.sampled_from(COUNTRIES)),
        st.tuples(st.just("remove participant"), event_index),
        st.tuples(st.just("move date"), event_index, st.sampled_from(DATES)),
        st.tuples(st.just("add official"), event_index, st.sampled_from(COUNTRIES)),
    ),
    max_size=12,
)
shapes = st.lists(
    st.tuples(
        st.sampled_from(list(EventType)),
        st.sampled_from(COUNTRIES),
        st.sampled_from(COUNTRIES),
        st.sampled_from(DATES),
        st.sampled_from(ITEMS),
    ),
    min_size=EVENTS,
    max_size=EVENTS,
)


def table_rows() -> dict[str, set]:
    return {
        "months": set(CountryMonthCount.objects.values_list("country", "event_type", "role", "month", "events")),
        "flows": set(ArmsFlowCount.objects.values_list("country", "partner", "partner_role", "events", "latest")),
        "items": set(
            FlowItemCount.objects.values_list("country", "partner", "partner_role", "item", "events", "latest")
        ),
        "people": set(PersonCountryCount.objects.values_list("country", "person", "events")),
    }


def make_events(shapes: list[tuple]) -> tuple[list[Event], list]:
    people = [PersonFactory(nationality=country("PRK")), PersonFactory(nationality=country("RUS")), PersonFactory()]
    PositionFactory(person=people[2], country=country("IRN"))
    events = []
    for n, (event_type, first, second, day, items) in enumerate(shapes):
        roles = {EventType.ARMS_TRANSFER: (Role.SUPPLIER, Role.RECIPIENT)}.get(event_type)
        roles = roles or {EventType.SANCTIONS_VIOLATION: (Role.VIOLATOR, Role.COUNTERPARTY)}.get(event_type)
        roles = roles or (Role.IMPOSER, Role.TARGET)
        participants = {roles[0]: [first], roles[1]: [second]} if first != second else {roles[0]: [first]}
        event = EventFactory(
            event_type=event_type,
            event_date=day,
            items=items,
            date_precision=Event.DatePrecision.DAY if day else "",
            participants=participants,
        )
        Participant.objects.create(event=event, role=roles[n % 2], person=people[n % 3])
        # Every other event also names an official serving a country that may take no part in it.
        if n % 2:
            OfficialFactory(event=event, person=people[(n + 1) % 3], official_country=country(COUNTRIES[n % 4]))
        events.append(event)
    return events, people


def decide(step: tuple, events: list[Event], people: list, by) -> None:
    """One review decision, participant edit or deletion, as the admin makes them."""
    name, *args = step
    event = events[args[0]] if name != "merge people" else None
    named = [events[i].pk for i in args[:2] if isinstance(i, int)] if name != "merge people" else []
    if Event.objects.filter(pk__in=named).count() < len(set(named)):
        return  # a deleted event takes no more decisions
    try:
        if name == "approve":
            approve_events([event], by=by)
        elif name == "reject":
            reject_events([event], by=by, reason="not an event")
        elif name == "unreject":
            unreject_events([event], by=by)
        elif name == "merge":
            merge_events(event, [events[args[1]]], by=by)
        elif name == "delete":
            delete_events([event], by=by)
        elif name == "merge people":
            survivor, other = people[args[0]], people[args[1]]
            if type(other).objects.filter(pk__in=[survivor.pk, other.pk]).count() == 2:  # both still there
                merge_people(survivor, [other], by=by)
        else:
            edit_participants(name, event, args[1] if len(args) > 1 else None)
    except (ReviewError, ProtectedError):  # ProtectedError: deleting an event others were merged into
        pass


@transaction.atomic
def edit_participants(name: str, event: Event, value) -> None:
    """What the admin's change form does around an edit: the aggregates follow the saved event."""
    event.refresh_from_db()
    with following_profile_aggregates([event.pk]):
        if name == "add country":
            role = {EventType.ARMS_TRANSFER: Role.INTERMEDIARY, EventType.SANCTIONS_VIOLATION: Role.COUNTERPARTY}
            Participant.objects.get_or_create(
                event=event, role=role.get(event.event_type, Role.TARGET), country=country(value),
                defaults={"event_type": event.event_type},
            )  # fmt: skip
        elif name == "add official":
            if not event.participants.filter(role=Role.OFFICIAL).exists():
                OfficialFactory(event=event, person=PersonFactory(), official_country=country(value), stance="denies")
        elif name == "remove participant":
            first = event.participants.order_by("pk").first()
            if first is not None:
                first.delete()
        else:
            event.event_date = value
            event.date_precision = Event.DatePrecision.DAY if value else ""
            event.save(update_fields=["event_date", "date_precision"])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shapes=shapes, steps=decisions)
def test_maintained_aggregates_equal_a_rebuild_after_any_sequence_of_decisions(reviewer, shapes, steps):
    with transaction.atomic():
        events, people = make_events(shapes)
        assert not any(table_rows().values())  # nothing approved yet
        approve_events(events[: EVENTS // 2], by=reviewer)
        for step in steps:
            decide(step, events, people, reviewer)
        maintained = table_rows()
        rebuild_profile_aggregates()
        assert maintained == table_rows()
        transaction.set_rollback(True)


def test_approving_an_arms_transfer_counts_it_for_both_countries_and_their_flow(reviewer):
    (event,), _ = make_events([(EventType.ARMS_TRANSFER, "PRK", "RUS", datetime.date(2024, 3, 5), ["drones"])])
    approve_events([event], by=reviewer)
    march = datetime.date(2024, 3, 1)
    assert set(CountryMonthCount.objects.values_list("country", "role", "month", "events")) == {
        ("PRK", "supplier", march, 1),
        ("PRK", "", march, 1),
        ("RUS", "recipient", march, 1),
        ("RUS", "", march, 1),
    }
    assert set(ArmsFlowCount.objects.values_list("country", "partner", "partner_role", "latest")) == {
        ("PRK", "RUS", "recipient", datetime.date(2024, 3, 5)),
        ("RUS", "PRK", "supplier", datetime.date(2024, 3, 5)),
    }
    assert set(FlowItemCount.objects.values_list("country", "item", "events")) == {
        ("PRK", "drones", 1),
        ("RUS", "drones", 1),
    }
    reject_events([event], by=reviewer, reason="duplicate")
    assert not CountryMonthCount.objects.exists() and not ArmsFlowCount.objects.exists()


def test_superuser_deletes_in_the_admin_take_approved_events_out_of_the_aggregates(client, reviewer, administrator):
    shapes = [(EventType.ARMS_TRANSFER, "PRK", "RUS", datetime.date(2024, 3, 5), ["drones"])] * 3
    events, _ = make_events(shapes)
    approve_events(events, by=reviewer)
    client.force_login(administrator)
    page = client.post(reverse("admin:events_event_delete", args=[events[0].pk]), {"post": "yes"})
    assert page.status_code == 302
    selected = {"action": "delete_selected", "_selected_action": [str(events[1].pk)], "post": "yes"}
    client.post(reverse("admin:events_event_changelist") + "?status=all", selected)
    assert list(Event.objects.values_list("pk", flat=True)) == [events[2].pk]
    maintained = table_rows()
    assert ("PRK", "RUS", "recipient", 1, datetime.date(2024, 3, 5)) in maintained["flows"]
    rebuild_profile_aggregates()
    assert maintained == table_rows()
