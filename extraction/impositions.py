"""Sanctions impositions: "impose sanctions on X", "sanction/blacklist X", "ban shipments to X",
"go ahead with sanctions against X", "added X to the Entity List"."""

from __future__ import annotations

from spacy.tokens import Token

from vocabulary.events import NON_STATE_ACTORS, SANCTIONS_IMPOSITION

from .actors import ActorResolver
from .frames import EventRules, children, is_blocked, is_passive, phrase_prep_objects, prep_objects, subject_of
from .lexicon import load_data, word_set
from .mentions import EventMention


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
        self.sanction_receiving_verbs = frozenset(lex["sanction_receiving_verbs"])
        self.proceeding_verbs = frozenset(lex["proceeding_verbs"])

    def _with_sanctions(self, verb: Token) -> bool:
        """ "Russia was hit with new sanctions", "slapped Belarus with an embargo"."""
        return any(self.names_sanctions(o) for o in prep_objects(verb, {"with"}))

    def _lists_as_sanctioned(self, verb: Token) -> bool:
        """ "added 12 companies to its Entity List", "put X on the sanctions list"."""
        return any(o.lemma_.lower() in self.list_nouns for o in prep_objects(verb, {"to", "on"}))

    def _imposition_verb(
        self, verb: Token, lemma: str, actors: ActorResolver, names_targets: bool = False
    ) -> list[EventMention]:
        """``names_targets``: the verb's object is the sanctioned party ("sanctioned five firms",
        "added them to the blacklist")."""
        if is_blocked(verb):
            return []
        passive = is_passive(verb)
        objects = children(verb, {"dobj", "nsubjpass"})
        if passive:
            # "was hit with sanctions by the EU": the agent may hang off the sanctions phrase.
            phrases = [*objects, *prep_objects(verb, {"with"})]
            imposers = actors.codes(prep_objects(verb, {"by"})) or actors.codes(
                p for o in phrases for p in phrase_prep_objects(o, {"by"})
            )
        else:
            imposers = actors.codes(subject_of(verb))
        if names_targets or lemma in self.direct_sanction_verbs:
            # "sanctioned 600 individuals and entities, including Iran": everyone named in the object.
            targets = actors.codes(t for o in objects for t in o.subtree)
        elif lemma in self.ban_verbs:
            if not any(o.lemma_.lower() in self.ban_objects or o.lower_ in self.ban_objects for o in objects):
                return []
            targets = actors.codes(
                prep_objects(verb, {"to", "of", "from"})
                + [p for o in objects for p in prep_objects(o, {"to", "of", "from"})]
                + [c for o in objects for c in children(o, {"poss"})]
            )
        else:
            if not any(self.names_sanctions(o) for o in objects):
                return []
            targets = self.sanction_targets(verb, objects, actors)
        targets = [c for c in targets if c not in imposers and c not in NON_STATE_ACTORS]
        return [self.mention(SANCTIONS_IMPOSITION, {"imposer": imposers, "target": targets}, verb, [], verbal=True)]

    def sanction_targets(self, verb: Token, objects: list[Token], actors: ActorResolver) -> list[str]:
        """Countries sanctioned: "on Iran", "against Russian banks", and failing those anyone named in
        the sanctioned phrase ("on 16 people who support the Syrian government")."""
        preps = {"on", "against", "upon", "targeting", "over"}
        sanctioned = prep_objects(verb, preps) + [p for o in objects for p in prep_objects(o, preps)]
        return actors.codes(sanctioned) or actors.codes(t for s in sanctioned for t in s.subtree)

    def _sanction_noun(self, noun: Token, actors: ActorResolver) -> list[EventMention]:
        """ "would go ahead with sanctions against X", "announced an embargo on X" when the verb
        is not the direct head of the noun."""
        targets = self.sanction_targets(noun, [], actors)
        if not targets:
            return []
        verb = noun.head
        steps = 0
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and steps < 3:
            verb, steps = verb.head, steps + 1
        lemma = verb.lemma_.lower()
        acting = lemma in self.imposition_verbs or lemma in self.proceeding_verbs  # "go ahead with"
        if not acting or (noun.head.i == verb.i and lemma in self.imposition_verbs) or is_blocked(verb):
            return []  # direct objects are handled by the verb rule
        imposers = actors.codes(subject_of(verb)) or actors.codes(children(noun, {"poss", "amod", "compound"}))
        targets = [c for c in targets if c not in imposers and c not in NON_STATE_ACTORS]
        return [self.mention(SANCTIONS_IMPOSITION, {"imposer": imposers, "target": targets}, noun, [], verbal=False)]
