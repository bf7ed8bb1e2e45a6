"""generate_fake_events: valid events, participants, evidence and articles, in bulk."""

from io import StringIO

import pytest
from django.core.management import call_command

from events.models import ROLES_BY_TYPE, Article, Event, Evidence, Participant

pytestmark = pytest.mark.django_db


def test_command_creates_the_requested_number_of_valid_events():
    call_command("generate_fake_events", "45", "--batch-size", "20", stdout=StringIO())
    assert Event.objects.count() == 45
    assert Participant.objects.count() == 90
    assert Evidence.objects.count() == 45
    assert Article.objects.count() == 12  # one per four events in each batch: 20, 20, 5 events → 5 + 5 + 2
    for event in Event.objects.prefetch_related("participants", "evidence"):
        roles = {p.role for p in event.participants.all()}
        assert roles <= set(ROLES_BY_TYPE[event.event_type])
        assert len(roles) == 2
        assert event.summary and event.source_count == 1
        evidence = event.evidence.get()
        assert evidence.sentence == evidence.article.text[evidence.start_char : evidence.end_char]
    assert set(Event.objects.values_list("review_status", flat=True)) <= {"candidate", "approved", "rejected"}


def test_same_seed_gives_the_same_events():
    call_command("generate_fake_events", "10", "--seed", "7", stdout=StringIO())
    first = list(Event.objects.order_by("pk").values_list("summary", "confidence"))
    Event.objects.all().delete()
    call_command("generate_fake_events", "10", "--seed", "7", stdout=StringIO())
    assert list(Event.objects.order_by("pk").values_list("summary", "confidence")) == first
