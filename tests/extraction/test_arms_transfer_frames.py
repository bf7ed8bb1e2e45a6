"""Arms transfers in the frames real reporting uses (sentences written for these tests)."""

import pytest

TRANSFER = "arms_transfer"


def _transfers(events_of, text: str) -> list[dict]:
    return [roles for type_, roles, _ in events_of(text) if type_ == TRANSFER]


@pytest.mark.parametrize(
    ("text", "supplier", "recipient"),
    [
        ("Russia equipped the Syrian army with T-90 tanks.", "RUS", "SYR"),
        ("Iran has armed Russia with thousands of drones.", "IRN", "RUS"),
        ("The patrol boats were sold to Peru by South Korea.", "KOR", "PER"),
        ("Japan exported patrol boats to the Philippines.", "JPN", "PHL"),
        ("The Kremlin shipped mortar rounds to Belarus.", "RUS", "BLR"),
        ("France will deliver four corvettes to Egypt.", "FRA", "EGY"),
        ("The United Arab Emirates purchased 80 Rafales from France.", "FRA", "ARE"),
        ("Belgium pledged 30 F-16 jets to Ukraine.", "BEL", "UKR"),
    ],
)
def test_hardware_beyond_the_word_list_makes_a_transfer(events_of, text, supplier, recipient):
    assert {"supplier": [supplier], "recipient": [recipient]} in _transfers(events_of, text)


@pytest.mark.parametrize(
    ("text", "supplier", "recipient"),
    [
        ("Italy's Leonardo won a contract to supply Chile with light attack aircraft.", "ITA", "CHL"),
        ("Hanwha signed a contract with Poland to supply K9 howitzers.", "KOR", "POL"),
        ("India signed a $3 billion deal with the United States for 31 MQ-9B drones.", "USA", "IND"),
        ("The State Department has cleared a major arms package for Taiwan.", "USA", "TWN"),
        ("Germany approved arms exports worth 2 billion euros to Israel last year.", "DEU", "ISR"),
    ],
)
def test_contracts_packages_and_approvals_make_a_transfer(events_of, text, supplier, recipient):
    assert {"supplier": [supplier], "recipient": [recipient]} in _transfers(events_of, text)


def test_a_signed_contract_is_reported_and_a_cleared_package_is_planned(events_of):
    signed = events_of("Hanwha signed a contract with Poland to supply K9 howitzers.")
    cleared = events_of("The State Department has cleared a major arms package for Taiwan.")
    assert [e[2] for e in signed] == ["reported"]
    assert [e[2] for e in cleared] == ["planned"]


@pytest.mark.parametrize(
    ("text", "supplier", "recipient"),
    [
        ("Russian-supplied equipment makes up most of Algeria's arsenal.", "RUS", "DZA"),
        ("Vietnam bought Indian-made patrol vessels.", "IND", "VNM"),
        ("Ukraine's air force is already using France's Mirage warplanes as well as US-made F-16s.", "USA", "UKR"),
        ("Russia fired North Korean missiles at Kyiv.", "PRK", "RUS"),
    ],
)
def test_weapons_of_another_countrys_make_in_a_holders_hands_make_a_transfer(events_of, text, supplier, recipient):
    assert {"supplier": [supplier], "recipient": [recipient]} in _transfers(events_of, text)


def test_a_warning_against_using_foreign_missiles_is_not_the_warners_transfer(events_of):
    text = "Washington warned Tehran against using the Chinese-made missiles."
    assert {"supplier": ["CHN"], "recipient": ["USA"]} not in _transfers(events_of, text)


@pytest.mark.parametrize(
    ("text", "supplier", "recipient"),
    [
        ("Russia has expanded its role in Africa. It is now the main weapons supplier to Mali.", "RUS", "MLI"),
        ("India, the largest importer of Russian arms, is diversifying its suppliers.", "RUS", "IND"),
    ],
)
def test_supplier_and_buyer_nouns_make_a_transfer(events_of, text, supplier, recipient):
    assert {"supplier": [supplier], "recipient": [recipient]} in _transfers(events_of, text)


