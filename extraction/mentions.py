"""The unit the event families produce and ``merge.py`` groups: one sentence's evidence for one event."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from vocabulary.events import CORE_ROLES


@dataclass
class EventMention:
    """One sentence's evidence for one event."""

    type: str
    roles: dict[str, list[str]]
    trigger: Token
    items: list[str] = field(default_factory=list)
    quantity: str | None = None
    status: str = "reported"
    confidence: float = 0.5

    @property
    def sentence(self) -> Span:
        return self.trigger.sent

    def core(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple((role, tuple(sorted(self.roles.get(role, [])))) for role in CORE_ROLES[self.type])

    @property
    def complete(self) -> bool:
        return all(self.roles.get(role) for role in CORE_ROLES[self.type])
