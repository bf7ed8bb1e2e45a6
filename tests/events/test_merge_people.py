"""Merging duplicate people: names, positions and participations end up on one person."""

import pytest

from entities.models import Person
from events.models import EventType, Participant, Role
from events.review import ReviewError, merge_people
from tests.entities.factories import PersonFactory, PositionFactory, country
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def _target(event, person) -> Participant:
    return Participant.objects.create(event=event, role=Role.TARGET, person=person)


def test_merging_people_moves_aliases_positions_and_participations(reviewer):
    kim = PersonFactory(name="Kim Yo Jong", aliases=["Kim Yo-jong"], nationality=country("PRK"))
    duplicate = PersonFactory(name="Kim Yo-jong", aliases=["KYJ"], nationality=None, birth_year=1987)
    PositionFactory(person=duplicate, title="deputy department director")
    first = EventFactory(event_type=EventType.SANCTIONS_IMPOSITION, participants={Role.IMPOSER: ["USA"]}, items=[])
    both = EventFactory(event_type=EventType.SANCTIONS_IMPOSITION, participants={Role.IMPOSER: ["GBR"]})
    _target(first, duplicate)
    _target(both, kim)
    _target(both, duplicate)

    merge_people(kim, [duplicate], by=reviewer)

    kim.refresh_from_db()
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert kim.aliases == ["Kim Yo-jong", "KYJ"]
    assert kim.birth_year == 1987
    assert kim.nationality_id == "PRK"
    assert list(kim.positions.values_list("title", flat=True)) == ["deputy department director"]
    assert sorted(kim.participations.values_list("event_id", flat=True)) == sorted([first.pk, both.pk])
    first.refresh_from_db()
    assert first.summary == "United States sanctions Kim Yo Jong"
    moved = Participant.history.filter(event_id=first.pk, person_id=kim.pk).latest()
    assert moved.history_user == reviewer
    assert moved.history_change_reason == f"person #{duplicate.pk} merged into #{kim.pk}"


def test_merging_a_person_with_nobody_is_refused(reviewer):
    person = PersonFactory()
    with pytest.raises(ReviewError):
        merge_people(person, [person], by=reviewer)


def test_merging_people_moves_their_sanctions_matches_without_duplicating_an_entry(reviewer):
    from entities.models import SanctionsMatch
    from tests.entities.factories import SanctionsEntryFactory

    kim, duplicate = PersonFactory(), PersonFactory()
    shared, own = SanctionsEntryFactory(), SanctionsEntryFactory()
    SanctionsMatch.objects.create(person=kim, entry=shared, score=0.9, state="pending")
    SanctionsMatch.objects.create(person=duplicate, entry=shared, score=0.95, state="auto_linked")
    moved = SanctionsMatch.objects.create(person=duplicate, entry=own, score=0.97, state="auto_linked")
    merge_people(kim, [duplicate], by=reviewer)
    assert sorted(kim.sanctions_matches.values_list("entry_id", flat=True)) == sorted([shared.pk, own.pk])
    assert moved.history.latest().history_user == reviewer
