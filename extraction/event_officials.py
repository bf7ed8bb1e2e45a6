"""Which officials speak about, announce, deny or carry out each event (the events' ``officials`` key).

An official is linked to an event through a clause whose subject is the official (by name, by
title, or by "he"/"she" right after the official), or through "according to <official>":

* in a sentence of the event, a reporting verb ("said", "told reporters", "announced") makes a
  *source*, a verb of the event itself ("imposed", "signed", "delivered") an *actor*;
* in a later sentence, within a few sentences of the event, a clause that points back at the
  event ("this purchase", "the reports", "dismissed reports ... that Russia ...") makes a source
  of the latest event it can refer to.

A denial verb ("denied", "dismissed reports") or a denial word in the clause ("fake",
"baseless") gives the stance "denies". Words: ``data/speech.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from vocabulary.events import ARMS_TRANSFER, SANCTIONS_IMPOSITION, SANCTIONS_VIOLATION

from .gazetteer import ORIGINAL_TEXT_KEY
from .lexicon import load_data, word_set

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PRONOUNS = frozenset({"he", "she"})


@dataclass(frozen=True)
class _Clause:
    """One official's clause: who, which verb, in which sentence, how."""

    person: str
    verb: Token
    role: str
    denies: bool


@cache
def _words(key: str) -> frozenset[str]:
    return word_set("speech", key)


@cache
def _actor_verbs() -> frozenset[str]:
    events = load_data("events")
    keys = (
        "transfer_recipient_verbs",
        "transfer_supplier_verbs",
        "violation_verbs",
        "imposition_verbs",
        "imposition_direct_verbs",
        "ban_verbs",
        "transfer_noun_governors",
    )
    verbs = {verb.lower() for key in keys for verb in events[key]} | _words("actor_verbs")
    return frozenset(verbs - _words("speech_verbs") - _words("denial_verbs"))


@cache
def _event_nouns() -> dict[str, frozenset[str]]:
    events = load_data("events")

    def of(*keys: str) -> frozenset[str]:
        return frozenset(word.lower() for key in keys for word in events[key])

    return {
        ARMS_TRANSFER: of("transfer_supplier_nouns", "transfer_recipient_nouns") | {"deal", "contract"},
        SANCTIONS_VIOLATION: of("violation_nouns"),
        SANCTIONS_IMPOSITION: of("sanction_words", "designation_nouns", "imposition_nouns"),
    }


def _person_at(doc: Doc, officials: dict[str, object]) -> dict[int, str]:
    """Token index -> official's name, for name and title tokens of every official mention."""
    at: dict[int, str] = {}
    for person in doc._.persons or []:
        if person.name in officials:
            for i in person.title_token_ids | person.token_ids:
                at.setdefault(i, person.name)
    return at


def _name_tokens(doc: Doc) -> dict[int, str]:
    """Token index -> person's name for every person (officials or not), for pronoun antecedents."""
    return {i: p.name for p in doc._.persons or [] for i in p.token_ids}


def _subject_person(subject: Token, at: dict[int, str], names: dict[int, str]) -> str | None:
    """The official a clause subject names: itself, its compound/appositive, or "he"/"she"
    meaning the person named last before (only if that person is an official)."""
    if subject.lower_ in _PRONOUNS:
        # The person named last, in this sentence or the one before: further back "he" may be anyone.
        sentence = subject.sent
        start = subject.doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
        earlier = [i for i in names if start <= i < subject.i]
        if not earlier:
            return None
        name = names[max(earlier)]
        return name if name in at.values() else None
    for token in (subject, *subject.children):
        if token.i in at and (token is subject or token.dep_ in ("appos", "compound", "flat")):
            return at[token.i]
    return None


def _denying(token: Token, denial_verbs: frozenset[str], denial_words: frozenset[str]) -> bool:
    """A denial word ("fake", "baseless"), or the speaker's own denial ("We deny that ...")."""
    if token.lower_ in denial_words:
        return True
    return token.lemma_.lower() in denial_verbs and any(
        child.dep_ == "nsubj" and child.lower_ in ("we", "i") for child in token.children
    )


def _says_it_did_not_happen(verb: Token, event_verbs: frozenset[str]) -> bool:
    """ "said Iran had not sold drones to Russia": the reported event verb is negated."""
    return any(
        clause.dep_ == "ccomp"
        and clause.lemma_.lower() in event_verbs
        and any(child.dep_ == "neg" for child in clause.children)
        for clause in verb.children
    )


