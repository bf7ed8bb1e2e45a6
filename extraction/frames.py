"""Frame helpers shared by the event families: who does what to whom in a dependency parse.

The functions read arguments off a trigger (subjects, prepositional objects, passives);
:class:`EventRules` holds the lexical tests every family uses (does this phrase name weapons,
sanctions, an illegal act?) and builds :class:`~extraction.mentions.EventMention` objects.
"""

from __future__ import annotations

from spacy.tokens import Token

from vocabulary.events import ARMS_TRANSFER, SANCTIONS_IMPOSITION

from . import items
from .lexicon import word_set
from .mentions import EventMention
from .qualify import describe_items

# Dependencies that open a clause of their own: a phrase's prepositions are not looked for below them.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "xcomp", "punct", "appos"})
_CONTROL_PREPS = frozenset({"of", "for"})
# Links climbed from a trigger to the clause whose subject acts ("was about to acquire").
# Confidence of a mention: a verb with its arguments is the most direct statement ("X sold Y to
# Z"), a noun less so ("X's sales to Z"); roles read off a pronoun and questions or capitalised
# headlines are weaker evidence.
BASE_CONFIDENCE = 0.6
VERBAL_BONUS = 0.15
PRONOUN_ACTOR_PENALTY = 0.1
QUESTION_OR_HEADLINE_PENALTY = 0.3
_CLIMB_DEPS = frozenset({"xcomp", "pcomp", "conj", "advcl", "prep", "pobj", "acomp", "ccomp", "relcl", "acl"})


def children(token: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def prep_objects(token: Token, preps: set[str]) -> list[Token]:
    """Objects of the given prepositions attached to ``token`` ("to Russia", "from Iran")."""
    objects = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps:
            objects += children(prep, {"pobj"})
    return objects


def phrase_prep_objects(head: Token, preps: set[str]) -> list[Token]:
    """Prepositional objects anywhere inside a noun phrase, not inside its clauses:
    "millions of shells and rockets from North Korea" gives "North Korea" for "from"."""
    objects = prep_objects(head, preps)
    for child in head.children:
        if child.dep_ not in _CLAUSE_DEPS:
            objects += phrase_prep_objects(child, preps)
    return objects


def origin_modifiers(items: list[Token]) -> list[Token]:
    """Modifiers that may name where weapons come from ("North Korean shells", "U.S. arms",
    "parts of the Russian S-400 system")."""
    modifiers = []
    for item in items:
        modifiers += children(item, {"amod", "compound", "nmod", "poss"})
        for of_object in prep_objects(item, {"of"}):
            modifiers += children(of_object, {"amod", "compound", "nmod", "poss"})
    return modifiers


def noun_prep_objects(noun: Token, preps: set[str]) -> list[Token]:
    """Prepositional objects of a nominal trigger. The parser often attaches them to the verb
    governing the noun ("tracked Serbia's arms sales to Cyprus"); they are taken from there when
    the noun has none of its own."""
    objects = prep_objects(noun, preps)
    if not objects and noun.dep_ in ("dobj", "nsubjpass"):
        objects = prep_objects(noun.head, preps)
    return objects


def subject_of(verb: Token) -> list[Token]:
    """Grammatical subject of a verb, climbing through "was about to acquire", "agreed to sell",
    conjoined verbs and participial clauses to the clause that has one."""
    # Object control: "accused Iran of supplying", "sanctioned firms for selling", "arrested two
    # employees on suspicion of exporting": the governing verb's object does the act.
    control = verb.dep_ == "pcomp" and verb.head.lower_ in _CONTROL_PREPS
    token = verb
    for _ in range(6):
        if control and token.i != verb.i and token.pos_ in ("VERB", "AUX") and children(token, {"dobj"}):
            return children(token, {"dobj"})
        # A governing passive's subject is the complement's actor: "X was accused of selling".
        subjects = children(token, {"nsubj", "csubj"} if token.i == verb.i else {"nsubj", "csubj", "nsubjpass"})
        if subjects:
            return subjects
        if token.dep_ not in _CLIMB_DEPS or token.head.i == token.i:
            return []
        token = token.head
    return []


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl") and not children(verb, {"nsubj"})
    )


def is_blocked(trigger: Token) -> bool:
    """Whether the trigger or a clause governing it urges, weighs, lifts ... rather than acts. A
    conjoined clause with its own subject is not governed ("X called it fake, but Y imposed ...")."""
    token = trigger
    while True:
        if token.lemma_.lower() in word_set("events", "blocking_verbs"):
            return True
        own_subject = token.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        if own_subject or token.head.i == token.i:
            return False
        token = token.head


class EventRules:
    """Base of the event families: the shared word lists, lexical tests and the mention builder."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.sanction_words = word_set("events", "sanction_words")
        self.illegal = word_set("events", "illegal_adjectives")

    def is_arms(self, phrase: Token, exclude: set[int] = frozenset()) -> bool:
        """Whether the phrase headed by ``phrase`` names weapons (``items.py``)."""
        return items.is_arms(phrase, exclude)

    def names_weapon(self, noun: Token) -> bool:
        """Whether this noun itself is hardware (``items.py``)."""
        return items.names_weapon(noun)

    def names_sanctions(self, phrase: Token) -> bool:
        words = self.sanction_words
        return any(
            t.lemma_.lower() in words
            or t.lower_ in words
            # two-word terms: "export controls"
            or any(f"{c.lower_} {t.lower_}" in words for c in t.children if c.dep_ == "compound")
            for t in phrase.subtree
        )

    def is_illegal(self, trigger: Token) -> bool:
        """ "illegally shipped", "illicit exports", "smuggled" (illegal by its meaning)."""
        if trigger.lemma_.lower() in word_set("events", "illicit_transfer_verbs"):
            return True
        return any(
            c.lower_ in self.illegal or c.lower_.removesuffix("ly") in self.illegal
            for c in trigger.children
            if c.dep_ in ("amod", "advmod")
        )

    @staticmethod
    def role_tokens(tokens: list[Token]) -> set[int]:
        return {t.i for token in tokens for t in token.subtree}

    def mention(
        self,
        type_: str,
        roles: dict[str, list[str]],
        trigger: Token,
        item_heads: list[Token],
        verbal: bool,
        actor_tokens: list[Token] = (),
    ) -> EventMention:
        """A mention with its items. Confidence: a verb with its arguments is the most direct
        statement; roles read off a pronoun ("the tanks it sent") and questions are weaker."""
        is_item = self.names_weapon if type_ == ARMS_TRANSFER else (lambda _t: True)
        items, quantity = describe_items(item_heads, is_item) if type_ != SANCTIONS_IMPOSITION else ([], None)
        confidence = BASE_CONFIDENCE + (VERBAL_BONUS if verbal else 0.0)
        if any(t.pos_ == "PRON" for t in actor_tokens):
            confidence -= PRONOUN_ACTOR_PENALTY
        sentence = trigger.sent.text.strip()
        if sentence.endswith("?") or sentence.isupper():  # questions and capitalised headlines
            confidence -= QUESTION_OR_HEADLINE_PENALTY
            items = [] if sentence.isupper() else items
        return EventMention(
            type_,
            {r: list(dict.fromkeys(c)) for r, c in roles.items() if c},
            trigger,
            items,
            quantity,
            confidence=confidence,
        )
