"""Who is acting: map tokens of a parsed sentence to country codes (ISO3, "EU", "UN").

A noun phrase stands for a country when the country is its head ("Russia"),
a modifier of its head ("Russia's ambassador", "the Russian purchases",
"North Korean shells"), the object of "of" after a government noun ("the
government of Iran"), or an official of that country ("President Ruiz").
Pronoun subjects ("it", "we", "he") take the latest country that acted as a
subject before them. Leaders' names stand for their country ("the Assad regime",
``data/leaders.json``). Definite descriptions ("the country", "the junta",
"the North") take the one country named just before them, and are remembered
in ``from_discourse`` so that events can lower their confidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from spacy.tokens import Doc, Span, Token

from vocabulary.countries import country_records

from .appositions import misattached_apposition
from .datelines import dateline_country, dateline_tokens
from .gazetteer import AFFILIATION_SPANS, COMPANY_SPANS, COUNTRY_SPANS, ORGANISATION_SPANS, span_codes
from .lexicon import load_data, word_set

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
MODIFIER_DEPS = frozenset({"poss", "amod", "compound", "nmod", "npadvmod", "appos"})
_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_COLLECTIVE_PRONOUNS = frozenset({"it", "they", "we", "its", "their", "our", "us", "them"})
_FIRST_PERSON_PLURAL = frozenset({"we", "our", "us"})
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
# How many sentences back a pronoun may look for its antecedent.
_ANTECEDENT_WINDOW = 3


class ActorResolver:
    """Country codes for tokens of one annotated doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.code_at = span_codes(doc.spans.get(COUNTRY_SPANS, []))
        # State organisations ("State Department") act for their country; countries win overlaps.
        for group in (ORGANISATION_SPANS, COMPANY_SPANS):
            for i, code in span_codes(doc.spans.get(group, [])).items():
                self.code_at.setdefault(i, code)
        self.company_tokens = set(span_codes(doc.spans.get(COMPANY_SPANS, [])))
        self._resolve_shared_names()
        for i in dateline_tokens(doc):  # where the story was filed is no actor
            self.code_at.pop(i, None)
        # A ship's flag or registry ("a Hong Kong-flagged tanker") is no party to what the ship does.
        descriptors = word_set("non_actor_contexts", "descriptor_suffixes")
        for span in doc.spans.get(COUNTRY_SPANS, []):
            after = doc[span.end : span.end + 2]
            if len(after) == 2 and after[0].text == "-" and after[1].lower_ in descriptors:
                for i in range(span.start, span.end):
                    self.code_at.pop(i, None)
        self.person_country: dict[int, str] = doc._.person_country or {}
        self.leader_at = _leader_codes(doc)
        # Tokens whose country was read from earlier sentences, not from the phrase itself.
        self.from_discourse: set[int] = set()
        self._sentences: list[Span] | None = None
        self._named: frozenset[str] | None = None

    def _resolve_shared_names(self) -> None:
        """ "Today, Treasury designated ...": an organ name several states use acts for the one
        of them the article otherwise names (the US Treasury in a release that names the United
        States, HM Treasury in a British story), for none when it names both or neither."""
        shared = load_data("state_organs")["shared_names"]
        named = set(self.code_at.values())
        for span in self.doc.spans.get(AFFILIATION_SPANS, []):
            states = [c for c in shared.get(span.text, []) if c in named]
            if len(states) == 1:
                for i in range(span.start, span.end):
                    self.code_at.setdefault(i, states[0])

    def is_company(self, tokens: Iterable[Token]) -> bool:
        """Whether any of these phrases is headed by a listed defence company ("Hanwha Aerospace")."""
        return any(token.i in self.company_tokens for token in tokens)

    def codes(self, tokens: Iterable[Token]) -> list[str]:
        """Codes of several phrases, in order, without repeats."""
        found: dict[str, None] = {}
        for token in tokens:
            found.update(dict.fromkeys(self.of_phrase(token)))
        return list(found)

    def of_phrase(self, token: Token) -> list[str]:
        """Codes a noun phrase headed by ``token`` stands for (conjuncts included)."""
        found: dict[str, None] = {}
        self._collect(token, found, depth=0)
        if not found and token.lower_ in _RELATIVE_PRONOUNS:
            # "the country that sold ...", "IRISL, which the panel said had violated ...": the
            # antecedent of the relative clause the pronoun is in.
            clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
            if clause is not None:
                self._collect(clause.head, found, depth=1)
        if not found:
            inferred = self._from_discourse(token)
            if inferred:
                self.from_discourse.add(token.i)
                found.update(dict.fromkeys(inferred))
        return list(found)

    def _from_discourse(self, token: Token) -> list[str]:
        """A pronoun's antecedent, or the country a definite description refers to, for the phrase
        or its possessor ("the regime's forces")."""
        if token.lower_ in _PERSONAL_PRONOUNS | _COLLECTIVE_PRONOUNS:
            return self.antecedent(token)
        for described in [token, *_children_with(token, "poss")]:
            if any(c.dep_ == "det" and c.lower_ == "the" for c in described.children):
                codes = self.described(described)
                if codes:
                    return codes
        return []

    def _collect(self, token: Token, found: dict[str, None], depth: int) -> None:
        if depth > 4 or token.lower_ in word_set("non_state_groups", "heads"):
            return  # "Yemen's Huthis", "Syrian rebels": where a group fights, not who acts
        code = (
            self.code_at.get(token.i)
            or self._leader_country(token)
            or self.person_country.get(token.i)
            or self._shared_demonym(token)
        )
        if code:
            found[code] = None
        for child in token.children:
            if misattached_apposition(child):
                continue
            if child.dep_ in MODIFIER_DEPS or child.dep_ == "conj":
                self._collect(child, found, depth + 1)
            elif (
                child.dep_ == "prep"
                and child.lower_ in ("including", "like")
                and token.lemma_.lower() in word_set("discourse", "group_nouns")
            ):
                # "Western countries, including the United States and Britain, have supplied ..."
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        self._collect(pobj, found, depth + 1)
            elif (
                child.dep_ == "prep"
                and child.lower_ == "of"
                and token.lemma_.lower() in word_set("actors", "government_nouns")
            ):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        self._collect(pobj, found, depth + 1)

    def _shared_demonym(self, token: Token) -> str | None:
        """ "Korean-built": the one of the states sharing the adjective that the article names."""
        candidates = load_data("discourse")["ambiguous_demonyms"].get(token.text, [])
        named = [code for code in candidates if code in self._named_codes()]
        return named[0] if len(named) == 1 else None

    def _named_codes(self) -> frozenset[str]:
        if self._named is None:
            self._named = frozenset(self.code_at.values())
        return self._named

    def _leader_country(self, token: Token) -> str | None:
        """A leader's country for a leader in office: titled ("Chancellor Merz", which wins over a
        country guessed from nearby words) or naming a government ("the Assad regime")."""
        code = self.leader_at.get(token.i)
        governs = token.dep_ in MODIFIER_DEPS and token.head.lemma_.lower() in word_set("actors", "government_nouns")
        return code if code and (token.i in self.person_country or governs) else None

    def _speaker_country(self, sentence: Span) -> str | None:
        """Country of the official who says the sentence ('"We are not selling arms," the minister said')."""
        for token in sentence:
            if token.lemma_.lower() in word_set("modality", "reporting_verbs"):
                for subject in token.children:
                    if subject.dep_ == "nsubj" and subject.pos_ != "PRON":
                        codes: dict[str, None] = {}
                        self._collect(subject, codes, depth=0)
                        if codes:
                            return next(iter(codes))
        return None

    def own_voices(self) -> set[str]:
        """Governments that speak in the text's own, unquoted "we" ("We will continue our efforts"
        in a Treasury release): the sentence's speaker, else the dateline's country."""
        voices: set[str] = set()
        for token in self.doc:
            if token.lower_ == "we" and token.dep_ in SUBJECT_DEPS and not _quoted(token):
                voice = self._speaker_country(token.sent) or dateline_country(self.doc)
                voices.update([voice] if voice else [])
        return voices

    def antecedent(self, pronoun: Token) -> list[str]:
        """Codes of the nearest earlier subject that names a country (or an official, for he/she)."""
        sentences = self._sentence_list()
        index = next((n for n, s in enumerate(sentences) if s.start <= pronoun.i < s.end), 0)
        current = sentences[index] if sentences else pronoun.sent
        if pronoun.lower_ in _FIRST_PERSON_PLURAL:
            speaker = self._speaker_country(current)
            if speaker:
                return [speaker]
            home = dateline_country(self.doc)
            if home and not _quoted(pronoun):
                return [home]  # "WASHINGTON -- ... On June 9, we sanctioned ...": the issuing government
        personal = pronoun.lower_ in _PERSONAL_PRONOUNS
        if pronoun.lower_ in ("it", "its") and any(
            t.i < pronoun.i and t.dep_ in ("dobj", "pobj") and t.lemma_.lower() in word_set("acting_objects", "nouns")
            for t in current
        ):
            return []  # "seized a vessel on suspicion that it transferred oil": the vessel, not the seizer
        for sentence in reversed(sentences[max(0, index - _ANTECEDENT_WINDOW) : index + 1]):
            # Subjects of verbs, not of small clauses ("hold Moscow accountable"), and possessors.
            candidates = [
                t
                for t in sentence
                if t.i < pronoun.i and (t.dep_ == "poss" or (t.dep_ in SUBJECT_DEPS and t.head.pos_ in ("VERB", "AUX")))
            ]
            for token in reversed(candidates):
                if token.pos_ == "PRON":
                    continue
                if personal:
                    if token.i in self.person_country:
                        return [self.person_country[token.i]]
                    continue
                codes: dict[str, None] = {}
                self._collect(token, codes, depth=0)
                if codes:
                    return list(codes)
                if token.dep_ in SUBJECT_DEPS and any(t.pos_ == "PROPN" for t in token.subtree):
                    # A named non-state subject ("Acme Corp said it ...") is the antecedent: no country.
                    return []
        return []

    def described(self, phrase: Token) -> list[str]:
        """The country "the country" / "the regime" / "the North" refers to: the previous sentence's
        subject when it is one country, else the only country named in this sentence before it or in
        the previous sentence; never its own clause's subject ("the United States is supplying the
        country" is not the United States)."""
        discourse = load_data("discourse")
        compass = phrase.text.title() in discourse["compass_forms"]
        if phrase.lemma_.lower() in word_set("discourse", "home_organs"):
            return self._home_organ(phrase)
        if not compass and phrase.lemma_.lower() not in word_set("discourse", "definite_descriptions"):
            return []
        if any(c.dep_ in MODIFIER_DEPS for c in phrase.children):
            return []  # "the Baltic country", "the country's army": a modifier decides
        sentences = self._sentence_list()
        index = next((n for n, s in enumerate(sentences) if s.start <= phrase.i < s.end), 0)
        start = sentences[max(0, index - 1)].start if sentences else phrase.sent.start
        if compass:
            # "the North" after "North Korea": any earlier country of that name in the article.
            named = {
                code
                for i, code in self.code_at.items()
                if i < phrase.i and _display_name(code).startswith(phrase.text.title() + " ")
            }
            return sorted(named) if len(named) == 1 else []
        excluded = set(self._clause_subject_codes(phrase))
        if index > 0 and sentences[index - 1].root.pos_ in ("VERB", "AUX"):
            # The previous sentence's subject is the most salient referent.
            root = sentences[index - 1].root
            subject = [c for c in self.codes(_children_with(root, "nsubj")) if c not in excluded]
            if len(subject) == 1:
                return subject
        named = {code for i, code in self.code_at.items() if start <= i < phrase.i} - excluded
        if len(named) == 1:
            return sorted(named)
        home = dateline_country(self.doc)
        if not named and home and phrase.lemma_.lower() in word_set("discourse", "home_descriptions"):
            return [home] if home not in excluded else []
        return []

    def _home_organ(self, phrase: Token) -> list[str]:
        """ "SEOUL (Yonhap) -- The foreign ministry said ...": an unnamed ministry or office is the
        dateline country's, when neither its sentence before it nor the previous one names a country."""
        home = dateline_country(self.doc)
        if not home or any(self.code_at.get(t.i) for t in phrase.subtree):
            return []
        sentences = self._sentence_list()
        index = next((n for n, s in enumerate(sentences) if s.start <= phrase.i < s.end), 0)
        start = sentences[max(0, index - 1)].start if sentences else phrase.sent.start
        named = any(start <= i < phrase.i for i in self.code_at)
        return [] if named else [home]

    def _clause_subject_codes(self, phrase: Token) -> list[str]:
        if phrase.dep_ in SUBJECT_DEPS:
            return []
        verb = next((t for t in phrase.ancestors if t.pos_ in ("VERB", "AUX")), None)
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS] if verb is not None else []
        found: dict[str, None] = {}
        for subject in subjects:
            self._collect(subject, found, depth=0)
        return list(found)

    def _sentence_list(self) -> list[Span]:
        if self._sentences is None:
            self._sentences = list(self.doc.sents) if self.doc.has_annotation("SENT_START") else []
        return self._sentences


def _quoted(token: Token) -> bool:
    """Whether the token stands inside quotation marks in its paragraph."""
    doc = token.doc
    start = doc.text.rfind("\n", 0, token.idx) + 1
    before = doc.text[start : token.idx]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def _children_with(token: Token, dep: str) -> list[Token]:
    return [child for child in token.children if child.dep_ == dep]


def _display_name(code: str) -> str:
    return next((r.name for r in country_records() if r.iso3 == code), "")


@cache
def _leader_names() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Last word -> (words of the name, country), from ``data/leaders.json``."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for code, names in load_data("leaders")["leaders"].items():
        for name in names:
            words = tuple(w for w in re.split(r"(\W)", name) if w.strip())
            index.setdefault(words[-1], []).append((words, code))
    return index


def _leader_codes(doc: Doc) -> dict[int, str]:
    """Token index -> country for every token that ends a leader's name."""
    index = _leader_names()
    found: dict[int, str] = {}
    for token in doc:
        for words, code in index.get(token.text, ()):
            start = token.i - len(words) + 1
            if start >= 0 and tuple(t.text for t in doc[start : token.i + 1]) == words:
                found[token.i] = code
    return found
