"""Vessels reported with transfers and violations are stored as carrier participants and matched."""

import datetime

import pytest

from entities.models import SanctionsMatch, Vessel
from entities.selectors import sanctions_for_participants
from events.models import Participant
from tests.entities.factories import SanctionsEntryFactory, VesselFactory, country
from tests.events.factories import ArticleFactory
from tests.events.storing import store_one

from .test_storing_extraction_results import TEXT, imposition, result, transfer

pytestmark = pytest.mark.django_db

LUCKY_STAR = {"name": "Lucky Star", "imo": "9321483", "flag": "PAN"}


@pytest.fixture
def article():
    return ArticleFactory(text=TEXT, published=datetime.date(2024, 2, 5))


def test_reported_vessels_become_carrier_participants_of_the_new_event(article):
    store_one(article, result(transfer(vessels=[LUCKY_STAR, {"name": "Sea Breeze"}])), extractor_version="t")
    carriers = Participant.objects.filter(role="carrier").select_related("vessel")
    assert sorted((p.vessel.name, p.vessel.imo, p.vessel.flag_id) for p in carriers) == [
        ("Lucky Star", "9321483", "PAN"),
        ("Sea Breeze", None, None),
    ]


def test_a_known_imo_number_reuses_its_vessel_and_malformed_items_are_skipped(article):
    known = VesselFactory(name="Old Name", imo="9321483")
    reported = [LUCKY_STAR, {"name": ""}, {"imo": "9321483"}, "Lucky Star", {"name": "X", "imo": "123"}]
    store_one(article, result(transfer(vessels=reported)), extractor_version="t")
    assert Vessel.objects.count() == 2
    assert Participant.objects.get(role="carrier", vessel__imo="9321483").vessel == known
    assert Participant.objects.get(role="carrier", vessel__imo__isnull=True).vessel.name == "X"


def test_impositions_never_get_carriers(article):
    store_one(article, result({**imposition(), "vessels": [LUCKY_STAR]}), extractor_version="t")
    assert not Participant.objects.filter(role="carrier").exists()


def test_a_new_vessel_is_matched_and_its_participation_shows_as_sanctioned(article, django_capture_on_commit_callbacks):
    entry = SanctionsEntryFactory(
        list_name="OFAC SDN", name="LUCKY STAR", entity_type="vessel", same_as=["imo:9321483"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        store_one(article, result(transfer(vessels=[LUCKY_STAR])), extractor_version="t")
    vessel = Vessel.objects.get(imo="9321483")
    assert SanctionsMatch.objects.get(vessel=vessel).entry == entry
    carrier = Participant.objects.get(role="carrier")
    assert sanctions_for_participants([carrier])[carrier.pk][0]["list"] == "OFAC SDN"
    assert vessel.flag == country("PAN")
