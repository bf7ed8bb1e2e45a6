"""A party's denial of a claim made earlier ("Iran sold drones to Russia. Tehran has denied the
reports."; "..., a claim Chad denied") answers that claim only: the one event it refers back to
(the latest stated before it, within a few sentences, with the denier among its parties) is an
allegation, not a fact. Other events of the article keep their status. Words: ``denial_verbs``
of ``data/modality.json`` and ``claim_nouns`` of ``data/speech.json``."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .actors import ActorResolver
from .lexicon import load_data, word_set

_SUBJECTS = ("nsubj", "nsubjpass")


def answer_later_denials(doc: Doc, events: list[dict], actors: ActorResolver) -> None:
    """Reported events denied by one of their parties in a later clause become alleged."""
    denials = word_set("modality", "denial_verbs")
    window = load_data("modality")["later_denial_window_sentences"]
    starts = [s.start_char for s in doc.sents]
    for verb in doc:
        if verb.lemma_.lower() not in denials or not _denies_a_claim(verb):
            continue
        deniers = set(actors.codes(c for c in verb.children if c.dep_ in _SUBJECTS))
        if not deniers:
            continue
        here = _sentence_index(starts, verb.sent.start_char)
        earlier = [
            (max(start for start, _ in event["spans"] if start <= verb.sent.start_char), event)
            for event in events
            if any(start <= verb.sent.start_char for start, _ in event["spans"])
            and deniers & {code for codes in event["roles"].values() for code in codes}
        ]
        if not earlier:
            continue
        start, event = max(earlier, key=lambda pair: pair[0])
        if here - _sentence_index(starts, start) <= window and event["status"] == "reported":
            event["status"] = "alleged"


def _denies_a_claim(verb: Token) -> bool:
    """ "denied the reports", "rejected the allegation", "a claim Chad denied"."""
    claims = word_set("speech", "claim_nouns")
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    referred = verb.dep_ == "relcl" and verb.head.lemma_.lower() in claims
    return referred or any(o.lemma_.lower() in claims for o in objects)


def _sentence_index(starts: list[int], start_char: int) -> int:
    return max(i for i, start in enumerate(starts) if start <= start_char)
