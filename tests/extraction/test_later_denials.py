"""A denial in a later clause answers only the claim it refers back to (``later_denials.py``)."""


def test_a_party_denying_the_reports_makes_the_event_an_allegation(events_of):
    events = events_of("Iran sold drones to Russia last year. Tehran has denied the reports.")
    assert [e[2] for e in events] == ["alleged"]


def test_a_denial_answers_only_the_event_its_denier_is_party_to(events_of):
    text = "Iran sold drones to Russia. Iran also sold rifles to Sudan. Khartoum rejected the allegations."
    assert [(e[1], e[2]) for e in events_of(text)] == [
        ({"supplier": ["IRN"], "recipient": ["RUS"]}, "reported"),
        ({"supplier": ["IRN"], "recipient": ["SDN"]}, "alleged"),
    ]


def test_an_event_stated_after_the_denial_is_not_denied(events_of):
    text = "Iran sold drones to Russia. Moscow denied the reports. Iran also sold rifles to Sudan."
    assert [e[2] for e in events_of(text)] == ["alleged", "reported"]


def test_a_claim_denied_in_an_apposition_is_an_allegation(events_of):
    text = "Russia sold tanks to Mali. Russia also sold rifles to Chad, a claim Chad denied."
    assert [e[2] for e in events_of(text)] == ["reported", "alleged"]


def test_a_denial_far_after_the_event_refers_to_nothing(events_of):
    text = (
        "Iran sold drones to Russia. The war went on. Talks stalled. Prices rose. Winter came. "
        "Moscow denied the reports."
    )
    assert [e[2] for e in events_of(text)] == ["reported"]


def test_a_denial_by_a_third_country_changes_nothing(events_of):
    text = "Iran sold drones to Russia. France rejected the claims of a ceasefire."
    assert [e[2] for e in events_of(text)] == ["reported"]
