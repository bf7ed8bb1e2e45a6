"""Parser slips shared by the role readers (kept apart so that no module imports in a circle)."""

from __future__ import annotations

from spacy.tokens import Token


def misattached_apposition(token: Token) -> bool:
    """An apposition the parser hung on a subject across its verb: in "X is designated for acting
    for ..., the Government of Y", Y is not X."""
    head = token.head
    return token.dep_ == "appos" and head.i < head.head.i < token.i
