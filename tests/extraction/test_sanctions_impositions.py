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


@pytest.mark.parametrize(
    ("text", "imposer", "target"),
    [
        ("Washington reimposed sanctions on Cuba.", "USA", "CUB"),
        ("The United States issued a new round of sanctions against Iran.", "USA", "IRN"),
        ("The cabinet approved new Japanese sanctions on firms from Laos.", "JPN", "LAO"),
        ("The European Union's designation of 40 Iranian entities angered Tehran.", "EU", "IRN"),
        ("A Treasury Department announcement of sanctions on Syrian banks followed.", "USA", "SYR"),
        ("The Security Council's imposition of sanctions against Eritrea was welcomed.", "UN", "ERI"),
    ],
)
def test_reimposed_rounds_and_nominal_acts_of_imposing_are_impositions(events_of, text, imposer, target):
    assert (IMPOSITION, {"imposer": [imposer], "target": [target]}) in [e[:2] for e in events_of(text)]


def test_several_imposers_acting_together_are_one_event(events_of):
    events = events_of("Five Iranian officials were sanctioned by Australia, Canada and New Zealand.")
    assert [e[:2] for e in events] == [(IMPOSITION, {"imposer": ["AUS", "CAN", "NZL"], "target": ["IRN"]})]


def test_each_by_phrase_of_a_passive_is_its_own_act(events_of):
    text = "Two Syrian generals were sanctioned by the European Union in May, and by Canada in June."
    assert sorted(e[1]["imposer"][0] for e in events_of(text)) == ["CAN", "EU"]


def test_joining_another_state_in_sanctioning_makes_both_imposers(events_of):
    events = events_of("Britain joined the United States in sanctioning two Russian oil companies.")
    assert [e[:2] for e in events] == [(IMPOSITION, {"imposer": ["GBR", "USA"], "target": ["RUS"]})]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Canada designated a North Korean diplomat at the embassy in Mongolia.", "PRK"),
        ("Japan sanctioned a company in Turkey.", "TUR"),
        ("Norway sanctioned two Iranian firms that shipped drones to Russia.", "IRN"),
    ],
)
def test_a_designees_nationality_comes_before_where_it_is_or_what_it_did(events_of, text, target):
    assert [e[1]["target"] for e in events_of(text) if e[0] == IMPOSITION] == [[target]]


@pytest.mark.parametrize(
    "text",
    [
        "Washington revoked the sanctions on Sudan.",
        "The EU waived the embargo on Libya for humanitarian flights.",
        "Moscow urged the Security Council to impose sanctions on Georgia.",
    ],
)
def test_revoking_waiving_or_urging_sanctions_is_no_imposition(events_of, text):
    assert [e for e in events_of(text) if e[0] == IMPOSITION] == []


@pytest.mark.parametrize(
    ("text", "imposer", "target"),
    [
        ("Ships were seized for breaking U.N. sanctions imposed on Iran in 2010.", "UN", "IRN"),
        ("Washington placed four Syrian firms and 12 of their ships on its sanctions list.", "USA", "SYR"),
        ("Tokyo imposed sanctions on firms from Laos over Vietnam's fishing policy.", "JPN", "LAO"),
        ("Canada designated a Cuban diplomat, the counsellor at the Cuban embassy in Chile.", "CAN", "CUB"),
    ],
)
def test_participles_deep_list_objects_reasons_and_posts_give_the_right_roles(events_of, text, imposer, target):
    assert (IMPOSITION, {"imposer": [imposer], "target": [target]}) in [e[:2] for e in events_of(text)]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("OFAC took action against two ministries of the Government of Turkey.", "TUR"),
        ("The Treasury Department's action against a Syrian bank was welcomed.", "SYR"),
    ],
)
def test_a_sanctions_agencys_action_against_someone_is_a_designation(events_of, text, target):
    assert [e[:2] for e in events_of(text)] == [(IMPOSITION, {"imposer": ["USA"], "target": [target]})]


def test_an_army_taking_action_against_a_country_is_no_sanction(events_of):
    assert events_of("Israel took action against Syria.") == []


def test_blocking_a_countrys_property_is_an_imposition(events_of):
    events = events_of("Britain blocked the property of the Central Bank of Iran.")
    assert [e[:2] for e in events] == [(IMPOSITION, {"imposer": ["GBR"], "target": ["IRN"]})]


