"""One individual of an article, as the person resolver collects them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Person:
    """One individual of an article, with every token index of every mention."""

    name: str
    token_ids: set[int] = field(default_factory=set)
    mentions: int = 0
    title: str | None = None
    title_token_ids: set[int] = field(default_factory=set)
    official: bool = False
    non_official: bool = False
    country: str | None = None
    country_inferred: bool = False
