"""What moved: whether a noun phrase names military hardware.

Three tests, all data (``data/events.json`` arms words, ``data/items.json``):

* weapon words and two-word terms ("corvette", "patrol boats", "attack aircraft");
* model designations by pattern ("Su-35", "T-90", "F-16s", "K9", "Type 054A"), so a new
  designation needs no new entry;
* generic goods ("equipment", "hardware", "technology", "systems", "aircraft") only when the
  phrase or its sentence is military ("military equipment", "... makes up most of its arsenal").
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from spacy.tokens import Token

from .lexicon import load_data, word_set


@cache
def _designation_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in load_data("items")["designation_patterns"])


@cache
def _strong_words() -> frozenset[str]:
    return word_set("events", "arms_strong_words") | word_set("items", "weapon_nouns")


@cache
def _context_words() -> frozenset[str]:
    return word_set("events", "arms_context_words")


@cache
def _phrases() -> frozenset[str]:
    return word_set("events", "arms_phrases") | word_set("items", "weapon_phrases")


def is_designation(token: Token) -> bool:
    """A model designation: "Su-35", "F-16s", "K9", "054A" after "Type". The shape decides, not the
    entity label: small models tag "F-16s" as a date and "K9" as a place."""
    text = token.text
    if text in load_data("items")["not_designations"]:
        return False
    if any(p.match(text) for p in _designation_patterns()):
        return True
    previous = token.doc[token.i - 1] if token.i > 0 else None
    return bool(
        text[:1].isdigit()
        and previous is not None
        and previous.lower_ in word_set("items", "designation_prefixes")
        and previous.is_title
    )


def _forms(token: Token) -> set[str]:
    """The word, its lemma and, for names the lemmatiser keeps plural ("Rafales"), the singular."""
    forms = {token.lower_, token.lemma_.lower()}
    if token.pos_ == "PROPN" and token.lower_.endswith("s"):
        forms.add(token.lower_[:-1])
    return forms


def is_weapon_word(token: Token) -> bool:
    """A word that names hardware on its own ("howitzer", "corvettes", "T-90")."""
    return bool(_forms(token) & _strong_words()) or is_designation(token)


def _pair_forms(first: Token, second: Token) -> set[str]:
    return {f"{a} {b}" for a in _forms(first) for b in _forms(second)}


def military_context(token: Token) -> bool:
    """Whether the sentence around ``token`` is about the military ("army", "arsenal", "war")."""
    context = word_set("items", "military_context_words") | _strong_words()
    sentence = token.sent
    if any(_forms(t) & context for t in sentence):
        return True
    return any(_pair_forms(a, b) & context for a, b in pairwise(sentence))


def _generic_in_context(token: Token) -> bool:
    return bool(_forms(token) & word_set("items", "generic_nouns")) and military_context(token)


def names_weapon(noun: Token) -> bool:
    """Whether this noun itself is hardware ("shells", "Leopard 2 tanks", "military equipment",
    "patrol boats", "Su-35s", "equipment" in a sentence about an army)."""
    if _civilian(noun):
        return False  # "medical equipment" beside tanks is not hardware
    if is_weapon_word(noun):
        return True
    # A coordinated weapon noun in front ("ammunition and logistics support") is an item of its
    # own, not what makes the head military.
    modifiers = [
        c
        for c in noun.children
        if c.dep_ in ("amod", "compound", "nmod") and not (c.pos_ == "NOUN" and _coordinated(c) and is_weapon_word(c))
    ]
    if any(_forms(m) & (_context_words() | _strong_words()) or is_designation(m) for m in modifiers):
        return True
    if any(_pair_forms(m, noun) & _phrases() for m in modifiers):
        return True
    return _generic_in_context(noun)


def _coordinated(token: Token) -> bool:
    return token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children)


def _civilian(noun: Token) -> bool:
    """ "medical equipment", "humanitarian supplies": a civilian modifier names civilian goods."""
    civilian = word_set("items", "civilian_modifiers")
    return any(c.dep_ in ("amod", "compound", "nmod") and _forms(c) & civilian for c in noun.children)


def without_contained(names: list[str]) -> list[str]:
    """The item names without any that another one ends with, word for word, in the singular or
    plural: "howitzers" beside "K9 howitzers" says nothing more, nor "Strv 122 tank" after
    "Strv 122 tanks" (the first spelling stays); "UAVs" beside "UAV components" is another thing."""
    keys = [" " + " ".join(word.removesuffix("s") for word in name.lower().split()) + " " for name in names]
    kept = []
    for index, (name, own) in enumerate(zip(names, keys, strict=True)):
        longer = any(own != other and other.endswith(own) for other in keys)
        if not longer and own not in keys[:index]:
            kept.append(name)
    return kept


def is_arms(phrase: Token, exclude: frozenset[int] | set[int] = frozenset()) -> bool:
    """Whether the phrase headed by ``phrase`` names weapons: a weapon word or designation, a
    military modifier on any word ("lethal aid"), a two-word term, or generic goods in a military
    sentence. "non-weapons" is not."""
    tokens = [t for t in phrase.subtree if t.i not in exclude]
    if any(t.lower_ == "non" for t in tokens):
        return False
    if any(_forms(t) & (_strong_words() | _context_words()) or is_designation(t) for t in tokens):
        return True
    if any(_pair_forms(a, b) & _phrases() for a, b in pairwise(tokens)):
        return True
    return any(_generic_in_context(t) for t in tokens if t.i == phrase.i or t.dep_ == "conj")
