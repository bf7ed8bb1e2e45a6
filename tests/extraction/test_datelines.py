"""Datelines, bylines and photo credits name no actor (``extraction/datelines.py``)."""

import pytest

from extraction.datelines import dateline_tokens


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("SEOUL, Sept. 13 - North Korea fired a missile.", "SEOUL, Sept. 13 -"),
        ("NEW YORK (AP) — The council met.", "NEW YORK (AP) —"),
        ("SAN SALVADOR, 12 JAN 90 (ACAN-EFE) -- THE ARMY ATTACKED.", "SAN SALVADOR, 12 JAN 90 (ACAN-EFE) --"),
        ("**WASHINGTON** \u2013 Today the Treasury acted.", "**WASHINGTON** \u2013"),
        ("By Kim Min-ji\n\nThe navy sailed.", "By Kim Min-ji"),
        ("LIMA (PERU), 4 FEB 90 (RADIO SERVICE) -- THE NAVY SAILED.", "LIMA (PERU), 4 FEB 90 (RADIO SERVICE) --"),
    ],
)
def test_a_paragraph_head_naming_where_or_by_whom_is_a_dateline(nlp, text, head):
    doc = nlp.make_doc(text)
    assert "".join(doc[i].text_with_ws for i in sorted(dateline_tokens(doc))).strip() == head


@pytest.mark.parametrize(
    "text",
    [
        "CUBA SENT ARMS - OFFICIALS SAID.",
        "Russia - the main buyer - paid in cash.",
        "The ship left Seoul on Sept. 13 - a Tuesday.",
    ],
)
def test_sentences_with_dashes_are_not_datelines(nlp, text):
    assert dateline_tokens(nlp.make_doc(text)) == set()


def test_a_dateline_city_is_neither_an_event_party_nor_an_actor(analyse):
    result = analyse("SEOUL, Sept. 13 - North Korea has supplied artillery shells to Russia.")
    assert [e["roles"] for e in result["events"]] == [{"supplier": ["PRK"], "recipient": ["RUS"]}]
    assert "KOR" not in result["countries"]