def test_on_behalf_of_names_the_supplier_behind_a_front_company(events_of):
    text = "A trading company shipped weapons to the Syrian army on behalf of DIO."
    assert _transfers(events_of, text) == [{"supplier": ["IRN"], "recipient": ["SYR"]}]


@pytest.mark.parametrize(
    ("text", "supplier", "recipient"),
    [
        ("Cairo turned to Paris. Paris delivered the frigates within a year.", "FRA", "EGY"),
        ("Ukraine has asked for more air defence. Spain said it would send six howitzers.", "ESP", "UKR"),
        (
            "El Salvador faces a guerrilla war. The United States is supplying the country with helicopters.",
            "USA",
            "SLV",
        ),
        ("Myanmar's generals seized power in 2021. The junta has bought fighter jets from Russia.", "RUS", "MMR"),
    ],
)
def test_a_side_named_in_an_earlier_sentence_fills_the_role(events_of, text, supplier, recipient):
    assert {"supplier": [supplier], "recipient": [recipient]} in _transfers(events_of, text)


def test_a_role_from_an_earlier_sentence_lowers_confidence(analyse):
    direct = analyse("Paris delivered the frigates to Cairo within a year.")["events"][0]["confidence"]
    inferred = analyse("Cairo turned to Paris. Paris delivered the frigates within a year.")["events"][0]["confidence"]
    assert inferred < direct


@pytest.mark.parametrize(
    "text",
    [
        "Iran has supplied the Houthis with missiles for years.",
        "Russia shipped rifles to the Wagner militia in Mali.",
        "Chinese-made solar panels flooded the European market.",
        "Germany sent humanitarian aid to Ukraine.",
        "Ukraine destroyed Russian tanks near Bakhmut.",
        "The company supplied equipment to hospitals in Peru.",
    ],
)
def test_militias_civilian_goods_and_combat_are_not_transfers(events_of, text):
    assert _transfers(events_of, text) == []


@pytest.mark.parametrize(
    ("text", "supplier", "recipient"),
    [
        ("The Assad regime received S-300 missiles from Moscow.", "RUS", "SYR"),
        ("The Bundeswehr handed over 20 armoured vehicles to Ukraine.", "DEU", "UKR"),
        ("French shipbuilder Naval Group will deliver four corvettes to Egypt.", "FRA", "EGY"),
        ("Rheinmetall will supply Ukraine with 155mm ammunition.", "DEU", "UKR"),
    ],
)
def test_state_organs_leaders_and_defence_companies_act_for_their_country(events_of, text, supplier, recipient):
    assert {"supplier": [supplier], "recipient": [recipient]} in _transfers(events_of, text)


@pytest.mark.parametrize(
    "text",
    [
        "Seoul is considering whether to supply Ukraine with weapons directly.",
        "Kyiv urged Berlin to send more tanks to Ukraine.",
        "Lawmakers called for arms deliveries to Taiwan to speed up.",
        "Ukraine wants to buy Swedish Gripen jets.",
        "Paris hopes to sell more Rafale jets to India.",
    ],
)
def test_transfers_weighed_or_requested_are_not_events(events_of, text):
    assert _transfers(events_of, text) == []


def test_a_speakers_own_description_is_not_its_confirmation(events_of):
    text = "Poland, which bought K2 tanks from South Korea in 2022, said it would order more."
    assert [e[2] for e in events_of(text) if e[1] == {"recipient": ["POL"], "supplier": ["KOR"]}] == ["reported"]


def test_the_country_prefers_the_previous_sentences_subject(events_of):
    text = "Cairo has bought jets from France and submarines from Germany. The country also ordered Chinese drones."
    assert {"supplier": ["CHN"], "recipient": ["EGY"]} in _transfers(events_of, text)


def test_a_participle_on_a_definite_description_with_a_purpose_clause_makes_a_transfer(events_of):
    text = (
        "North Korea and Russia have cooperated closely, including the North providing military supplies "
        "to support Russia's war in Ukraine."
    )
    assert {"supplier": ["PRK"], "recipient": ["RUS"]} in _transfers(events_of, text)


@pytest.mark.parametrize(
    "text",
    [
        "Iran has transferred weapons to Yemen's Huthis.",
        "Turkey supplied drones to Syrian rebels.",
    ],
)
def test_transfers_to_armed_groups_located_in_a_country_are_not_state_transfers(events_of, text):
    assert _transfers(events_of, text) == []


