"""Roles from outside the trigger's sentence.

An arms transfer whose sentence names only one side ("Paris delivered the frigates within a
year"), and no other country that comments on it ("China condemned arms sales to Taiwan"),
takes the other side from the sentence before, when that sentence's subject is a single
country other than the named side ("Cairo turned to Paris."), or else from the article's
subject: the one country the article names far more often than any other. Only mentions that
would otherwise be lost are filled (a compatible complete event elsewhere in the article
absorbs them anyway), and a filled mention is less confident.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from .gazetteer import COUNTRY_SPANS

if TYPE_CHECKING:
    from .actors import ActorResolver
    from .mentions import EventMention

TRANSFER_ROLES = ("supplier", "recipient")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_ROLE_DEPS = _SUBJECT_DEPS | {"dative", "poss"}
_PREP_DEPS = frozenset({"prep", "agent", "dative"})
_ROLE_PREPS = frozenset({"to", "from", "by", "for"})
# Confidence lost by a role read from another sentence.
DISCOURSE_PENALTY = 0.15
# The article's subject must be named at least this often, and this many times as often as the next.
_SUBJECT_MIN_MENTIONS = 3
_SUBJECT_MARGIN = 2


def fill_transfer_roles(mentions: list[EventMention], actors: ActorResolver, non_state: frozenset[str]) -> None:
    """Fill the missing side of partial arms-transfer mentions in place."""
    complete = [m for m in mentions if m.type == "arms_transfer" and m.complete]
    subject = None
    for mention in mentions:
        if mention.type != "arms_transfer" or mention.complete:
            continue
        missing = [role for role in TRANSFER_ROLES if not mention.roles.get(role)]
        if len(missing) != 1:
            continue
        filled = set(next(mention.roles[r] for r in TRANSFER_ROLES if r not in missing))
        if len(filled) != 1 or _names_a_non_state_party(mention.trigger, actors):
            continue  # "arms transfers between X and Y"; "those who provide arms to Y"
        if _commentators(mention.trigger, actors) - filled:
            continue  # "China condemned arms sales to Taiwan": a commentator, not a party
        if any(filled <= set(m.roles.get(r, [])) for m in complete for r in TRANSFER_ROLES):
            continue  # joins a complete event when merged
        candidates = _previous_subject(mention.sentence, actors)
        if not candidates:
            subject = subject if subject is not None else article_subject(mention.sentence.doc)
            candidates = [subject] if subject else []
        candidates = [c for c in candidates if c not in filled and c not in non_state]
        if len(candidates) == 1:
            mention.roles[missing[0]] = candidates
            mention.confidence -= DISCOURSE_PENALTY


def _commentators(trigger: Token, actors: ActorResolver) -> set[str]:
    """Countries that speak about the transfer: subjects of the clauses governing the trigger
    ("China condemned arms sales to Taiwan", "It protested the sale")."""
    subjects = [c for verb in trigger.ancestors for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    return set(actors.codes(subjects))


def _names_a_non_state_party(trigger: Token, actors: ActorResolver) -> bool:
    """Whether the trigger's own clause names a party that is not a country ("those who provide
    arms to Y", "shipped rifles to the rebels"): then the missing side is that party, not a
    country from elsewhere."""
    arguments = [c for c in trigger.children if c.dep_ in _ROLE_DEPS]
    # The trigger's own prepositions, and those on what it is "of" ("provision of support to X").
    heads = [trigger, *(o for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children)]
    arguments += [
        o for h in heads for c in h.children if c.dep_ in _PREP_DEPS and c.lower_ in _ROLE_PREPS for o in c.children
    ]
    token, steps = trigger, 0
    while not any(a.dep_ in _SUBJECT_DEPS for a in arguments) and token.head.i != token.i and steps < 4:
        token, steps = token.head, steps + 1  # the clause that has the subject ("by providing arms")
        arguments += [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
    return any(not actors.of_phrase(a) for a in arguments if a.pos_ in ("NOUN", "PROPN", "PRON"))


def _previous_subject(sentence: Span, actors: ActorResolver) -> list[str]:
    """Countries the main subject of the sentence just before stands for."""
    if sentence.start == 0:
        return []
    previous = sentence.doc[sentence.start - 1].sent
    root = previous.root
    return actors.codes(c for c in root.children if c.dep_ in ("nsubj", "nsubjpass"))


def article_subject(doc: Doc, set_aside: set[str] | frozenset[str] = frozenset()) -> str:
    """The country the article is about, once the countries ``set_aside`` are left out: named at
    least three times and at least twice as often as any other ("" when there is none)."""
    counts = Counter(span.label_ for span in doc.spans.get(COUNTRY_SPANS, []) if span.label_ not in set_aside)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < _SUBJECT_MIN_MENTIONS:
        return ""
    if len(ranked) == 2 and ranked[0][1] < _SUBJECT_MARGIN * ranked[1][1]:
        return ""
    return ranked[0][0]
