"""Name spans in the text: which tokens make a person's name, where NER and the parser fall short.

NER spans are cut down to the name ("Gen Oleksandr" -> "Oleksandr") and extended where NER stops
early ("Oleksandr | Syrskyi", "Kang Hoon | -sik", "- Tun | Lin Aung"); title-anchored names are
proper-noun runs ("spokesman X Y", "Deputy Chairman of the Security Council X Y's").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from vocabulary.person_names import common_words, is_leading_title, is_non_name_word, is_royal_title, leader_surnames

NAME_PARTICLES = frozenset({"bin", "al", "van", "von", "de", "da", "el", "-"})


def clean_name_span(span: Span) -> Span | None:
    tokens = [t for t in span if not (t.is_punct and t.text != "-") and t.lower_ not in ("'s", "'")]
    while tokens and not tokens[0].text[:1].isupper():
        tokens.pop(0)
    if not tokens:
        return None
    return span.doc[tokens[0].i : tokens[-1].i + 1]


def is_name_token(token: Token, blocked: set[int]) -> bool:
    return token.i not in blocked and (
        (token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha)
        or (token.lower_ in NAME_PARTICLES and token.i + 1 < len(token.doc))
        or _is_initial(token)
    )


def _is_initial(token: Token) -> bool:
    """A middle initial ("Janet L. Yellen"), between two parts of a name."""
    text = token.text
    return len(text) == 2 and text[0].isupper() and text[1] == "." and 0 < token.i < len(token.doc) - 1


def without_leading_titles(name: Span) -> Span | None:
    """The name without courtesy titles, ranks and offices in front ("Gen Oleksandr Syrskyi" ->
    "Oleksandr Syrskyi"); a royal title before a lone regnal name stays ("King Abdullah")."""
    start = name.start
    while start < name.end and (is_leading_title(name.doc[start].text) or name.doc[start].text == "."):
        start += 1
    rest = name.doc[start : name.end]
    if start == name.end:
        return None
    if start > name.start and is_royal_title(name.doc[start - 1].text) and len(rest) == 1:
        return name.doc[start - 1 : name.end]
    return rest


def regnal_name(name: Span, blocked: set[int]) -> Span:
    """ "King Abdullah": a lone given name right after a royal title takes the title along."""
    doc = name.doc
    if (
        len(name) == 1
        and name.start > 0
        and is_royal_title(doc[name.start - 1].text)
        and (name.end == len(doc) or not is_name_token(doc[name.end], blocked))
    ):
        return doc[name.start - 1 : name.end]
    return name


def name_chain(head: Token, blocked: set[int]) -> Span | None:
    """The proper-noun run ending at ``head``: "Valdis Orrantia" from "Orrantia"."""
    if not is_name_token(head, blocked):
        return None
    start = head.i
    while start > 0 and is_name_token(head.doc[start - 1], blocked):
        start -= 1
    while head.doc[start].lower_ in NAME_PARTICLES:
        start += 1
    return head.doc[start : head.i + 1] if start <= head.i else None


def name_after_long_title(title: Token, blocked: set[int]) -> list[Token]:
    """ "Deputy Chairman of the Security Council Dmitry Medvedev's message": the last proper noun of
    the capitalised run after a title word, which the parser often attaches elsewhere."""
    doc = title.doc
    last = None
    for token in doc[title.i + 1 : min(title.sent.end, title.i + 16)]:
        if token.is_punct or not (token.text[:1].isupper() or token.lower_ in ("of", "for", "the", "and")):
            break
        if token.pos_ == "PROPN" and token.i not in blocked:
            last = token
    if last is None or last.i + 1 >= len(doc) or doc[last.i + 1].text[:1].isupper():
        return []
    chain = name_chain(last, blocked)
    return [last] if chain is not None and 2 <= len(chain) <= 4 and not all_common_words(chain) else []


def extended(name: Span, blocked: set[int]) -> Span:
    """NER may stop a name short ("Gen Oleksandr | Syrskyi", "Khin | Maung Yi"): proper nouns
    right next to it, in no other entity and no title, join."""
    doc = name.doc
    start, end = name.start, name.end
    while end < len(doc):
        if _joins(doc[end], blocked) and doc[end - 1].whitespace_:
            end += 1
        elif _hyphen_continues(doc, end):
            end += 2  # "Kang Hoon" + "-sik", "Mehrdad Akhlaghi" + "-Ketabchi"
        else:
            break
    while start > name.sent.start and _joins(doc[start - 1], blocked) and doc[start - 1].whitespace_:
        start -= 1
    if start > 0 and _opens_the_line(doc[start - 1], blocked):
        start -= 1  # "- Tun Lin Aung is ...": a name's first word at the head of a list line
    return doc[start:end]


def _opens_the_line(token: Token, blocked: set[int]) -> bool:
    """A capitalised word first in its sentence (after bullets), which NER and the tagger may
    leave out of a name even when it is a common word ("Tun", "Than")."""
    first = token.i == token.sent.start or all(t.is_punct for t in token.doc[token.sent.start : token.i])
    return (
        first
        and token.is_alpha
        and token.text[:1].isupper()
        and not token.is_stop
        and token.pos_ in ("PROPN", "NOUN")
        and token.ent_type_ in ("", "PERSON")
        and token.i not in blocked
        and not is_leading_title(token.text)
        and not is_non_name_word(token.text)
    )


def _hyphen_continues(doc: Doc, i: int) -> bool:
    """A hyphen inside a word ("Hoon-sik"): no space on either side, letters after it."""
    return (
        i + 1 < len(doc)
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i + 1].is_alpha
        and doc[i + 1].ent_type_ in ("", "PERSON")
    )


def _joins(token: Token, blocked: set[int]) -> bool:
    return (
        token.ent_type_ in ("", "PERSON")
        and token.pos_ == "PROPN"
        and is_name_token(token, blocked)
        and not is_leading_title(token.text)
        and token.lower_ not in NAME_PARTICLES
        and token.lower_ not in common_words()  # "... Financial Intelligence David Cohen"
    )


def all_common_words(name: Span) -> bool:
    words = [t.lower_ for t in name if t.is_alpha and len(t) > 1 and t.lower_ not in NAME_PARTICLES]
    common = common_words()
    return bool(words) and all(w in common and w not in leader_surnames() for w in words)