def _clauses(doc: Doc, at: dict[int, str]) -> list[_Clause]:
    names = _name_tokens(doc)
    speech, denial, actor = _words("speech_verbs"), _words("denial_verbs"), _actor_verbs()
    denial_words = _words("denial_words")
    clauses = []
    for token in doc:
        if token.dep_ in _SUBJECT_DEPS or (token.dep_ == "pobj" and token.head.dep_ == "agent"):
            verb = token.head.head if token.dep_ == "pobj" else token.head
            lemma = verb.lemma_.lower()
            if token.dep_ == "nsubjpass" or lemma not in speech | denial | actor:
                continue
            person = _subject_person(token, at, names)
            if person is None:
                continue
            role = "actor" if lemma in actor else "source"
            denies = (
                lemma in denial
                or any(_denying(t, denial, denial_words) for t in verb.subtree)
                or (role == "source" and _says_it_did_not_happen(verb, actor))
            )
            clauses.append(_Clause(person, verb, role, denies))
        elif token.lower_ == "according" and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to":
            person = next((at[t.i] for t in doc[token.i + 2 : token.sent.end] if t.i in at), None)
            if person is not None:
                clauses.append(_Clause(person, token, "source", False))
    return clauses


def _points_back(clause: _Clause, event_type: str) -> int:
    """How surely the clause refers to an earlier statement of an event of this type: 2 for the
    event's own noun ("this purchase", "the sales"), 1 for a claim ("the reports", "dismissed
    reports that ..."), 0 when it does not."""
    nouns = _event_nouns()[event_type]
    strength = 0
    for token in clause.verb.subtree:
        lemma = token.lemma_.lower()
        if lemma in nouns and _anaphoric(token):
            return 2
        if lemma in _words("claim_nouns") and (clause.denies or _anaphoric(token)):
            strength = 1
    return strength


def _anaphoric(noun: Token) -> bool:
    determiners = _words("anaphoric_determiners")
    return any(child.dep_ in ("det", "amod") and child.lower_ in determiners for child in noun.children)


def officials_by_event(doc: Doc, officials: dict[str, dict]) -> list[list[dict]]:
    """The ``officials`` records of each event of ``doc._.events``, in the same order;
    ``officials`` maps the article's official names to their top-level records (country, title)."""
    events = doc._.events or []
    linked: list[list[dict]] = [[] for _ in events]
    at = _person_at(doc, officials)
    clauses = _clauses(doc, at) if at and events else []
    if not clauses:
        return linked
    sentence_index = {s.start: n for n, s in enumerate(doc.sents)}
    event_sentences = [{_sentence_of(doc, start, end) for start, end in e["spans"]} - {None} for e in events]
    for clause in clauses:
        sent = clause.verb.sent
        targets = [n for n, starts in enumerate(event_sentences) if sent.start in starts]
        if not targets and clause.role == "source":
            targets = _earlier_event(clause, events, event_sentences, sentence_index, sent)
        for n in targets:
            _add(linked[n], clause, sent, officials[clause.person])
    return linked


def _sentence_of(doc: Doc, start: int, end: int) -> int | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.sent.start if span is not None and len(span) else None


def _earlier_event(
    clause: _Clause, events: list[dict], event_sentences: list[set[int]], index: dict[int, int], sent: Span
) -> list[int]:
    """The event stated within the window before the clause that it most surely points back at;
    the latest one among equals."""
    window = load_data("speech")["window_sentences"]
    here = index[sent.start]
    best: tuple[int, int, int] | None = None
    for n, starts in enumerate(event_sentences):
        before = [index[s] for s in starts if s in index and index[s] < here]
        if not before or here - max(before) > window:
            continue
        strength = _points_back(clause, events[n]["type"])
        if strength and (best is None or (strength, max(before)) > best[:2]):
            best = (strength, max(before), n)
    return [best[2]] if best else []


def _as_given(sent: Span) -> str:
    """The sentence as the article gives it: all-capitals copy is parsed re-cased, and storing finds
    the evidence in the article's own text."""
    original = sent.doc.user_data.get(ORIGINAL_TEXT_KEY)
    return (original[sent.start_char : sent.end_char] if original else sent.text).strip()


def _add(records: list[dict], clause: _Clause, sent: Span, official: dict) -> None:
    """One record per official and event: an actor outranks a source, a denial an assertion."""
    stance = "denies" if clause.denies else "asserts"
    for record in records:
        if record["name"] == official["name"]:
            if clause.role == "actor" and record["role"] == "source":
                record.update(role="actor", evidence=_as_given(sent))
            if stance == "denies" and record["stance"] == "asserts":
                record.update(stance="denies", evidence=_as_given(sent))
            return
    records.append(
        {
            "name": official["name"],
            "role": clause.role,
            "stance": stance,
            "country": official.get("country"),
            "title": official.get("title"),
            "evidence": _as_given(sent),
        }
    )
