"""Stage 5: how the text presents an event (status), what moved (items) and when (date).

Status cues come from ``data/modality.json``. They are read on the trigger and
on the clauses that govern it ("The White House *denied* a report that X was
shipping arms", "Russia *could* be buying"), plus hedging phrases anywhere in
the sentence ("according to intelligence", "no indication").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import cache

from spacy.tokens import Token

from vocabulary.countries import resolve_country
from vocabulary.events import (
    ARMS_TRANSFER,
    REPORTED,
    SANCTIONS_IMPOSITION,
    SANCTIONS_VIOLATION,
)

from .items import is_designation, without_contained
from .lexicon import load_data, word_set
from .transfer_frames import contract_governor

# Status when no cue is found: what the text states as fact is reported. An imposition becomes
# confirmed when the imposer itself speaks (``sanction_context.py``).
_DEFAULT_STATUS = {
    ARMS_TRANSFER: REPORTED,
    SANCTIONS_IMPOSITION: REPORTED,
    SANCTIONS_VIOLATION: REPORTED,
}
# Modifiers that say whose or how many, not what: "100 Shahed drones" keeps "Shahed".
_NAMED_ENTITY_MODIFIERS = frozenset({"GPE", "CARDINAL", "MONEY", "QUANTITY", "PERCENT", "DATE", "ORG"})


@cache
def _hedge_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in load_data("modality")["hedge_patterns"])


@cache
def _phrase_pattern(key: str) -> re.Pattern[str]:
    """One alternation per phrase list of modality.json, matched on whole words."""
    phrases = sorted(word_set("modality", key), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")


def _phrase_in(text: str, key: str) -> bool:
    return _phrase_pattern(key).search(text) is not None


def mention_status(event_type: str, trigger: Token) -> str:
    """confirmed / reported / alleged / denied / planned for one mention. When several cues meet,
    a denial frames everything, then hedges, then plans."""
    text = trigger.sent.text.lower()
    chain = _governing_chain(trigger)
    # A denial's scope is the claim it denies: its words count only in the trigger's own clause
    # ("Moscow called the report fake, but the EU imposed sanctions" is no denial of the sanctions).
    clause = _clause_text(chain[-1])
    lemmas = {t.lemma_.lower() for t in chain}
    # "The cabinet approved sanctions": approving or ordering sanctions is imposing them.
    plan_lemmas = lemmas - {trigger.lemma_.lower()} if event_type == SANCTIONS_IMPOSITION else lemmas
    # "The Pentagon announced a $400 million weapons package": what is announced is to come.
    announced = (
        event_type == ARMS_TRANSFER
        and trigger.pos_ == "NOUN"
        and trigger.dep_ == "dobj"
        and trigger.head.lemma_.lower() in word_set("modality", "announcing_verbs")
    )
    # "could not recall" states inability, not doubt: negated modals are no hedge.
    auxiliaries = {
        c.lower_
        for t in chain
        for c in t.children
        if c.dep_ in ("aux", "auxpass") and not any(n.dep_ == "neg" for n in t.children)
    }
    # Words on the governing chain and their modifiers ("reportedly sold", "the alleged sale").
    around = {t.lower_ for t in chain} | {c.lower_ for t in chain for c in t.children}
    trigger_negated = any(c.dep_ == "neg" or c.lower_ in ("no", "never") for c in trigger.children)
    not_yet = trigger_negated and any(c.lower_ == "yet" for c in trigger.children)

    if not_yet:  # "has not yet delivered": expected, not denied
        status = "planned"
    elif lemmas & word_set("modality", "denial_verbs") or trigger_negated or _phrase_in(clause, "denial_phrases"):
        status = "denied"
    elif (
        auxiliaries & word_set("modality", "hedge_modals")
        or lemmas & word_set("modality", "attribution_verbs")
        or around & word_set("modality", "hedge_words")
        or _phrase_in(text, "hedge_phrases")
        or any(pattern.search(text) for pattern in _hedge_patterns())
    ):
        status = "alleged"
    elif (
        auxiliaries & word_set("modality", "future_modals")
        or announced
        or _planned_infinitive(trigger)
        or plan_lemmas & word_set("modality", "plan_lemmas")
        or around & word_set("modality", "plan_modifiers")
        or _phrase_in(text, "plan_phrases")
    ):
        status = "planned"
    elif lemmas & word_set("modality", "confirm_verbs") or _enacted(chain):
        status = "confirmed"
    else:
        status = _DEFAULT_STATUS[event_type]
    if event_type == SANCTIONS_VIOLATION and status == "planned" and _purpose_of_a_past_act(trigger):
        status = "reported"  # "Moscow built a fleet to get around the sanctions": the evasion is done
    elif event_type == SANCTIONS_VIOLATION and (
        status == "planned" or (status == "reported" and lemmas & word_set("modality", "reporting_verbs"))
    ):
        # A violation that "would" happen, or that someone "said" happened, is an allegation; the
        # text's own statement of it is reported.
        status = "alleged"
    return status


def _governing_chain(trigger: Token) -> list[Token]:
    """The trigger and the heads that govern it, up to the first independent clause: a conjoined
    clause with its own subject ("X will continue ..., and today we are announcing ...") does not
    inherit the first clause's modality."""
    chain = [trigger]
    token = trigger
    while token.head.i != token.i:
        if token.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            break
        token = token.head
        chain.append(token)
    return chain


