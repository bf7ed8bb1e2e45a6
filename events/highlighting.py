"""Evidence shown in context: the paragraph around a sentence, and the spans of an article's
text to mark (evidence sentences, mentioned actors).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from entities.models import CountryAlias

from .models import Article, Event, Evidence, Participant


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of an article's text, with what they are."""

    start: int
    end: int
    label: str


def evidence_in_paragraph(evidence: Evidence) -> tuple[str, str, str]:
    """(text before, the evidence sentence, text after) within its paragraph of the article."""
    text = evidence.article.text
    start = max(text.rfind("\n", 0, evidence.start_char) + 1, 0)
    end = text.find("\n", evidence.end_char)
    end = len(text) if end == -1 else end
    sentence = text[evidence.start_char : evidence.end_char]
    return text[start : evidence.start_char], sentence, text[evidence.end_char : end]


# Catalogue forms such as "Korea, North" hold a comma. In prose that comma separates two phrases
# ("South Korea, North Korea said…"), so such a form is marked only where plain names left the
# text free and no capitalised word runs on from either side of it (a list: "Iran; Korea, North;").
CAPITALISED_WORD_BEFORE = re.compile(r"[A-Z][\w'.-]*\s+$")
CAPITALISED_WORD_AFTER = re.compile(r"\s+[A-Z]")


def _is_inverted(name: str) -> bool:
    return "," in name


def _runs_on_in_prose(text: str, start: int, end: int) -> bool:
    return bool(
        CAPITALISED_WORD_BEFORE.search(text, max(0, start - 40), start) or CAPITALISED_WORD_AFTER.match(text, end)
    )


def _mentions(text: str, names: dict[str, str]) -> list[Span]:
    """Non-overlapping whole-word, case-sensitive occurrences of the names (longest first, inverted
    catalogue forms last), labelled.

    Case matters: "US" the country, not "us" the pronoun.
    """
    taken = [False] * len(text)
    spans = []
    for name in sorted(names, key=lambda name: (_is_inverted(name), -len(name))):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if any(taken[match.start() : match.end()]):
                continue
            if _is_inverted(name) and _runs_on_in_prose(text, match.start(), match.end()):
                continue
            taken[match.start() : match.end()] = [True] * (match.end() - match.start())
            spans.append(Span(match.start(), match.end(), names[name]))
    return spans


ACTOR_LABELS = {"country": "country", "person": "person", "organization": "organisation", "vessel": "vessel"}


def _actor_names(participants: Iterable[Participant]) -> dict[str, str]:
    """{name or alias: label} of the participants' actors (countries with their aliases), to find in text."""
    names: dict[str, str] = {}
    country_ids = set()
    for participant in participants:
        for field, label in ACTOR_LABELS.items():
            actor = getattr(participant, field)
            if actor is None:
                continue
            names[actor.name] = label
            if field == "country":
                country_ids.add(actor.pk)
            else:
                names.update(dict.fromkeys(actor.aliases, label))
    for alias in CountryAlias.objects.filter(country__in=country_ids).values_list("name", flat=True):
        names.setdefault(alias, "country")
    return {name: label for name, label in names.items() if len(name) > 1}


def article_highlight_spans(article: Article) -> tuple[list[Span], list[Span]]:
    """(evidence sentences, entity mentions) to mark in the article's text.

    Entities are the actors of the article's events, found by name and alias; this costs a
    regular-expression pass, not an NLP run, so rendering stays cheap.
    """
    evidence = [
        Span(e.start_char, min(e.end_char, len(article.text)), "evidence")
        for e in article.evidence.order_by("start_char")
    ]
    participants = Participant.objects.filter(event__evidence__article=article).select_related(
        "country", "person", "organization", "vessel"
    )
    return evidence, _mentions(article.text, _actor_names(participants))


# Context shown around an evidence sentence on the review screen, at most, each side (within its paragraph).
PASSAGE_CONTEXT_CHARS = 200


@dataclass(frozen=True)
class Passage:
    """An evidence sentence in its paragraph (shortened to PASSAGE_CONTEXT_CHARS each side), with the
    sentence's and the event's actors' spans in it."""

    evidence: Evidence
    text: str
    sentence: Span
    mentions: list[Span]


def _shortened(before: str, after: str) -> tuple[str, str]:
    """The context cut to PASSAGE_CONTEXT_CHARS each side, at a word boundary, marked with an ellipsis."""
    if len(before) > PASSAGE_CONTEXT_CHARS:
        kept = before[-PASSAGE_CONTEXT_CHARS:]
        before = "… " + kept[kept.find(" ") + 1 :] if " " in kept else "… " + kept
    if len(after) > PASSAGE_CONTEXT_CHARS:
        kept = after[:PASSAGE_CONTEXT_CHARS]
        after = (kept[: kept.rfind(" ")] if " " in kept.strip() else kept) + " …"
    return before, after


def event_passages(event: Event) -> list[Passage]:
    """Each evidence sentence of the event in its paragraph, with the event's actors marked in it."""
    names = _actor_names(event.participants.select_related("country", "person", "organization", "vessel"))
    passages = []
    for evidence in event.evidence.select_related("article").order_by("article_id", "start_char"):
        before, sentence, after = evidence_in_paragraph(evidence)
        before, after = _shortened(before, after)
        text = before + sentence + after
        passages.append(
            Passage(evidence, text, Span(len(before), len(before) + len(sentence), "evidence"), _mentions(text, names))
        )
    return passages
