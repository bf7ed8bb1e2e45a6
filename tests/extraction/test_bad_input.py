import pytest

from extraction import ExtractionError, extract, extract_batch
from extraction.api import MAX_TEXT_CHARS

GOOD = "Iran has shipped hundreds of drones to Russia, officials said on Monday."
GERMAN = (
    "Die Bundesregierung hat am Montag beschlossen, weitere Panzer an die Ukraine zu liefern. "
    "Der Verteidigungsminister sagte, die Lieferung solle noch in diesem Monat beginnen."
)


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_or_whitespace_text_raises_a_clear_error(nlp, text):
    with pytest.raises(ExtractionError, match="empty"):
        extract(text)


def test_text_over_the_size_limit_raises_without_parsing(nlp):
    with pytest.raises(ExtractionError, match="too large"):
        extract("word " * (5 * 1024 * 1024 // 5 + 1))
    assert MAX_TEXT_CHARS < 5 * 1024 * 1024


def test_non_english_text_names_the_detected_language(nlp):
    with pytest.raises(ExtractionError, match=r"not English \(detected language: de\)"):
        extract(GERMAN)


def test_undecodable_bytes_smuggled_into_a_string_raise(nlp):
    broken = b"Iran sold drones \xff\xfe to Russia".decode("utf-8", errors="surrogateescape")
    with pytest.raises(ExtractionError, match="UTF-8"):
        extract(broken)


def test_non_string_text_raises(nlp):
    with pytest.raises(ExtractionError, match="string"):
        extract(b"Iran sold drones to Russia")  # type: ignore[arg-type]


def test_extraction_error_is_a_value_error():
    assert issubclass(ExtractionError, ValueError)


def test_html_passed_as_plain_text_is_reduced_to_its_article(nlp):
    html = (
        "<html><body><div class='menu'>Home News Sport</div><article><p>"
        + GOOD
        + " The drones were sent by sea, the officials added in a statement on Monday.</p>"
        + "</article></body></html>"
    )
    result = extract(html, "2024-03-14")
    assert result["events"][0]["roles"] == {"supplier": ["IRN"], "recipient": ["RUS"]}
    assert "<p>" not in result["events"][0]["evidence"]


def test_a_batch_reports_bad_items_and_processes_the_rest(nlp):
    items = [
        {"id": "ok", "text": GOOD, "published": "2024-03-14", "title": None},
        {"id": "empty", "text": ""},
        {"id": "no-text"},
        {"id": "german", "text": GERMAN},
        "not a dict",
        {"id": "ok-too", "text": GOOD},
    ]
    results = list(extract_batch(items))
    assert [r.get("id") for r in results] == ["ok", "empty", "no-text", "german", None, "ok-too"]
    assert [("error" in r) for r in results] == [False, True, True, True, True, False]
    assert "no 'text'" in results[2]["error"]
    assert results[0]["events"] and results[5]["events"]


def test_the_same_input_always_gives_the_same_output(nlp):
    items = [{"id": str(n), "text": GOOD + " Belarus bought rifles from China."} for n in range(3)]
    first, second = list(extract_batch(items)), list(extract_batch(items))
    assert first == second
    assert first[0] == {**first[1], "id": "0"}
