"""Stage 3 (people): named persons, their job titles and countries; who is an official.

A person is an official when one of their mentions carries an official title,
either before the name ("State Department deputy spokeswoman Lena Ortiz")
or in apposition ("Chile's ambassador to the United Nations, Valdis
Orrantia"). Titles anchor names too, which corrects names the statistical NER
labels as organisations. Surname-only and first-name-only mentions join the
fullest name of the article.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from vocabulary.countries import resolve_country

from .gazetteer import AFFILIATION_SPANS, COUNTRY_SPANS, ORGANISATION_SPANS, TITLE_SPANS, span_codes
from .lexicon import word_set

# Dependencies that end a title phrase standing in apposition after a name.
_TITLE_STOP_DEPS = frozenset({"relcl", "conj", "cc", "acl", "punct", "advcl"})
# Punctuation that, followed by a space, separates a dateline or a heading from a title
# ("MOSCOW, June 3 - Soviet Foreign Minister"; not "vice-president").
_TITLE_BREAKS = frozenset({"-", "\u2013", "\u2014", ":"})
_NAME_PARTICLES = frozenset({"bin", "al", "van", "von", "de", "da", "el", "-"})


@dataclass
class Person:
    """One individual of an article, with every token index of every mention."""

    name: str
    token_ids: set[int] = field(default_factory=set)
    mentions: int = 0
    title: str | None = None
    title_token_ids: set[int] = field(default_factory=set)
    official: bool = False
    non_official: bool = False
    country: str | None = None
    country_inferred: bool = False


def _clean_name_span(span: Span) -> Span | None:
    tokens = [t for t in span if not (t.is_punct and t.text != "-") and t.lower_ not in ("'s", "'")]
    while tokens and not tokens[0].text[:1].isupper():
        tokens.pop(0)
    if not tokens:
        return None
    return span.doc[tokens[0].i : tokens[-1].i + 1]


def _is_name_token(token: Token, blocked: set[int]) -> bool:
    return token.i not in blocked and (
        (token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha)
        or (token.lower_ in _NAME_PARTICLES and token.i + 1 < len(token.doc))
    )


def _name_chain(head: Token, blocked: set[int]) -> Span | None:
    """The proper-noun run ending at ``head``: "Valdis Orrantia" from "Orrantia"."""
    if not _is_name_token(head, blocked):
        return None
    start = head.i
    while start > 0 and _is_name_token(head.doc[start - 1], blocked):
        start -= 1
    while head.doc[start].lower_ in _NAME_PARTICLES:
        start += 1
    return head.doc[start : head.i + 1] if start <= head.i else None


def _trimmed(doc: Doc, start: int, end: int) -> Span | None:
    """A title span without what merely precedes or follows it: determiners, dates, a dateline
    ("MOSCOW, June 3 - Soviet Foreign Minister") and punctuation."""
    breaks = [i for i in range(start, end) if doc[i].text in _TITLE_BREAKS and doc[i].whitespace_]
    start = breaks[-1] + 1 if breaks else start
    while start < end and (doc[start].dep_ in ("det", "punct", "prep") or _is_date_word(doc[start])):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end] if start < end else None


def _is_date_word(token: Token) -> bool:
    # NER sometimes stretches a date over a following demonym ("May 4 - Peruvian").
    return token.ent_type_ in ("DATE", "TIME") and resolve_country(token.text) is None


def _title_before(name: Span) -> Span | None:
    """The noun-phrase material left of the name: "North Korean leader" in
    "Peruvian President Luis Soto"."""
    left = [
        child
        for token in name
        for child in token.lefts
        if child.i < name.start and child.dep_ not in ("det", "punct", "case")
    ]
    if not left:
        return None
    return _trimmed(name.doc, min(child.left_edge.i for child in left), name.start)


def _title_in_apposition(name: Span) -> Span | None:
    """A title in apposition, after ("Name, Britain's ambassador to X, said") or before
    ("Russia's ambassador to the UN, Name, said") the name."""
    head = name.root
    for child in head.rights:
        if child.dep_ == "appos":
            stops = [c.left_edge.i for c in child.rights if c.dep_ in _TITLE_STOP_DEPS]
            return _trimmed(name.doc, child.left_edge.i, min([child.right_edge.i + 1, *stops]))
    if head.dep_ == "appos" and head.head.i < name.start:
        return _trimmed(name.doc, head.head.left_edge.i, name.start)
    return None


class PersonResolver:
    """Collects persons and officials into ``doc._.persons``; ``doc._.person_country`` maps
    every token of an official's mention to the official's country."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.company_markers = word_set("titles", "company_markers")
        self.generic_heads = word_set("titles", "generic_heads")
        if not Doc.has_extension("persons"):
            Doc.set_extension("persons", default=None)
            Doc.set_extension("person_country", default=None)
            Doc.set_extension("home_country", default=None)

    def __call__(self, doc: Doc) -> Doc:
        country_at = span_codes(doc.spans.get(COUNTRY_SPANS, []))
        for group in (ORGANISATION_SPANS, AFFILIATION_SPANS):
            country_at.update(span_codes(doc.spans.get(group, [])))
        titles = {i: span.label_ for span in doc.spans.get(TITLE_SPANS, []) for i in range(span.start, span.end)}
        blocked = set(country_at) | set(titles)
        names = self._candidate_names(doc, titles, blocked)
        persons = self._group(names)
        for person in persons.values():
            self._qualify(person, names, titles, country_at)
        ordered = sorted(persons.values(), key=lambda p: min(p.token_ids))
        explicit = Counter(p.country for p in ordered if p.official and p.country)
        dominant = _dominant_country(doc)
        # Officials whose title names no country belong to the article's usual one.
        fallback = min(explicit, key=lambda c: (-explicit[c], c != dominant, c)) if explicit else dominant
        doc._.home_country = fallback
        for n, person in enumerate(ordered):
            if person.official and person.country is None:
                person.country = _possessor_country(person, ordered[:n], list(doc.spans[COUNTRY_SPANS]))
                if person.country is None:
                    person.country, person.country_inferred = fallback, True
        doc._.persons = ordered
        doc._.person_country = {i: p.country for p in ordered if p.official and p.country for i in p.token_ids}
        return doc

    def _candidate_names(self, doc: Doc, titles: dict[int, str], blocked: set[int]) -> list[Span]:
        spans: dict[tuple[int, int], Span] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                name = _clean_name_span(ent)
                if name is not None and not any(t.i in blocked for t in name):
                    spans[(name.start, name.end)] = name
        # Title-anchored names, whatever NER label they got: "spokesman X Y", "ambassador ..., X Y".
        for i in sorted(titles):
            token = doc[i]
            heads = [token.head] if token.dep_ in ("compound", "nmod", "amod") else []
            heads += [child for child in token.children if child.dep_ == "appos"]
            if token.dep_ == "appos":
                heads.append(token.head)
            for head in heads:
                name = _name_chain(head, blocked)
                if name is not None and not any((s.start <= name.start < s.end) for s in spans.values()):
                    spans[(name.start, name.end)] = name
        return sorted(spans.values(), key=lambda s: s.start)

    @staticmethod
    def _group(names: list[Span]) -> dict[str, Person]:
        """One Person per full name; single-word mentions join the full name sharing that word."""
        persons: dict[str, Person] = {}
        for name in sorted(names, key=lambda s: (-len(s), s.start)):
            text = name.text
            words = text.split()
            key = text
            if len(words) == 1:
                key = next(
                    (k for k in persons if len(k.split()) > 1 and words[0] in (k.split()[0], k.split()[-1])),
                    text,
                )
            person = persons.setdefault(key, Person(name=key))
            person.token_ids.update(range(name.start, name.end))
            person.mentions += 1
        return persons

    def _heads_a_private_body(self, title: Span, country_at: dict[int, str]) -> bool:
        """ "director of the Arms Control Institute": a generic head noun over an organisation that
        is neither a state body nor tied to a country in the title."""
        return (
            title.root.lower_ in self.generic_heads
            and any(t.ent_type_ == "ORG" for t in title)
            and not any(t.i in country_at for t in title)
        )

    def _qualify(self, person: Person, names: list[Span], titles: dict[int, str], country_at: dict[int, str]) -> None:
        for name in names:
            if name.start not in person.token_ids:
                continue
            for title in (_title_before(name), _title_in_apposition(name)):
                if title is None:
                    continue
                labels = {titles[t.i] for t in title if t.i in titles}
                # The parser may split "Acme Corp vice-president": look just before the title too.
                context = title.doc[max(title.sent.start, title.start - 3) : title.end]
                if (
                    "non_official" in labels
                    or any(t.lower_ in self.company_markers for t in context)
                    or self._heads_a_private_body(title, country_at)
                ):
                    person.non_official = True
                elif "official" in labels:
                    country = next((country_at[t.i] for t in title if t.i in country_at), None)
                    # The first title wins unless only a later one says which country.
                    if person.title is None or (person.country is None and country):
                        person.title, person.country = title.text, country
                    person.title_token_ids.update(range(title.start, title.end))
                    person.official = True
        if person.non_official:
            person.official = False


