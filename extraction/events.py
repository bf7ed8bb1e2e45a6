"""Stage 4: event mentions from the dependency parse.

Three families, each from verbs and nouns alike:

* arms transfers: "X buys Y from Z" (recipient = subject, supplier = "from"),
  "X sells Y to Z" (supplier = subject, recipient = "to" / indirect object),
  passives ("were sent to Z by X"), nominals ("X's arms sales to Z",
  "X's purchases of Z's equipment") and origin adjectives ("X-made missiles
  installed in Z");
* sanctions violations: "violate/breach/evade sanctions", "in violation of
  resolution ...", illegal exports;
* sanctions impositions: "impose sanctions on X", "sanction/blacklist X",
  "ban shipments to X", "go ahead with sanctions against X".

Trigger words and item words are data (``data/events.json``). Mentions are
qualified (status, items) here and merged per article in ``merge.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .actors import ActorResolver
from .lexicon import load_data, word_set
from .merge import merge_mentions
from .qualify import describe_items, mention_status

ARMS_TRANSFER = "arms_transfer"
SANCTIONS_VIOLATION = "sanctions_violation"
SANCTIONS_IMPOSITION = "sanctions_imposition"
CORE_ROLES = {
    ARMS_TRANSFER: ("supplier", "recipient"),
    SANCTIONS_VIOLATION: ("violator",),
    SANCTIONS_IMPOSITION: ("imposer", "target"),
}
NON_STATE_ACTORS = frozenset({"EU", "UN"})
# Dependencies that open a clause of their own: a phrase's prepositions are not looked for below them.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "xcomp", "punct", "appos"})
_CONTROL_PREPS = frozenset({"of", "for"})
# Links climbed from a trigger to the clause whose subject acts ("was about to acquire").
_CLIMB_DEPS = frozenset({"xcomp", "pcomp", "conj", "advcl", "prep", "pobj", "acomp", "ccomp", "relcl", "acl"})


@dataclass
class EventMention:
    """One sentence's evidence for one event."""

    type: str
    roles: dict[str, list[str]]
    trigger: Token
    items: list[str] = field(default_factory=list)
    quantity: str | None = None
    status: str = "reported"
    confidence: float = 0.5

    @property
    def sentence(self) -> Span:
        return self.trigger.sent

    def core(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple((role, tuple(sorted(self.roles.get(role, [])))) for role in CORE_ROLES[self.type])

    @property
    def complete(self) -> bool:
        return all(self.roles.get(role) for role in CORE_ROLES[self.type])


def _children(token: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    """Objects of the given prepositions attached to ``token`` ("to Russia", "from Iran")."""
    objects = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps:
            objects += _children(prep, {"pobj"})
    return objects


def _phrase_prep_objects(head: Token, preps: set[str]) -> list[Token]:
    """Prepositional objects anywhere inside a noun phrase, not inside its clauses:
    "millions of shells and rockets from North Korea" gives "North Korea" for "from"."""
    objects = _prep_objects(head, preps)
    for child in head.children:
        if child.dep_ not in _CLAUSE_DEPS:
            objects += _phrase_prep_objects(child, preps)
    return objects


def _origin_modifiers(items: list[Token]) -> list[Token]:
    """Modifiers that may name where weapons come from ("North Korean shells", "U.S. arms",
    "parts of the Russian S-400 system")."""
    modifiers = []
    for item in items:
        modifiers += _children(item, {"amod", "compound", "nmod", "poss"})
        for of_object in _prep_objects(item, {"of"}):
            modifiers += _children(of_object, {"amod", "compound", "nmod", "poss"})
    return modifiers


def _noun_prep_objects(noun: Token, preps: set[str]) -> list[Token]:
    """Prepositional objects of a nominal trigger. The parser often attaches them to the verb
    governing the noun ("tracked Serbia's arms sales to Cyprus"); they are taken from there when
    the noun has none of its own."""
    objects = _prep_objects(noun, preps)
    if not objects and noun.dep_ in ("dobj", "nsubjpass"):
        objects = _prep_objects(noun.head, preps)
    return objects


def _subject(verb: Token) -> list[Token]:
    """Grammatical subject of a verb, climbing through "was about to acquire", "agreed to sell",
    conjoined verbs and participial clauses to the clause that has one."""
    # Object control: "accused Iran of supplying", "sanctioned firms for selling", "arrested two
    # employees on suspicion of exporting": the governing verb's object does the act.
    control = verb.dep_ == "pcomp" and verb.head.lower_ in _CONTROL_PREPS
    token = verb
    for _ in range(6):
        if control and token.i != verb.i and token.pos_ in ("VERB", "AUX") and _children(token, {"dobj"}):
            return _children(token, {"dobj"})
        # A governing passive's subject is the complement's actor: "X was accused of selling".
        subjects = _children(token, {"nsubj", "csubj"} if token.i == verb.i else {"nsubj", "csubj", "nsubjpass"})
        if subjects:
            return subjects
        if token.dep_ not in _CLIMB_DEPS or token.head.i == token.i:
            return []
        token = token.head
    return []


def _is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl") and not _children(verb, {"nsubj"})
    )


def _blocked(trigger: Token) -> bool:
    return any(t.lemma_.lower() in word_set("events", "blocking_verbs") for t in (trigger, *trigger.ancestors))


class EventDetector:
    """Finds event mentions sentence by sentence and merges them into ``doc._.events``."""

    def __init__(self, name: str) -> None:
        self.name = name
        lex = load_data("events")
        self.recipient_verbs = frozenset(lex["transfer_recipient_verbs"])
        self.supplier_verbs = frozenset(lex["transfer_supplier_verbs"])
        self.supplier_nouns = frozenset(lex["transfer_supplier_nouns"])
        self.recipient_nouns = frozenset(lex["transfer_recipient_nouns"])
        self.transfer_noun_governors = frozenset(lex["transfer_noun_governors"])
        self.transfer_receipt_governors = frozenset(lex["transfer_receipt_governors"])
        self.origin_suffixes = frozenset(s.lstrip("-") for s in lex["origin_adjective_suffixes"])
        self.arms_strong = word_set("events", "arms_strong_words")
        self.arms_context = word_set("events", "arms_context_words")
        self.arms_phrases = word_set("events", "arms_phrases")
        self.violation_verbs = frozenset(lex["violation_verbs"])
        self.violation_nouns = frozenset(lex["violation_nouns"])
        self.sanction_words = word_set("events", "sanction_words")
        self.illegal = word_set("events", "illegal_adjectives")
        self.imposition_verbs = frozenset(lex["imposition_verbs"])
        self.direct_sanction_verbs = frozenset(lex["imposition_direct_verbs"])
        self.ban_verbs = frozenset(lex["ban_verbs"])
        self.ban_objects = word_set("events", "ban_objects")
        self.listing_verbs = frozenset(lex["listing_verbs"])
        self.list_nouns = frozenset(lex["list_nouns"])
        self.sanction_nouns = frozenset(lex["sanction_nouns"])
        self.sanction_receiving_verbs = frozenset(lex["sanction_receiving_verbs"])
        self.proceeding_verbs = frozenset(lex["proceeding_verbs"])
        if not Doc.has_extension("events"):
            Doc.set_extension("events", default=None)

    # ------------------------------------------------------------------ driver
    def __call__(self, doc: Doc) -> Doc:
        actors = ActorResolver(doc)
        mentions: list[EventMention] = []
        for token in doc:
            lemma = token.lemma_.lower()
            if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
                mentions += self._verb_mentions(token, lemma, actors)
            elif token.pos_ in ("NOUN", "PROPN"):
                mentions += self._noun_mentions(token, lemma, actors)
            if token.lower_ in self.origin_suffixes and token.i >= 2 and doc[token.i - 1].text == "-":
                mentions += self._origin_mentions(token, actors)
        mentions = [m for m in mentions if _plausible(m)]
        for mention in mentions:
            if mention.complete:  # only complete mentions can frame a merged event's status
                mention.status = mention_status(mention.type, mention.trigger)
                if mention.status == "reported" and self._stated_by_a_party(mention, actors):
                    mention.status = "confirmed"
        doc._.events = merge_mentions(mentions)
        return doc

    @staticmethod
    def _stated_by_a_party(mention: EventMention, actors: ActorResolver) -> bool:
        """ "Poland's defence ministry said it had delivered jets to Ukraine": a party to the
        transfer states it, which is an official confirmation."""
        if mention.type != ARMS_TRANSFER:
            return False
        parties = {c for role in CORE_ROLES[ARMS_TRANSFER] for c in mention.roles.get(role, [])}
        reporting = word_set("modality", "reporting_verbs") | word_set("modality", "confirm_verbs")
        for verb in mention.trigger.ancestors:
            if verb.lemma_.lower() in reporting:
                speakers = _children(verb, {"nsubj"})
                return bool(set(actors.codes(speakers)) & parties)
        return False

    # ------------------------------------------------------------------ lexical tests
    def is_arms(self, phrase: Token, exclude: set[int] = frozenset()) -> bool:
        """Whether the phrase headed by ``phrase`` names weapons: a weapon word, or any word with a
        military modifier ("military equipment", "lethal aid"). "non-weapons" is not."""
        tokens = [t for t in phrase.subtree if t.i not in exclude]
        words = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
        negated = any(t.lower_ == "non" for t in tokens)
        if negated:
            return False
        pairs = {f"{a.lower_} {b.lower_}" for a, b in pairwise(tokens)}
        return bool(words & (self.arms_strong | self.arms_context) or pairs & self.arms_phrases)

    def names_weapon(self, noun: Token) -> bool:
        """Whether this noun itself is a weapon ("shells", "Leopard 2 tanks", "military equipment")."""
        words = {noun.lower_, noun.lemma_.lower()}
        modifiers = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")}
        return bool(words & self.arms_strong or modifiers & (self.arms_context | self.arms_strong))

    def _names_sanctions(self, phrase: Token) -> bool:
        words = self.sanction_words
        return any(
            t.lemma_.lower() in words
            or t.lower_ in words
            # two-word terms: "export controls"
            or any(f"{c.lower_} {t.lower_}" in words for c in t.children if c.dep_ == "compound")
            for t in phrase.subtree
        )

    def _is_illegal(self, trigger: Token) -> bool:
        return any(
            c.lower_ in self.illegal or c.lower_.removesuffix("ly") in self.illegal
            for c in trigger.children
            if c.dep_ in ("amod", "advmod")
        )

    # ------------------------------------------------------------------ verbs
    def _verb_mentions(self, verb: Token, lemma: str, actors: ActorResolver) -> list[EventMention]:
        if lemma in self.recipient_verbs or lemma in self.supplier_verbs:
            transfers = self._transfer_verb(verb, lemma in self.supplier_verbs, actors)
            if transfers:  # "ordered tanks" is a purchase; "ordered sanctions" goes on below
                return transfers
        if lemma in self.violation_verbs:
            return self._violation_verb(verb, actors)
        if lemma in self.sanction_receiving_verbs and self._with_sanctions(verb):
            return self._imposition_verb(verb, lemma, actors, names_targets=True)
        if lemma in self.listing_verbs and self._lists_as_sanctioned(verb):
            return self._imposition_verb(verb, lemma, actors, names_targets=True)
        if lemma in self.imposition_verbs | self.direct_sanction_verbs | self.ban_verbs:
            return self._imposition_verb(verb, lemma, actors)
        return []

    def _transfer_verb(self, verb: Token, subject_supplies: bool, actors: ActorResolver) -> list[EventMention]:
        passive = _is_passive(verb)
        objects = _children(verb, {"dobj", "nsubjpass"})
        if verb.dep_ in ("relcl", "acl"):
            objects.append(verb.head)  # "the tanks (that) it sent to Ukraine"
        with_objects = _prep_objects(verb, {"with"})
        items_heads = [o for o in objects + with_objects if o.pos_ != "PRON" or o.lower_ in ("them", "it")]
        roles_from = _prep_objects(verb, {"from"}) + [p for o in objects for p in _phrase_prep_objects(o, {"from"})]
        roles_to = _prep_objects(verb, {"to"}) + [p for o in objects for p in _phrase_prep_objects(o, {"to"})]
        datives = _children(verb, {"dative", "iobj"})
        agents = _prep_objects(verb, {"by"})
        subjects = [] if passive else _subject(verb)
        arms = any(self.is_arms(o) for o in items_heads)
        illegal = subject_supplies and self._is_illegal(verb)
        if not (arms or illegal):
            return []
        if subject_supplies:
            # Without a state as subject or agent, "from X" names the supplier ("smugglers shipped
            # rifles from Serbia to Libya").
            supplier = actors.codes(agents if passive else subjects) or actors.codes(roles_from)
            recipient = actors.codes(roles_to + datives)
            if with_objects and not recipient:  # "provide Ukraine with tanks"
                recipient = actors.codes(_children(verb, {"dobj"}))
            if not recipient and objects and objects[0].i == verb.i + 2:
                # "provides Israel billions in aid", parsed with the country as a modifier.
                recipient = actors.codes(_children(objects[0], {"compound"}))
        else:
            recipient = actors.codes(agents if passive else subjects)
            # "bought North Korean shells": the weapons' origin is the supplier.
            supplier = actors.codes(roles_from) or actors.codes(_origin_modifiers(objects))
        # "shipped drones to Russia via the Caspian Sea / through Belarus"
        via = _prep_objects(verb, {"via", "through"}) + [p for o in objects for p in _phrase_prep_objects(o, {"via"})]
        intermediary = [c for c in actors.codes(via) if c not in supplier and c not in recipient]
        roles = {"supplier": supplier, "recipient": recipient, "intermediary": intermediary}
        mentions = []
        if arms:
            mentions.append(
                self._mention(ARMS_TRANSFER, roles, verb, items_heads, verbal=True, actor_tokens=subjects + agents)
            )
        if illegal:
            mentions.append(
                self._mention(
                    SANCTIONS_VIOLATION,
                    {"violator": supplier, "counterparty": recipient},
                    verb,
                    items_heads,
                    verbal=True,
                )
            )
        return mentions

    @staticmethod
    def _role_tokens(tokens: list[Token]) -> set[int]:
        return {t.i for token in tokens for t in token.subtree}

    def _with_sanctions(self, verb: Token) -> bool:
        """ "Russia was hit with new sanctions", "slapped Belarus with an embargo"."""
        return any(self._names_sanctions(o) for o in _prep_objects(verb, {"with"}))

    def _lists_as_sanctioned(self, verb: Token) -> bool:
        """ "added 12 companies to its Entity List", "put X on the sanctions list"."""
        return any(o.lemma_.lower() in self.list_nouns for o in _prep_objects(verb, {"to", "on"}))

    def _violation_verb(self, verb: Token, actors: ActorResolver) -> list[EventMention]:
        objects = _children(verb, {"dobj", "nsubjpass"})
        if not any(self._names_sanctions(o) for o in objects):
            return []
        subjects = _prep_objects(verb, {"by"}) if _is_passive(verb) else _subject(verb)
        violator = actors.codes(subjects)
        # Anyone else named in the clause deals with the violator (the parser may hang the sanctions'
        # relative clause anywhere under the verb).
        others = actors.codes(t for s in [*subjects, verb] for t in s.subtree)
        counterparty = [c for c in others if c not in violator and c not in NON_STATE_ACTORS]
        roles = {"violator": violator, "counterparty": counterparty}
        return [self._mention(SANCTIONS_VIOLATION, roles, verb, [], verbal=True)]

    def _imposition_verb(
        self, verb: Token, lemma: str, actors: ActorResolver, names_targets: bool = False
    ) -> list[EventMention]:
        """``names_targets``: the verb's object is the sanctioned party ("sanctioned five firms",
        "added them to the blacklist")."""
        if _blocked(verb):
            return []
        passive = _is_passive(verb)
        objects = _children(verb, {"dobj", "nsubjpass"})
        if passive:
            # "was hit with sanctions by the EU": the agent may hang off the sanctions phrase.
            phrases = [*objects, *_prep_objects(verb, {"with"})]
            imposers = actors.codes(_prep_objects(verb, {"by"})) or actors.codes(
                p for o in phrases for p in _phrase_prep_objects(o, {"by"})
            )
        else:
            imposers = actors.codes(_subject(verb))
        if names_targets or lemma in self.direct_sanction_verbs:
            # "sanctioned 600 individuals and entities, including Iran": everyone named in the object.
            targets = actors.codes(t for o in objects for t in o.subtree)
        elif lemma in self.ban_verbs:
            if not any(o.lemma_.lower() in self.ban_objects or o.lower_ in self.ban_objects for o in objects):
                return []
            targets = actors.codes(
                _prep_objects(verb, {"to", "of", "from"})
                + [p for o in objects for p in _prep_objects(o, {"to", "of", "from"})]
                + [c for o in objects for c in _children(o, {"poss"})]
            )
        else:
            if not any(self._names_sanctions(o) for o in objects):
                return []
            targets = self._sanction_targets(verb, objects, actors)
        targets = [c for c in targets if c not in imposers and c not in NON_STATE_ACTORS]
        return [self._mention(SANCTIONS_IMPOSITION, {"imposer": imposers, "target": targets}, verb, [], verbal=True)]

    def _sanction_targets(self, verb: Token, objects: list[Token], actors: ActorResolver) -> list[str]:
        """Countries sanctioned: "on Iran", "against Russian banks", and failing those anyone named in
        the sanctioned phrase ("on 16 people who support the Syrian government")."""
        preps = {"on", "against", "upon", "targeting", "over"}
        sanctioned = _prep_objects(verb, preps) + [p for o in objects for p in _prep_objects(o, preps)]
        return actors.codes(sanctioned) or actors.codes(t for s in sanctioned for t in s.subtree)

    # ------------------------------------------------------------------ nouns
    def _noun_mentions(self, noun: Token, lemma: str, actors: ActorResolver) -> list[EventMention]:
        if lemma in self.supplier_nouns or lemma in self.recipient_nouns:
            if noun.dep_ == "compound":  # "supply areas"
                return []
            return self._transfer_noun(noun, lemma in self.supplier_nouns, actors)
        if lemma in self.violation_nouns:
            return self._violation_noun(noun, actors)
        if lemma in self.sanction_nouns and noun.dep_ != "compound":
            return self._sanction_noun(noun, actors)
        return []

    def _transfer_noun(self, noun: Token, supplier_noun: bool, actors: ActorResolver) -> list[EventMention]:
        if any(c.lower_ in ("no", "non") for c in noun.children):
            return []
        of_objects = _prep_objects(noun, {"of"})
        modifiers = _children(noun, {"poss", "amod", "compound", "nmod"})
        arms = self.is_arms(noun, self._role_tokens(_prep_objects(noun, {"to", "from", "by"}))) or any(
            self.is_arms(o) for o in of_objects
        )
        illegal = supplier_noun and self._is_illegal(noun)
        if not (arms or illegal):
            return []
        owners = actors.codes(modifiers)
        origin = actors.codes(_origin_modifiers(of_objects))
        from_codes, by_codes, to_codes = (
            actors.codes(_noun_prep_objects(noun, {p}))
            # "delivery of the batteries from Russia": the preposition may hang off the weapons.
            or actors.codes(t for o in of_objects for t in _phrase_prep_objects(o, {p}))
            for p in ("from", "by", "to")
        )
        actor_tokens: list[Token] = []
        roles: dict[str, list[str]]
        if supplier_noun:
            supplier = from_codes or by_codes or owners
            governed = noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.transfer_noun_governors
            if governed and not supplier:
                # "Washington announced deliveries of launchers to Kyiv", "X approved the sale of ... to Y"
                actor_tokens = _subject(noun.head)
                supplier = actors.codes(actor_tokens)
            intermediary: list[str] = []
            if origin and not from_codes:
                # "a Greek shipment of French arms to Armenia": the arms' origin supplies, the shipper
                # passes them on.
                intermediary = [c for c in supplier if c not in origin]
                supplier = origin
            if not to_codes and noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.transfer_receipt_governors:
                to_codes = actors.codes(_subject(noun.head))  # "X took delivery of tanks from Y"
            roles = {"supplier": supplier, "recipient": to_codes, "intermediary": intermediary}
        else:
            roles = {"supplier": from_codes or origin, "recipient": owners or by_codes}
        item_heads = of_objects or [c for c in noun.children if c.dep_ in ("compound", "amod") and self.names_weapon(c)]
        mentions = []
        if arms:
            mentions.append(
                self._mention(ARMS_TRANSFER, roles, noun, item_heads, verbal=False, actor_tokens=actor_tokens)
            )
        if illegal:
            mentions.append(
                self._mention(
                    SANCTIONS_VIOLATION,
                    {"violator": roles["supplier"], "counterparty": roles["recipient"]},
                    noun,
                    of_objects,
                    verbal=False,
                )
            )
        return mentions

    def _violation_noun(self, noun: Token, actors: ActorResolver) -> list[EventMention]:
        of_objects = _prep_objects(noun, {"of"})
        compounds = _children(noun, {"compound", "amod"})
        if not any(self._names_sanctions(o) for o in of_objects + compounds):
            return []
        violator = actors.codes(_prep_objects(noun, {"by"}) + _children(noun, {"poss"}))
        counterparty: list[str] = []
        if not violator and noun.dep_ == "attr":
            # "X's supply of drones to Y is a violation of resolution 2231": the subject violates.
            subjects = _children(noun.head, {"nsubj"})
            violator = actors.codes(subjects)
            counterparty = actors.codes(t for s in subjects for t in _phrase_prep_objects(s, {"to", "from"}))
        if not violator and noun.dep_ == "pobj" and noun.head.lower_ == "in":
            # "X shipped drones to Y in violation of UN resolutions": the clause's subject violates.
            verb = noun.head.head
            violator = actors.codes(_subject(verb))
            objects = [verb, *_children(verb, {"dobj"})]
            counterparty = actors.codes(p for o in objects for p in _phrase_prep_objects(o, {"to", "from"}))
        counterparty = [c for c in counterparty if c not in violator]
        return [
            self._mention(
                SANCTIONS_VIOLATION,
                {"violator": violator, "counterparty": counterparty},
                noun,
                [],
                verbal=False,
            )
        ]

    def _sanction_noun(self, noun: Token, actors: ActorResolver) -> list[EventMention]:
        """ "would go ahead with sanctions against X", "announced an embargo on X" when the verb
        is not the direct head of the noun."""
        targets = self._sanction_targets(noun, [], actors)
        if not targets:
            return []
        verb = noun.head
        steps = 0
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and steps < 3:
            verb, steps = verb.head, steps + 1
        lemma = verb.lemma_.lower()
        acting = lemma in self.imposition_verbs or lemma in self.proceeding_verbs  # "go ahead with"
        if not acting or (noun.head.i == verb.i and lemma in self.imposition_verbs) or _blocked(verb):
            return []  # direct objects are handled by the verb rule
        imposers = actors.codes(_subject(verb)) or actors.codes(_children(noun, {"poss", "amod", "compound"}))
        targets = [c for c in targets if c not in imposers and c not in NON_STATE_ACTORS]
        return [self._mention(SANCTIONS_IMPOSITION, {"imposer": imposers, "target": targets}, noun, [], verbal=False)]

    # ------------------------------------------------------------------ origin adjectives
    def _origin_mentions(self, suffix: Token, actors: ActorResolver) -> list[EventMention]:
        """ "Chinese-made missiles installed in Iran": the maker supplies, the holder receives."""
        maker = suffix.doc[suffix.i - 2]
        weapon = suffix.head if suffix.dep_ == "amod" else None
        if weapon is None or not self.is_arms(weapon):
            return []
        supplier = actors.codes([maker])
        holders = _children(weapon, {"poss"})
        for clause in _children(weapon, {"acl", "relcl"}):
            holders += _prep_objects(clause, {"in", "to", "by"})
        if weapon.dep_ in ("nsubj", "nsubjpass"):
            holders += _prep_objects(weapon.head, {"in", "to", "by"})  # "the X-made drones deployed in Y"
        if not holders and weapon.dep_ == "dobj":
            holders += _children(weapon.head, {"nsubj"})
        recipient = [c for c in actors.codes(holders) if c not in supplier]
        return [
            self._mention(ARMS_TRANSFER, {"supplier": supplier, "recipient": recipient}, weapon, [weapon], verbal=False)
        ]

    # ------------------------------------------------------------------ helpers
    def _mention(
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
        confidence = 0.6 + (0.15 if verbal else 0.0)
        if any(t.pos_ == "PRON" for t in actor_tokens):
            confidence -= 0.1
        sentence = trigger.sent.text.strip()
        if sentence.endswith("?") or sentence.isupper():  # questions and capitalised headlines
            confidence -= 0.3
            items = [] if sentence.isupper() else items
        return EventMention(
            type_,
            {r: list(dict.fromkeys(c)) for r, c in roles.items() if c},
            trigger,
            items,
            quantity,
            confidence=confidence,
        )


def _plausible(mention: EventMention) -> bool:
    """Drop self-transfers and state roles filled by the EU/UN where only states fit."""
    roles = mention.roles
    if mention.type == ARMS_TRANSFER:
        for role in ("supplier", "recipient"):
            roles[role] = [c for c in roles.get(role, []) if c not in NON_STATE_ACTORS]
        if set(roles["supplier"]) & set(roles["recipient"]):
            return False
    if mention.type == SANCTIONS_IMPOSITION and set(roles.get("imposer", [])) & set(roles.get("target", [])):
        return False
    return any(roles.get(role) for role in CORE_ROLES[mention.type])


@Language.factory("sanctions_event_detector")
def make_event_detector(nlp: Language, name: str) -> EventDetector:
    return EventDetector(name)
