"""All ISO 3166 countries exist after migrate and resolve from everyday names."""

import pytest

from entities.models import Country, Organization
from entities.reference import sync_countries
from entities.selectors import resolve_country
from vocabulary.countries import resolve_country as resolve_country_code

pytestmark = pytest.mark.django_db


def test_all_249_iso_countries_exist_after_migrate():
    assert Country.objects.filter(historic=False).count() == 249
    korea = Country.objects.get(iso3="PRK")
    assert (korea.iso2, korea.name) == ("KP", "North Korea")


def test_eu_and_un_exist_as_organisations():
    assert set(Organization.objects.filter(code__in=["EU", "UN"]).values_list("name", flat=True)) == {
        "European Union",
        "United Nations",
    }


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("DPRK", "PRK"),
        ("North Korean", "PRK"),
        ("Pyongyang", "PRK"),
        ("the Kremlin", "RUS"),
        ("U.S.", "USA"),
        ("Korea, North", "PRK"),
        ("South Korea", "KOR"),
        ("KP", "PRK"),
        ("prk", None),
        ("Narnia", None),
        ("", None),
    ],
)
def test_names_codes_demonyms_and_seats_resolve_to_one_country(text, iso3):
    found = resolve_country(text)
    assert (found.iso3 if found else None) == iso3
    assert resolve_country_code(text) == iso3


def test_resync_keeps_aliases_added_by_hand():
    korea = Country.objects.get(iso3="PRK")
    korea.aliases.create(name="Hermit Kingdom", key="hermit kingdom", curated=False)
    sync_countries()
    assert resolve_country("the Hermit Kingdom") == korea
