"""One real target across lists: grouped entries, linked together, reviewed once."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from entities.models import SanctionsEntry, SanctionsMatch
from entities.sanctions.linking import match_everyone_against_sanctions, review_sanctions_match
from entities.sanctions.loading import load_sanctions_list
from entities.sanctions.targets import group_same_targets
from tests.entities.factories import PersonFactory, SanctionsEntryFactory, country

from .sanctions_files import FTM_SAMPLE, OFAC_CSV_SAMPLE, needs_shared_samples

pytestmark = pytest.mark.django_db


def listed(list_name, name, *, birth_dates=(), countries=(), same_as=(), entity_type="person"):
    entry = SanctionsEntryFactory(
        list_name=list_name, name=name, birth_dates=list(birth_dates), same_as=list(same_as), entity_type=entity_type
    )
    entry.countries.add(*countries)
    return entry


def keys(*entries):
    return [SanctionsEntry.objects.get(pk=e.pk).target_key for e in entries]


def test_entries_citing_one_list_identifier_are_one_target():
    ofac = listed("OFAC SDN", "ZAKHAROV, Aleksandr", same_as=["ofac:45937"])
    opensanctions = listed("OpenSanctions", "Alexander Vyacheslavovich ZAKHAROV", same_as=["ofac:45937"])
    alone = listed("UN SC Consolidated", "PAK TAE SONG")
    group_same_targets()
    first, second, third = keys(ofac, opensanctions, alone)
    assert first == second == "OFAC SDN:" + ofac.external_id
    assert third == ""


def test_same_named_people_on_two_lists_are_one_target_only_when_their_birth_years_agree():
    un = listed("UN SC Consolidated", "KIM YONG CHOL", birth_dates=["1962-02-18"], countries=["PRK"])
    ofac = listed("OFAC SDN", "KIM, Yong Chol", birth_dates=["1962"], countries=["PRK"])
    namesake = listed("OpenSanctions", "Kim Yong Chol", birth_dates=["1981-05-02"], countries=["PRK"])
    group_same_targets()
    un_key, ofac_key, namesake_key = keys(un, ofac, namesake)
    assert un_key == ofac_key != ""
    assert namesake_key == ""


def test_a_joint_listing_and_the_other_lists_entry_for_one_of_its_names_are_one_target():
    un = listed("UN SC Consolidated", "NORTHWIND BANK AND NORTHWIND BANK INTERNATIONAL", entity_type="organization")
    ofac = listed("OFAC non-SDN", "NORTHWIND BANK", countries=["IRN", "FRA"], entity_type="organization")
    group_same_targets()
    assert keys(un, ofac)[0] == keys(un, ofac)[1] != ""


def test_a_joint_listing_changed_alone_finds_the_other_lists_entry():
    ofac = listed("OFAC non-SDN", "NORTHWIND BANK", countries=["IRN"], entity_type="organization")
    un = listed("UN SC Consolidated", "NORTHWIND BANK AND NORTHWIND BANK INTERNATIONAL", entity_type="organization")
    group_same_targets([un.pk])
    assert keys(un, ofac)[0] == keys(un, ofac)[1] != ""


def test_one_target_never_holds_two_entries_of_one_list():
    # The same person under two OFAC entries would be one target only by a chain of near-misses.
    first = listed("OFAC SDN", "KIM YONG CHOL", birth_dates=["1962"], countries=["PRK"])
    second = listed("OFAC SDN", "KIM YONG CHUL", birth_dates=["1962"], countries=["PRK"])
    un = listed("UN SC Consolidated", "KIM YONG CHOL", birth_dates=["1962-02-18"], countries=["PRK"])
    group_same_targets()
    first_key, second_key, un_key = keys(first, second, un)
    assert un_key != "" and sorted([first_key, second_key]) == ["", un_key]


def test_linking_a_person_to_one_entry_links_the_same_targets_entries_on_other_lists():
    un = listed("UN SC Consolidated", "KIM YONG CHOL", birth_dates=["1962-02-18"], countries=["PRK"])
    ofac = listed("OFAC SDN", "KIM, Yong-chol", birth_dates=["1962"], countries=["PRK"], same_as=["ofac:1"])
    kim = PersonFactory(name="Kim Yong Chol", nationality=country("PRK"))
    match_everyone_against_sanctions()
    states = dict(SanctionsMatch.objects.filter(person=kim).values_list("entry_id", "state"))
    assert states == {un.pk: SanctionsMatch.State.AUTO_LINKED, ofac.pk: SanctionsMatch.State.AUTO_LINKED}
    followers = SanctionsMatch.objects.filter(person=kim, features__has_key="same_target_as")
    assert followers.count() == 1


def test_a_reviewers_decision_on_one_entry_holds_for_the_same_targets_other_entries():
    un = listed("UN SC Consolidated", "PAEK CHANG-HO", birth_dates=["1964-06-18"], countries=["PRK"])
    listed("OFAC SDN", "PAEK, Chang Ho", birth_dates=["1964"], countries=["PRK"])
    namesake = PersonFactory(name="Paek Chang", nationality=None)
    with override_settings(SANCTIONS_AUTO_LINK_THRESHOLD=0.99):
        match_everyone_against_sanctions()
    matches = SanctionsMatch.objects.filter(person=namesake)
    assert matches.count() == 2 and set(matches.values_list("state", flat=True)) == {SanctionsMatch.State.PENDING}
    reviewer = get_user_model().objects.create_user("reviewer", password="a-long-test-password", is_staff=True)
    review_sanctions_match(matches.get(entry=un), user=reviewer, confirmed=False)
    assert set(matches.values_list("state", "reviewed_by")) == {(SanctionsMatch.State.REJECTED, reviewer.pk)}


@needs_shared_samples
def test_the_real_ofac_and_opensanctions_records_of_one_person_are_grouped_after_loading():
    load_sanctions_list(OFAC_CSV_SAMPLE, "ofac-csv", match_afterwards=False)
    load_sanctions_list(FTM_SAMPLE, "ftm", match_afterwards=False)
    group_same_targets()
    ofac = SanctionsEntry.objects.get(list_name="OFAC SDN", external_id="45937")
    siblings = SanctionsEntry.objects.filter(target_key=ofac.target_key).exclude(pk=ofac.pk)
    assert ofac.target_key and list(siblings.values_list("list_name", flat=True)) == ["OpenSanctions"]


def test_reviewers_see_a_target_once_with_every_list_that_names_it(admin_client):
    listed("UN SC Consolidated", "KIM YONG CHOL", birth_dates=["1962-02-18"], countries=["PRK"])
    listed("OFAC SDN", "KIM, Yong-chol", birth_dates=["1962"], countries=["PRK"])
    PersonFactory(name="Kim Yong Chol", nationality=country("PRK"))
    match_everyone_against_sanctions()
    page = admin_client.get(reverse("admin:entities_sanctionsmatch_changelist")).content.decode()
    assert page.count('name="_selected_action"') == 1
    assert "OFAC SDN, UN SC Consolidated" in page
