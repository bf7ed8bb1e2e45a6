"""Sanctions impositions read against the rest of the article.

* **Roles.** An imposition whose sentence names only one side ("The U.K. and Canada also
  sanctioned persons in relation to the coup", "Aung Moe Myint was sanctioned by the EU",
  "Sanctions were imposed on the firm") takes the other side from the article: the one target
  (or imposer) of the article's complete impositions, or else, for a target, the country the
  article names far more often than any other, imposers set aside. Not when the sentence names a
  non-state group as the sanctioned party ("imposed sanctions on Hamas"), nor for a ban that names
  its own destination ("banned shipments to Communist states"). A filled mention is less confident.
* **Status.** Impositions narrated by others are reported; the imposing government's own
  statement confirms. An imposition announced "today" or by "we" is that statement, and it
  confirms every other imposition by the same imposer in the article ("In 1986, sanctions were
  imposed against Libya" in a Treasury release that lifts them today).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from vocabulary.events import ARMS_TRANSFER, SANCTIONS_IMPOSITION, SANCTIONS_VIOLATION

from .discourse import DISCOURSE_PENALTY, article_subject
from .frames import subject_of
from .lexicon import word_set

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .mentions import EventMention

_FIRST_PERSON = frozenset({"we", "our"})
_OPEN_STATUSES = frozenset({"reported", "confirmed"})
# The article's sanctioned country must be named this often, and this many times as often as the next.


def fill_sanction_roles(mentions: list[EventMention]) -> None:
    """Fill the missing side of partial imposition mentions in place. Targets are filled first, so
    that an announcement naming only its imposer ("Today, Treasury designated four companies") can
    then take the one target its own article's filled designations name ("The firms were designated
    for their ties to Iran's defence ministry")."""
    impositions = [m for m in mentions if m.type == SANCTIONS_IMPOSITION]
    complete = [m for m in impositions if m.complete]
    imposers = {tuple(sorted(m.roles["imposer"])) for m in complete}
    voices = {tuple(m.roles["imposer"]) for m in complete if _in_own_voice(m)} or {
        tuple(m.roles["imposer"]) for m in impositions if m.roles.get("imposer") and _in_own_voice(m)
    }
    for mention in impositions:
        if mention.roles.get("imposer") or not _fillable(mention):
            continue
        own = set(mention.roles.get("target", []))
        _fill_one(mention, "imposer", [c for c in (list(voices) or list(imposers)) if not own & set(c)])
    targets = {tuple(sorted(m.roles["target"])) for m in impositions if m.complete}
    for mention in impositions:
        if not mention.roles.get("imposer") or not _fillable(mention):
            continue
        own = set(mention.roles["imposer"])
        candidates = list(targets)
        if not candidates:
            # A Treasury release names the United States often; the country it sanctions comes next.
            subject = article_subject(mention.trigger.doc, own)
            candidates = [(subject,)] if subject else []
        _fill_one(mention, "target", [c for c in candidates if not own & set(c)])


def _fillable(mention: EventMention) -> bool:
    return not (mention.complete or _names_a_non_state_target(mention) or _is_a_ban(mention))


def _fill_one(mention: EventMention, role: str, candidates: list[tuple[str, ...]]) -> None:
    """The role from discourse only when one candidate is left, at lower confidence."""
    if len(candidates) == 1:
        mention.roles[role] = list(candidates[0])
        mention.confidence -= DISCOURSE_PENALTY


def confirm_own_impositions(mentions: list[EventMention], text_voices: set[str] = frozenset()) -> None:
    """Reported impositions whose imposer speaks in the article become confirmed: it announces one
    of them in its own voice, or the text speaks as its "we" (``text_voices``, a release)."""
    impositions = [m for m in mentions if m.type == SANCTIONS_IMPOSITION and m.complete]
    speaking = [m for m in impositions if m.status in _OPEN_STATUSES and _in_own_voice(m)]
    voices = {code for m in speaking for code in m.roles["imposer"]} | set(text_voices)
    for mention in impositions:
        if mention.status == "reported" and set(mention.roles["imposer"]) <= voices:
            mention.status = "confirmed"


