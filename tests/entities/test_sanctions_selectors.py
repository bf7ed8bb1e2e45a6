"""What other parts read: who is sanctioned, on which lists, and which events involve them."""

import pytest
from django.contrib.admin import site
from django.test import RequestFactory

from entities.models import SanctionsMatch
from entities.selectors import sanctions_for_organizations, sanctions_for_participants, sanctions_for_people
from events.admin.changelist import SanctionedParticipantFilter
from events.models import Event, Participant, Role
from events.review_queue import filter_events_by_sanctioned_participant
from tests.entities.factories import OrganizationFactory, PersonFactory, SanctionsEntryFactory, country
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def link(actor, entry, state=SanctionsMatch.State.AUTO_LINKED, score=0.97):
    field = "person" if actor._meta.model_name == "person" else "organization"
    reviewed = {"reviewed_at": "2025-01-01T00:00Z"} if state in SanctionsMatch.REVIEWED_STATES else {}
    return SanctionsMatch.objects.create(**{field: actor}, entry=entry, score=score, state=state, **reviewed)


@pytest.fixture
def kim():
    return PersonFactory(name="Kim Jong Un", nationality=country("PRK"))


@pytest.fixture
def kim_entry():
    return SanctionsEntryFactory(list_name="OFAC SDN", external_id="20157", name="KIM, Jong Un", programmes=["DPRK3"])


def test_auto_linked_and_confirmed_matches_make_people_sanctioned_pending_and_rejected_do_not(kim_entry):
    states = SanctionsMatch.State
    people = {state: PersonFactory() for state in states}
    for state, person in people.items():
        link(person, kim_entry, state)
    sanctioned = sanctions_for_people([person.pk for person in people.values()])
    assert set(sanctioned) == {people[states.AUTO_LINKED].pk, people[states.CONFIRMED].pk}


def test_a_delisted_entry_no_longer_makes_anyone_sanctioned(kim, kim_entry):
    link(kim, kim_entry)
    kim_entry.delisted_on = "2025-01-01"
    kim_entry.save()
    assert sanctions_for_people([kim.pk]) == {}


def test_sanctions_for_people_gives_list_programmes_and_external_id(kim, kim_entry):
    un_entry = SanctionsEntryFactory(list_name="UN SC Consolidated", external_id="KPi.999", programmes=["DPRK"])
    link(kim, kim_entry)
    link(kim, un_entry, SanctionsMatch.State.CONFIRMED)
    other = PersonFactory()
    found = sanctions_for_people([kim.pk, other.pk])
    assert list(found) == [kim.pk]
    assert [(s["list"], s["programmes"], s["external_id"]) for s in found[kim.pk]] == [
        ("OFAC SDN", ["DPRK3"], "20157"),
        ("UN SC Consolidated", ["DPRK"], "KPi.999"),
    ]


def test_sanctioned_organisations_are_listed_like_people():
    komid = OrganizationFactory(name="KOMID", country=country("PRK"))
    entry = SanctionsEntryFactory(entity_type="organization", name="KOMID", programmes=["NPWMD"])
    link(komid, entry)
    assert set(sanctions_for_organizations([komid.pk, OrganizationFactory().pk])) == {komid.pk}
    assert sanctions_for_organizations([komid.pk])[komid.pk][0]["programmes"] == ["NPWMD"]


def event_with(person=None, organization=None):
    event = EventFactory(participants={})
    Participant.objects.create(event=event, role=Role.SUPPLIER, person=person, organization=organization)
    return event


def test_events_are_filtered_by_whether_a_participant_is_sanctioned(kim, kim_entry):
    link(kim, kim_entry)
    flagged = event_with(person=kim)
    komid = OrganizationFactory()
    link(komid, SanctionsEntryFactory(entity_type="organization"))
    flagged_by_organisation = event_with(organization=komid)
    plain = event_with(person=PersonFactory())
    countries_only = EventFactory()
    events = Event.objects.all()
    assert set(filter_events_by_sanctioned_participant(events, True)) == {flagged, flagged_by_organisation}
    assert set(filter_events_by_sanctioned_participant(events, False)) == {plain, countries_only}


def test_event_admin_filter_offers_yes_and_no(kim, kim_entry):
    link(kim, kim_entry)
    flagged, plain = event_with(person=kim), EventFactory()
    request = RequestFactory().get("/")
    for value, expected in (("yes", [flagged]), ("no", [plain]), (None, [flagged, plain])):
        params = {"sanctioned": [value]} if value else {}
        list_filter = SanctionedParticipantFilter(request, params, Event, site)
        assert set(list_filter.queryset(request, Event.objects.all())) == set(expected)


def test_sanctions_for_participants_serves_badges_for_people_and_organisations(kim, kim_entry):
    link(kim, kim_entry)
    komid = OrganizationFactory()
    link(komid, SanctionsEntryFactory(entity_type="organization", list_name="UN SC Consolidated"))
    event = EventFactory(participants={Role.RECIPIENT: ["RUS"]})
    by_kim = Participant.objects.create(event=event, role=Role.SUPPLIER, person=kim)
    by_komid = Participant.objects.create(event=event, role=Role.INTERMEDIARY, organization=komid)
    Participant.objects.create(event=event, role=Role.INTERMEDIARY, person=PersonFactory())
    found = sanctions_for_participants(event.participants.all())
    assert set(found) == {by_kim.pk, by_komid.pk}
    assert found[by_kim.pk][0]["list"] == "OFAC SDN" and found[by_komid.pk][0]["list"] == "UN SC Consolidated"
