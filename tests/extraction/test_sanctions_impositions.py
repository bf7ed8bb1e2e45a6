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


def test_the_european_community_acts_as_the_eu(events_of):
    events = events_of("The European Community agreed to impose an arms embargo on Syria.")
    assert events == [(IMPOSITION, {"imposer": ["EU"], "target": ["SYR"]}, "planned")]


def test_adding_companies_to_a_blacklist_is_an_imposition(events_of):
    events = events_of("The Commerce Department added 12 Chinese companies to its Entity List.")
    assert [e[:2] for e in events] == [(IMPOSITION, {"imposer": ["USA"], "target": ["CHN"]})]


def test_export_controls_count_as_sanctions(events_of):
    events = events_of("Tokyo has tightened export controls on shipments of semiconductors to China.")
    assert [e[:2] for e in events] == [(IMPOSITION, {"imposer": ["JPN"], "target": ["CHN"]})]


def test_a_conjoined_clause_keeps_its_own_modality_and_subject(events_of):
    text = (
        "Canada will continue to hold Moscow accountable, and today we are announcing further "
        "sanctions against Russia's defence sector."
    )
    assert events_of(text) == [(IMPOSITION, {"imposer": ["CAN"], "target": ["RUS"]}, "confirmed")]


@pytest.mark.parametrize(
    ("text", "imposer", "target"),
    [
        ("Russia was hit with new sanctions by the European Union on Friday.", "EU", "RUS"),
        ("Canada slapped Belarus with an arms embargo.", "CAN", "BLR"),
    ],
)
def test_being_hit_with_sanctions_makes_the_object_the_target(events_of, text, imposer, target):
    assert [e[:2] for e in events_of(text)] == [(IMPOSITION, {"imposer": [imposer], "target": [target]})]
