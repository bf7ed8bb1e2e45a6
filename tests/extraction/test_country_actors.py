"""Which country mentions make the article's country list (extraction/country_mentions.py)."""

import pytest


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Officials cited the Iran-Libya Sanctions Act in Brazil's case.", "IRN"),
        ("Brazil pointed to the Minsk agreements in the debate.", "BLR"),
        ("The talks in Kuwait City ended as Brazil left.", "KWT"),
        ("German-made tanks are popular with Brazil's generals.", "DEU"),
        ("Brazil seized a Liberia-flagged tanker on Monday.", "LBR"),
        ("Brazil seized tankers flying the flags of Togo and Gabon.", "TGO"),
        ("Brazil seized tankers flying the flags of Togo and Gabon.", "GAB"),
        ("Brazil seized a tanker registered in the Marshall Islands.", "MHL"),
        ("Brazil's economy grew after the collapse of the Soviet Union.", "SUN"),
    ],
)
def test_names_inside_titles_cities_and_makes_are_not_actors(analyse, text, absent):
    countries = analyse(text)["countries"]
    assert "BRA" in countries
    assert absent not in countries


def test_an_acting_state_organ_names_its_country(analyse):
    assert analyse("The State Department has determined that the entity engaged in proliferation.")["countries"] == [
        "USA"
    ]


def test_the_eu_as_an_organ_adds_no_country(analyse):
    assert analyse("The European Union adopted new measures today.")["countries"] == []


def test_a_country_named_before_an_ordinary_noun_is_still_an_actor(analyse):
    assert "IRN" in analyse("Iran Air flights resumed as Iran reopened its airspace.")["countries"]
