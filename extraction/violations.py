"""Sanctions violations: "violate/breach/evade sanctions", "in violation of resolution ..."."""

from __future__ import annotations

from spacy.tokens import Token

from vocabulary.events import NON_STATE_ACTORS, SANCTIONS_VIOLATION

from .actors import ActorResolver
from .entity_links import linked_countries
from .frames import (
    EventRules,
    children,
    is_passive,
    noun_prep_objects,
    origin_modifiers,
    phrase_prep_objects,
    prep_objects,
    subject_of,
)
from .lexicon import load_data, word_set
from .mentions import EventMention

_OWNER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})


class ViolationRules(EventRules):
    """Sanctions-violation mentions from verbs and nouns."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        lex = load_data("events")
        self.violation_verbs = frozenset(lex["violation_verbs"])
        self.violation_nouns = frozenset(lex["violation_nouns"])
        self.violation_phrasal_verbs = {verb: frozenset(p) for verb, p in lex["violation_phrasal_verbs"].items()}
        self.helping_verbs = frozenset(lex["helping_verbs"])
        self.dealing_verbs = frozenset(lex["dealing_verbs"])

    def is_phrasal_violation(self, verb: Token) -> bool:
        """ "get around sanctions", "worked round the embargo"."""
        particles = self.violation_phrasal_verbs.get(verb.lemma_.lower(), ())
        if not particles:
            return False
        # The particle right after the verb, whatever the parser hung it on ("get round these penalties").
        after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        return (after is not None and after.lower_ in particles) or any(
            c.lower_ in particles for c in verb.children if c.dep_ in ("prep", "prt")
        )

    def _violation_verb(self, verb: Token, actors: ActorResolver) -> list[EventMention]:
        objects = children(verb, {"dobj", "nsubjpass"})
        if self.is_phrasal_violation(verb):
            objects += prep_objects(verb, {"around", "round"})
        if not any(self.names_sanctions(o) or _sanctions_by_another_name(o) for o in objects):
            return []
        subjects = prep_objects(verb, {"by"}) if is_passive(verb) else subject_of(verb)
        if (transfer := _transfer_subject(subjects, verb)) is not None:
            return [self.mention(SANCTIONS_VIOLATION, _transfer_parties(transfer, actors), verb, [], verbal=True)]
        violator = actors.codes(subjects) or linked_countries(subjects, actors)  # "SIA Falcon is flouting"
        # Whose sanctions they are ("U.S. sanctions", "UN resolutions") says nothing about the parties.
        imposers = {o.i for o in objects} | {
            t.i for o in objects for c in o.children if c.dep_ in _OWNER_DEPS for t in c.subtree
        }
        # Anyone else named in the clause deals with the violator (the parser may hang the sanctions'
        # relative clause anywhere under the verb).
        others = actors.codes(t for s in [*subjects, verb] for t in s.subtree if t.i not in imposers)
        counterparty = [c for c in others if c not in violator and c not in NON_STATE_ACTORS]
        helpers = self._helpers(verb, actors)
        if helpers and not set(helpers) & set(violator):
            # "Turkish banks helped Iran evade sanctions": the helper violates, for the helped party.
            counterparty = [*violator, *(c for c in counterparty if c not in helpers and c not in violator)]
            violator = helpers
        roles = {"violator": [c for c in violator if c not in NON_STATE_ACTORS], "counterparty": counterparty}
        return [self.mention(SANCTIONS_VIOLATION, roles, verb, [], verbal=True)]

    def _dealing_verb(self, verb: Token, actors: ActorResolver) -> list[EventMention]:
        """ "Chinese firms were suspected of improperly trading with North Korea": illegal dealings."""
        if not self.is_illegal(verb):
            return []
        violator = actors.codes(subject_of(verb))
        counterparty = [c for c in actors.codes(prep_objects(verb, {"with"})) if c not in violator]
        roles = {"violator": [c for c in violator if c not in NON_STATE_ACTORS], "counterparty": counterparty}
        return [self.mention(SANCTIONS_VIOLATION, roles, verb, [], verbal=True)]

    def _ship_to_ship(self, noun: Token, actors: ActorResolver) -> list[EventMention]:
        """ "Chinese tankers conducted ship-to-ship transfers with North Korean vessels": the
        hallmark of sanctions evasion at sea (kept only in an article about sanctions)."""
        violator = actors.codes(phrase_prep_objects(noun, {"by", "from"}) + children(noun, {"poss", "amod"}))
        if not violator and noun.dep_ in ("dobj", "pobj"):
            verb = noun.head if noun.dep_ == "dobj" else noun.head.head
            violator = actors.codes(subject_of(verb))
        counterparty = [c for c in actors.codes(phrase_prep_objects(noun, {"with", "to"})) if c not in violator]
        roles = {"violator": [c for c in violator if c not in NON_STATE_ACTORS], "counterparty": counterparty}
        return [self.mention(SANCTIONS_VIOLATION, roles, noun, [], verbal=False)]

    def _helpers(self, verb: Token, actors: ActorResolver) -> list[str]:
        head = verb.head
        if verb.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in self.helping_verbs:
            return actors.codes(subject_of(head))
        return []

    def _violation_noun(self, noun: Token, actors: ActorResolver) -> list[EventMention]:
        of_objects = prep_objects(noun, {"of"})
        compounds = children(noun, {"compound", "amod"})
        if not any(self.names_sanctions(o) for o in of_objects + compounds):
            return []
        violator = actors.codes(prep_objects(noun, {"by"}) + children(noun, {"poss"}))
        if not violator and noun.dep_ in ("compound", "amod"):
            # "Iran's sanctions evasion network", "Russian sanctions-evasion schemes": whose scheme it is.
            violator = actors.codes(c for c in noun.head.children if c.dep_ in ("poss", "amod") and c.i != noun.i)
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
            # "accused China of exporting oil to X, in violation of ...": the act of the accused.
            verb = _accused_act(verb) or verb
            violator = actors.codes(subject_of(verb))
            if not violator and is_passive(verb):
                # "Iranian oil was sold to China in violation of ...", "Belarus was engaged in evasion"
                violator = actors.codes(prep_objects(verb, {"by"})) or actors.codes(children(verb, {"nsubjpass"}))
            objects = [verb, *children(verb, {"dobj"})]
            counterparty = actors.codes(p for o in objects for p in phrase_prep_objects(o, {"to", "from"}))
        violator = [c for c in violator if c not in NON_STATE_ACTORS]  # the EU and UN set sanctions
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


def _accused_act(verb: Token) -> Token | None:
    """The act in "accused X of exporting ...": the verb under the accusation's "of"."""
    return next(
        (c for p in verb.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children if c.dep_ == "pcomp"),
        None,
    )