def _in_own_voice(mention: EventMention) -> bool:
    """ "Today, OFAC designated ...", "we are imposing sanctions on ...", "the Department is
    expanding sanctions": the imposer announces its own act (news narrates it in the past)."""
    trigger = mention.trigger
    sentence_words = {t.lower_ for t in mention.sentence}
    subjects = {t.lower_ for s in subject_of(trigger) for t in s.subtree}
    progressive = trigger.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("is", "are") for c in trigger.children)
    # A formal determination ("the Secretary of State has determined that X ...") is itself the act.
    determination = trigger.lemma_.lower() in word_set("events", "determination_verbs")
    return "today" in sentence_words or progressive or determination or bool(subjects & _FIRST_PERSON)


def _names_a_non_state_target(mention: EventMention) -> bool:
    """Whether the trigger's phrase names a non-state group ("sanctions on Hamas")."""
    groups = word_set("non_state_groups", "heads")
    return any(t.lower_ in groups for t in mention.trigger.subtree)


def _is_a_ban(mention: EventMention) -> bool:
    """A ban that names its own destination ("banned shipments to Communist states") is not filled."""
    trigger = mention.trigger
    return trigger.lemma_.lower() in word_set("events", "ban_verbs") and any(
        t.dep_ == "prep" and t.lower_ in ("to", "from") for t in trigger.subtree
    )


def plausible_violation(mention: EventMention) -> bool:
    """A smuggling run or a ship-to-ship transfer is a sanctions violation only when it goes to a
    country ("smuggled goods to North Korea", not "rifles to urban commandos"); named by a noun
    ("the smuggling of ...", "ship-to-ship transfers"), only in an article that names sanctions or
    an embargo (drug smuggling is no sanctions-busting)."""
    trigger = mention.trigger
    if mention.type != SANCTIONS_VIOLATION or (
        trigger.lemma_.lower() not in _illicit_verbs() and trigger.lemma_.lower() != "transfer"
    ):
        return True
    if trigger.pos_ in ("VERB", "AUX"):  # "smuggled luxury goods to North Korea"
        return bool(mention.roles.get("counterparty"))
    markers = word_set("events", "sanctioned_markers")
    names_sanctions = any(t.lower_ in markers for t in trigger.doc)
    return bool(mention.roles.get("counterparty")) and names_sanctions


def _illicit_verbs() -> frozenset[str]:
    return word_set("events", "illicit_transfer_verbs")


def banned_transfers(mentions: list[EventMention], names_sanctions: Callable[[Token], bool]) -> list[EventMention]:
    """Violations stated by a transfer's own sentence: "X shipped shells to Y, which is banned
    under UN Security Council resolutions". The supplier violates, the recipient is counterparty."""
    found = []
    bans = word_set("events", "ban_verbs") | word_set("events", "prohibiting_verbs")
    for mention in mentions:
        if mention.type != ARMS_TRANSFER or not mention.complete:
            continue
        banned = any(
            t.lemma_.lower() in bans
            and t.dep_ in ("relcl", "acl", "advcl")
            and any(c.dep_ == "auxpass" for c in t.children)
            and any(names_sanctions(o) for p in t.children if p.lower_ in ("under", "by") for o in p.children)
            for t in mention.trigger.subtree
        )
        defied = _despite_sanctions(mention.trigger, names_sanctions)
        if banned or defied:
            roles = {"violator": list(mention.roles["supplier"]), "counterparty": list(mention.roles["recipient"])}
            if defied and mention.trigger.lemma_.lower() in _receiving_words():
                # "Eritrea imported rifles from Iran despite the embargo": the importer defies it.
                roles = {"violator": list(mention.roles["recipient"]), "counterparty": list(mention.roles["supplier"])}
            found.append(replace(mention, type=SANCTIONS_VIOLATION, roles=roles, items=[], quantity=None))
    return found


def _despite_sanctions(trigger: Token, names_sanctions: Callable[[Token], bool]) -> bool:
    """ "shipped rifles to X despite the UN arms embargo", "in spite of sanctions"."""
    preps = word_set("events", "defiance_preps")
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    for token in (trigger, trigger.head, *objects):  # the parser may hang it on the goods
        for prep in token.children:
            objects = [o for o in prep.children if o.dep_ == "pobj"]
            if prep.lower_ == "in" and any(o.lower_ == "spite" for o in objects):
                objects = [o for s in objects for p in s.children if p.lower_ == "of" for o in p.children]
            elif prep.lower_ not in preps:
                continue
            if any(names_sanctions(o) for o in objects):
                return True
    return False


def _receiving_words() -> frozenset[str]:
    return word_set("events", "transfer_recipient_verbs") | word_set("events", "transfer_recipient_nouns")
