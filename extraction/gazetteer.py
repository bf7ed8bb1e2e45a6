"""Rule components that mark countries, state organisations and job titles.

They are registered as spaCy factories and read their patterns from the data
files, so they can be added to any English pipeline (``spacy.blank("en")`` in
tests, the statistical model in production).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from vocabulary.countries import country_records

from .lexicon import load_data
from .qualify import parse_published

COUNTRY_SPANS = "countries"
ORGANISATION_SPANS = "organisations"
# Organisations tied to a country that do not act for it in events (intelligence services, councils).
AFFILIATION_SPANS = "affiliations"
# Major defence companies (``data/defence_companies.json``): they act for their home country in
# arms transfers, but their executives are not officials.
COMPANY_SPANS = "companies"
TITLE_SPANS = "titles"
# ``doc.user_data`` key for the publication date (ISO string), set before the pipeline runs.
PUBLISHED_KEY = "published"
# ``doc.user_data`` key for the text as given when the doc was analysed re-cased (``recase.py``).
ORIGINAL_TEXT_KEY = "original_text"


def _name_variants(name: str) -> set[str]:
    """Surface forms to match for one gazetteer name: as written, without a leading
    "the", and in capitals (wire headlines)."""
    forms = {name}
    if name.lower().startswith("the "):
        forms.add(name[4:])
    forms |= {form.upper() for form in forms if len(form) > 3}
    return forms


def country_patterns() -> dict[str, set[str]]:
    """ISO3 code -> every surface form the gazetteer matches for it."""
    patterns: dict[str, set[str]] = {}
    for record in country_records():
        forms = patterns.setdefault(record.iso3, set())
        for name in (record.name, *record.aliases, *record.demonyms, *record.seats):
            if "," not in name:  # "Korea, Republic of" is a catalogue form, not prose.
                forms |= _name_variants(name)
    for code, short_forms in load_data("news_abbreviations")["abbreviations"].items():
        patterns.setdefault(code, set()).update(short_forms)  # "N. Korea" in headlines
    return patterns


def actor_organisations() -> list[dict]:
    """Organisations tied to a country: ``actors.json`` and state organs (``state_organs.json``)."""
    return [*load_data("actors")["organisations"], *load_data("state_organs")["organisations"]]


@cache
def _seat_forms() -> frozenset[str]:
    return frozenset(form for record in country_records() for seat in record.seats for form in _name_variants(seat))


class CountryGazetteer:
    """Marks country names, demonyms and seats of power in ``doc.spans["countries"]``
    (label = ISO3), state/EU/UN organisations that act for their country in
    ``doc.spans["organisations"]`` (label = ISO3, "EU" or "UN"), and other organisations tied to
    a country in ``doc.spans["affiliations"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for code, forms in sorted(country_patterns().items()):
            self.matcher.add(f"C:{code}", [nlp.make_doc(form) for form in sorted(forms)])
        for org in actor_organisations():
            forms = _name_variants(org["name"])
            kind = "O" if org["actor"] else "A"
            self.matcher.add(f"{kind}:{org['country']}", [nlp.make_doc(form) for form in sorted(forms)])
        for company in load_data("defence_companies")["companies"]:
            forms = _name_variants(company["name"])
            self.matcher.add(f"F:{company['country']}", [nlp.make_doc(form) for form in sorted(forms)])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            kind, code = doc.vocab.strings[match_id].split(":", 1)
            spans.append(Span(doc, start, end, label=f"{kind}:{code}"))
        groups: dict[str, list[Span]] = {"C": [], "O": [], "A": [], "F": []}
        for span in filter_spans(spans):
            kind, code = span.label_.split(":", 1)
            groups[kind].append(Span(doc, span.start, span.end, label=code))
        countries = groups["C"]
        in_country = {i for span in countries for i in range(span.start, span.end)}
        published = doc.user_data.get(PUBLISHED_KEY)
        doc.spans[COUNTRY_SPANS] = [
            Span(doc, span.start, span.end, label=_code_at(span.label_, published))
            for span in countries
            if not _inside_person_name(span) and not _listed_among_names(span, in_country)
        ]
        doc.spans[ORGANISATION_SPANS] = groups["O"]
        doc.spans[AFFILIATION_SPANS] = groups["A"]
        doc.spans[COMPANY_SPANS] = groups["F"]
        return doc


def _code_at(code: str, published: str | None) -> str:
    """The country code as of the publication date: Russia before 1992 is the Soviet Union."""
    succession = load_data("historic_states")["successions"].get(code)
    day = parse_published(published)[0] if succession else None
    if day is not None and day.isoformat() < succession["until"]:
        return succession["code"]
    return code


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(form for forms in load_data("news_abbreviations")["abbreviations"].values() for form in forms)


def _inside_person_name(span: Span) -> bool:
    if span.text in _abbreviations():
        return False  # small models read "N. Korea" as a person's initial and surname
    return any(token.ent_type_ == "PERSON" and token.ent_iob_ == "I" for token in span) or (
        span[0].ent_type_ == "PERSON" and span.end < len(span.doc) and span.doc[span.end].ent_iob_ == "I"
    )


def _listed_among_names(span: Span, in_country: set[int]) -> bool:
    """A capital listed with proper names that are not countries ("the ships Korolev, Minsk and
    Kaliningrad") names a thing, not a government."""
    if span.text not in _seat_forms() or not span.doc.has_annotation("DEP"):
        return False
    root = span.root
    related = [root.head] if root.dep_ in ("conj", "appos") else []
    related += [child for child in root.children if child.dep_ in ("conj", "appos")]
    return any(t.pos_ == "PROPN" and t.i not in in_country for t in related)


class ParagraphBoundaries:
    """Starts a sentence after every line break, before the parser runs: paragraphs, headlines
    and list lines never share a sentence."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if "\n" in token.text or "\n" in token.whitespace_:
                doc[token.i + 1].is_sent_start = True
        return doc


@Language.factory("paragraph_boundaries")
def make_paragraph_boundaries(nlp: Language, name: str) -> ParagraphBoundaries:
    return ParagraphBoundaries(name)


class TitleMarker:
    """Marks job-title phrases in ``doc.spans["titles"]``: label "official" for state and
    international-organisation posts, "non_official" for press and academia."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        titles = load_data("titles")
        for label in ("official", "non_official"):
            self.matcher.add(label, [nlp.make_doc(title) for title in titles[label]])

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, start, end, label=match_id) for match_id, start, end in self.matcher(doc)]
        doc.spans[TITLE_SPANS] = filter_spans(spans)
        return doc


@Language.factory("country_gazetteer")
def make_country_gazetteer(nlp: Language, name: str) -> CountryGazetteer:
    return CountryGazetteer(nlp, name)


@Language.factory("title_marker")
def make_title_marker(nlp: Language, name: str) -> TitleMarker:
    return TitleMarker(nlp, name)


def span_codes(spans: Iterable[Span]) -> dict[int, str]:
    """Token index -> code for every token inside the given labelled spans."""
    return {i: span.label_ for span in spans for i in range(span.start, span.end)}
