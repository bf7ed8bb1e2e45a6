"""Stage 4: event mentions from the dependency parse.

Three families, each from verbs and nouns alike, one module each:

* arms transfers (``transfers.py``);
* sanctions violations (``violations.py``);
* sanctions impositions (``impositions.py``).

They share the frame helpers of ``frames.py``. Trigger words and item words are data
(``data/events.json``). Mentions are qualified (status, items) here and merged per article
in ``merge.py``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from vocabulary.events import ARMS_TRANSFER, CORE_ROLES, NON_STATE_ACTORS, SANCTIONS_IMPOSITION

from .actors import ActorResolver
from .contradictions import fold_look_alikes
from .determinations import DeterminationRules, join_determinations
from .impositions import ImpositionRules
from .later_denials import answer_later_denials
from .mentions import EventMention
from .merge import merge_mentions
from .qualify import mention_status
from .sanction_context import banned_transfers, confirm_own_impositions, fill_sanction_roles, plausible_violation
from .transfers import TransferRules
from .violations import ViolationRules, is_ship_to_ship


class EventDetector(TransferRules, ViolationRules, ImpositionRules, DeterminationRules):
    """Finds event mentions sentence by sentence and merges them into ``doc._.events``."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        if not Doc.has_extension("events"):
            Doc.set_extension("events", default=None)

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
        mentions = [m for m in mentions if _plausible(m) and plausible_violation(m)]
        self._roles_from_discourse(mentions, actors)
        fill_sanction_roles(mentions)
        join_determinations(mentions)
        mentions += banned_transfers(mentions, self.names_sanctions)
        for mention in mentions:
            if mention.complete:  # only complete mentions can frame a merged event's status
                mention.status = mention_status(mention.type, mention.trigger)
                if mention.status == "reported" and self._stated_by_a_party(mention, actors):
                    mention.status = "confirmed"
        confirm_own_impositions(mentions, actors.own_voices())
        fold_look_alikes(mentions)
        doc._.events = merge_mentions(mentions)
        answer_later_denials(doc, doc._.events, actors)
        return doc

    def _verb_mentions(self, verb: Token, lemma: str, actors: ActorResolver) -> list[EventMention]:
        transfers = self._transfer_verb_mentions(verb, lemma, actors)
        if transfers:  # "ordered tanks" is a purchase; "ordered sanctions" goes on below
            return transfers
        if lemma in self.determination_verbs:
            return self._determination(verb, actors)
        if lemma in self.violation_verbs or self.is_phrasal_violation(verb):
            return self._violation_verb(verb, actors)
        if lemma in self.dealing_verbs:
            return self._dealing_verb(verb, actors)
        if lemma in self.sanctions_subject_verbs and (by_sanctions := self._sanctions_as_subject(verb, actors)):
            return by_sanctions
        if lemma in self.sanction_receiving_verbs and self._with_sanctions(verb):
            return self._imposition_verb(verb, lemma, actors, names_targets=True)
        if lemma in self.designee_listing_verbs and self._lists_designees(verb):
            return self._imposition_verb(verb, lemma, actors, names_targets=True)
        if lemma in self.listing_verbs and self._lists_as_sanctioned(verb):
            return self._imposition_verb(verb, lemma, actors, names_targets=True)
        if lemma in self.imposition_verbs | self.direct_sanction_verbs | self.ban_verbs:
            return self._imposition_verb(verb, lemma, actors)
        return []

    def _noun_mentions(self, noun: Token, lemma: str, actors: ActorResolver) -> list[EventMention]:
        if is_ship_to_ship(noun):
            return self._ship_to_ship(noun, actors)
        transfers = self._transfer_noun_mentions(noun, lemma, actors)
        if transfers is not None:
            return transfers
        if lemma in self.violation_nouns:
            return self._violation_noun(noun, actors)
        if lemma in self.sanction_nouns and noun.dep_ != "compound":
            return self._sanction_noun(noun, actors)
        if lemma in self.designation_nouns or lemma in self.imposition_nouns:
            return self._act_noun(noun, lemma, actors)
        if lemma in self.action_nouns:
            return self._action_against(noun, actors)
        return []


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
