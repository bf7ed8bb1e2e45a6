"""Sanctions violations: "violate/breach/evade sanctions", "in violation of resolution ..."."""

from __future__ import annotations

from spacy.tokens import Token

from vocabulary.events import NON_STATE_ACTORS, SANCTIONS_VIOLATION

from .actors import ActorResolver
from .frames import EventRules, children, is_passive, phrase_prep_objects, prep_objects, subject_of
from .lexicon import load_data
from .mentions import EventMention


class ViolationRules(EventRules):
    """Sanctions-violation mentions from verbs and nouns."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        lex = load_data("events")
        self.violation_verbs = frozenset(lex["violation_verbs"])
        self.violation_nouns = frozenset(lex["violation_nouns"])

    def _violation_verb(self, verb: Token, actors: ActorResolver) -> list[EventMention]:
        objects = children(verb, {"dobj", "nsubjpass"})
        if not any(self.names_sanctions(o) for o in objects):
            return []
        subjects = prep_objects(verb, {"by"}) if is_passive(verb) else subject_of(verb)
        violator = actors.codes(subjects)
        # Anyone else named in the clause deals with the violator (the parser may hang the sanctions'
        # relative clause anywhere under the verb).
        others = actors.codes(t for s in [*subjects, verb] for t in s.subtree)
        counterparty = [c for c in others if c not in violator and c not in NON_STATE_ACTORS]
        roles = {"violator": violator, "counterparty": counterparty}
        return [self.mention(SANCTIONS_VIOLATION, roles, verb, [], verbal=True)]

    def _violation_noun(self, noun: Token, actors: ActorResolver) -> list[EventMention]:
        of_objects = prep_objects(noun, {"of"})
        compounds = children(noun, {"compound", "amod"})
        if not any(self.names_sanctions(o) for o in of_objects + compounds):
            return []
        violator = actors.codes(prep_objects(noun, {"by"}) + children(noun, {"poss"}))
        counterparty: list[str] = []
        if not violator and noun.dep_ == "attr":
            # "X's supply of drones to Y is a violation of resolution 2231": the subject violates.
            subjects = children(noun.head, {"nsubj"})
            violator = actors.codes(subjects)
            counterparty = actors.codes(t for s in subjects for t in phrase_prep_objects(s, {"to", "from"}))
        if not violator and noun.dep_ == "dobj":
            violator = actors.codes(subject_of(noun.head))  # "X committed several violations of ..."
        if not violator and noun.dep_ == "pobj" and noun.head.lower_ == "in":
            # "X shipped drones to Y in violation of UN resolutions": the clause's subject violates.
            verb = noun.head.head
            violator = actors.codes(subject_of(verb))
            objects = [verb, *children(verb, {"dobj"})]
            counterparty = actors.codes(p for o in objects for p in phrase_prep_objects(o, {"to", "from"}))
        counterparty = [c for c in counterparty if c not in violator]
        return [
            self.mention(
                SANCTIONS_VIOLATION,
                {"violator": violator, "counterparty": counterparty},
                noun,
                [],
                verbal=False,
            )
        ]
