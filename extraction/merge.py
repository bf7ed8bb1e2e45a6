"""Stage 6: one event per distinct (type, core roles) in an article.

Complete mentions (every core role filled) found an event each; repeated
mentions join it as extra evidence. A partial mention ("such purchases were
expected", no supplier) joins the one event it is compatible with, and is
dropped when none or several fit: on its own it is not a usable record.
"""

from __future__ import annotations

from .items import without_contained
from .mentions import EventMention

# Confidence gained per extra sentence that repeats an event, and its ceiling.
_REPEAT_BONUS = 0.05
_MAX_CONFIDENCE = 0.95


def _compatible(partial: EventMention, complete: EventMention) -> bool:
    if partial.type != complete.type:
        return False
    filled = [(role, set(codes)) for role, codes in partial.roles.items() if codes]
    core = dict(complete.core())
    return all(codes <= set(core[role]) for role, codes in filled if role in core)


def merge_mentions(mentions: list[EventMention]) -> list[dict]:
    """Merged events, in order of first mention; each lists its mentions, primary first."""
    groups: dict[tuple, list[EventMention]] = {}
    for mention in mentions:
        if mention.complete:
            groups.setdefault((mention.type, mention.core()), []).append(mention)
    for mention in mentions:
        if mention.complete:
            continue
        fits = [key for key, group in groups.items() if _compatible(mention, group[0])]
        if len(fits) == 1:
            groups[fits[0]].append(mention)
    events = []
    for group in groups.values():
        group.sort(key=lambda m: m.trigger.i)
        # The most direct statement frames the event; ties go to the earliest.
        primary = max(group, key=lambda m: (m.complete, m.confidence, -m.trigger.i))
        roles: dict[str, list[str]] = {}
        for mention in [primary, *group]:
            for role, codes in mention.roles.items():
                if role in dict(primary.core()) and mention is not primary:
                    continue
                roles.setdefault(role, [])
                roles[role] += [c for c in codes if c not in roles[role]]
        # One spelling per item: "fighter jets" and a headline's "Fighter Jets" are the same.
        by_key: dict[str, str] = {}
        for item in (item for m in [primary, *group] for item in m.items):
            by_key.setdefault(item.lower(), item)
        items = without_contained(list(by_key.values()))
        sentences = list(dict.fromkeys((m.sentence.start_char, m.sentence.end_char) for m in [primary, *group]))
        distinct = len(sentences)
        events.append(
            {
                "type": primary.type,
                "roles": roles,
                "items": items,
                "quantity": primary.quantity or next((m.quantity for m in group if m.quantity), None),
                "status": _framing_status(primary, group),
                "confidence": round(min(_MAX_CONFIDENCE, primary.confidence + _REPEAT_BONUS * (distinct - 1)), 2),
                "spans": sentences,
                "first": min(m.trigger.i for m in group),
            }
        )
    events.sort(key=lambda e: e["first"])
    return events


def _framing_status(primary: EventMention, group: list[EventMention]) -> str:
    """A denial answers the claim it denies: when the article first states or alleges the event
    and a party later denies it ("Trump accused China of ... Beijing denied ..."), the event stays
    an allegation; a story that leads with the denial is a denial."""
    first = next((m for m in group if m.complete), primary)
    if primary.status == "denied" and first.status in ("alleged", "reported") and first.trigger.i < primary.trigger.i:
        return "alleged"
    return primary.status
