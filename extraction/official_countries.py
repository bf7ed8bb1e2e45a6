"""The country an official serves when the title names none.

In order: a leader's own country (``data/leaders.json``); a possessive title ("his deputy" -> the
country of the official just named, "its head" -> the country of the body "its" stands for); a
list of officials with one country ("Ukrainian Prime Minister A, Finance Minister B and ..."); the
dateline ("WASHINGTON -"); then the article's usual country, marked as inferred. Never the nearest
country of the sentence: "President Lula met ministers angry over the sale to Chile" says
nothing of Lula's country.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from spacy.tokens import Doc, Span, Token

from vocabulary.countries import country_records
from vocabulary.person_names import is_royal_title

from .country_mentions import names_no_actor
from .datelines import dateline_tokens
from .gazetteer import COUNTRY_SPANS, span_codes
from .lexicon import load_data
from .person import Person

_SPEECH_VERBS = frozenset({"say", "tell", "state", "add", "insist", "stress"})


@cache
def _country_titles() -> list[tuple[re.Pattern[str], str]]:
    titles = load_data("titles")["country_titles"]
    return [
        (re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE), code)
        for code, phrases in titles.items()
        for phrase in phrases
    ]


def title_country(title: str) -> str | None:
    """The country of a title only one government uses ("Foreign Secretary", "Secretary of State")."""
    return next((code for pattern, code in _country_titles() if pattern.search(title)), None)


@cache
def _leaders() -> tuple[dict[str, str], dict[str, str]]:
    """(full name -> country, one-word name -> country), case-folded."""
    full: dict[str, str] = {}
    single: dict[str, str] = {}
    for code, names in load_data("leaders")["leaders"].items():
        for name in names:
            (single if len(name.split()) == 1 else full)[name.casefold()] = code
    return full, single


def leader_country(name: str) -> str | None:
    """The country a listed leader leads (led): by full name, else by the surname alone."""
    full, single = _leaders()
    key = name.casefold()
    if key in full:
        return full[key]
    return single.get(key.split()[-1]) if key.split() else None


def assign_countries(doc: Doc, persons: list[Person]) -> str | None:
    """Sets the country of every official whose title named none; returns the article's usual
    country of officials (what a headline's officials fall back to)."""
    # Titles say which country an article's officials serve; a leader named in passing does not.
    explicit = Counter(p.country for p in persons if p.official and p.country and p.title)
    dominant = _dominant_country(doc)
    home = min(explicit, key=lambda c: (-explicit[c], c != dominant, c)) if explicit else dominant
    countries = [span for span in doc.spans[COUNTRY_SPANS] if not part_of_a_place_name(span)]
    dateline = _dateline_country(doc, countries)
    for person in persons:
        if not person.official or person.country is not None:
            continue
        person.country = (
            leader_country(person.name)
            or _possessor_country(doc, person, [p for p in persons if p is not person], countries)
            or _listed_with(doc, person, persons)
            or _speaks_for(doc, person, countries)
            or _if_used(dateline, person.title)
        )
        # A monarch's title says whose, an international body's official serves none: no guess.
        if person.country is None and not _royal(person) and not _international(person.title):
            fallback = _if_used(home, person.title) or _most_named(countries, person.title)
            person.country, person.country_inferred = fallback, True
    return home


def part_of_a_place_name(span: Span) -> bool:
    """ "Jersey City", "New Jersey": a place named after a country is not that country."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return names_no_actor(span) or (before is not None and before.text == "New")


def _international(title: str | None) -> bool:
    return bool(title) and any(pattern.search(title) for pattern in _international_bodies())


@cache
def _international_bodies() -> list[re.Pattern[str]]:
    return [re.compile(rf"(?<!\w){re.escape(name)}(?!\w)") for name in load_data("titles")["international_bodies"]]


def _royal(person: Person) -> bool:
    return bool(person.title) and is_royal_title(person.title.split()[-1])


def _if_used(code: str | None, title: str | None) -> str | None:
    """The country, unless its government has no such title (no US "minister")."""
    unused = load_data("titles")["unused_titles"].get(code or "", [])
    head = (title or "").lower().split()
    return None if code is None or any(word in head for word in unused) else code


def _most_named(countries: list[Span], title: str | None) -> str | None:
    """The country the article names most often that has such a title, if one leads."""
    named = Counter(span.label_ for span in countries if _if_used(span.label_, title))
    ranked = named.most_common(2)
    leads = ranked and ranked[0][1] > 1 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1])
    return ranked[0][0] if leads else None


def _speaks_for(doc: Doc, person: Person, countries: list[Span]) -> str | None:
    """ "Beijing has no information ..., said a foreign ministry spokesman, Geng Shuang": the
    government whose seat is the subject of what the official says."""
    seats = _seats()
    at = {i: span for span in countries for i in range(span.start, span.end) if span.text in seats}
    for i in person.token_ids:
        token = doc[i]
        while token.dep_ in ("appos", "compound", "flat") and token.head.i != token.i:
            token = token.head
        if token.dep_ != "nsubj" or token.head.lemma_.lower() not in _SPEECH_VERBS:
            continue
        for clause in (c for c in token.head.children if c.dep_ == "ccomp"):
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.i in at:
                return at[subject.i].label_
    return None


@cache
def _seats() -> frozenset[str]:
    return frozenset(seat for record in country_records() for seat in record.seats)


def _dateline_country(doc: Doc, countries: list[Span]) -> str | None:
    """The country of the place a story was filed from ("WASHINGTON -", "SEOUL, Sept 13 --")."""
    inside = dateline_tokens(doc)
    return next((s.label_ for s in countries if s.start in inside and s.start < 12), None)


def _listed_with(doc: Doc, person: Person, persons: list[Person]) -> str | None:
    """ "met Ukrainian Prime Minister A, Ambassador B and Finance Minister C": an official in a list
    whose first member's title gives the country."""
    for token in (doc[i] for i in sorted(person.token_ids)):
        first = token
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        if first is token:
            continue
        owner = next((p for p in persons if first.i in p.token_ids and p is not person), None)
        if owner is not None and owner.official and owner.country and not owner.country_inferred:
            return owner.country
    return None


def _possessor_country(doc: Doc, person: Person, earlier: list[Person], countries: list[Span]) -> str | None:
    """'His deputy, X': the country of the official named last before; 'its head, X': the
    country of the body "its" stands for ("Turkey's procurement agency and its head"), else none."""
    possessive = person.title.split()[0].lower() if person.title else ""
    if person.title_token_ids:
        start = min(person.title_token_ids)
        if start >= 2 and doc[start - 1].lower_ == "'s":  # "Putin's spokesman" (quotes are cleaned)
            owner = next((p for p in earlier if start - 2 in p.token_ids), None)
            if owner is not None:
                return owner.country if owner.official else None
    if possessive in ("his", "her") and person.title_token_ids:
        start = min(person.title_token_ids)
        before = [
            (max(i for i in p.token_ids if i < start), p)
            for p in earlier
            if p.official and p.country and any(i < start for i in p.token_ids)
        ]
        return max(before, key=lambda pair: pair[0])[1].country if before else None
    if possessive in ("its", "their") and person.title_token_ids and countries:
        its = doc[min(person.title_token_ids)]
        body = next((t for t in reversed(doc[its.sent.start : its.i]) if t.pos_ in ("NOUN", "PROPN")), None)
        if body is None:
            return None
        codes = span_codes(countries)
        # The body's own modifier ("Turkey's agency"), else where the same noun was last so tied.
        for token in reversed(doc[: body.i + 1]):
            if token.lemma_ == body.lemma_:
                owner = next((codes[c.i] for c in token.subtree if c.i in codes and c.i < token.i), None)
                if owner:
                    return owner
    return None


def _dominant_country(doc: Doc) -> str | None:
    """The country the article is mostly about as an actor: most often the head or modifier of
    a clause subject, then most often named. Officials whose title names no country belong to it."""
    spans = [span for span in doc.spans.get(COUNTRY_SPANS, []) if not part_of_a_place_name(span)]
    codes = span_codes(spans)
    as_subject = Counter(codes[t.i] for t in doc if t.i in codes and _in_subject(t))
    named = Counter(span.label_ for span in spans)
    # A country named once, and not as a subject, is no article's usual country.
    named = Counter({code: n for code, n in named.items() if n > 1 or as_subject[code]})
    if not named:
        return None
    return min(named, key=lambda code: (-as_subject[code], -named[code], code))


def _in_subject(token: Token) -> bool:
    while token.dep_ in ("compound", "poss", "amod", "conj", "appos") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")
