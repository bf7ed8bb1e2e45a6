"""Arbitrary input never crashes the pipeline: it gives a result or a clear ExtractionError."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction import ExtractionError, clean_text, extract

WORDS = st.sampled_from(
    [
        "Iran",
        "sold",
        "drones",
        "to",
        "Russia",
        "the",
        "sanctions",
        "on",
        "Chile",
        "Moscow",
        "said",
        ",",
        ".",
        "not",
        "would",
        "from",
        "President",
        "Ana",
        "Ruiz",
        "<p>",
        "\n\n",
        "\u201c",
        "'s",
        "-",
        "embargo",
        "violated",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, max_size=40).map(" ".join))
def test_word_salad_gives_a_result_or_a_clear_error(nlp, text):
    try:
        result = extract(text, "2024-03-14")
    except ExtractionError:
        return
    assert set(result) == {"countries", "officials", "events"}
    for event in result["events"]:
        assert 0 <= event["confidence"] <= 1
        assert event["evidence"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_cleaning_accepts_any_string(text):
    assert isinstance(clean_text(text), str)
