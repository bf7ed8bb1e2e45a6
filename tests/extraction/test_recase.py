"""All-capitals copy re-cased for the parser (``extraction/recase.py``)."""

from extraction.recase import is_all_capitals, recase

WIRE = "LIMA, 4 FEB 90 (EFE) -- THE PERUVIAN ARMY HAS BOUGHT 12 HELICOPTERS FROM THE U.S. GOVERNMENT, OFFICIALS SAID."


def test_all_capitals_copy_keeps_its_length_and_reads_in_ordinary_case(nlp):
    recased = recase(WIRE, nlp)
    assert len(recased) == len(WIRE)
    assert recased.startswith("Lima, 4 Feb 90 (EFE) -- The Peruvian army has bought 12 helicopters from the U.S.")


def test_unknown_long_words_are_names_and_short_ones_acronyms(nlp):
    text = "THE FMLN SAID COMMANDER VILLALOBOS SHIPPED RIFLES TO THE GUERRILLAS IN THE NORTH OF THE COUNTRY."
    recased = recase(text, nlp)
    assert "FMLN" in recased
    assert "Villalobos" in recased
    assert "shipped rifles" in recased


def test_ordinary_copy_and_capitalised_headlines_in_it_are_left_alone(nlp):
    text = "NORTH KOREA SENDS TROOPS\n\nNorth Korea has sent troops to Russia, officials in Seoul said on Monday."
    assert not is_all_capitals(text)
    assert recase(text, nlp) == text


def test_an_event_in_all_capitals_copy_is_found_and_quoted_as_given(analyse):
    text = (
        "MOSCOW, 3 MAY 90 (TASS) -- THE SOVIET UNION HAS DELIVERED 20 FIGHTER JETS TO SYRIA, "
        "THE DEFENCE MINISTRY SAID ON THURSDAY. THE JETS ARRIVED IN DAMASCUS LAST WEEK."
    )
    events = analyse(text, published="1990-05-03")["events"]
    assert [(e["type"], e["roles"]["supplier"], e["roles"]["recipient"]) for e in events] == [
        ("arms_transfer", ["SUN"], ["SYR"])
    ]
    assert events[0]["evidence"].startswith("MOSCOW, 3 MAY 90 (TASS) -- THE SOVIET UNION HAS DELIVERED")


def test_an_officials_sentence_in_all_capitals_copy_is_quoted_as_given(analyse):
    text = (
        "MOSCOW, 3 MAY 90 (TASS) -- THE SOVIET UNION HAS DELIVERED 20 FIGHTER JETS TO SYRIA, "
        "DEFENCE MINISTER DMITRY YAZOV SAID ON THURSDAY."
    )
    result = analyse(text, published="1990-05-03")
    sentences = [o["evidence"] for event in result["events"] for o in event["officials"]]
    assert sentences, result
    assert all(sentence in text for sentence in sentences)
