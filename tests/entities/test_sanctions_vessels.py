"""Vessels are matched against list vessels by IMO number, name and flag."""

import pytest
from django.urls import reverse

from entities.models import SanctionsMatch
from entities.sanctions import PARSERS, ListRecord
from entities.sanctions.linking import match_people_and_organizations

from .factories import OrganizationFactory, SanctionsEntryFactory, VesselFactory, country
from .sanctions_files import FIXTURES

pytestmark = pytest.mark.django_db


def listed_vessel(name, *, imo=None, flag=None):
    entry = SanctionsEntryFactory(
        list_name="OFAC SDN", name=name, entity_type="vessel", same_as=[f"imo:{imo}"] if imo else []
    )
    if flag:
        entry.countries.add(flag)
    return entry


def match_of(vessel):
    match_people_and_organizations(vessel_ids=[vessel.pk])
    return SanctionsMatch.objects.filter(vessel=vessel).first()


def test_a_vessel_with_the_listed_imo_number_is_linked_even_under_a_new_name_and_flag():
    entry = listed_vessel("ARTAVIL", imo="9187629", flag="IRN")
    match = match_of(VesselFactory(name="Shona", imo="9187629", flag=country("PAN")))
    assert (match.entry, match.state, match.score) == (entry, SanctionsMatch.State.AUTO_LINKED, 1.0)
    assert match.features["identifier"] == "agrees"


def test_a_same_named_vessel_with_another_imo_number_is_not_linked():
    listed_vessel("HYOK SIN 2", imo="9000001", flag="PRK")
    match = match_of(VesselFactory(name="Hyok Sin 2", imo="9074729", flag=country("PRK")))
    assert match is None or match.state == SanctionsMatch.State.PENDING


def test_a_vessel_without_an_imo_number_matches_by_name_and_flag():
    entry = listed_vessel("CHONG CHON GANG", flag="PRK")
    match = match_of(VesselFactory(name="Chong Chon Gang", flag=country("PRK")))
    assert (match.entry, match.state) == (entry, SanctionsMatch.State.AUTO_LINKED)


def test_people_and_organisations_are_never_matched_against_list_vessels():
    listed_vessel("OCEAN STAR")
    organization = OrganizationFactory(name="Ocean Star", country=None)
    match_people_and_organizations(organization_ids=[organization.pk])
    assert not SanctionsMatch.objects.exists()


def test_ofac_vessel_rows_carry_their_imo_number_as_an_identifier():
    records = [r for r in PARSERS["ofac-csv"](FIXTURES / "ofac_small.csv") if isinstance(r, ListRecord)]
    vessel = next(r for r in records if r.entity_type == "vessel")
    assert vessel.same_as == ["ofac:990002", "imo:9000001"]


def test_the_review_page_shows_a_vessels_flag_and_imo_number_beside_the_entry(admin_client):
    listed_vessel("ARTAVIL", imo="9187629", flag="IRN")
    match = match_of(VesselFactory(name="Shona", imo="9187629", flag=country("PAN")))
    page = admin_client.get(reverse("admin:entities_sanctionsmatch_change", args=[match.pk])).content.decode()
    assert "Shona (IMO 9187629)" in page and "imo:9187629" in page and "Panama" in page
    vessel_page = admin_client.get(reverse("admin:entities_vessel_change", args=[match.vessel_id])).content.decode()
    assert "ARTAVIL" in vessel_page