def is_ship_to_ship(noun: Token) -> bool:
    """ "ship-to-ship transfers", "STS transfers"."""
    if noun.lemma_.lower() != "transfer":
        return False
    doc = noun.doc
    before = doc[max(noun.sent.start, noun.i - 5) : noun.i].text.lower().replace(" ", "")
    return before.endswith(("ship-to-ship", "sts"))


def _transfer_subject(subjects: list[Token], verb: Token) -> Token | None:
    """The transfer that violates: "the transfer of missiles from X to Y violates ...", "X's arms
    deliveries to Y, which violate ..." (a relative pronoun stands for its antecedent)."""
    nouns = word_set("events", "transfer_supplier_nouns") | word_set("events", "transfer_recipient_nouns")
    for subject in subjects:
        if subject.lower_ in ("which", "that") and verb.dep_ == "relcl":
            subject = verb.head
            if subject.lemma_.lower() not in nouns and subject.dep_ == "pobj":
                subject = subject.head.head  # "deliveries to Russia, which violate": hung on "Russia"
                # ... or on the verb the "to" phrase was hung on ("condemned X's deliveries to Y, which")
                subject = next((o for o in children(subject, {"dobj"}) if o.lemma_.lower() in nouns), subject)
        if subject.lemma_.lower() in nouns and subject.pos_ == "NOUN":
            return subject
    return None


def _transfer_parties(noun: Token, actors: ActorResolver) -> dict[str, list[str]]:
    """Violator and counterparty of a violating transfer: the one whose transfer it is (its
    possessor, else the supplier "from"/"by") violates; the other side deals with it."""
    owner = actors.codes(children(noun, {"poss", "amod", "compound"}))
    source = actors.codes(phrase_prep_objects(noun, {"from", "by"}) or noun_prep_objects(noun, {"from", "by"}))
    destination = actors.codes(phrase_prep_objects(noun, {"to"}) or noun_prep_objects(noun, {"to"}))
    if noun.lemma_.lower() in word_set("events", "transfer_recipient_nouns"):  # "Russia's purchases of ..."
        violator, counterparty = owner or destination, source or actors.codes(origin_modifiers([noun]))
    else:
        violator, counterparty = owner or source, destination
    violator = [c for c in violator if c not in NON_STATE_ACTORS]
    return {"violator": violator, "counterparty": [c for c in counterparty if c not in violator]}


def _sanctions_by_another_name(phrase: Token) -> bool:
    """ "To get round these penalties, Moscow built a shadow fleet": in an article about sanctions,
    evading "penalties" or "curbs" is evading the sanctions."""
    if phrase.lemma_.lower() not in word_set("events", "sanction_synonyms"):
        return False
    markers = word_set("events", "sanctioned_markers")
    return any(t.lower_ in markers for t in phrase.doc)
