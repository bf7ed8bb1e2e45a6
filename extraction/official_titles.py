"""Job titles of named people: before the name, in apposition, after "is", or a royal title.

"Peruvian President Luis Soto", "Chile's ambassador to the UN, Valdis Orrantia", "Ko Ko Hlaing is
the Minister of Commerce", "Deputy Secretary of the Treasury Ana Ruiz" (a long title the parser
splits), "Jordan's King Abdullah". Each finder returns the title span or None.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from vocabulary.countries import resolve_country
from vocabulary.person_names import is_leading_title, is_royal_title

# Dependencies that end a title phrase standing in apposition after a name.
_TITLE_STOP_DEPS = frozenset({"relcl", "conj", "cc", "acl", "punct", "advcl"})
# Punctuation that, followed by a space, separates a dateline or a heading from a title
# ("MOSCOW, June 3 - Soviet Foreign Minister"; not "vice-president").
_TITLE_BREAKS = frozenset({"-", "\u2013", "\u2014", ":"})
# Lower-case words inside a long capitalised title ("Secretary of the Treasury for ...").
_TITLE_LINKS = frozenset({"of", "for", "the", "and", "on", "to", "&"})
_LONGEST_TITLE = 16


def _trimmed(doc: Doc, start: int, end: int) -> Span | None:
    """A title span without what merely precedes or follows it: determiners, dates, a dateline
    ("MOSCOW, June 3 - Soviet Foreign Minister") and punctuation."""
    breaks = [i for i in range(start, end) if doc[i].text in _TITLE_BREAKS and doc[i].whitespace_]
    start = breaks[-1] + 1 if breaks else start
    while start < end and (doc[start].dep_ in ("det", "punct", "prep", "case") or _is_date_word(doc[start])):
        if doc[start].lower_ == "under" and start + 1 < end and doc[start + 1].lower_ == "secretary":
            break  # "Under Secretary", parsed as a preposition
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end] if start < end else None


def _is_date_word(token: Token) -> bool:
    # NER sometimes stretches a date over a following demonym ("May 4 - Peruvian").
    return token.ent_type_ in ("DATE", "TIME") and resolve_country(token.text) is None


def title_before(name: Span) -> Span | None:
    """The noun-phrase material left of the name: "North Korean leader" in
    "Peruvian President Luis Soto"."""
    left = [
        child
        for token in name
        for child in token.lefts
        if child.i < name.start and child.dep_ not in ("det", "punct", "case")
    ]
    if not left:
        return None
    doc = name.doc
    start = min(child.left_edge.i for child in left)
    # Not across another person of a list: "British Prime Minister A and French President B".
    for i in range(name.start - 1, start - 1, -1):
        another_name = doc[i].ent_type_ == "PERSON" and not is_leading_title(doc[i].text)
        if doc[i].dep_ == "cc" or doc[i].text in (",", ";") or another_name:
            start = i + 1
            break
    return _trimmed(doc, start, name.start)


def title_in_apposition(name: Span) -> Span | None:
    """A title in apposition, after ("Name, Britain's ambassador to X, said") or before
    ("Russia's ambassador to the UN, Name, said") the name."""
    head = name.root
    for child in head.rights:
        if child.dep_ == "appos":
            stops = [c.left_edge.i for c in child.rights if c.dep_ in _TITLE_STOP_DEPS]
            return _trimmed(name.doc, child.left_edge.i, min([child.right_edge.i + 1, *stops]))
    if head.dep_ == "appos" and head.head.i < name.start:
        return _trimmed(name.doc, head.head.left_edge.i, name.start)
    return None


def royal_title(name: Span) -> Span | None:
    """ "Jordan's King" of "Jordan's King Abdullah": the regnal name holds its title."""
    if not is_royal_title(name[0].text):
        return None
    before = title_before(name)
    return name.doc[before.start if before is not None else name.start : name.start + 1]


def title_by_surface(name: Span, titles: dict[int, str]) -> Span | None:
    """A long capitalised title right before the name, which the parser tends to split:
    "Deputy Secretary of the Treasury Ana Ruiz", "Governor of the Central Bank Tom Reyes"."""
    doc = name.doc
    start = name.start
    if start > name.sent.start + 1 and doc[start - 1].text == ",":  # "said Under Secretary ..., Ana Ruiz"
        start -= 1
    end = start
    while start > name.sent.start and end - start < _LONGEST_TITLE:
        token = doc[start - 1]
        if token.is_punct or token.like_num or token.ent_type_ in ("PERSON", "DATE", "TIME"):
            break
        if not (token.text[:1].isupper() or token.lower_ in _TITLE_LINKS or token.i in titles):
            break
        start -= 1
    in_title = [i for i in range(start, end) if i in titles]
    if not in_title or doc[end - 1].lower_ in _TITLE_LINKS:  # "a government official and Name"
        return None
    # The title starts at its first title word, with the modifiers just before it ("Deputy",
    # "U.S."), not with words further left ("During", "On").
    first = in_title[0]
    while first > start and doc[first - 1].pos_ in ("PROPN", "ADJ"):
        first -= 1
    return _trimmed(doc, first, end)


def title_after_copula(name: Span, titles: dict[int, str], *, relative: bool = False) -> Span | None:
    """ "Ko Ko Hlaing is the Minister of Commerce", "Name, who is the minister of ...": the predicate
    of "is"/"was", when it is headed by a title word ("is the adult child of a minister" is none)."""
    subject = name.root
    while subject.head.is_punct and subject.head.i != subject.i:  # "**Name** is": markup in between
        subject = subject.head
    verb = subject.head
    # "Name, who is Iran's deputy defence minister, said"
    if relative:
        verb = next((c for c in name.root.children if c.dep_ == "relcl" and c.lemma_ == "be"), None)
        if verb is None:
            return None
    elif "nsubj" not in (subject.dep_, name.root.dep_) or verb.lemma_ != "be":
        return None
    for child in verb.rights:
        if child.dep_ == "attr" and child.i in titles:
            stops = [c.left_edge.i for c in child.rights if c.dep_ in _TITLE_STOP_DEPS]
            return _trimmed(name.doc, child.left_edge.i, min([child.right_edge.i + 1, *stops]))
    return None


def title_after_colon(name: Span, titles: dict[int, str]) -> Span | None:
    """ "Ana Ruiz ("Tina"): a member of Peru's delegation, who ...": a list entry's title after a
    colon, up to the first comma, semicolon or relative pronoun."""
    doc = name.doc
    i = name.end
    if i < len(doc) and doc[i].text == "(":  # a nickname in brackets
        while i < len(doc) - 1 and ")" not in doc[i].text and i - name.end < 8:
            i += 1
        if doc[i].text != "):":  # the tokenizer may keep "):" together
            i += 1
    if i >= len(doc) or not doc[i].text.endswith(":"):
        return None
    end = i + 1
    while end < min(len(doc), i + 16) and doc[end].text not in (",", ";", ".", "(") and doc[end].tag_ != "WP":
        end += 1
    title = _trimmed(doc, i + 1, end)
    return title if title is not None and any(t.i in titles for t in title) else None
