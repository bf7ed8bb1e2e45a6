"""Arms transfers: "X buys Y from Z", "X sells Y to Z", passives ("were sent to Z by X"),
nominals ("X's arms sales to Z", "X's purchases of Z's equipment") and origin adjectives
("X-made missiles installed in Z"). Illegal exports are also sanctions violations.

Frames beyond a trigger's own arguments come from ``transfer_frames.py`` (contracts, agent nouns,
"on behalf of", fielded and held weapons of another country's make, deliberation) and
``discourse.py`` (a side named in an earlier sentence)."""

from __future__ import annotations

from spacy.tokens import Token

from vocabulary.events import ARMS_TRANSFER, CORE_ROLES, NON_STATE_ACTORS, SANCTIONS_IMPOSITION, SANCTIONS_VIOLATION

from . import transfer_frames
from .actors import ActorResolver
from .discourse import fill_transfer_roles
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

# Whose own statement of an event confirms it: either side of a transfer, only the imposer of
# sanctions (the target saying it was sanctioned is a report).
_SPEAKING_PARTIES = {ARMS_TRANSFER: CORE_ROLES[ARMS_TRANSFER], SANCTIONS_IMPOSITION: ("imposer",)}


class TransferRules(EventRules):
    """Arms-transfer mentions from verbs, nouns and origin adjectives."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        lex = load_data("events")
        self.recipient_verbs = frozenset(lex["transfer_recipient_verbs"])
        self.supplier_verbs = frozenset(lex["transfer_supplier_verbs"])
        self.supplier_nouns = frozenset(lex["transfer_supplier_nouns"])
        self.recipient_nouns = frozenset(lex["transfer_recipient_nouns"])
        self.transfer_noun_governors = frozenset(lex["transfer_noun_governors"])
        self.transfer_receipt_governors = frozenset(lex["transfer_receipt_governors"])
        self.origin_suffixes = frozenset(s.lstrip("-") for s in lex["origin_adjective_suffixes"])

    def _transfer_verb_mentions(self, verb: Token, lemma: str, actors: ActorResolver) -> list[EventMention]:
        """Transfers a verb states: a transfer verb not merely weighed or asked for, or a fielding
        verb with weapons of another country's make."""
        if lemma in self.recipient_verbs or lemma in self.supplier_verbs:
            if transfer_frames.deliberated(verb):  # "is considering whether to supply"
                return []
            return self._transfer_verb(verb, lemma in self.supplier_verbs, actors)
        if transfer_frames.is_fielding_verb(verb):
            return self._fielding_verb(verb, actors)
        return []

    def _transfer_noun_mentions(self, noun: Token, lemma: str, actors: ActorResolver) -> list[EventMention] | None:
        """Transfers a noun states, or None when the noun is no transfer trigger (other families
        may take it)."""
        if lemma in self.supplier_nouns or lemma in self.recipient_nouns:
            if noun.dep_ == "compound" or transfer_frames.deliberated(noun):  # "supply areas"
                return []
            return self._transfer_noun(noun, lemma in self.supplier_nouns, actors)
        if transfer_frames.is_agent_noun(noun):
            return self._agent_noun(noun, actors)
        if (contract := transfer_frames.contract_for_goods(noun)) is not None:
            return self._contract_noun(noun, contract, actors)
        return None

    @staticmethod
    def _roles_from_discourse(mentions: list[EventMention], actors: ActorResolver) -> None:
        """Lower the confidence of roles read from earlier sentences ("the country", "the junta"),
        then fill a missing side from the discourse (``discourse.py``)."""
        for mention in mentions:
            if any(t.i in actors.from_discourse and t.pos_ != "PRON" for t in mention.sentence):
                mention.confidence -= 0.1
        fill_transfer_roles(mentions, actors, NON_STATE_ACTORS)

    def _transfer_verb(self, verb: Token, subject_supplies: bool, actors: ActorResolver) -> list[EventMention]:
        passive = is_passive(verb)
        objects = children(verb, {"dobj", "nsubjpass"})
        if any(o.ent_type_ == "MONEY" for o in objects):
            # "will get a further $1.2bn in weapons from Washington": the goods the sum is in.
            # "... 315 million dollars in aid, 85 million dollars of it in military aid": the parts too.
            sums = [*objects, *(a for o in objects for a in children(o, {"appos"}))]
            objects += prep_objects(verb, {"in"}) + [p for o in sums for p in prep_objects(o, {"in"})]
        agent_nouns = transfer_frames.participle_agent(verb)
        if verb.dep_ in ("relcl", "acl") and not agent_nouns:
            objects.append(verb.head)  # "the tanks (that) it sent to Ukraine"
        with_objects = prep_objects(verb, {"with"})
        if not with_objects and verb.lemma_.lower() in self.supplier_verbs:
            # "supplied Sudan's army with drones", parsed with "with" on the army
            with_objects = [p for o in children(verb, {"dobj"}) for p in prep_objects(o, {"with"})]
        items_heads = [o for o in objects + with_objects if o.pos_ != "PRON" or o.lower_ in ("them", "it")]
        roles_from = prep_objects(verb, {"from"}) + [p for o in objects for p in phrase_prep_objects(o, {"from"})]
        roles_to = prep_objects(verb, {"to"}) + [p for o in objects for p in phrase_prep_objects(o, {"to"})]
        # "contributing systems worth SEK 1bn to Ukraine": "to" hung on the value phrase.
        roles_to += [p for c in children(verb, {"oprd", "acomp"}) for p in prep_objects(c, {"to"})]
        datives = children(verb, {"dative", "iobj"})
        agents = prep_objects(verb, {"by"})
        subjects = [] if passive else agent_nouns or subject_of(verb)
        governor, parties = transfer_frames.contract_governor(verb)
        if governor is not None and not subjects:
            subjects = subject_of(governor)  # "X won a contract to supply ..."
        if not actors.codes(subjects):
            subjects = transfer_frames.extraposed_actor(verb) or subjects  # "X admitted it was a mistake to sell"
        arms = any(self.is_arms(o) for o in items_heads)
        illegal = subject_supplies and self.is_illegal(verb)
        if not (arms or illegal):
            return []
        if subject_supplies:
            # Without a state as subject or agent, "from X" names the supplier ("smugglers shipped
            # rifles from Serbia to Libya").
            supplier = actors.codes(agents if passive else subjects) or actors.codes(roles_from)
            supplier = supplier or actors.codes(transfer_frames.principals(verb))  # "on behalf of"
            recipient = actors.codes(roles_to + datives)
            if with_objects and not recipient:  # "provide Ukraine with tanks"
                recipient = actors.codes(children(verb, {"dobj"}))
            recipient = recipient or actors.codes(parties)  # "a contract with Poland to supply"
            recipient = recipient or actors.codes(transfer_frames.purpose_beneficiaries(verb))
            if not recipient and objects and objects[0].i == verb.i + 2:
                # "provides Israel billions in aid", parsed with the country as a modifier.
                recipient = actors.codes(children(objects[0], {"compound"}))
            first = objects[0].left_edge if objects else None
            if not recipient and first is not None and first.i == verb.i + 1 and first.dep_ == "compound":
                # "Turkey sold Nigeria attack helicopters": the first object word is the recipient.
                recipient = actors.codes([first])
        else:
            recipient = actors.codes(agents if passive else subjects)
            if not recipient:  # "a broker procured components for Iran's drone programme"
                recipient = actors.codes(
                    prep_objects(verb, {"for"}) + [p for o in objects for p in prep_objects(o, {"for"})]
                )
            # "bought North Korean shells": the weapons' origin is the supplier.
            supplier = actors.codes(roles_from) or actors.codes(origin_modifiers(objects)) or actors.codes(parties)
        # "shipped drones to Russia via the Caspian Sea / through Belarus"
        via = prep_objects(verb, {"via", "through"}) + [p for o in objects for p in phrase_prep_objects(o, {"via"})]
        intermediary = [c for c in actors.codes(via) if c not in supplier and c not in recipient]
        roles = {"supplier": supplier, "recipient": recipient, "intermediary": intermediary}
        mentions = []
        if arms:
            mentions.append(
                self.mention(ARMS_TRANSFER, roles, verb, items_heads, verbal=True, actor_tokens=subjects + agents)
            )
        if illegal:
            mentions.append(
                self.mention(
                    SANCTIONS_VIOLATION,
                    {"violator": supplier, "counterparty": recipient},
                    verb,
                    items_heads,
                    verbal=True,
                )
            )
        return mentions

    def _fielding_verb(self, verb: Token, actors: ActorResolver) -> list[EventMention]:
        """ "Russia fired North Korean missiles at Kyiv": weapons of one country's make fielded by another."""
        weapons = [o for o in children(verb, {"dobj"}) if self.is_arms(o)]
        if is_passive(verb) or not weapons:
            return []
        supplier = actors.codes(origin_modifiers(weapons)) or actors.codes(transfer_frames.provenance(weapons))
        # The verb's own subject only: "warned Tehran against using X-made missiles" is not the warner's use.
        recipient = [c for c in actors.codes(children(verb, {"nsubj"})) if c not in supplier]
        if not (supplier and recipient):
            return []
        roles = {"supplier": supplier, "recipient": recipient}
        return [self.mention(ARMS_TRANSFER, roles, verb, weapons, verbal=False)]

    def _transfer_noun(self, noun: Token, supplier_noun: bool, actors: ActorResolver) -> list[EventMention]:
        if any(c.lower_ in ("no", "non") for c in noun.children):
            return []
        of_objects = prep_objects(noun, {"of"})
        modifiers = children(noun, {"poss", "amod", "compound", "nmod"})
        arms = self.is_arms(noun, self.role_tokens(prep_objects(noun, {"to", "from", "by"}))) or any(
            self.is_arms(o) for o in of_objects
        )
        illegal = supplier_noun and self.is_illegal(noun)
        if not (arms or illegal):
            return []
        owners = actors.codes(modifiers)
        origin = actors.codes(origin_modifiers(of_objects))
        from_codes, by_codes, to_codes = (
            actors.codes(noun_prep_objects(noun, {p}))
            # "delivery of the batteries from Russia": the preposition may hang off the weapons.
            or actors.codes(t for o in of_objects for t in phrase_prep_objects(o, {p}))
            or actors.codes(phrase_prep_objects(noun, {p}))  # "exports worth $2bn to Israel"
            for p in ("from", "by", "to")
        )
        if not to_codes and noun.lemma_.lower() in word_set("transfer_frames", "package_nouns"):
            to_codes = actors.codes(prep_objects(noun, {"for"}))  # "an arms package for Taiwan"
        actor_tokens: list[Token] = []
        roles: dict[str, list[str]]
        if supplier_noun:
            supplier = from_codes or by_codes or owners
            governor = noun.head
            if noun.dep_ == "pobj" and governor.lower_ == "of" and governor.dep_ == "prep":
                governor = governor.head  # "notified Congress of a proposed sale of missiles to Taiwan"
            elif noun.dep_ == "pobj" and governor.lower_ == "in" and governor.head.ent_type_ == "MONEY":
                # "approved 85 million dollars in military aid for X": the sum stands for the aid.
                governor = governor.head.head if governor.head.dep_ == "dobj" else None
            elif noun.dep_ != "dobj":
                governor = None
            governed = governor is not None and governor.lemma_.lower() in self.transfer_noun_governors
            if governed and not supplier:
                # "Washington announced deliveries of launchers to Kyiv", "X approved the sale of ... to Y"
                actor_tokens = subject_of(governor)
                supplier = actors.codes(actor_tokens)
            intermediary: list[str] = []
            if origin and not from_codes:
                # "a Greek shipment of French arms to Armenia": the arms' origin supplies, the shipper
                # passes them on.
                intermediary = [c for c in supplier if c not in origin]
                supplier = origin
            if not to_codes and noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.transfer_receipt_governors:
                to_codes = actors.codes(subject_of(noun.head))  # "X took delivery of tanks from Y"
            # "a consignment of Czech rifles to Sudan via Chad"
            via = actors.codes(phrase_prep_objects(noun, {"via", "through"}) or noun_prep_objects(noun, {"via"}))
            intermediary += [c for c in via if c not in supplier and c not in to_codes and c not in intermediary]
            roles = {"supplier": supplier, "recipient": to_codes, "intermediary": intermediary}
        else:
            roles = {"supplier": from_codes or origin, "recipient": owners or by_codes}
        item_heads = of_objects or [c for c in noun.children if c.dep_ in ("compound", "amod") and self.names_weapon(c)]
        mentions = []
        if arms:
            mentions.append(
                self.mention(ARMS_TRANSFER, roles, noun, item_heads, verbal=False, actor_tokens=actor_tokens)
            )
        if illegal:
            mentions.append(
                self.mention(
                    SANCTIONS_VIOLATION,
                    {"violator": roles["supplier"], "counterparty": roles["recipient"]},
                    noun,
                    of_objects,
                    verbal=False,
                )
            )
        return mentions

    def _contract_noun(
        self, noun: Token, contract: tuple[Token, list[Token], list[Token]], actors: ActorResolver
    ) -> list[EventMention]:
        """ "India signed a deal with the United States for 31 drones": the signer buys and the
        other party sells, unless the signer is an arms maker ("Hanwha signed a deal with Poland
        for tanks")."""
        verb, parties, goods = contract
        if not any(self.is_arms(g) for g in goods):
            return []
        signers = subject_of(verb)
        buyer, seller = actors.codes(signers), actors.codes(parties)
        if actors.is_company(signers):
            buyer, seller = seller, buyer
        roles = {"supplier": seller, "recipient": buyer}
        return [self.mention(ARMS_TRANSFER, roles, noun, goods, verbal=False, actor_tokens=signers)]

    def _agent_noun(self, noun: Token, actors: ActorResolver) -> list[EventMention]:
        """ "Russia is the main arms supplier to Mali", "India, the biggest buyer of Russian arms"."""
        frame = transfer_frames.agent_roles(noun)
        if frame is None:
            return []
        of_objects = prep_objects(noun, {"of"})
        role, agent_tokens, other_tokens = frame
        # What the noun itself moves: not its parties, nor a conjoined agent noun ("buyer of oil and seller of drones").
        own = {t.i for t in noun.subtree}
        exclude = (self.role_tokens(agent_tokens) - own) | self.role_tokens(other_tokens + children(noun, {"conj"}))
        if not (self.is_arms(noun, exclude) or any(map(self.is_arms, of_objects))):
            return []
        others = actors.codes(other_tokens)
        # An appositive agent's phrase holds the agent noun too ("Russia, Mali's supplier"): not Mali.
        agents = [c for c in actors.codes(agent_tokens) if c not in others]
        if role == "recipient":
            others = others or actors.codes(origin_modifiers(of_objects))
            roles = {"supplier": others, "recipient": agents}
        else:
            roles = {"supplier": agents, "recipient": others}
        weapons = of_objects or [c for c in noun.children if c.dep_ == "compound" and self.names_weapon(c)]
        return [self.mention(ARMS_TRANSFER, roles, noun, weapons, verbal=False, actor_tokens=agent_tokens)]

    def _origin_mentions(self, suffix: Token, actors: ActorResolver) -> list[EventMention]:
        """ "Chinese-made missiles installed in Iran": the maker supplies, the holder receives."""
        maker = suffix.doc[suffix.i - 2]
        weapon = suffix.head if suffix.dep_ == "amod" else None
        if weapon is None or not self.is_arms(weapon):
            return []
        supplier = actors.codes([maker])
        holders = children(weapon, {"poss"})
        for clause in children(weapon, {"acl", "relcl"}):
            holders += prep_objects(clause, {"in", "to", "by"})
        if weapon.dep_ in ("nsubj", "nsubjpass"):
            holders += prep_objects(weapon.head, {"in", "to", "by"})  # "the X-made drones deployed in Y"
        if not holders and weapon.dep_ == "dobj":
            holders += children(weapon.head, {"nsubj"})
        if not holders:
            holders = transfer_frames.origin_holders(weapon)
        recipient = [c for c in actors.codes(holders) if c not in supplier]
        return [
            self.mention(ARMS_TRANSFER, {"supplier": supplier, "recipient": recipient}, weapon, [weapon], verbal=False)
        ]

    @staticmethod
    def _stated_by_a_party(mention: EventMention, actors: ActorResolver) -> bool:
        """ "Poland's defence ministry said it had delivered jets to Ukraine", "Canada has imposed
        sanctions on Belarus, the Canadian foreign ministry announced": a party to the transfer, or
        the imposer, states it, which is an official confirmation."""
        speaking_roles = _SPEAKING_PARTIES.get(mention.type)
        if speaking_roles is None:
            return False
        parties = {c for role in speaking_roles for c in mention.roles.get(role, [])}
        reporting = word_set("modality", "reporting_verbs") | word_set("modality", "confirm_verbs")
        for verb in mention.trigger.ancestors:
            if verb.lemma_.lower() in reporting:
                speakers = children(verb, {"nsubj"})
                if any(mention.trigger in s.subtree for s in speakers):
                    return False  # "Poland, which bought tanks, said ...": the speaker's own description
                return bool(set(actors.codes(speakers)) & parties)
        return False