@pytest.mark.parametrize(
    ("text", "supplier", "recipient"),
    [
        ("Algeria is one of the largest buyers of Russian weapons.", "RUS", "DZA"),
        ("Russia is among the biggest arms suppliers to India.", "RUS", "IND"),
        ("France became a major arms supplier to Egypt.", "FRA", "EGY"),
    ],
)
def test_agent_nouns_after_one_of_among_and_become_make_a_transfer(events_of, text, supplier, recipient):
    assert {"supplier": [supplier], "recipient": [recipient]} in _transfers(events_of, text)


def test_a_supplier_of_goods_that_are_not_arms_makes_no_transfer(events_of):
    assert _transfers(events_of, "Russia is the main supplier of gas to Hungary.") == []


def test_a_titled_leader_judging_a_sale_makes_his_country_the_supplier(events_of):
    text = "Chancellor Merz admitted it was a mistake to sell tanks to Qatar."
    assert _transfers(events_of, text) == [{"supplier": ["DEU"], "recipient": ["QAT"]}]


def test_an_attempted_transfer_is_reported_not_planned(events_of):
    events = events_of("Two firms attempted to import a shipment of arms from Cuba to North Korea in 2013.")
    assert [(e[1], e[2]) for e in events if e[0] == TRANSFER] == [
        ({"recipient": ["PRK"], "supplier": ["CUB"]}, "reported")
    ]


def test_model_designations_stay_in_item_names(analyse):
    events = analyse("India received the first Su-30 jets from Russia. Turkey received F-35s from the US.")["events"]
    assert [e["items"] for e in events] == [["Su-30 jets"], ["F-35s"]]


def test_a_consignment_via_a_third_country_names_the_intermediary(analyse):
    events = analyse("Police intercepted a consignment of Czech rifles to Sudan via Chad.")["events"]
    assert events[0]["roles"] == {"supplier": ["CZE"], "recipient": ["SDN"], "intermediary": ["TCD"]}


@pytest.mark.parametrize(
    ("text", "supplier"),
    [
        ("Russia used drones supplied by Iran to strike Kyiv.", "IRN"),
        ("Russia launched missiles made by North Korea at Kharkiv.", "PRK"),
    ],
)
def test_fielded_weapons_supplied_or_made_by_another_country_make_a_transfer(events_of, text, supplier):
    assert _transfers(events_of, text) == [{"supplier": [supplier], "recipient": ["RUS"]}]


def test_a_non_state_buyer_acting_for_a_country_makes_that_country_the_recipient(events_of):
    text = "The network procured UAV components from China for Iran's drone program."
    assert _transfers(events_of, text) == [{"supplier": ["CHN"], "recipient": ["IRN"]}]


def test_a_state_buyer_is_the_recipient_even_with_a_for_phrase(events_of):
    text = "Germany bought rifles from Switzerland for its own army."
    assert _transfers(events_of, text) == [{"supplier": ["CHE"], "recipient": ["DEU"]}]


def test_transporting_arms_is_a_supplier_verb(events_of):
    assert _transfers(events_of, "Iran transported missiles to Russia by sea.") == [
        {"supplier": ["IRN"], "recipient": ["RUS"]}
    ]


def test_a_critic_of_a_sale_is_not_made_its_supplier(events_of):
    text = "Beijing has repeatedly protested. China imposed sanctions on Lockheed Martin over arms sales to Taiwan."
    assert _transfers(events_of, text) == []


@pytest.mark.parametrize(
    ("text", "supplier", "recipient"),
    [
        ("Israel is the top buyer of Azerbaijani oil and a major seller of drones to Baku.", "ISR", "AZE"),
        ("Russia, Mali's main arms supplier, has sent more jets.", "RUS", "MLI"),
        ("Iran is believed to have supplied Sudan's army with Mohajer drones.", "IRN", "SDN"),
    ],
)
def test_conjoined_and_appositive_agent_nouns_and_with_on_the_object(events_of, text, supplier, recipient):
    assert _transfers(events_of, text) == [{"supplier": [supplier], "recipient": [recipient]}]
