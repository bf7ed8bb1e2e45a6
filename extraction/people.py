"""Stage 3 (people): named persons, their job titles and countries; who is an official.

A person is an official when one of their mentions carries an official title,
either before the name ("State Department deputy spokeswoman Lena Ortiz")
or in apposition ("Chile's ambassador to the United Nations, Valdis
Orrantia"). Titles anchor names too, which corrects names the statistical NER
labels as organisations. Surname-only and first-name-only mentions join the
fullest name of the article.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from vocabulary.person_names import (
    is_royal_title,
    person_name,
)

from .gazetteer import AFFILIATION_SPANS, COUNTRY_SPANS, ORGANISATION_SPANS, TITLE_SPANS, span_codes
from .lexicon import word_set
from .name_spans import (
    all_common_words,
    clean_name_span,
    extended,
    name_after_long_title,
    name_chain,
    regnal_name,
    without_leading_titles,
)
from .official_countries import assign_countries, leader_country, part_of_a_place_name, title_country
from .official_titles import (
    royal_title,
    title_after_colon,
    title_after_copula,
    title_before,
    title_by_surface,
    title_in_apposition,
)
from .person import Person

_CREDIT_WORDS = frozenset({"editing", "reporting", "writing", "compiled", "photo", "photos", "edited", "written"})
_STATE_BANK_WORDS = frozenset({"central", "national", "reserve", "federal", "people's"})


def _in_a_credit_line(name: Span) -> bool:
    """ "(Editing by Jane Roe, Larry King)", "Reporting by ...": journalists, whatever follows."""
    doc = name.doc
    for token in doc[max(name.sent.start, name.start - 8) : name.start]:
        if token.lower_ == "by" and token.i > 0 and doc[token.i - 1].lower_ in _CREDIT_WORDS:
            return True
    return False


def _named_as_a_person(doc: Doc, person: Person) -> bool:
    """Whether some mention names the person, not only a government after them ("the Assad
    regime", "the Biden administration")."""
    return any(
        doc[i].head.i not in person.token_ids and doc[i].dep_ not in ("compound", "amod", "nmod")
        for i in person.token_ids
    )


def _fuller_name(word: str, names: list[str]) -> str | None:
    """The full name a one-word mention stands for: the first that begins or ends with it ("Assad"
    of "Bashar al-Assad", "Piotr" of "Piotr Zalewski"), else the only one holding it in the middle
    ("Bagheri" of "Mahmud Bagheri Kazemabad")."""
    longer = [name for name in names if len(name.split()) > 1]
    for name in longer:
        parts = name.split()
        if word in (parts[0], parts[-1], parts[-1].rpartition("-")[2]):
            return name
    inside = [name for name in longer if word in name.split()[1:-1]]
    return inside[0] if len(inside) == 1 else None


def _same_full_name(a: str, b: str) -> bool:
    """Two spellings of one full name: equal but for hyphens, dots and case, or the same first
    and last word around a middle initial."""
    wa, wb = _name_words(a), _name_words(b)
    if wa == wb:
        return True
    return len(wa) > 1 and len(wb) > 1 and wa[0] == wb[0] and wa[-1] == wb[-1] and abs(len(wa) - len(wb)) == 1


def _name_words(name: str) -> list[str]:
    return name.casefold().replace("-", " ").replace(".", " ").split()


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
        # "Jersey City Mayor", "New Jersey Governor": a place named after a country is no country.
        country_at = span_codes([s for s in doc.spans.get(COUNTRY_SPANS, []) if not part_of_a_place_name(s)])
        for group in (ORGANISATION_SPANS, AFFILIATION_SPANS):
            country_at.update(span_codes(doc.spans.get(group, [])))
        titles = {i: span.label_ for span in doc.spans.get(TITLE_SPANS, []) for i in range(span.start, span.end)}
        blocked = set(country_at) | set(titles)
        names = self._candidate_names(doc, titles, blocked)
        persons = self._group(names)
        for person in persons.values():
            self._qualify(person, names, titles, country_at)
        ordered = sorted(_real_people(persons.values()), key=lambda p: min(p.token_ids))
        for person in ordered:
            led = leader_country(person.name)
            if led and not person.non_official and (person.title or _named_as_a_person(doc, person)):
                person.official = True  # a head of state or government needs no title
                if person.country in (None, "UN", "EU"):  # leaders serve a state, not the UN's council
                    person.country = led
        doc._.home_country = assign_countries(doc, ordered)
        doc._.persons = ordered
        # Titled officials act for their country in event roles; an untitled leader's name is left to
        # the actor rules ("the Assad regime", "Chancellor Merz"), which know when it stands for a state.
        doc._.person_country = {
            i: p.country for p in ordered if p.official and p.country and p.title for i in p.token_ids
        }
        return doc

    def _candidate_names(self, doc: Doc, titles: dict[int, str], blocked: set[int]) -> list[Span]:
        spans: dict[tuple[int, int], Span] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                name = clean_name_span(ent)
                name = without_leading_titles(name) if name is not None else None
                if name is None or any(t.i in blocked for t in name if not is_royal_title(t.text)):
                    continue
                name = extended(name, blocked)
                if not (name.text.isupper() and all_common_words(name)):  # "THAT MEETING" in capitals copy
                    spans[(name.start, name.end)] = name
        # Title-anchored names, whatever NER label they got: "spokesman X Y", "ambassador ..., X Y".
        for i in sorted(titles):
            token = doc[i]
            heads = [token.head] if token.dep_ in ("compound", "nmod", "amod") else []
            heads += [child for child in token.children if child.dep_ == "appos"]
            if token.dep_ == "appos":
                heads.append(token.head)
            heads += name_after_long_title(token, blocked)
            if token.dep_ == "attr" and token.head.lemma_ == "be":  # "Tun Aung is the Minister of ..."
                heads += [child for child in token.head.children if child.dep_ == "nsubj"]
            for head in heads:
                name = name_chain(head, blocked)
                name = without_leading_titles(name) if name is not None else None
                if name is not None and not any(s.start < name.end and name.start < s.end for s in spans.values()):
                    if not any(t.ent_type_ == "PERSON" for t in name) and all_common_words(name):
                        continue  # "General Purpose", "Chief Executive Officer": title words, not a name
                    name = regnal_name(name, blocked)
                    spans[(name.start, name.end)] = name
        return sorted(spans.values(), key=lambda s: s.start)

    @staticmethod
    def _group(names: list[Span]) -> dict[str, Person]:
        """One Person per full name; single-word mentions join the full name sharing that word;
        spellings of one name join too ("Kim Jong-un", "Kim Jong Un"; "Donald J. Trump")."""
        persons: dict[str, Person] = {}
        for name in sorted(names, key=lambda s: (-len(s), s.start)):
            text = name.text
            words = text.split()
            key = next((k for k in persons if _same_full_name(k, text)), text)
            if len(words) == 1:
                key = _fuller_name(words[0], list(persons)) or text
            person = persons.setdefault(key, Person(name=key))
            person.token_ids.update(range(name.start, name.end))
            person.mentions += 1
        return persons

    def _heads_a_private_body(self, title: Span, country_at: dict[int, str], titles: dict[int, str]) -> bool:
        """ "director of the Arms Control Institute": a generic head noun over an organisation that
        is neither a state body nor tied to a country in the title ("National Security Advisor"
        is a title, not an organisation)."""
        return (
            title.root.lower_ in self.generic_heads
            and any(t.ent_type_ == "ORG" and t.i not in titles for t in title)
            and not any(t.i in country_at for t in title)
            and title_country(title.text) is None  # "chairman of the House Armed Services Committee"
        )

    def _now_with_a_company(self, name: Span) -> bool:
        """ "a retired general now with fighter manufacturer X": a former official who works for a firm."""
        doc = name.doc
        window = doc[name.end : min(name.sent.end, name.end + 14)]
        for token in window:
            if token.lower_ == "now" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("with", "at", "for"):
                return any(t.lower_ in self.company_markers for t in doc[token.i + 2 : token.i + 7])
        return False

    def _in_a_company(self, title: Span, country_at: dict[int, str]) -> bool:
        """A company word in or just before the title ("Acme Corp vice-president"); a central or
        national bank is a state body ("Bank of England Governor", "the National Bank of Ukraine")."""
        # The parser may split "Acme Corp vice-president": look just before the title too.
        context = title.doc[max(title.sent.start, title.start - 3) : title.end]
        markers = [t for t in context if t.lower_ in self.company_markers]
        if not markers:
            return False
        state_bank = all(t.lower_ == "bank" for t in markers) and (
            any(t.i in country_at for t in context) or any(t.lower_ in _STATE_BANK_WORDS for t in context)
        )
        return not state_bank

    def _qualify(self, person: Person, names: list[Span], titles: dict[int, str], country_at: dict[int, str]) -> None:
        for name in names:
            if name.start not in person.token_ids:
                continue
            for title in _titles_of(name, titles):
                labels = {titles[t.i] for t in title if t.i in titles}
                if (
                    "non_official" in labels
                    or self._in_a_company(title, country_at)
                    or self._heads_a_private_body(title, country_at, titles)
                ):
                    person.non_official = True
                elif "official" in labels:
                    country = next((country_at[t.i] for t in title if t.i in country_at), None)
                    country = country or title_country(title.text)
                    # The first title wins unless only a later one says which country.
                    if person.title is None or (person.country is None and country):
                        person.title, person.country = title.text, country
                    person.title_token_ids.update(range(title.start, title.end))
                    person.official = True
        mentions = [name for name in names if name.start in person.token_ids]
        if person.non_official or any(_in_a_credit_line(n) or self._now_with_a_company(n) for n in mentions):
            person.official = False


def _titles_of(name: Span, titles: dict[int, str]) -> list[Span]:
    found = [
        title_before(name),
        title_in_apposition(name),
        royal_title(name),
        title_after_copula(name, titles),
        title_after_colon(name, titles),
    ]
    found = [title for title in found if title is not None]
    if not any(t.i in titles for title in found for t in title):
        # A long title the parser split; "Name, who is the minister of ...".
        more = [title_by_surface(name, titles), title_after_copula(name, titles, relative=True)]
        found += [title for title in more if title is not None]
    return found


def _real_people(persons: Iterable[Person]) -> list[Person]:
    """Persons whose name is a person's name (``vocabulary.person_names``), under that name."""
    kept = []
    for person in persons:
        name = person_name(person.name, titled=person.title is not None or person.official)
        if name is not None:
            person.name = name
            kept.append(person)
    return kept


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