def _enacted(chain: list[Token]) -> bool:
    """ "The Security Council voted to impose", "the Council adopted a resolution imposing": the
    body enacts the measure. A resolution merely "adopted in September" (no subject) is background."""
    enacting = word_set("modality", "enacting_verbs")
    return any(t.lemma_.lower() in enacting and any(c.dep_ == "nsubj" for c in t.children) for t in chain)


def _purpose_of_a_past_act(trigger: Token) -> bool:
    """ "built a fleet to evade sanctions": an infinitive of purpose under a verb in the past."""
    return trigger.dep_ == "advcl" and trigger.head.tag_ in ("VBD", "VBN")


def _clause_text(head: Token) -> str:
    """The words of the clause headed by ``head``, without conjoined clauses that have their own
    subject."""
    skipped = {
        t.i
        for c in head.children
        if c.dep_ == "conj" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        for t in c.subtree
    }
    return " ".join(t.text for t in head.subtree if t.i not in skipped).lower()


def _planned_infinitive(trigger: Token) -> bool:
    """ "agreed to sell", "powers to decree": an infinitive names an act not yet done, unless an
    aspectual verb governs it ("continued to ship") or it states a signed contract's terms
    ("signed a contract to supply": the contract is the news)."""
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
    governor = trigger.head.lemma_.lower()
    return (
        has_to
        and governor not in word_set("modality", "aspectual_verbs") | word_set("modality", "enacting_verbs")
        and contract_governor(trigger)[0] is None
    )


def describe_items(heads: Iterable[Token], is_item: Callable[[Token], bool]) -> tuple[list[str], str | None]:
    """Item names ("artillery shells", "Shahed drones") and a quantity ("millions", "100")
    from the noun phrases that name what moved."""
    items: dict[str, None] = {}
    quantity: str | None = None
    for head in heads:
        for token in head.subtree:
            if token.pos_ not in ("NOUN", "PROPN") or (token.dep_ == "compound" and token.i != head.i):
                continue
            # "tank and artillery shells": "tank" is part of the shells' name, no item of its own
            if token.i != head.i and _modifies_an_item(token, is_item):
                continue
            designation = is_designation(token)  # "F-35s": small models tag model numbers as dates or names
            if not designation and (
                token.lower_ in word_set("events", "quantity_nouns")
                or token.ent_type_ in ("CARDINAL", "MONEY", "QUANTITY")
            ):
                quantity = quantity or _quantity_text(token)
                continue
            if not is_item(token) or (token.ent_type_ in ("GPE", "NORP", "PERSON") and not designation):
                continue
            items[_item_text(token)] = None
            numbers = [c for c in token.children if c.dep_ == "nummod" and c.i < token.i]
            if numbers and quantity is None:
                quantity = numbers[0].text
    return without_contained(list(items)), quantity


def _modifies_an_item(token: Token, is_item: Callable[[Token], bool]) -> bool:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head
    return token.dep_ in ("compound", "nmod") and head.pos_ in ("NOUN", "PROPN") and head.i != token.i and is_item(head)


def _quantity_text(token: Token) -> str:
    modifiers = [
        c
        for c in token.lefts
        if (c.dep_ in ("nummod", "quantmod", "compound") or c.text == "$") and c.ent_type_ not in ("GPE", "NORP")
    ]
    start = min([token.i] + [m.left_edge.i for m in modifiers])
    return token.doc[start : token.i + 1].text


def _item_text(noun: Token) -> str:
    """The noun with its modifiers, as far as a name, a country or a stop word: "Su-35 fighter
    jets", "Type 054A frigates", "Leopard tanks"; of coordinated noun modifiers only the one next to
    the noun ("ammunition and logistics support" names "logistics support"), of adjectives all
    ("armoured and mechanised vehicles")."""
    modifiers = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod")]
    start = noun.i
    for modifier in sorted(modifiers, key=lambda t: -t.i):
        span_tokens = list(modifier.subtree)
        if any(_ends_item_text(t, noun) for t in span_tokens):
            break
        start = span_tokens[0].i
    # Coordinated nouns are items of their own; coordinated adjectives ("armoured and mechanised") describe this one.
    breaks = [
        t.i
        for t in noun.doc[start : noun.i]
        if (t.dep_ == "cc" or t.text in (",", ";")) and t.head.pos_ in ("NOUN", "PROPN")
    ]
    start = max(breaks, default=start - 1) + 1
    return noun.doc[start : noun.i + 1].text


