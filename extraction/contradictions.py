"""Events whose roles contradict the rest of the article.

Garbled wire copy and slips of the pen name a look-alike country once ("from South Korea. North
to use them" in a story that everywhere else says North Korea). A complete mention whose event is
stated in one sentence only, that differs in a single role from an event the article states
several times, and whose country there shares its name's key word with that event's ("South
Korea" / "North Korea", "Sudan" / "South Sudan") is read as that event, with low confidence,
instead of founding a second event.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from typing import TYPE_CHECKING

from vocabulary.countries import country_records

if TYPE_CHECKING:
    from .mentions import EventMention

# Confidence lost by a mention read as the article's established event.
CONTRADICTION_PENALTY = 0.3
# Words that many country names share and that tell no two countries apart.
_GENERIC_WORDS = frozenset(
    {
        "republic",
        "democratic",
        "people's",
        "peoples",
        "united",
        "states",
        "kingdom",
        "islands",
        "island",
        "federal",
        "federation",
        "north",
        "south",
        "east",
        "west",
        "new",
        "saint",
        "the",
        "of",
        "and",
        "state",
    }
)


@cache
def _name_words() -> dict[str, frozenset[str]]:
    words: dict[str, frozenset[str]] = {}
    for record in country_records():
        names = (record.name, *record.aliases)
        found = {w for n in names for w in re.findall(r"[\w']+", n.lower()) if len(w) > 3}
        words[record.iso3] = frozenset(found - _GENERIC_WORDS)
    return words


def look_alike(first: str, second: str) -> bool:
    """Whether two countries' names share a key word ("South Korea", "North Korea")."""
    words = _name_words()
    return first != second and bool(words.get(first, frozenset()) & words.get(second, frozenset()))


def fold_look_alikes(mentions: list[EventMention]) -> None:
    """Read lone mentions that contradict an established event as that event, in place."""
    groups: dict[tuple, list[EventMention]] = defaultdict(list)
    for mention in mentions:
        if mention.complete:
            groups[(mention.type, mention.core())].append(mention)
    support = {key: len({m.sentence.start for m in group}) for key, group in groups.items()}
    for key, group in groups.items():
        if support[key] != 1:
            continue
        for other in groups:
            if other[0] != key[0] or support[other] < 2:
                continue
            differing = [(role, a, b) for (role, a), (_, b) in zip(key[1], other[1], strict=True) if a != b]
            if len(differing) == 1 and _alike(*differing[0][1:]):
                for mention in group:
                    mention.roles[differing[0][0]] = list(differing[0][2])
                    mention.confidence -= CONTRADICTION_PENALTY
                break


def _alike(lone: tuple[str, ...], established: tuple[str, ...]) -> bool:
    return len(lone) == len(established) == 1 and look_alike(lone[0], established[0])
