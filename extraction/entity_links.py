"""Firms and people named again later in the article keep the country they were introduced with.

Treasury releases and sanctions stories introduce a party once with its nationality ("OFAC
designated Turkey-based SIA Falcon International Group (SIA Falcon)", "Taiwanese company Billions
Bunker Group", "Aung Moe Myint, a Burmese arms dealer") and then name it bare ("SIA Falcon is
attempting to flout UN sanctions"). A name (or the acronym in brackets after it) introduced with
exactly one country stands for that country wherever the article repeats it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from .appositions import misattached_apposition

if TYPE_CHECKING:
    from .actors import ActorResolver

_USER_DATA_KEY = "entity_countries"
_LINKED_LABELS = frozenset({"ORG", "PERSON", "FAC"})


def linked_countries(tokens: Iterable[Token], actors: ActorResolver) -> list[str]:
    """Countries of the named parties among ``tokens`` (and their conjuncts) from the article."""
    doc = actors.doc
    names = _entity_countries(doc, actors)
    found: dict[str, None] = {}
    for token in tokens:
        for part in (token, *(c for c in token.children if c.dep_ == "conj")):
            code = names.get(_key_at(doc, part.i))
            if code:
                found[code] = None
    return list(found)


def _entity_countries(doc: Doc, actors: ActorResolver) -> dict[str, str]:
    if _USER_DATA_KEY not in doc.user_data:
        countries: dict[str, set[str]] = {}
        for ent in doc.ents:
            if ent.label_ not in _LINKED_LABELS:
                continue
            codes = set(_introduced_with(ent, actors))
            for key in (_key(ent.text), _acronym_after(ent)):
                if key and codes:
                    countries.setdefault(key, set()).update(codes)
        doc.user_data[_USER_DATA_KEY] = {key: next(iter(c)) for key, c in countries.items() if len(c) == 1}
    return doc.user_data[_USER_DATA_KEY]


def _introduced_with(ent: Span, actors: ActorResolver) -> list[str]:
    """The country an entity's own phrase gives it: modifiers ("Turkey-based X", "Taiwanese company
    X") or an apposition ("X, a Burmese arms dealer")."""
    root = ent.root
    codes = actors.of_phrase(root)
    if not codes and root.dep_ == "appos":
        codes = actors.of_phrase(root.head)
    if not codes:
        codes = actors.codes(c for c in root.children if c.dep_ == "appos" and not misattached_apposition(c))
    return codes


def _acronym_after(ent: Span) -> str:
    """ "Islamic Republic of Iran Shipping Lines (IRISL)": the bracketed short name."""
    doc = ent.doc
    after = doc[ent.end : ent.end + 4]
    texts = [t.text.strip("*") for t in after]
    if len(texts) >= 3 and texts[0] == "(" and ")" in texts[2:]:
        inner = "".join(texts[1 : texts.index(")", 2)])
        return _key(inner)
    return ""


def _key_at(doc: Doc, i: int) -> str:
    token = doc[i]
    if token.ent_type_ not in _LINKED_LABELS:
        # A short name the model did not read as an organisation ("SSB" as a product) is its own key.
        return _key(token.text) if token.pos_ == "PROPN" and token.is_upper else ""
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return _key(doc[start:end].text)


def _key(text: str) -> str:
    return " ".join(text.replace("*", " ").split()).lower()
