import pytest

TRANSFER = "arms_transfer"


@pytest.mark.parametrize(
    ("text", "supplier", "recipient"),
    [
        ("Belarus received 20 fighter jets from China last month.", "CHN", "BLR"),
        ("Moscow bought ammunition from Pyongyang on Monday.", "PRK", "RUS"),
        ("Egypt has acquired attack helicopters from France.", "FRA", "EGY"),
        ("Algeria imported Russian submarines.", "RUS", "DZA"),
    ],
)
def test_buyer_is_recipient_and_seller_is_supplier(events_of, text, supplier, recipient):
    assert (TRANSFER, {"recipient": [recipient], "supplier": [supplier]}) in [e[:2] for e in events_of(text)]


@pytest.mark.parametrize(
    ("text", "supplier", "recipient"),
    [
        ("Russia sold S-400 missile systems to India.", "RUS", "IND"),
        ("Iran has delivered hundreds of drones to Russia.", "IRN", "RUS"),
        ("Germany will supply Ukraine with air defence systems.", "DEU", "UKR"),
        ("Spain sent tanks and howitzers to Ukraine.", "ESP", "UKR"),
        ("Britain dispatched anti-tank weapons to Estonia on Friday.", "GBR", "EST"),
        ("Iran has funnelled rockets to Syria for years.", "IRN", "SYR"),
        ("The United States provides Israel billions of dollars in military aid.", "USA", "ISR"),
    ],
)
def test_sender_is_supplier_and_to_object_is_recipient(events_of, text, supplier, recipient):
    assert (TRANSFER, {"recipient": [recipient], "supplier": [supplier]}) in [e[:2] for e in events_of(text)]


def test_passive_transfer_takes_the_agent_as_supplier(events_of):
    events = events_of("The tanks were sold to Egypt by France in 2019.")
    assert [e[:2] for e in events] == [(TRANSFER, {"recipient": ["EGY"], "supplier": ["FRA"]})]


@pytest.mark.parametrize(
    ("text", "supplier", "recipient"),
    [
        ("Analysts tracked Serbia's arms sales to Cyprus.", "SRB", "CYP"),
        ("Venezuela's purchases of Russian rifles continued.", "RUS", "VEN"),
        ("Deliveries of drones from Iran to Russia have increased.", "IRN", "RUS"),
        ("Washington announced deliveries of rocket launchers to Kyiv.", "USA", "UKR"),
    ],
)
def test_nominal_transfers_read_possessives_adjectives_and_prepositions(events_of, text, supplier, recipient):
    assert (TRANSFER, {"recipient": [recipient], "supplier": [supplier]}) in [e[:2] for e in events_of(text)]


def test_shipment_of_another_countrys_arms_makes_the_shipper_an_intermediary(events_of):
    events = events_of("Officials discussed a Greek shipment of French arms to Armenia.")
    assert events[0][1] == {"intermediary": ["GRC"], "recipient": ["ARM"], "supplier": ["FRA"]}


def test_origin_adjective_and_location_give_a_transfer(events_of):
    events = events_of("Inspectors found the Turkish-made drones deployed in Libya.")
    assert events[0][:2] == (TRANSFER, {"recipient": ["LBY"], "supplier": ["TUR"]})


def test_object_control_makes_the_accused_the_supplier(events_of):
    events = events_of("Britain accused Iran of supplying ballistic missiles to Russia.")
    assert [e[:2] for e in events] == [(TRANSFER, {"recipient": ["RUS"], "supplier": ["IRN"]})]


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan sold wheat to Afghanistan.",
        "The United States licensed sales of computer equipment to Iran.",
        "Kenya sent troops to Haiti.",
        "There had been non-weapons sales to Iran, officials said.",
    ],
)
def test_transfers_of_goods_that_are_not_weapons_are_ignored(events_of, text):
    assert events_of(text) == []


def test_transfer_without_a_known_supplier_is_not_an_event(events_of):
    assert events_of("Such purchases of artillery shells were expected, officials said.") == []


def test_items_and_quantities_are_extracted(analyse):
    event = analyse("Iran sent 100 Shahed drones and millions of artillery shells to Russia.")["events"][0]
    assert event["items"] == ["Shahed drones", "artillery shells"]
    assert event["quantity"] == "100"


