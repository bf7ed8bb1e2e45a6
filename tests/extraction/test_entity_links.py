"""Parties named bare keep the country they were introduced with (``extraction/entity_links.py``)."""

VIOLATION = "sanctions_violation"
IMPOSITION = "sanctions_imposition"


def test_a_firm_introduced_with_its_country_violates_for_it_later(events_of):
    text = (
        "Today, OFAC designated Turkey-based Falcon Trading Group. "
        "Falcon Trading Group is attempting to flout UN sanctions on North Korea."
    )
    violations = [e[1] for e in events_of(text) if e[0] == VIOLATION]
    assert violations == [{"violator": ["TUR"], "counterparty": ["PRK"]}]


def test_a_bracketed_acronym_stands_for_the_named_firm(events_of):
    text = "Iranian firm Arya Shipping Lines (ASL) owns twenty tankers. Canada sanctioned ASL on Monday."
    assert [e[1] for e in events_of(text) if e[0] == IMPOSITION] == [{"imposer": ["CAN"], "target": ["IRN"]}]


def test_a_name_introduced_with_two_countries_stands_for_none(events_of):
    text = "Iranian firm Arya Trading owns ships. Turkish firm Arya Trading owns banks. Arya Trading evaded sanctions."
    assert [e for e in events_of(text) if e[0] == VIOLATION] == []


def test_designating_a_group_as_terrorists_is_no_sanction_on_a_country(events_of):
    text = "The State Department designated Colombia's National Liberation Army as a terrorist organization."
    assert [e for e in events_of(text) if e[0] == IMPOSITION] == []
