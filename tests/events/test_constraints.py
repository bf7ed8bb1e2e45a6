"""Invariants enforced by the database itself, not only by forms or services."""

import pytest
from django.db import IntegrityError, transaction

from events.models import Event, EventType, Participant, Role
from tests.entities.factories import OrganizationFactory, PersonFactory, country
from tests.events.factories import ArticleFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_same_content_hash_is_stored_once():
    first = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(content_hash=first.content_hash)


def test_same_url_is_stored_once():
    first = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(url=first.url)


def test_articles_without_url_may_coexist():
    ArticleFactory(url=None)
    ArticleFactory(url=None)


def test_participant_with_two_actors_is_rejected():
    event = EventFactory(participants={})
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(
            event=event, role=Role.SUPPLIER, country=country("PRK"), organization=OrganizationFactory()
        )


def test_participant_without_actor_is_rejected():
    event = EventFactory(participants={})
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(event=event, role=Role.SUPPLIER)


def test_role_of_another_event_type_is_rejected():
    event = EventFactory(participants={})
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(event=event, role=Role.VIOLATOR, country=country("PRK"))


def test_role_check_does_not_trust_callers_copy_of_event_type():
    event = EventFactory(participants={}, event_type=EventType.SANCTIONS_IMPOSITION)
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(
            event=event, event_type=EventType.ARMS_TRANSFER, role=Role.SUPPLIER, person=PersonFactory()
        )


def test_valid_participants_are_stored():
    event = EventFactory(participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]})
    assert sorted(event.participants.values_list("role", "country_id")) == [("recipient", "RUS"), ("supplier", "PRK")]


def test_event_cannot_be_merged_into_itself():
    event = EventFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(review_status=Event.ReviewStatus.MERGED, merged_into=event.pk)


def test_merged_status_requires_a_survivor():
    event = EventFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(review_status=Event.ReviewStatus.MERGED)


def test_confidence_outside_unit_interval_is_rejected():
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(confidence=1.5)


def test_invalid_review_status_is_rejected_by_validation():
    from django.core.exceptions import ValidationError

    event = EventFactory.build(review_status="maybe")
    with pytest.raises(ValidationError):
        event.full_clean(exclude=["merged_into", "reviewed_by"])