def test_first_person_plural_in_a_quote_is_the_speakers_country(events_of):
    text = '"We are not selling weapons to Armenia," Turkish Foreign Minister Selim Aksoy told reporters.'
    assert events_of(text)[0][:2] == (TRANSFER, {"recipient": ["ARM"], "supplier": ["TUR"]})


def test_taking_delivery_makes_the_subject_the_recipient(events_of):
    events = events_of("Turkey took delivery of the first S-400 batteries from Russia.")
    assert [e[:2] for e in events] == [(TRANSFER, {"recipient": ["TUR"], "supplier": ["RUS"]})]


def test_governing_passive_subject_is_the_actor(events_of):
    events = events_of("Sudan is expected to receive drones from Iran.")
    assert events == [(TRANSFER, {"recipient": ["SDN"], "supplier": ["IRN"]}, "planned")]


def test_ordinal_words_are_not_part_of_item_names(analyse):
    event = analyse("Turkey took delivery of the first S-400 batteries from Russia.")["events"][0]
    assert event["items"] == ["S-400 batteries"]


def test_security_assistance_counts_as_a_weapons_transfer(events_of):
    events = events_of("Canada has provided $2 billion in security assistance to Ukraine.")
    assert [e[:2] for e in events] == [(TRANSFER, {"recipient": ["UKR"], "supplier": ["CAN"]})]


def test_parts_of_a_foreign_system_come_from_its_maker(events_of):
    events = events_of("Turkey received the first parts of the Russian S-400 air defence system on Friday.")
    assert [e[:2] for e in events] == [(TRANSFER, {"recipient": ["TUR"], "supplier": ["RUS"]})]


def test_vague_quantities_are_kept_as_written(analyse):
    event = analyse("Russia may buy literally millions of artillery shells and rockets from Laos.")["events"][0]
    assert event["quantity"] == "millions"
    assert event["items"] == ["artillery shells", "rockets"]


def test_it_after_a_named_company_is_not_an_earlier_country(events_of):
    text = "Peru thanked its allies. Acme Defense Corp said it would ship rifles to Peru."
    assert events_of(text) == []


def test_from_names_the_supplier_when_the_sender_is_not_a_state(events_of):
    events = events_of("Smugglers shipped rifles from Serbia to Libya.")
    assert [e[:2] for e in events] == [(TRANSFER, {"recipient": ["LBY"], "supplier": ["SRB"]})]


def test_ordering_weapons_is_a_planned_purchase(events_of):
    events = events_of("Poland ordered 250 Abrams tanks from the United States.")
    assert events == [(TRANSFER, {"recipient": ["POL"], "supplier": ["USA"]}, "planned")]


def test_in_order_to_is_not_an_order(events_of):
    events = events_of("Russia bought shells from Laos in order to sustain its offensive.")
    assert events[0][2] == "reported"


def test_via_names_an_intermediary(events_of):
    events = events_of("Iran shipped drones to Russia via Belarus.")
    assert events[0][1] == {"intermediary": ["BLR"], "recipient": ["RUS"], "supplier": ["IRN"]}


def test_contributing_weapons_worth_a_sum_to_a_country_is_a_transfer(events_of):
    events = events_of("Norway is contributing air defence systems worth NOK 2 billion to Ukraine.")
    assert [e[1] for e in events] == [{"supplier": ["NOR"], "recipient": ["UKR"]}]


def test_a_sum_in_weapons_received_is_a_transfer(events_of):
    events = events_of("Kyiv will get a further $1.2bn in weapons from Washington.")
    assert [e[1] for e in events] == [{"supplier": ["USA"], "recipient": ["UKR"]}]


def test_notifying_a_sale_makes_the_notifier_the_supplier(events_of):
    events = events_of("The State Department notified Congress of a proposed $300 million sale of missiles to Taiwan.")
    assert [e[1] for e in events] == [{"supplier": ["USA"], "recipient": ["TWN"]}]


def test_a_sum_in_military_aid_approved_for_a_country_is_a_planned_transfer(events_of):
    events = events_of("The U.S. Congress approved 85 million dollars in military aid for the Honduran armed forces.")
    assert events == [("arms_transfer", {"supplier": ["USA"], "recipient": ["HND"]}, "planned")]


def test_a_ditransitive_recipient_parsed_as_a_modifier_of_the_weapons_is_the_recipient(events_of):
    assert [e[1] for e in events_of("Turkey sold Nigeria attack helicopters.")] == [
        {"supplier": ["TUR"], "recipient": ["NGA"]}
    ]
