"""A lone look-alike contradicting the article's event is read as that event (``extraction/contradictions.py``)."""

from extraction.contradictions import look_alike


def test_korea_and_sudan_pairs_look_alike_and_unrelated_states_do_not():
    assert look_alike("KOR", "PRK")
    assert look_alike("SDN", "SSD")
    assert not look_alike("KOR", "JPN")
    assert not look_alike("USA", "GBR")  # "United" says nothing


def test_a_garbled_look_alike_supplier_does_not_found_a_second_event(analyse):
    text = (
        "Russia is buying artillery shells from North Korea. "
        "Russia also bought rockets from North Korea last year. "
        "Officials said Russia bought millions of shells from South Korea."
    )
    events = analyse(text)["events"]
    assert [e["roles"] for e in events] == [{"supplier": ["PRK"], "recipient": ["RUS"]}]


def test_a_second_supplier_that_is_no_look_alike_stays_its_own_event(analyse):
    text = (
        "Russia is buying artillery shells from North Korea. "
        "Russia also bought rockets from North Korea last year. "
        "Russia bought drones from Iran."
    )
    suppliers = [e["roles"]["supplier"] for e in analyse(text)["events"]]
    assert suppliers == [["PRK"], ["IRN"]]
