"""Which country mentions present the country as an actor.

A state organ that acts ("the State Department has determined", "OFAC designated") does, for
its country. Mentions that name no actor: part of a law's or agreement's title ("the
Iran-Libya Sanctions Act", "the Minsk agreements"), a city named after its country ("Mexico
City"), a weapon's make ("German-made tanks"), a ship's flag or registry, or a state's collapse
("the collapse of the Soviet Union"). Contexts are data (``data/non_actor_contexts.json``)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from .gazetteer import ORGANISATION_SPANS
from .lexicon import load_data, word_set

# How far a title may run from the country's name to its document noun.
_TITLE_REACH = 8


def names_no_actor(span: Span) -> bool:
    """Whether this country mention is only part of a name or a make."""
    doc = span.doc
    following = doc[span.end] if span.end < len(doc) else None
    cities = load_data("non_actor_contexts")["city_words"]
    if span[-1].text in cities or (following is not None and following.text in cities):
        return True
    if following is not None and following.text == "-" and span.end + 1 < len(doc):
        suffix = doc[span.end + 1].lower_
        if f"-{suffix}" in load_data("events")["origin_adjective_suffixes"] or suffix in _descriptor_suffixes():
            return True
    return _in_document_title(span) or _names_a_registry(span)


def _descriptor_suffixes() -> frozenset[str]:
    return word_set("non_actor_contexts", "descriptor_suffixes")


def _names_a_registry(span: Span) -> bool:
    """ "flying the flags of Panama, Belize and others", "registered in the Marshall Islands",
    "the collapse of the Soviet Union"."""
    if not span.doc.has_annotation("DEP"):
        return False
    head = span.root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ != "pobj":
        return False
    preposition = head.head
    heads = load_data("non_actor_contexts")["object_heads"].get(preposition.lower_, [])
    return preposition.head.lemma_.lower() in heads


def _in_document_title(span: Span) -> bool:
    """ "the Iran, North Korea, and Syria Nonproliferation Act": capitalised words (or fillers)
    from the name up to a document noun."""
    doc = span.doc
    documents = word_set("non_actor_contexts", "document_nouns")
    fillers = word_set("non_actor_contexts", "title_fillers")
    for token in doc[span.end : min(len(doc), span.end + _TITLE_REACH)]:
        if token.lower_ in documents:
            return True
        if not (token.is_title or token.is_upper or token.lower_ in fillers):
            return False
    return False


def state_organ_countries(doc: Doc, skipped: set[int]) -> Iterator[str]:
    """Countries of the acting state organs named outside officials' titles ("the Treasury
    Department", "the Bundeswehr"); the EU and the UN are not countries."""
    for span in doc.spans.get(ORGANISATION_SPANS, []):
        if len(span.label_) == 3 and not any(t.i in skipped for t in span):
            yield span.label_
