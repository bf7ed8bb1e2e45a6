"""An approved arms transfer with two officials: a source who asserts it and an envoy who denies it, each with
their sentence as accepted evidence (pages, API and export tests share it)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from events.models import Event, Participant
from events.review import approve_events
from tests.entities.factories import PersonFactory, country
from tests.events.factories import ArticleFactory, EventFactory, EvidenceFactory, OfficialFactory

ASSERTION = "State Department spokeswoman Jane Holloway said the purchases broke United Nations sanctions."
DENIAL = "The Russian envoy Pavel Orlov dismissed the report as a fabrication."


@dataclass
class EventWithOfficials:
    event: Event
    spokeswoman: Participant
    envoy: Participant


@pytest.fixture
def event_with_officials(db, django_user_model) -> EventWithOfficials:
    article = ArticleFactory(text=f"{ASSERTION} {DENIAL}")
    event = EventFactory(participants={"supplier": ["PRK"], "recipient": ["RUS"]})
    said = EvidenceFactory(event=event, article=article, sentence=ASSERTION, start_char=0, end_char=len(ASSERTION))
    start = len(ASSERTION) + 1
    denied = EvidenceFactory(
        event=event, article=article, sentence=DENIAL, start_char=start, end_char=start + len(DENIAL)
    )
    spokeswoman = OfficialFactory(
        event=event, person=PersonFactory(name="Jane Holloway", nationality=country("USA")), evidence=said
    )
    envoy = OfficialFactory(
        event=event,
        person=PersonFactory(name="Pavel Orlov", nationality=country("RUS")),
        stance="denies",
        evidence=denied,
    )
    approve_events([event], by=django_user_model.objects.create_user("approver"))
    return EventWithOfficials(event, spokeswoman, envoy)
