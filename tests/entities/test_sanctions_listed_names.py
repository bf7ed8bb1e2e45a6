"""Names lists write several names, or a country, into: joint listings and "… of <country>"."""

import pytest

from entities.sanctions.listed_names import country_named_in, with_joint_listings
from entities.sanctions.matching import Candidate, Query, score


def organisation(*names, countries=()):
    return Query("organization", names, frozenset(countries))


def listed_organisation(*names, countries=()):
    return Candidate.build(1, "organization", names, countries=countries)


def test_a_joint_listing_of_an_organisation_and_its_offshoot_gives_both_names():
    names = with_joint_listings(["NORTHWIND TRADING AND NORTHWIND TRADING OVERSEAS"])
    assert names == (
        "NORTHWIND TRADING AND NORTHWIND TRADING OVERSEAS",
        "NORTHWIND TRADING",
        "NORTHWIND TRADING OVERSEAS",
    )


@pytest.mark.parametrize(
    "name",
    ["Johnson and Johnson", "Harbour Development and Investment Corporation", "Smith & Wesson Holding"],
)
def test_names_that_merely_contain_and_are_kept_whole(name):
    assert with_joint_listings([name]) == (name,)


def test_the_short_name_of_a_joint_listing_links_automatically():
    entry = listed_organisation("NORTHWIND TRADING AND NORTHWIND TRADING LTD")
    result = score(organisation("Northwind Trading"), entry)
    assert result.score == 1.0 and result.may_link_automatically


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("JSC NORTHWIND BANK OF RUSSIA", "RUS"),
        ("Northwind Bank of Russia JSC", "RUS"),
        ("CENTRAL BANK OF THE ISLAMIC REPUBLIC OF IRAN", "IRN"),
        ("Merchant Bank of China Limited", "CHN"),
        ("NORTHWIND BANK", None),
        ("BANK OF AM", None),  # all capitals: a country code only when the list writes a code
        ("Bank of the Future", None),
    ],
)
def test_the_country_an_organisation_name_states_is_read(name, expected):
    assert country_named_in(name) == expected


def test_a_country_the_name_states_overrules_a_conflicting_address_country():
    # The list gives a branch's address (Ukraine); the article gives Russia, and so does the name.
    entry = listed_organisation("JSC NORTHWIND BANK OF RUSSIA", countries=["UKR"])
    result = score(organisation("Northwind Bank of Russia", countries=["RUS"]), entry)
    assert result.features["country"] == "named" and result.score == 1.0


def test_a_country_the_name_states_overrules_the_articles_country():
    entry = listed_organisation("NORTHWIND BANK OF RUSSIA", countries=["RUS"])
    result = score(organisation("Northwind Bank of Russia", countries=["GBR"]), entry)
    assert result.features["country"] == "named" and result.score == 1.0


def test_namesakes_in_other_countries_still_conflict():
    entry = listed_organisation("NORTHWIND SHIPPING COMPANY", countries=["PRK"])
    result = score(organisation("Northwind Shipping", countries=["KOR"]), entry)
    assert result.features["country"] == "conflicts" and result.score < 0.9


def test_a_country_named_by_one_side_only_must_agree_with_the_other_sides_countries():
    entry = listed_organisation("NORTHWIND BANK", countries=["UKR"])
    result = score(organisation("Northwind Bank of Russia", countries=["GBR"]), entry)
    assert result.features["country"] == "conflicts"


def test_peoples_names_state_no_country():
    entry = Candidate.build(1, "person", ["Ali Hassan of Iraq"], countries=["IRQ"])
    result = score(Query("person", ("Ali Hassan of Iraq",), frozenset({"SYR"})), entry)
    assert result.features["country"] == "conflicts"
