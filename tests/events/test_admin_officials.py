"""Reviewers see the officials of an event in the review form's participants, and add, edit and remove them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from events.models import Event, Participant, PersonCountryCount, Role
from events.review import approve_events
from tests.entities.factories import PersonFactory, country
from tests.events.factories import ArticleFactory, EventFactory, EvidenceFactory, OfficialFactory

pytestmark = pytest.mark.django_db
DENIAL = "Russia's envoy, Pavel Orlov, dismissed the report as a fabrication."


def change_url(event: Event) -> str:
    return reverse("admin:events_event_change", args=[event.pk])


def participant_fields(i: int, event: Event, p: Participant | None = None, **values) -> dict:
    fields = {
        "id": p.pk if p else "", "event": event.pk, "role": p.role if p else "", "country": p.country_id if p else "",
        "person": p.person_id if p else "", "organization": "", "vessel": "", "capacity": p.capacity if p else "",
        "stance": p.stance if p else "", "official_country": (p.official_country_id or "") if p else "",
    } | values  # fmt: skip
    return {f"participants-{i}-{name}": "" if value is None else str(value) for name, value in fields.items()}


def form_data(event: Event, extra: list[dict] = (), changes: dict[int, dict] | None = None) -> dict:
    """The change form's post for the event as it is, with participants' changes (pk → field → value)
    and extra participant rows (field → value)."""
    changes = changes or {}
    participants = list(event.participants.order_by("pk"))
    data = {
        "certainty": event.certainty, "event_date": event.event_date.isoformat() if event.event_date else "",
        "date_precision": event.date_precision, "items": "[]", "quantity": "", "review_note": "",
        "evidence-TOTAL_FORMS": "0", "evidence-INITIAL_FORMS": "0",
        "participants-TOTAL_FORMS": str(len(participants) + len(extra)),
        "participants-INITIAL_FORMS": str(len(participants)),
    }  # fmt: skip
    for i, p in enumerate(participants):
        data |= participant_fields(i, event, p, **changes.get(p.pk, {}))
    for i, values in enumerate(extra, start=len(participants)):
        data |= participant_fields(i, event, **values)
    return data


@pytest.fixture
def reviewing(client, reviewer):
    client.force_login(reviewer)
    return client


def test_the_review_form_shows_an_officials_capacity_stance_and_sentence(reviewing):
    event = EventFactory()
    article = ArticleFactory(text=DENIAL)
    official = OfficialFactory(
        event=event,
        person=PersonFactory(name="Pavel Orlov"),
        stance="denies",
        evidence=EvidenceFactory(event=event, article=article),
    )
    page = reviewing.get(change_url(event)).content.decode()

    assert "Pavel Orlov" in page and escape(DENIAL) in page
    row = event.participants.order_by("pk").filter(pk__lt=official.pk).count()
    assert '<option value="denies" selected>' in page and f'name="participants-{row}-stance"' in page


def test_the_review_list_marks_officials_who_deny(reviewing):
    OfficialFactory(person=PersonFactory(name="Pavel Orlov"), stance="denies")
    page = reviewing.get(reverse("admin:events_event_changelist")).content.decode()
    assert "official: Pavel Orlov (denies)" in page


def test_a_reviewer_adds_an_official_to_an_approved_event_and_the_profile_follows(reviewing, reviewer):
    event = EventFactory()
    approve_events([event], by=reviewer)
    person = PersonFactory(name="Jane Holloway", nationality=country("USA"))
    official = {
        "role": Role.OFFICIAL,
        "person": person.pk,
        "capacity": "source",
        "stance": "asserts",
        "official_country": "USA",
    }

    response = reviewing.post(change_url(event), form_data(event, extra=[official]))

    assert response.status_code == 302
    added = event.participants.get(role=Role.OFFICIAL)
    assert (added.person, added.capacity, added.stance, added.official_country_id) == (
        person,
        "source",
        "asserts",
        "USA",
    )
    assert PersonCountryCount.objects.filter(country="USA", person=person, events=1).exists()


def test_a_reviewer_changes_an_officials_stance(reviewing):
    official = OfficialFactory(stance="asserts")
    reviewing.post(change_url(official.event), form_data(official.event, changes={official.pk: {"stance": "denies"}}))
    official.refresh_from_db()
    assert official.stance == "denies"


def test_a_reviewer_removes_an_official(reviewing):
    official = OfficialFactory()
    response = reviewing.post(
        change_url(official.event), form_data(official.event, changes={official.pk: {"DELETE": "on"}})
    )
    assert response.status_code == 302
    assert not Participant.objects.filter(pk=official.pk).exists()


@pytest.mark.parametrize(
    "row",
    [
        {"role": Role.OFFICIAL, "country": "USA", "capacity": "source", "stance": "asserts"},  # not a person
        {"role": Role.OFFICIAL, "person": None, "capacity": "", "stance": "asserts"},  # no capacity
        {"role": Role.SUPPLIER, "country": "IRN", "stance": "denies"},  # a stance without being an official
    ],
)
def test_an_ill_formed_official_is_a_form_error_and_nothing_is_saved(reviewing, row):
    event = EventFactory()
    row = row | ({"person": PersonFactory().pk} if "person" in row else {})
    before = set(event.participants.values_list("pk", flat=True))

    response = reviewing.post(change_url(event), form_data(event, extra=[row]))

    assert response.status_code == 200
    assert "An official is a person with a capacity and a stance" in response.content.decode()
    assert set(event.participants.values_list("pk", flat=True)) == before


def test_a_reviewer_cannot_remove_participants_other_than_officials(reviewing):
    event = EventFactory()
    supplier = event.participants.get(role=Role.SUPPLIER)
    response = reviewing.post(change_url(event), form_data(event, changes={supplier.pk: {"DELETE": "on"}}))
    assert response.status_code == 200
    assert "Reviewers remove officials only" in response.content.decode()
    assert Participant.objects.filter(pk=supplier.pk).exists()


def test_an_administrator_removes_any_participant(client, administrator):
    client.force_login(administrator)
    event = EventFactory()
    supplier = event.participants.get(role=Role.SUPPLIER)
    response = client.post(change_url(event), form_data(event, changes={supplier.pk: {"DELETE": "on"}}))
    assert response.status_code == 302
    assert not Participant.objects.filter(pk=supplier.pk).exists()