def _ends_item_text(token: Token, noun: Token) -> bool:
    doc = token.doc
    if token.ent_type_ in _NAMED_ENTITY_MODIFIERS and not is_designation(token):
        # "Type" of "Type 054A"; a one-word product name just before the noun ("Leopard tanks")
        # that names no country or known organisation
        prefix = token.i + 1 < len(doc) and is_designation(doc[token.i + 1])
        product = (
            token.i == noun.i - 1
            and token.dep_ == "compound"
            and token.ent_type_ == "ORG"
            # marked as no country, organisation or company by the gazetteer ("Hanwha howitzers")
            and not any(span.start <= token.i < span.end for group in doc.spans.values() for span in group)
        )
        if not (prefix or product):
            return True
    return token.lower_ in word_set("events", "item_modifier_stopwords") or bool(resolve_country(token.text))


# ---------------------------------------------------------------------- dates
_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(
    rf"\b(?:in|since|during|by|of|from)\s+(?:early\s+|late\s+|mid-?)?({_MONTH_RE})\.?(?:\s+(\d{{4}}))?\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\bin\s+((?:19|20)\d{2})\b")
_WEEKDAY = re.compile(r"\b(?:on\s+|last\s+)?(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(yesterday|today|tomorrow|(?:last|this|next) (?:month|year))\b", re.IGNORECASE)


def parse_published(published: str | None) -> tuple[date | None, str | None]:
    """Publication date and its precision from "YYYY-MM-DD", "YYYY-MM" or "YYYY" (with or without time)."""
    if not published:
        return None, None
    match = re.match(r"\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(published))
    if not match:
        return None, None
    year, month, day = match.groups()
    try:
        if day:
            return date(int(year), int(month), int(day)), "day"
        if month:
            return date(int(year), int(month), 1), "month"
        return date(int(year), 1, 1), "year"
    except ValueError:
        return None, None


def _format(value: date, precision: str) -> str:
    return {"day": value.isoformat(), "month": value.strftime("%Y-%m"), "year": str(value.year)}[precision]


def resolve_event_date(sentence: str, published: str | None) -> tuple[str | None, str | None]:
    """Event date (ISO at the precision the text supports) and precision from a sentence's time
    expression, anchored on the publication date. (None, None) when the sentence has none."""
    try:
        return _resolve_event_date(sentence, published)
    except (OverflowError, ValueError):
        # Relative to a publication date at the calendar's edge ("yesterday" of 0001-01-01): no date.
        return None, None


def _resolve_event_date(sentence: str, published: str | None) -> tuple[str | None, str | None]:
    anchor, anchor_precision = parse_published(published)
    if match := _DAY_MONTH.search(sentence):
        month, day, year = _MONTHS[match.group(1).lower()], int(match.group(2)), match.group(3)
        year_value = int(year) if year else _year_before(anchor, month)
        if year_value and 1 <= day <= calendar.monthrange(year_value, month)[1]:
            return _format(date(year_value, month, day), "day"), "day"
    if match := _MONTH_YEAR.search(sentence):
        month, year = _MONTHS[match.group(1).lower()], match.group(2)
        year_value = int(year) if year else _year_before(anchor, month)
        if year_value:
            return _format(date(year_value, month, 1), "month"), "month"
    if match := _YEAR.search(sentence):
        return match.group(1), "year"
    if anchor is None:
        return None, None
    if (match := _WEEKDAY.search(sentence)) and anchor_precision == "day":
        back = (anchor.weekday() - _WEEKDAYS[match.group(1).lower()]) % 7
        return _format(anchor - timedelta(days=back), "day"), "day"
    if match := _RELATIVE.search(sentence):
        return _relative(match.group(1).lower(), anchor, anchor_precision)
    return None, None


def _year_before(anchor: date | None, month: int) -> int | None:
    """The year of the latest such month not after the publication date."""
    if anchor is None:
        return None
    return anchor.year if month <= anchor.month else anchor.year - 1


def _relative(expression: str, anchor: date, precision: str | None) -> tuple[str | None, str | None]:
    if expression in ("today", "yesterday") and precision == "day":
        value = anchor - timedelta(days=1 if expression == "yesterday" else 0)
        return _format(value, "day"), "day"
    if expression == "tomorrow" and precision == "day":
        return _format(anchor + timedelta(days=1), "day"), "day"
    shift = {"last": -1, "this": 0, "next": 1}.get(expression.split()[0])
    if shift is None:
        return None, None
    if expression.endswith("year"):
        return str(anchor.year + shift), "year"
    if precision not in ("day", "month"):
        return None, None
    month_index = anchor.year * 12 + anchor.month - 1 + shift
    return _format(date(month_index // 12, month_index % 12 + 1, 1), "month"), "month"