def _possessor_country(person: Person, earlier: list[Person], countries: list[Span]) -> str | None:
    """'His deputy, X': the country of the official named last before; 'its head, X': the
    country named last before the title."""
    possessive = person.title.split()[0].lower() if person.title else ""
    if possessive in ("his", "her"):
        return next((p.country for p in reversed(earlier) if p.official and p.country), None)
    if possessive in ("its", "their") and person.title_token_ids:
        start = min(person.title_token_ids)
        return next((span.label_ for span in reversed(countries) if span.end <= start), None)
    return None


def _dominant_country(doc: Doc) -> str | None:
    """The country the article is mostly about as an actor: most often the head or modifier of
    a clause subject, then most often named. Officials whose title names no country belong to it."""
    codes = span_codes(doc.spans.get(COUNTRY_SPANS, []))
    as_subject = Counter(codes[t.i] for t in doc if t.i in codes and _in_subject(t))
    named = Counter(span.label_ for span in doc.spans.get(COUNTRY_SPANS, []))
    if not named:
        return None
    return min(named, key=lambda code: (-as_subject[code], -named[code], code))


def _in_subject(token: Token) -> bool:
    while token.dep_ in ("compound", "poss", "amod", "conj", "appos") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


@Language.factory("person_resolver")
def make_person_resolver(nlp: Language, name: str) -> PersonResolver:
    return PersonResolver(name)


def officials_of(doc: Doc, home_country: str | None = None) -> list[dict]:
    """Contract records for the officials of an annotated doc, in order of first mention.
    ``home_country`` replaces guessed countries (a headline's officials belong to its article's)."""
    return [
        {
            "name": p.name,
            "country": home_country if p.country_inferred and home_country else p.country,
            "title": p.title,
            "mentions": p.mentions,
        }
        for p in doc._.persons
        if p.official
    ]