@pytest.mark.parametrize(
    ("text", "imposer", "target"),
    [
        ("An asset freeze was imposed on three Iranian banks by Canada.", "CAN", "IRN"),
        ("The sanctions that Japan imposed on Iran in 2010 hurt its trade.", "JPN", "IRN"),
        ("Today's step builds on sanctions the United States imposed on Iran last year.", "USA", "IRN"),
        ("The new British sanctions target 20 Russian banks.", "GBR", "RUS"),
        ("The sanctions, announced by the Treasury Department on Tuesday, target five Iranian firms.", "USA", "IRN"),
    ],
)
def test_asset_freezes_relative_clauses_and_sanctions_as_subject(events_of, text, imposer, target):
    assert [e[:2] for e in events_of(text)] == [(IMPOSITION, {"imposer": [imposer], "target": [target]})]


@pytest.mark.parametrize(
    "text",
    [
        "The EU eased sanctions on Syria.",
        "The Treasury relaxed sanctions on Venezuela.",
        "The US revoked the designation of three Cuban officials.",
        "Washington has waived sanctions on Indian firms.",
        "The EU terminated the sanctions on Libya.",
        "Sanctions on Cuba have been in place since 1962.",
        "Other sanctions imposed by the United States on Venezuela remain in place.",
        "Sanctions and restrictions imposed by the United States on Venezuela remain in place.",
        "Britain will consider sanctions on Iranian banks.",
        "Japan will not impose sanctions on Russia.",
        "China has never sanctioned North Korea.",
    ],
)
def test_easing_ending_weighing_or_not_imposing_sanctions_is_no_event(events_of, text):
    assert events_of(text) == []


def test_the_council_in_an_eu_article_is_the_council_of_the_eu(events_of):
    text = "The EU stands with Ukraine. The Council today adopted restrictive measures against Russia."
    assert [e[:2] for e in events_of(text)] == [(IMPOSITION, {"imposer": ["EU"], "target": ["RUS"]})]


def test_the_council_is_not_the_eu_when_the_article_names_the_un(events_of):
    text = "The EU and the UN met. The Council today adopted restrictive measures against Russia."
    assert [e[1]["imposer"] for e in events_of(text)] in ([], [[]])


@pytest.mark.parametrize(
    ("text", "imposer", "target"),
    [
        ("The Security Council adopted a resolution imposing an arms embargo on Eritrea.", "UN", "ERI"),
        ("Canada unveiled sanctions targeting Belarus's potash industry.", "CAN", "BLR"),
        ("Norway joined EU sanctions against Russia.", "NOR", "RUS"),
    ],
)
def test_resolutions_imposing_sanctions_targeting_and_joining_sanctions(events_of, text, imposer, target):
    assert (IMPOSITION, {"imposer": [imposer], "target": [target]}) in [e[:2] for e in events_of(text)]


def test_every_designee_of_a_list_gives_its_country(events_of):
    events = events_of("Canada designated Ali Hassan, a Syrian citizen, and two Lebanese firms.")
    assert [e[:2] for e in events] == [(IMPOSITION, {"imposer": ["CAN"], "target": ["LBN", "SYR"]})]


def test_the_bare_treasury_acts_for_the_state_the_article_names(events_of):
    us = "The United States acted on Friday. The Treasury added six North Korean entities to its sanctions list."
    uk = "Britain acted on Friday. The Treasury froze the assets of six Russian banks."
    assert [e[1] for e in events_of(us)] == [{"imposer": ["USA"], "target": ["PRK"]}]
    assert [e[1] for e in events_of(uk)] == [{"imposer": ["GBR"], "target": ["RUS"]}]


def test_the_bare_treasury_acts_for_no_one_when_the_article_names_both_its_states(events_of):
    text = "Britain and the United States met. The Treasury froze the assets of six Russian banks."
    assert all(e[1].get("imposer") != ["GBR"] and e[1].get("imposer") != ["USA"] for e in events_of(text))


def test_designees_based_somewhere_take_that_country(events_of):
    events = events_of("Today, OFAC designated four individuals and two entities based in Iran.")
    assert [e[1] for e in events] == [{"imposer": ["USA"], "target": ["IRN"]}]


def test_designees_from_countries_hung_on_the_verb_take_those_countries(events_of):
    events = events_of("The EU sanctioned 20 individuals from Russia and Belarus.")
    assert [e[1] for e in events] == [{"imposer": ["EU"], "target": ["BLR", "RUS"]}]


def test_listing_persons_and_firms_designates_them(events_of):
    events = events_of("The EU has listed 17 individuals and 4 entities in Belarus.")
    assert [e[1] for e in events] == [{"imposer": ["EU"], "target": ["BLR"]}]


def test_listing_anything_else_is_no_designation(events_of):
    assert events_of("The Japanese report listed three Chinese reasons for the decline.") == []
