"""Sanctions impositions: "impose sanctions on X", "sanction/blacklist X", "ban shipments to X",
"go ahead with sanctions against X", "added X to the Entity List", "X was sanctioned by the EU
and by the UK", "the EU's designation of 100 Iranian entities".

A designation's target is the country of the persons and firms designated: their nationality
("five Iranian individuals", "Russia-based firms") before their location ("a company in Turkey",
"the North Korean counsellor in Mongolia" is North Korean). Roles the sentence leaves open are
filled from the article in ``sanction_context.py``."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Token

from vocabulary.events import NON_STATE_ACTORS, SANCTIONS_IMPOSITION

from .actors import ActorResolver
from .appositions import misattached_apposition
from .entity_links import linked_countries
from .frames import EventRules, children, is_blocked, is_passive, phrase_prep_objects, prep_objects, subject_of
from .lexicon import load_data, word_set
from .mentions import EventMention

# Parts of a designee's phrase that say what it did or where it went, not who it is.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp"})
_LOCATION_PREPS = frozenset({"in", "within"})
# Where the parser may hang a designee's origin on the verb: "sanctioned 20 people from Russia".
_DESIGNEE_PREPS = _LOCATION_PREPS | {"from"}
# Participles that say where a designee is, not what it did ("based in Iran").
_SEAT_VERBS = frozenset({"base", "locate", "headquarter", "register", "incorporate"})
_SANCTIONED_PREPS = {"on", "against", "upon", "targeting"}
_REASON_PREPS = {"over"}
_RELATIVE_PRONOUNS = frozenset({"that", "which"})


class ImpositionRules(EventRules):
    """Sanctions-imposition mentions from verbs and nouns."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        lex = load_data("events")
        self.imposition_verbs = frozenset(lex["imposition_verbs"])
        self.direct_sanction_verbs = frozenset(lex["imposition_direct_verbs"])
        self.ban_verbs = frozenset(lex["ban_verbs"])
        self.ban_objects = word_set("events", "ban_objects")
        self.listing_verbs = frozenset(lex["listing_verbs"])
        self.list_nouns = frozenset(lex["list_nouns"])
        self.sanction_nouns = frozenset(lex["sanction_nouns"])
        self.designation_nouns = frozenset(lex["designation_nouns"])
        self.imposition_nouns = frozenset(lex["imposition_nouns"])
        self.sanction_receiving_verbs = frozenset(lex["sanction_receiving_verbs"])
        self.action_nouns = frozenset(lex["action_nouns"])
        self.sanctions_subject_verbs = frozenset(lex["sanctions_subject_verbs"])
        self.standing_verbs = frozenset(lex["standing_verbs"])
        self.sanctions_authorities = tuple(lex["sanctions_authorities"])
        self.proceeding_verbs = frozenset(lex["proceeding_verbs"])
        self.determination_verbs = frozenset(lex["determination_verbs"])
        self.choosing_verbs = frozenset(lex["choosing_verbs"])
        self.designee_listing_verbs = frozenset(lex["designee_listing_verbs"])

    def _with_sanctions(self, verb: Token) -> bool:
        """ "Russia was hit with new sanctions", "slapped Belarus with an embargo"."""
        return any(self.names_sanctions(o) for o in prep_objects(verb, {"with"}))

    def _lists_designees(self, verb: Token) -> bool:
        """ "The Council listed 17 individuals and 4 entities": listing persons or firms designates them."""
        nouns = word_set("events", "designee_nouns")
        objects = children(verb, {"dobj", "nsubjpass"})
        return any(t.lower_ in nouns for o in objects for t in (o, *(c for c in o.children if c.dep_ == "conj")))

    def _lists_as_sanctioned(self, verb: Token) -> bool:
        """ "added 12 companies to its Entity List", "put X on the sanctions list"."""
        objects = children(verb, {"dobj"})
        places = prep_objects(verb, {"to", "on"}) + [p for o in objects for p in phrase_prep_objects(o, {"to", "on"})]
        return any(o.lemma_.lower() in self.list_nouns for o in places)

    def _imposition_verb(
        self, verb: Token, lemma: str, actors: ActorResolver, names_targets: bool = False
    ) -> list[EventMention]:
        """``names_targets``: the verb's object is the sanctioned party ("sanctioned five firms",
        "added them to the blacklist")."""
        # "blocked the property of X" is a ban; "blocked a resolution imposing ..." is not an act.
        governor = verb.head if lemma in self.ban_verbs else verb
        if (governor.i != verb.i or lemma not in self.ban_verbs) and is_blocked(governor):
            return []
        if any(c.dep_ == "neg" for c in verb.children):
            return []  # "Japan will not impose sanctions": nothing was imposed
        passive = is_passive(verb)
        objects = children(verb, {"dobj", "nsubjpass"})
        if verb.dep_ in ("acl", "relcl") and (
            (not objects and (passive or verb.dep_ == "relcl")) or any(o.lower_ in _RELATIVE_PRONOUNS for o in objects)
        ):
            # "U.N. sanctions imposed on X", "a resolution (that was) adopted in May", "the
            # sanctions (that) Japan imposed on Iran"; not "sanctions imposed by X remain in place".
            described = verb.head.head if verb.head.dep_ == "conj" else verb.head  # "sanctions and restrictions"
            if described.dep_ == "nsubj" and described.head.lemma_.lower() in self.standing_verbs:
                return []
            objects = [verb.head]
        if names_targets or lemma in self.direct_sanction_verbs:
            if self._designated_as_non_state(verb):
                return []  # "designated the FARC as a Foreign Terrorist Organization"
            # "designated X, a Syrian citizen, and two Lebanese firms": the parser may hang the
            # second designee on the verb.
            objects += [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
            # "sanctioned 600 individuals and entities, including Iran": the designees' countries.
            # The parser may hang the designee's location or origin on the verb ("sanctioned a company in
            # Turkey", "sanctioned 20 individuals from Russia").
            targets = designee_countries(objects, actors) or actors.codes(prep_objects(verb, _DESIGNEE_PREPS))
        elif lemma in self.ban_verbs:
            if not any(o.lemma_.lower() in self.ban_objects or o.lower_ in self.ban_objects for o in objects):
                return []
            banned = (
                prep_objects(verb, {"to", "of", "from"})
                + [p for o in objects for p in prep_objects(o, {"to", "of", "from"})]
                + [c for o in objects for c in children(o, {"poss"})]
            )
            # "the property of the Central Bank of Iran": whose property it is.
            targets = actors.codes(banned) or designee_countries(banned, actors)
        else:
            if not any(self.names_sanctions(o) for o in objects):
                return []
            targets = self.sanction_targets(verb, objects, actors)
        if not passive:
            subjects = subject_of(verb)
            if not subjects and verb.dep_ == "acl" and verb.head.dep_ in ("dobj", "pobj"):
                subjects = subject_of(verb.head.head)  # "the Council adopted a resolution imposing ..."
            imposers = (actors.codes(subjects) or council_of_the_eu(subjects, actors)) + co_actors(verb, actors)
            if not imposers and targets:
                # "The cabinet approved new Japanese sanctions on X": with the target named apart,
                # the sanctions' own modifier is their imposer.
                imposers = actors.codes(c for o in objects for c in children(o, {"amod", "poss"}))
            imposer_groups = [imposers]
        else:
            imposer_groups = self._passive_agents(verb, objects, actors)
        return [
            self._imposition(imposers, targets, verb, verbal=True)
            for imposers in imposer_groups or [[]]  # "Sanctions were imposed on X": imposer from the article
        ]

    @staticmethod
    def _designated_as_non_state(verb: Token) -> bool:
        groups = word_set("non_state_groups", "heads")
        return any(t.lower_ in groups for p in prep_objects(verb, {"as"}) for t in p.subtree)

    def _passive_agents(self, verb: Token, objects: list[Token], actors: ActorResolver) -> list[list[str]]:
        """One imposer group per "by" phrase: "sanctioned by the EU in May and by the UK in June"
        are two acts, "sanctioned by Australia, Canada and New Zealand" one joint act."""
        by_phrases = [p for p in verb.children if p.dep_ in ("agent", "prep", "conj") and p.lower_ == "by"]
        by_phrases += [c for p in by_phrases for c in p.children if c.dep_ == "conj" and c.lower_ == "by"]
        groups = [actors.codes(children(p, {"pobj"})) for p in by_phrases]
        groups = [g for g in groups if g]
        if not groups:
            # "was hit with sanctions by the EU": the agent may hang off the sanctions phrase.
            phrases = [*objects, *prep_objects(verb, {"with"})]
            joint = actors.codes(p for o in phrases for p in phrase_prep_objects(o, {"by"}))
            if not joint and verb.dep_ in ("acl", "relcl"):
                # "U.N. sanctions imposed to discourage X": whose sanctions they are.
                joint = actors.codes(c for c in verb.head.children if c.dep_ in ("amod", "compound", "poss", "nmod"))
                chooser = verb.head.head
                if not joint and verb.head.dep_ == "dobj" and chooser.lemma_.lower() in self.choosing_verbs:
                    joint = actors.codes(subject_of(chooser))  # "the Secretary selected sanctions to be imposed on X"
            groups = [joint] if joint else []
        return groups

    def _imposition(self, imposers: list[str], targets: list[str], trigger: Token, verbal: bool) -> EventMention:
        targets = [c for c in targets if c not in imposers and c not in NON_STATE_ACTORS]
        return self.mention(SANCTIONS_IMPOSITION, {"imposer": imposers, "target": targets}, trigger, [], verbal=verbal)

    def sanction_targets(self, verb: Token, objects: list[Token], actors: ActorResolver) -> list[str]:
        """Countries sanctioned: "on Iran", "against Russian banks", "a new round of sanctions
        against Iran", and failing those anyone named in the sanctioned phrase ("on 16 people who
        support the Syrian government")."""
        for preps in (_SANCTIONED_PREPS, _REASON_PREPS):  # "on X over Y's nuclear programme": X
            sanctioned = prep_objects(verb, preps) + [p for o in objects for p in phrase_prep_objects(o, preps)]
            if preps is _SANCTIONED_PREPS:  # "sanctions targeting Russia's financial sector"
                sanctioned += [
                    d
                    for o in objects
                    for a in children(o, {"acl"})
                    if a.lemma_ == "target"
                    for d in a.children
                    if d.dep_ == "dobj"
                ]
            targets = (
                actors.codes(sanctioned)
                or actors.codes(t for s in sanctioned for t in _without_reasons(s))
                or linked_countries(sanctioned, actors)  # "imposed upon SSB", the Turkish agency named before
            )
            if targets:
                return targets
        return []

    def _sanction_noun(self, noun: Token, actors: ActorResolver) -> list[EventMention]:
        """ "would go ahead with sanctions against X", "announced an embargo on X" when the verb
        is not the direct head of the noun."""
        targets = self.sanction_targets(noun, [], actors)
        if not targets:
            return []
        if noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in self.imposition_nouns:
            return []  # "the Treasury's announcement of sanctions on X": the act noun frames it
        verb = noun.head
        steps = 0
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and steps < 3:
            verb, steps = verb.head, steps + 1
        lemma = verb.lemma_.lower()
        acting = lemma in self.imposition_verbs or lemma in self.proceeding_verbs  # "go ahead with"
        if not acting or (noun.head.i == verb.i and lemma in self.imposition_verbs) or is_blocked(verb):
            return []  # direct objects are handled by the verb rule
        imposers = actors.codes(subject_of(verb)) or actors.codes(children(noun, {"poss", "amod", "compound"}))
        return [self._imposition(imposers, targets, noun, verbal=False)]

    def _act_noun(self, noun: Token, lemma: str, actors: ActorResolver) -> list[EventMention]:
        """Nouns naming the act: "the EU's designation of 100 Iranian entities", "the Security
        Council's imposition of sanctions against X", "a Treasury announcement of sanctions on X".
        The imposer is the noun's possessor or modifier."""
        if noun.dep_ == "compound" or is_blocked(noun):
            return []
        of_objects = prep_objects(noun, {"of"})
        if lemma in self.designation_nouns:
            targets = designee_countries(of_objects, actors)
        elif any(self.names_sanctions(o) for o in of_objects):
            targets = self.sanction_targets(noun, of_objects, actors)
        else:
            return []
        if not of_objects:
            return []
        imposers = actors.codes(children(noun, {"poss", "compound", "amod", "nmod"}))
        imposers = imposers or actors.codes(prep_objects(noun, {"by"}))
        if not imposers and noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
            imposers = actors.codes(subject_of(noun.head))  # "OFAC announced the designation of ..."
        if not imposers and not targets:
            return []
        return [self._imposition(imposers, targets, noun, verbal=False)]

    def _sanctions_as_subject(self, verb: Token, actors: ActorResolver) -> list[EventMention]:
        """ "The new British sanctions target 20 Russian banks", "The sanctions, announced by the
        Treasury, hit five Iranian firms": whose sanctions they are imposes them on the object."""
        subjects = [s for s in children(verb, {"nsubj"}) if self.names_sanctions(s)]
        objects = children(verb, {"dobj"})
        if not subjects or not objects or is_blocked(verb):
            return []
        owners = [c for s in subjects for c in s.children if c.dep_ in ("amod", "poss", "compound", "nmod")]
        agents = [p for s in subjects for c in children(s, {"acl", "relcl"}) for p in prep_objects(c, {"by"})]
        targets = designee_countries(objects, actors)
        return [self._imposition(actors.codes(owners) or actors.codes(agents), targets, verb, verbal=True)]

    def _action_against(self, noun: Token, actors: ActorResolver) -> list[EventMention]:
        """ "OFAC took action against two ministries of Turkey", "Treasury's action against X": a
        sanctions agency's action against someone is a designation."""
        against = prep_objects(noun, {"against"})
        if noun.dep_ == "dobj" and not against:
            against = prep_objects(noun.head, {"against"})  # the parser may hang it on "took"
        if not against or is_blocked(noun):
            return []
        actor = children(noun, {"poss", "compound"})
        if not actor and noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
            actor = subject_of(noun.head) if noun.dep_ == "dobj" else prep_objects(noun.head, {"by"})
        words = " ".join(t.text for a in actor for t in a.subtree)
        if not any(re.search(rf"\b{re.escape(name)}\b", words) for name in self.sanctions_authorities):
            return []
        targets = designee_countries(against, actors)
        return [self._imposition(actors.codes(actor), targets, noun, verbal=False)]


def council_of_the_eu(subjects: list[Token], actors: ActorResolver) -> list[str]:
    """ "The Council adopted restrictive measures": in an article that names the EU and not the UN,
    the bare "Council" is the Council of the European Union."""
    if not any(t.lower_ == "council" and not actors.of_phrase(t) for t in subjects):
        return []
    named = set(actors.code_at.values())
    return ["EU"] if "EU" in named and "UN" not in named else []


def co_actors(verb: Token, actors: ActorResolver) -> list[str]:
    """Countries an imposer acts together with: "the UK joined the US in sanctioning X"."""
    joining = word_set("events", "joining_verbs")
    return actors.codes(
        o for a in list(verb.ancestors)[:3] if a.lemma_.lower() in joining for o in children(a, {"dobj"})
    )


def designee_countries(phrases: Iterable[Token], actors: ActorResolver) -> list[str]:
    """Countries of the persons and firms named in ``phrases``: their nationality, or failing that
    where they are ("a company in Turkey"). What they did (relative clauses, "for ...") is left out."""
    nationality: list[Token] = []
    location: list[Token] = []

    def walk(token: Token, located: bool) -> None:
        (location if located else nationality).append(token)
        for child in token.children:
            if child.dep_ == "acl" and child.lemma_.lower() in _SEAT_VERBS:
                walk(child, located=True)  # "two entities based in Iran", "a firm registered in Malta"
                continue
            if child.dep_ in _CLAUSE_DEPS or (child.dep_ == "prep" and child.lower_ == "for"):
                continue
            if misattached_apposition(child):
                continue
            walk(child, located or (child.dep_ == "prep" and child.lower_ in _LOCATION_PREPS))

    phrases = list(phrases)
    for phrase in phrases:
        walk(phrase, located=False)
    # Failing those, the country the article introduced them with ("designated SIA Falcon").
    return actors.codes(nationality) or actors.codes(location) or linked_countries(phrases, actors)


def _without_reasons(phrase: Token) -> list[Token]:
    """The phrase's words without its "over ..." reasons ("firms from Laos over Vietnam's policy")."""
    reasons = {t.i for p in phrase.subtree if p.dep_ == "prep" and p.lower_ in _REASON_PREPS for t in p.subtree}
    return [t for t in phrase.subtree if t.i not in reasons]
