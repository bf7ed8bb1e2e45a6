"""Plain-text news files: the first line is the title when it reads like a headline."""

from __future__ import annotations

import pytest

from ingestion.parsing import split_headline

BODY = "PARIS — France said on Monday it would deliver six more howitzers.\n\nThe first arrived last week."


def test_a_short_first_line_without_a_full_stop_is_the_title():
    title, body = split_headline(f"France to send more howitzers to Ukraine\n\n{BODY}")
    assert title == "France to send more howitzers to Ukraine"
    assert body == BODY


def test_leading_blank_lines_and_spaces_are_skipped_before_the_headline():
    title, body = split_headline(f"\n\n  Arms Embargo Extended  \n{BODY}")
    assert (title, body) == ("Arms Embargo Extended", BODY)


@pytest.mark.parametrize(
    "first_line",
    [
        "France said on Monday it would deliver six more howitzers to Ukraine.",
        "France said on Monday it would deliver six more howitzers to Ukraine, officials said,",
        "The following was announced:",
        "the minister said the shipment left port in the morning",
        "Officials in Paris, Berlin and Rome said on Monday that they would discuss the new deliveries "
        "of howitzers, rockets and armoured vehicles at the summit next week in Brussels",
    ],
    ids=["full stop", "comma", "colon", "lower case", "too long"],
)
def test_a_first_line_that_reads_like_a_sentence_is_not_a_title(first_line):
    text = f"{first_line}\n\n{BODY}"
    assert split_headline(text) == ("", text)


def test_a_single_line_text_has_no_title():
    assert split_headline("Russia receives drones from Iran") == ("", "Russia receives drones from Iran")
