"""Datelines, bylines and photo credits: text that names where a story was filed or who made it,
not who acted ("SEOUL, Sept 13 (Yonhap) -- North Korea has supplied ..."). Patterns are data
(``data/datelines.json``); they match at the head of a paragraph only."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from .gazetteer import ORIGINAL_TEXT_KEY
from .lexicon import load_data

_HOME_KEY = "dateline_country"


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in load_data("datelines")["paragraph_heads"])


def dateline_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens inside a dateline, byline or photo credit of ``doc``."""
    found: set[int] = set()
    start = 0
    # Re-cased all-capitals copy is matched as given ("SAN SALVADOR, 3 MAY 90 (AFP) --").
    for paragraph in (doc.user_data.get(ORIGINAL_TEXT_KEY) or doc.text).split("\n"):
        head = paragraph.lstrip()
        offset = start + len(paragraph) - len(head)
        for pattern in _patterns():
            if (match := pattern.match(head)) and not _a_capitalised_sentence(match, head):
                span = doc.char_span(offset, offset + match.end(), alignment_mode="expand")
                if span is not None:
                    found.update(range(span.start, span.end))
        start += len(paragraph) + 1
    return found


def _a_capitalised_sentence(match: re.Match[str], paragraph: str) -> bool:
    """In all-capitals copy ("CUBA SENT ARMS - OFFICIALS SAID") only a head with a date or an
    agency ("SAN SALVADOR, 12 JAN 90 (ACAN-EFE) --") is a dateline."""
    head = match.group()
    return paragraph[match.end() :].isupper() and "(" not in head and not any(c.isdigit() for c in head)


def dateline_country(doc: Doc) -> str | None:
    """The country of the article's first dateline ("WASHINGTON --" is the United States, "SEOUL,
    March 3 (Yonhap) --" South Korea): where a government statement or a domestic wire story
    comes from."""
    if _HOME_KEY not in doc.user_data:
        inside = dateline_tokens(doc)
        spans = [s for s in doc.spans.get("countries", []) if s.start in inside]
        doc.user_data[_HOME_KEY] = min(spans, key=lambda s: s.start).label_ if spans else None
    return doc.user_data[_HOME_KEY]
