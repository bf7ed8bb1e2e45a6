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
