"""detect_language: English by its function words, other languages by langdetect, "" when it cannot tell."""

import pytest

from extraction import ExtractionError, extract
from extraction.language import detect_language

ENGLISH = (
    "The government said on Tuesday that it would send more air defence systems to its neighbour, "
    "and that the first deliveries were expected before the end of the year."
)
RUSSIAN = (
    "Министерство иностранных дел заявило во вторник, что новые санкции являются незаконными "
    "и что ответные меры будут приняты в ближайшее время."
)
FRENCH = (
    "Le gouvernement a annoncé mardi de nouvelles sanctions contre plusieurs entreprises accusées "
    "de livrer des drones, selon un communiqué publié par le ministère."
)


def test_english_prose_is_english():
    assert detect_language(ENGLISH) == "en"


@pytest.mark.parametrize(("text", "language"), [(RUSSIAN, "ru"), (FRENCH, "fr")])
def test_other_languages_get_their_code(text, language):
    assert detect_language(text) == language


def test_a_text_in_another_script_is_never_taken_for_english_however_short():
    assert detect_language("Новые санкции вводятся.") not in ("en", "")


@pytest.mark.parametrize("text", ["Drones shipped.", "12 345 678", "", "-- // --"])
def test_too_few_latin_words_cannot_be_told(text):
    assert detect_language(text) == ""


def test_the_same_text_always_gets_the_same_verdict():
    mixed = "Sanktionen sanctions санкции " * 5
    assert len({detect_language(mixed) for _ in range(5)}) == 1


def test_extraction_refuses_a_russian_article_naming_its_language(nlp):
    with pytest.raises(ExtractionError, match=r"not English \(detected language: ru\)"):
        extract(RUSSIAN)


def test_extraction_reads_a_short_headline_as_english(nlp):
    assert extract("Iran ships drones to Russia.")["countries"] == ["IRN", "RUS"]
