"""Formal determinations that designate: "Pursuant to Executive Order 13382, 'Blocking Property of
...', the Secretary of State has determined that X and Y engaged in ...".

Sanctions notices (the US Federal Register, government gazettes) designate by determining that
persons meet an order's criteria. A determination is an imposition when its sentence names the
sanctions or blocking order it is made under (``determination_grounds``); the persons determined
are the designees (their countries are the targets), the one who determines imposes.
"""

from __future__ import annotations

from spacy.tokens import Token

from vocabulary.events import SANCTIONS_IMPOSITION

from .actors import ActorResolver
from .frames import EventRules, children, subject_of
from .impositions import designee_countries
from .lexicon import word_set
from .mentions import EventMention


class DeterminationRules(EventRules):
    """Impositions from determinations made under a sanctions order."""

    def _determination(self, verb: Token, actors: ActorResolver) -> list[EventMention]:
        # "determined that X engaged in ...": the parser may read the that-clause as adverbial.
        findings = children(verb, {"ccomp"}) + [
            c for c in children(verb, {"advcl"}) if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ]
        grounds = word_set("events", "determination_grounds")
        found = {t.i for f in findings for t in f.subtree}
        # The order it is made under names sanctions; a finding that someone broke them is no designation.
        outside = [t for t in verb.sent if t.i not in found]
        if not findings or not any(t.lower_ in grounds or t.lemma_.lower() in grounds for t in outside):
            return []
        blocking = word_set("events", "blocking_verbs")
        breaking = blocking | self.violation_verbs | self.violation_nouns
        if any(t.lemma_.lower() in breaking for f in findings for t in f.subtree):
            return []  # "determined that it is essential to waive the sanctions"
        determined = [s for f in findings for s in children(f, {"nsubj", "nsubjpass"}) if s.pos_ != "PRON"]
        targets = designee_countries(determined, actors)
        # Only a parsed subject: reading who determines off a long "Pursuant to ..." opening the parser
        # lost the subject in gave wrong events on held-out notices.
        imposers = actors.codes(subject_of(verb))
        imposers = [c for c in imposers if c not in targets]
        if not targets or not imposers:
            return []
        return [self.mention(SANCTIONS_IMPOSITION, {"imposer": imposers, "target": targets}, verb, [], verbal=True)]


def join_determinations(mentions: list[EventMention]) -> None:
    """A notice's determinations by one imposer are one action ("has determined that X and Y ...
    has additionally determined that Z ..."): each takes the targets of all, in place."""
    verbs = word_set("events", "determination_verbs")
    by_imposer: dict[tuple[str, ...], list[EventMention]] = {}
    for mention in mentions:
        if mention.type == SANCTIONS_IMPOSITION and mention.complete and mention.trigger.lemma_.lower() in verbs:
            by_imposer.setdefault(tuple(sorted(mention.roles["imposer"])), []).append(mention)
    for group in by_imposer.values():
        targets = list(dict.fromkeys(c for m in group for c in m.roles["target"]))
        for mention in group:
            mention.roles["target"] = list(targets)
