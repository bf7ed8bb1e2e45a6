"""After loading the real sample lists, events involving listed officials and companies are flagged."""

import pytest

from entities.models import SanctionsMatch
from entities.sanctions.loading import load_sanctions_list
from entities.selectors import sanctions_for_organizations, sanctions_for_people
from events.models import Event, Participant, Role
from events.review_queue import filter_events_by_sanctioned_participant
from tests.entities.factories import OrganizationFactory, PersonFactory, country
from tests.events.factories import EventFactory

from .sanctions_files import FTM_SAMPLE, OFAC_CSV_SAMPLE, OFAC_XML_SAMPLE, UN_SAMPLE, needs_shared_samples

pytestmark = [pytest.mark.django_db, needs_shared_samples]


def event_with(role, **actor):
    event = EventFactory(participants={})
    Participant.objects.create(event=event, role=role, **actor)
    return event


def test_loading_the_sample_lists_flags_events_with_listed_officials(django_capture_on_commit_callbacks):
    kim = PersonFactory(name="Kim Jong-un", nationality=country("PRK"))
    zakharov = PersonFactory(name="Alexander Zakharov", nationality=country("RUS"))
    namesake = PersonFactory(name="Kim Yong Chol", nationality=country("KOR"), birth_year=1990)
    kalashnikov = OrganizationFactory(name="Kalashnikov Concern", country=country("RUS"))
    flagged = event_with(Role.SUPPLIER, person=kim)
    flagged_company = event_with(Role.SUPPLIER, organization=kalashnikov)
    not_flagged = event_with(Role.SUPPLIER, person=namesake)

    with django_capture_on_commit_callbacks(execute=True):  # the matching task runs after each load
        load_sanctions_list(UN_SAMPLE, "un-xml")
        load_sanctions_list(FTM_SAMPLE, "ftm")
        load_sanctions_list(OFAC_CSV_SAMPLE, "ofac-csv")
        load_sanctions_list(OFAC_XML_SAMPLE, "ofac-xml", "OFAC Consolidated (non-SDN)")

    assert set(filter_events_by_sanctioned_participant(Event.objects.all(), True)) == {flagged, flagged_company}
    assert not_flagged not in filter_events_by_sanctioned_participant(Event.objects.all(), True)
    assert sanctions_for_people([kim.pk])[kim.pk] == [
        {
            "list": "OFAC SDN",
            "programmes": ["DPRK3"],
            "external_id": "20157",
            "name": "KIM, Jong Un",
            "link": "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=20157",
        }
    ]
    zakharov_lists = {(s["list"], s["external_id"]) for s in sanctions_for_people([zakharov.pk])[zakharov.pk]}
    assert zakharov_lists == {("OFAC SDN", "45937"), ("OpenSanctions", "NK-aU5ybkbRFJucf8YMwsJvDw")}
    assert {s["list"] for s in sanctions_for_organizations([kalashnikov.pk])[kalashnikov.pk]} == {
        "OFAC SDN",
        "OpenSanctions",
    }
    assert not SanctionsMatch.objects.filter(person=namesake, state__in=SanctionsMatch.LINKED_STATES).exists()
