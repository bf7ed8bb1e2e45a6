"""What counts as a person's name: one rule for extraction and for the People table.

:func:`person_name` turns a candidate ("Gen Oleksandr Syrskyi", "Retired", "General Purpose")
into the name to keep ("Oleksandr Syrskyi") or ``None`` when it is no person's name:

* courtesy titles, ranks and offices in front are dropped ("Sir Keir Starmer" -> "Keir Starmer");
  a royal title before a lone regnal name stays ("King Abdullah", "Queen Margrethe II");
* a word that heads organisation, place, document or product names, or is a job title, is never
  part of a name ("Electric Co", "General Assembly", "State", "League", "Judge");
* a single word is a name only when it is a leader's known surname ("Putin", "President Trump")
  or, with a title, not a common English word ("President Mendoza", not "General Purpose").

:func:`surname_match` finds the fullest form of a surname-only mention among names. Words:
``data/person_names.json``; common words: ``data/common_words.txt.gz`` (the WordNet 3.0 lemma
lists as spaCy's English lemmatizer ships them); leaders: ``extraction/data/leaders.json``, the
one list of heads of state and government the project keeps.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
LEADERS_FILE = Path(__file__).parent.parent / "extraction" / "data" / "leaders.json"
_ROMAN_NUMERALS = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"})
_SUFFIXES = frozenset({"jr", "sr"})


@cache
def _words(key: str) -> frozenset[str]:
    data = json.loads((DATA_DIR / "person_names.json").read_text(encoding="utf-8"))
    return frozenset(word.lower() for word in data[key])


@cache
def common_words() -> frozenset[str]:
    """Lower-case English words of three letters or more (WordNet 3.0 lemmas)."""
    with gzip.open(DATA_DIR / "common_words.txt.gz", "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


@cache
def leader_surnames() -> frozenset[str]:
    """Surnames of the listed leaders, lower-case: "trump", "putin", "assad"."""
    leaders = json.loads(LEADERS_FILE.read_text(encoding="utf-8"))["leaders"]
    return frozenset(name.split()[-1].lower() for names in leaders.values() for name in names)


def _bare(word: str) -> str:
    return word.lower().strip(".,'\u2019")


def is_leading_title(word: str) -> bool:
    """A courtesy title, rank or office that may precede a name and is not part of it ("Gen", "Sir")."""
    return _bare(word) in _words("leading_titles")


def is_non_name_word(word: str) -> bool:
    """A word that heads organisation, place, document or product names or is a job title."""
    return _bare(word) in _words("non_name_words")


def is_royal_title(word: str) -> bool:
    """A royal title, part of a monarch's name before a lone regnal name ("King" Abdullah)."""
    return _bare(word) in _words("royal_titles")


def person_name(text: str, *, titled: bool = False) -> str | None:
    """The name to keep for a candidate person name, or None when it is not one.

    ``titled``: the text gave the person a title ("President Trump"), which lets one word stand."""
    words = text.replace("\u2019", "'").split()
    royal = None
    while words and (_bare(words[0]) in _words("leading_titles") or _bare(words[0]) in _words("royal_titles")):
        if _bare(words[0]) in _words("royal_titles"):
            royal = (royal + " " if royal else "") + words[0]
        words.pop(0)
        titled = True
    while words and (_bare(words[-1]) in _SUFFIXES or words[-1] in ("-", ",")):
        words.pop()
    if not words or any(is_non_name_word(w) for w in words):
        return None
    # A name typed in lower case ("kim yo-jong") is a name; in running text a name is capitalised.
    if any(not _looks_like_a_name_word(w, typed=text.islower()) for w in words):
        return None
    given = [w for w in words if _bare(w) not in _ROMAN_NUMERALS]
    if royal and len(given) == 1:
        return f"{royal} {' '.join(words)}"  # "King Abdullah II": the regnal name needs its title
    if len(given) == 1:
        word = _bare(given[0])
        if word not in leader_surnames() and (not titled or word in common_words()):
            return None
    return " ".join(words)


def _looks_like_a_name_word(word: str, *, typed: bool = False) -> bool:
    """Capitalised letters (with hyphens, apostrophes, initials' dots), or a name particle."""
    if _bare(word) in _words("particles"):
        return True
    head, _, rest = word.partition("-")
    if rest and _bare(head) in _words("particles"):
        word = rest  # "al-Assad"
    letters = word.replace("-", "").replace("'", "").replace(".", "")
    return bool(letters) and letters.isalpha() and (typed or word[0].isupper())


def surname_match(name: str, fuller: Iterable[str]) -> str | None:
    """The one fuller name that ``name`` (one word) is the surname of ("Trump" -> "Donald Trump",
    "Assad" -> "Bashar al-Assad"), else the given name of ("Piotr" -> "Piotr Zalewski"); None when
    there is no such name or more than one."""
    if len(name.split()) != 1:
        return None
    key = name.casefold()
    longer = [other for other in dict.fromkeys(fuller) if len(other.split()) > 1]
    for part in (_last_word, _first_word):
        found = {other for other in longer if part(other) == key}
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def _last_word(name: str) -> str:
    last = name.split()[-1].casefold()
    head, _, tail = last.partition("-")
    return tail if tail and head in _words("particles") else last  # "al-Assad" -> "assad"


def _first_word(name: str) -> str:
    return name.split()[0].casefold()
