"""The language of a text, for ingestion (stored, flagged) and extraction (English only).

English news is recognised cheaply by the share of English function words, so the
common case never pays for langdetect (a few milliseconds per article); everything
else gets langdetect's verdict, seeded so that the same text always gets the same one.
"""

from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect

ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "to",
        "in",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "said",
        "by",
        "as",
        "at",
        "it",
        "from",
        "has",
        "had",
        "be",
        "are",
        "have",
        "were",
        "not",
        "will",
        "would",
        "this",
        "its",
        "their",
        "which",
        "who",
        "but",
        "or",
        "after",
        "against",
    ]
)
# Fewer words than this are too few for a verdict: "" (cannot tell).
MIN_WORDS_TO_JUDGE = 12
# Share of English function words from which a text is English; running English prose
# has about 40%, other Latin-script languages well under 5%.
ENGLISH_FUNCTION_WORD_SHARE = 0.12
SAMPLE_CHARS = 20_000
LANGDETECT_SAMPLE_CHARS = 5_000
# Letters only: digits and underscores are not words, accented and non-Latin letters are.
WORD = re.compile(r"[^\W\d_]+")

DetectorFactory.seed = 0  # langdetect is random unless seeded.


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; "" when it cannot be told (too short, no letters);
    "und" for a text mostly in a script langdetect does not know (Burmese, say)."""
    words = WORD.findall(text[:SAMPLE_CHARS].lower())
    if not words:
        return ""
    english = sum(word in ENGLISH_FUNCTION_WORDS for word in words)
    if len(words) >= MIN_WORDS_TO_JUDGE and english / len(words) >= ENGLISH_FUNCTION_WORD_SHARE:
        return "en"
    ascii_words = sum(word.isascii() for word in words)
    if len(words) < MIN_WORDS_TO_JUDGE and ascii_words == len(words):
        return ""
    try:
        return detect(text[:LANGDETECT_SAMPLE_CHARS])
    except LangDetectException:
        return "und" if ascii_words < len(words) / 2 else ""
