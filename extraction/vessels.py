"""Named vessels in event sentences: name, IMO number (when given and valid) and flag country.

News names ships after a prefix ("MV Ocean Star", "M/T Sea Breeze") or a vessel noun ("the tanker
Ocean Star", "a Panama-flagged vessel called 'Yuk Tung'"); IMO numbers follow ("IMO 9321483") and
flags precede ("Panama-flagged", "flagged in Togo", "under the Togolese flag"). Patterns are data
(``data/vessels.json``); countries resolve through the shared gazetteer. Pure Python, no spaCy.
"""

from __future__ import annotations

import re
from functools import cache

from vocabulary.countries import resolve_country

from .lexicon import load_data

# A name word: capitalised or all capitals, or a number ("Sea Breeze 2"); up to five of them.
QUOTES = "\"'\u2018\u2019\u201c\u201d"
NAME_WORD = r"(?:[A-Z][\w'\u2019.-]*|\d{1,4})"
NAME = rf"[{QUOTES}]?(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,4}})[{QUOTES}]?"
IMO_NUMBER = re.compile(r"\bIMO(?:\s+(?:number|no\.?))?[\s:#]*(?P<imo>\d{7})\b", re.IGNORECASE)
FLAG_BEFORE = re.compile(r"(?P<flag>[A-Z][\w.' -]*?)-flagged\s*$")
FLAG_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:flagged in|registered in|sailing under the|under the) "
    r"(?P<flag>[A-Z][\w' -]*?)(?: flag\b|[,.;)]|$)"
)
IMO_SEARCH_WINDOW = 80  # characters after a name in which its IMO number is looked for


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_data("vessels")
    prefixes = "|".join(re.escape(p) for p in sorted(data["prefixes"], key=len, reverse=True))
    nouns = "|".join(re.escape(n) for n in sorted(data["vessel_nouns"], key=len, reverse=True))
    with_prefix = re.compile(rf"(?<![\w/])(?:{prefixes})\s+{NAME}")
    # "the tanker Ocean Star", "a vessel called 'Ocean Star'", "the ship named Ocean Star"
    after_noun = re.compile(rf"\b(?:{nouns})(?:,?\s+(?:called|named|known as))?,?\s+{NAME}")
    return with_prefix, after_noun


def is_valid_imo(number: str) -> bool:
    """IMO ship numbers end in a check digit: the first six digits weighted 7 to 2, summed, mod 10."""
    if not re.fullmatch(r"\d{7}", number):
        return False
    return sum(int(d) * w for d, w in zip(number[:6], range(7, 1, -1), strict=True)) % 10 == int(number[6])


def _trim(name: str) -> str:
    """The name without trailing words that start the rest of the sentence ("Ocean Star In July");
    "" when the words after a vessel noun are a phrase, not a name."""
    stopwords = set(load_data("vessels")["name_stopwords"])
    words = name.split()
    if words and words[0] in stopwords:
        return ""  # "the tanker In July …": a phrase follows the noun, not a name
    while words and words[-1] in stopwords:
        words.pop()
    return " ".join(words).strip(f".,{QUOTES}")


def _flag(text: str, start: int, end: int) -> str | None:
    before = FLAG_BEFORE.search(text[max(0, start - 60) : start].rstrip(" ,"))
    if before is None:
        # "a Panama-flagged tanker Ocean Star": the flag sits before the noun that led to the name.
        before = re.search(r"(?P<flag>[A-Z][\w.' -]*?)-flagged\b", text[max(0, start - 60) : start])
    after = FLAG_AFTER.search(text[end:])
    for found in (before, after):
        if found and (
            country := resolve_country(found.group("flag").split()[-1]) or resolve_country(found.group("flag"))
        ):
            return country
    return None


def vessels_in(text: str) -> list[dict]:
    """Vessels named in ``text`` (an event's sentences), in order of first mention, each once:
    ``{"name", "imo" (valid 7-digit number or None), "flag" (ISO3 or None)}``."""
    found: dict[str, dict] = {}
    matches = sorted((m for pattern in _patterns() for m in pattern.finditer(text)), key=lambda m: m.start("name"))
    for match in matches:
        name = _trim(match.group("name"))
        if not name or name.isdigit() or resolve_country(name):
            continue
        end = match.end("name")
        imo = IMO_NUMBER.search(text[end : end + IMO_SEARCH_WINDOW])
        vessel = found.setdefault(name.casefold(), {"name": name, "imo": None, "flag": None})
        if imo and is_valid_imo(imo.group("imo")) and vessel["imo"] is None:
            vessel["imo"] = imo.group("imo")
        vessel["flag"] = vessel["flag"] or _flag(text, match.start(), end)
    return list(found.values())
