"""The matching service links people and organisations to list entries, by thresholds from settings."""

import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import override_settings

from entities.models import Organization, SanctionsEntry, SanctionsMatch
from entities.sanctions.linking import (
    match_everyone_against_sanctions,
    match_people_and_organizations,
    review_sanctions_match,
)
from tests.entities.factories import OrganizationFactory, PersonFactory, SanctionsEntryFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def kim_entry():
    entry = SanctionsEntryFactory(
        list_name="OFAC SDN", external_id="20157", name="KIM, Jong Un", birth_dates=["1984-01-08"]
    )
    entry.countries.add("PRK")
    return entry


@pytest.fixture
def reviewer():
    return get_user_model().objects.create_user("reviewer", password="a-long-test-password", is_staff=True)


def test_a_clear_match_is_linked_automatically_with_its_score_and_features(kim_entry):
    kim = PersonFactory(name="Kim Jong-un", nationality=country("PRK"))
    summary = match_people_and_organizations(person_ids=[kim.pk])
    match = SanctionsMatch.objects.get(person=kim)
    assert (match.entry, match.state, match.score) == (kim_entry, SanctionsMatch.State.AUTO_LINKED, 1.0)
    assert match.features["country"] == "agrees" and match.features["entry_name"] == "KIM, Jong Un"
    assert (summary.linked, summary.pending) == (1, 0)


def test_a_borderline_match_waits_for_review(kim_entry):
    namesake = PersonFactory(name="Kim Jung Un", nationality=None)
    match_people_and_organizations(person_ids=[namesake.pk])
    match = SanctionsMatch.objects.get(person=namesake)
    assert match.state == SanctionsMatch.State.PENDING
    assert settings.SANCTIONS_REVIEW_THRESHOLD <= match.score < settings.SANCTIONS_AUTO_LINK_THRESHOLD


def test_people_below_the_review_threshold_get_no_match(kim_entry):
    other = PersonFactory(name="Moon Jae-in", nationality=country("KOR"))
    match_people_and_organizations(person_ids=[other.pk])
    assert not SanctionsMatch.objects.exists()


def test_thresholds_come_from_settings(kim_entry):
    namesake = PersonFactory(name="Kim Jung Un", nationality=None)
    with override_settings(SANCTIONS_AUTO_LINK_THRESHOLD=0.8):
        match_people_and_organizations(person_ids=[namesake.pk])
    assert SanctionsMatch.objects.get(person=namesake).state == SanctionsMatch.State.AUTO_LINKED
    with override_settings(SANCTIONS_REVIEW_THRESHOLD=0.99):
        summary = match_people_and_organizations(person_ids=[namesake.pk])
    assert summary.removed == 1 and not SanctionsMatch.objects.exists()


def test_only_the_people_and_organisations_asked_for_are_matched(kim_entry):
    north_korea = country("PRK")
    asked = PersonFactory(name="Kim Jong Un", nationality=north_korea)
    not_asked = PersonFactory(name="Kim Jong Un", nationality=north_korea)
    match_people_and_organizations(person_ids=[asked.pk])
    assert list(SanctionsMatch.objects.values_list("person", flat=True)) == [asked.pk]
    match_everyone_against_sanctions()
    assert SanctionsMatch.objects.filter(person=not_asked).exists()


def test_organisations_match_organisation_entries_only():
    komid = SanctionsEntryFactory(
        external_id="KPe.001", name="KOREA MINING DEVELOPMENT TRADING CORPORATION", entity_type="organization"
    )
    SanctionsEntryFactory(external_id="KPi.999", name="Korea Mining Development Trading Corporation")  # a "person"
    organization = OrganizationFactory(name="Korea Mining Development Trading Corp.")
    match_people_and_organizations(organization_ids=[organization.pk])
    assert list(SanctionsMatch.objects.values_list("organization", "entry")) == [(organization.pk, komid.pk)]


def test_a_reviewers_decision_survives_rematching(kim_entry, reviewer):
    namesake = PersonFactory(name="Kim Jung Un", nationality=None)
    match_people_and_organizations(person_ids=[namesake.pk])
    match = review_sanctions_match(SanctionsMatch.objects.get(person=namesake), user=reviewer, confirmed=False)
    assert match.reviewed_by == reviewer and match.reviewed_at is not None
    with override_settings(SANCTIONS_AUTO_LINK_THRESHOLD=0.8, SANCTIONS_REVIEW_THRESHOLD=0.99):
        match_people_and_organizations(person_ids=[namesake.pk])
    assert SanctionsMatch.objects.get(person=namesake).state == SanctionsMatch.State.REJECTED


def test_matches_to_delisted_entries_are_kept_as_history(kim_entry):
    kim = PersonFactory(name="Kim Jong Un", nationality=country("PRK"))
    match_people_and_organizations(person_ids=[kim.pk])
    SanctionsEntry.objects.filter(pk=kim_entry.pk).update(delisted_on="2025-01-01")
    match_people_and_organizations(person_ids=[kim.pk])
    assert SanctionsMatch.objects.filter(person=kim, entry=kim_entry).exists()


def test_a_match_has_exactly_one_of_person_or_organisation(kim_entry):
    person, organization = PersonFactory(), OrganizationFactory()
    for actors in ({}, {"person": person, "organization": organization}):
        with pytest.raises(IntegrityError), transaction.atomic():
            SanctionsMatch.objects.create(entry=kim_entry, score=0.9, **actors)


def test_a_reviewed_state_needs_a_review_time_and_machine_states_have_none(kim_entry):
    person = PersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SanctionsMatch.objects.create(entry=kim_entry, person=person, score=0.9, state="confirmed")
    with pytest.raises(IntegrityError), transaction.atomic():
        SanctionsMatch.objects.create(entry=kim_entry, person=person, score=1.5)


def test_match_sanctions_command_matches_everyone_or_the_ids_given(kim_entry):
    kim = PersonFactory(name="Kim Jong Un", nationality=country("PRK"))
    out = io.StringIO()
    call_command("match_sanctions", "--person", str(kim.pk), stdout=out)
    assert "1 linked automatically" in out.getvalue()
    call_command("match_sanctions", stdout=out)
    assert SanctionsMatch.objects.get(person=kim).state == SanctionsMatch.State.AUTO_LINKED


def test_a_father_and_son_with_one_different_syllable_are_not_matched(kim_entry):
    father = PersonFactory(name="Kim Jong Il", nationality=country("PRK"))
    match_people_and_organizations(person_ids=[father.pk])
    assert not SanctionsMatch.objects.exists()


def test_the_eu_and_un_are_never_matched():
    SanctionsEntryFactory(name="UNITED NATIONS", entity_type="organization")
    un = Organization.objects.get(code="UN")
    match_people_and_organizations(organization_ids=[un.pk])
    match_everyone_against_sanctions()
    assert not SanctionsMatch.objects.exists()
