"""Officials from extraction: people matched by name or alias, positions from their titles."""

from __future__ import annotations

import pytest

from entities.models import Organization, Person, Position, SanctionsMatch
from entities.officials import OfficialMention, get_or_create_officials
from entities.reference import actor_for_code
from entities.sanctions.loading import load_sanctions_list
from tests.entities.factories import PersonFactory, country

from .sanctions_files import FIXTURES


def official(name: str, country=None, title: str | None = None):
    """One official through the batch service, as storing an extraction result does."""
    [person] = get_or_create_officials([OfficialMention(name, country, title)])
    return person


@pytest.mark.django_db
def test_a_new_official_becomes_a_person_with_nationality_and_position():
    person = official("John Kirby", country=country("USA"), title="national security spokesman")

    assert person.nationality == country("USA")
    assert list(person.positions.values_list("title", "country_id")) == [("national security spokesman", "USA")]


@pytest.mark.django_db
def test_a_known_official_is_matched_by_name_or_alias_and_gains_only_new_titles():
    known = PersonFactory(name="Kim Yo Jong", aliases=["Kim Yo-jong"], nationality=country("PRK"))

    by_alias = official("kim yo-jong", country=country("PRK"), title="vice department director")
    by_name = official("KIM YO JONG", country=country("PRK"), title="Vice department director")

    assert by_alias == by_name == known
    assert Person.objects.count() == 1
    assert Position.objects.filter(person=known).count() == 1


@pytest.mark.django_db
def test_role_codes_resolve_to_countries_or_intergovernmental_organisations():
    assert actor_for_code("PRK") == country("PRK")
    assert actor_for_code("North Korea") == country("PRK")
    assert actor_for_code("EU") == Organization.objects.get(code="EU")
    assert actor_for_code("Atlantis") is None


@pytest.mark.django_db
def test_a_batch_of_mentions_creates_each_new_official_once_and_matches_known_ones_by_alias():
    known = PersonFactory(name="Kim Yo Jong", aliases=["Kim Yo-jong"], nationality=country("PRK"))
    mentions = [
        OfficialMention("Rowan Hale", country("GBR"), "foreign secretary"),
        OfficialMention("kim yo-jong", country("PRK"), "vice department director"),
        OfficialMention("ROWAN HALE", country("GBR"), "Foreign Secretary"),
        OfficialMention("Rowan Hale", None, "envoy"),
    ]

    people = get_or_create_officials(mentions)

    assert people[1] == known and people[0] == people[2] == people[3]
    assert Person.objects.count() == 2
    assert sorted(Position.objects.filter(person=people[0]).values_list("title", "country_id")) == [
        ("envoy", None),
        ("foreign secretary", "GBR"),
    ]


@pytest.mark.django_db
def test_looking_up_officials_takes_as_many_queries_for_many_names_as_for_one(django_assert_max_num_queries):
    names = [f"Lena Nord{chr(ord('a') + n)}" for n in range(20)]
    get_or_create_officials([OfficialMention(name) for name in names])

    with django_assert_max_num_queries(3):  # by name, by alias, positions held
        found = get_or_create_officials([OfficialMention(name) for name in names])

    assert [person.name for person in found] == names


@pytest.mark.django_db
def test_a_new_official_is_matched_against_the_sanctions_lists_once_stored(django_capture_on_commit_callbacks):
    load_sanctions_list(FIXTURES / "un_v1.xml", "un-xml", match_afterwards=False)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pak = official("Pak Tae-song", country=country("PRK"), title="trade official")
        official("Pak Tae-song", country=country("PRK"))  # known now: nothing more to match

    assert len(callbacks) == 1
    assert SanctionsMatch.objects.get(person=pak).entry.external_id == "KPi.901"
