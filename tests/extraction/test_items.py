"""Which noun phrases name military hardware (extraction/items.py)."""

import pytest

from extraction import items


def _token(nlp, text: str, word: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Algeria ordered 14 Su-35 jets.", "Su-35"),
        ("The army lost several T-90 tanks.", "T-90"),
        ("Turkey received F-16s last year.", "F-16s"),
        ("Poland bought K9 howitzers.", "K9"),
        ("China built two Type 054A frigates.", "054A"),
    ],
)
def test_model_designations_are_recognised_by_pattern(nlp, text, word):
    assert items.is_designation(_token(nlp, text, word))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The G20 met in Rome.", "G20"),
        ("Sales rose in Q3 last year.", "Q3"),
        ("The COVID-19 pandemic slowed trade.", "COVID-19"),
    ],
)
def test_groups_quarters_and_diseases_are_not_designations(nlp, text, word):
    assert not items.is_designation(_token(nlp, text, word))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Japan exported patrol boats to Manila.", "boats"),
        ("Egypt ordered four corvettes.", "corvettes"),
        ("Poland wants light attack aircraft.", "aircraft"),
        ("The Kremlin shipped mortar rounds.", "rounds"),
        ("Iran sent military technology.", "technology"),
    ],
)
def test_hardware_beyond_the_arms_word_list_is_a_weapon(nlp, text, word):
    assert items.names_weapon(_token(nlp, text, word))


def test_generic_goods_are_weapons_only_in_a_military_sentence(nlp):
    military = _token(nlp, "Russian-supplied equipment makes up most of the army's arsenal.", "equipment")
    civilian = _token(nlp, "The company supplied equipment to hospitals.", "equipment")
    assert items.names_weapon(military)
    assert not items.names_weapon(civilian)


def test_non_weapons_phrase_is_not_arms(nlp):
    doc = nlp("They made non-weapons sales of aircraft parts.")
    assert not items.is_arms(next(t for t in doc if t.text == "sales"))


def test_a_plural_platform_name_is_a_weapon(nlp):
    assert items.names_weapon(_token(nlp, "The Emirates purchased 80 Rafales from France.", "Rafales"))
