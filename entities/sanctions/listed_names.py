"""How lists write several names, or a country, inside one name: brackets ("DAEDONG CREDIT BANK
(DCB)"), joint listings ("BANK SEPAH AND BANK SEPAH INTERNATIONAL") and "… of Russia".
Pure Python; matching builds its candidates with these."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from vocabulary.countries import resolve_country

# "X and X International": the second name repeats the whole first one, so the listing names an
# organisation and its offshoot together. Two words at least, so "Johnson and Johnson" stays whole.
JOINT_LISTING = re.compile(r"^(?P<first>\S+(?:\s+\S+)+?)\s+(?:and|&)\s+(?P<second>(?P=first)\b.*)$", re.IGNORECASE)
# The words after the last "of" in "Sberbank of Russia", "Central Bank of the Islamic Republic of Iran".
OF_PLACE = re.compile(r"\bof\s+(?:the\s+)?([^()\-,;]+)$", re.IGNORECASE)
MAX_COUNTRY_WORDS = 4


def split_bracketed(names: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Names with the bracketed parts dropped, and those parts: "DAEDONG CREDIT BANK (DCB)" gives
    "DAEDONG CREDIT BANK" and, as a weak name (short codes are ambiguous), "DCB"."""
    plain, bracketed = [], []
    for name in names:
        inner = re.findall(r"\(([^()]{2,})\)", name)
        plain.append(re.sub(r"\s*\([^()]*\)\s*", " ", name).strip() or name if inner else name)
        bracketed += inner
    return tuple(dict.fromkeys(plain)), tuple(dict.fromkeys(bracketed))


def with_joint_listings(names: Iterable[str]) -> tuple[str, ...]:
    """The names, each joint listing followed by the names it joins ("BANK SEPAH AND BANK SEPAH
    INTERNATIONAL" → also "BANK SEPAH" and "BANK SEPAH INTERNATIONAL")."""
    expanded = []
    for name in names:
        expanded.append(name)
        if match := JOINT_LISTING.match(name.strip()):
            expanded += [match["first"], match["second"]]
    return tuple(dict.fromkeys(expanded))


@lru_cache(maxsize=200_000)
def country_named_in(name: str) -> str | None:
    """ISO3 of the country an organisation's name places it in ("JSC SBERBANK OF RUSSIA" → RUS,
    "Bank of China Limited" → CHN); None when the name names none."""
    match = OF_PLACE.search(name)
    if not match:
        return None
    words = match.group(1).split()
    for size in range(min(MAX_COUNTRY_WORDS, len(words)), 0, -1):
        # Title case: all-capital list names must not read as country codes ("OF AM" is not Armenia).
        if found := resolve_country(" ".join(words[:size]).title()):
            return found
    return None
