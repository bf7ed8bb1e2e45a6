"""One rule for what a person's name is, shared by extraction and the People table."""

from __future__ import annotations

import pytest

from vocabulary.person_names import person_name, surname_match


@pytest.mark.parametrize("junk", ["Purpose", "Judge", "State", "League", "Retired", "Assembly", "License"])
def test_a_common_noun_or_title_word_is_no_name_even_with_a_title(junk):
    assert person_name(junk, titled=True) is None


@pytest.mark.parametrize("junk", ["Electric Co", "Acme Holdings", "General Assembly", "Blocking Property"])
def test_organisation_and_document_words_are_never_part_of_a_name(junk):
    assert person_name(junk, titled=True) is None


def test_courtesy_titles_and_ranks_are_dropped_from_the_front():
    assert person_name("Sir Alan Whitby") == "Alan Whitby"
    assert person_name("Gen Mykola Petrenko") == "Mykola Petrenko"
    assert person_name("Retired Colonel Dana Price") == "Dana Price"


def test_a_royal_title_stays_before_a_lone_regnal_name():
    assert person_name("King Abdullah") == "King Abdullah"
    assert person_name("Queen Margrethe II") == "Queen Margrethe II"


def test_a_royal_with_a_full_name_is_named_without_the_title():
    assert person_name("Crown Prince Mohammed bin Salman") == "Mohammed bin Salman"


def test_a_single_word_needs_a_title_and_must_not_be_a_common_word():
    assert person_name("Mendoza", titled=True) == "Mendoza"
    assert person_name("Mendoza") is None
    assert person_name("Brown", titled=True) is None  # also "brown", the colour


def test_a_leaders_surname_stands_alone():
    assert person_name("Trump") == "Trump"
    assert person_name("Putin", titled=True) == "Putin"


def test_initials_particles_and_hyphens_belong_to_names():
    assert person_name("Janet L. Yellen") == "Janet L. Yellen"
    assert person_name("Bashar al-Assad") == "Bashar al-Assad"
    assert person_name("Kang Hoon-sik") == "Kang Hoon-sik"


def test_a_name_typed_in_lower_case_is_still_a_name():
    assert person_name("kim yo-jong") == "kim yo-jong"


def test_a_surname_joins_the_one_fuller_name_that_ends_with_it():
    assert surname_match("Trump", ["Donald Trump", "Mike Pence"]) == "Donald Trump"
    assert surname_match("Assad", ["Bashar al-Assad"]) == "Bashar al-Assad"


def test_a_first_name_joins_the_fuller_name_that_starts_with_it():
    assert surname_match("Piotr", ["Piotr Zalewski"]) == "Piotr Zalewski"


def test_a_surname_shared_by_two_fuller_names_joins_neither():
    assert surname_match("Smith", ["Jack Smith", "Ann Smith"]) is None
