"""Who is acting: map tokens of a parsed sentence to country codes (ISO3, "EU", "UN").

A noun phrase stands for a country when the country is its head ("Russia"),
a modifier of its head ("Russia's ambassador", "the Russian purchases",
"North Korean shells"), the object of "of" after a government noun ("the
government of Iran"), or an official of that country ("President Ruiz").
Pronoun subjects ("it", "we", "he") take the latest country that acted as a
subject before them.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from .gazetteer import COUNTRY_SPANS, ORGANISATION_SPANS, span_codes
from .lexicon import word_set

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
        for i, code in span_codes(doc.spans.get(ORGANISATION_SPANS, [])).items():
            self.code_at.setdefault(i, code)
        self.person_country: dict[int, str] = doc._.person_country or {}
        self._sentences: list[Span] | None = None

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
        if not found and token.lower_ in _RELATIVE_PRONOUNS and token.head.head.i != token.i:
            # "the country that sold ...": the relative clause's antecedent.
            self._collect(token.head.head, found, depth=1)
        if not found and token.lower_ in _PERSONAL_PRONOUNS | _COLLECTIVE_PRONOUNS:
            found.update(dict.fromkeys(self.antecedent(token)))
        return list(found)

    def _collect(self, token: Token, found: dict[str, None], depth: int) -> None:
        if depth > 4:
            return
        code = self.code_at.get(token.i) or self.person_country.get(token.i)
        if code:
            found[code] = None
        for child in token.children:
            if child.dep_ in MODIFIER_DEPS or child.dep_ == "conj":
                self._collect(child, found, depth + 1)
            elif (
                child.dep_ == "prep"
                and child.lower_ == "of"
                and token.lemma_.lower() in word_set("actors", "government_nouns")
            ):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        self._collect(pobj, found, depth + 1)

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

    def antecedent(self, pronoun: Token) -> list[str]:
        """Codes of the nearest earlier subject that names a country (or an official, for he/she)."""
        if self._sentences is None:
            self._sentences = list(self.doc.sents) if self.doc.has_annotation("SENT_START") else []
        sentences = self._sentences
        index = next((n for n, s in enumerate(sentences) if s.start <= pronoun.i < s.end), 0)
        current = sentences[index] if sentences else pronoun.sent
        if pronoun.lower_ in _FIRST_PERSON_PLURAL:
            speaker = self._speaker_country(current)
            if speaker:
                return [speaker]
        personal = pronoun.lower_ in _PERSONAL_PRONOUNS
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
