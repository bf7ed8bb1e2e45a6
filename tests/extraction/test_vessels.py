"""Named vessels in event sentences: name, IMO number and flag (extraction/vessels.py)."""

import pytest

from extraction import extract
from extraction.vessels import is_valid_imo, vessels_in


def test_a_prefixed_ship_name_with_its_imo_number_is_found():
    text = "The MV Ocean Star (IMO 9074729) unloaded fuel in Nampo."
    assert vessels_in(text) == [{"name": "Ocean Star", "imo": "9074729", "flag": None}]


def test_a_vessel_noun_introduces_the_name_and_a_flag_before_it_gives_the_flag():
    text = "A Panama-flagged tanker Sea Breeze transferred oil to a North Korean ship at night."
    assert vessels_in(text) == [{"name": "Sea Breeze", "imo": None, "flag": "PAN"}]


def test_a_quoted_name_after_called_and_a_flag_stated_after_the_name():
    text = "The oil tanker called 'Golden Harvest', registered in Togo, met the other vessel off Shanghai."
    assert vessels_in(text) == [{"name": "Golden Harvest", "imo": None, "flag": "TGO"}]


def test_two_ships_of_a_ship_to_ship_transfer_are_both_reported_once_each():
    text = (
        "The tanker Lucky Star transferred diesel to the M/T Pearl Harbor 2 (IMO number 9321483); "
        "the Lucky Star then sailed north."
    )
    assert [v["name"] for v in vessels_in(text)] == ["Lucky Star", "Pearl Harbor 2"]
    assert vessels_in(text)[1]["imo"] == "9321483"


@pytest.mark.parametrize(
    "text",
    [
        "The vessel was seized last week.",
        "Officials said the ship had switched off its transponder.",
        "The tanker In July carried oil.",  # no name: only words that start the sentence's rest
        "A vessel North Korea chartered delivered coal.",  # a country is not a ship's name
    ],
)
def test_unnamed_vessels_are_not_reported(text):
    assert vessels_in(text) == []


def test_an_imo_number_with_a_wrong_check_digit_is_dropped():
    assert vessels_in("The MV Ocean Star (IMO 9074728) docked.") == [{"name": "Ocean Star", "imo": None, "flag": None}]
    assert is_valid_imo("9074729") and not is_valid_imo("907472") and not is_valid_imo("9074728")


def test_a_violation_event_reports_the_ships_of_its_sentences():
    result = extract(
        "North Korea violated UN sanctions by importing refined petroleum through the tanker Lucky Star "
        "(IMO 9321483), a Togo-flagged vessel, in a ship-to-ship transfer, the UN panel said on Monday."
    )
    violations = [e for e in result["events"] if e["type"] == "sanctions_violation"]
    assert violations and violations[0]["vessels"][0] == {"name": "Lucky Star", "imo": "9321483", "flag": None}
