import pytest

IMPOSITION = "sanctions_imposition"


@pytest.mark.parametrize(
    ("text", "imposer", "target"),
    [
        ("The European Union imposed new sanctions on Belarus on Tuesday.", "EU", "BLR"),
        ("Canada slapped sanctions on Myanmar's military leaders.", "CAN", "MMR"),
        ("Japan announced an embargo against Syria.", "JPN", "SYR"),
        ("Sanctions were imposed on Cuba by the United States.", "USA", "CUB"),
        ("Australia sanctioned five Iranian individuals.", "AUS", "IRN"),
        ("The Treasury Department blacklisted a network of Iranian firms.", "USA", "IRN"),
        ("Britain froze the assets of two Russian banks.", "GBR", "RUS"),
        ("Norway banned arms exports to Turkey.", "NOR", "TUR"),
        ("Brussels imposed sanctions on Iran.", "EU", "IRN"),
    ],
)
def test_imposer_is_the_acting_state_and_target_the_sanctioned_country(events_of, text, imposer, target):
    assert [e[:2] for e in events_of(text)] == [(IMPOSITION, {"imposer": [imposer], "target": [target]})]


def test_pronoun_imposer_takes_the_previous_acting_country(events_of):
    text = "New Zealand condemned the attack. Today we are imposing sanctions on Iran."
    assert events_of(text)[0][:2] == (IMPOSITION, {"imposer": ["NZL"], "target": ["IRN"]})


def test_going_ahead_with_sanctions_against_a_countrys_exports(events_of):
    text = "Officials said Mexico would go ahead with sanctions against Chinese steel exports."
    assert events_of(text)[0] == (IMPOSITION, {"imposer": ["MEX"], "target": ["CHN"]}, "planned")


@pytest.mark.parametrize(
    "text",
    [
        "The EU is considering sanctions against Iran.",
        "Poland urged the EU to impose sanctions on Belarus.",
        "Russia vetoed a resolution to impose sanctions on Mali.",
        "Washington lifted sanctions on Venezuela.",
        "The UN sanctions regime on Iran remains in force.",
    ],
)
def test_urged_considered_vetoed_lifted_or_standing_sanctions_are_not_impositions(events_of, text):
    assert [e for e in events_of(text) if e[0] == IMPOSITION] == []
