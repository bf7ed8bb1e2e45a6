"""The one-line summary lists show for an event ("North Korea → Russia: artillery shells")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from entities.models import Country, Organization, Person

from .models import Event, EventType, Role

SUMMARY_MAX_LENGTH = Event._meta.get_field("summary").max_length


def actor_label(actor: Country | Person | Organization) -> str:
    """How lists name an actor: organisations by code where they have one ("EU")."""
    return getattr(actor, "code", None) or str(actor)


def build_summary(event_type: str, names_by_role: dict[str, list[str]], items: Sequence[str]) -> str:
    """One line for lists: "North Korea → Russia: artillery shells, rockets"."""

    def names(role: str) -> str:
        return ", ".join(names_by_role.get(role, [])) or "?"

    if event_type == EventType.ARMS_TRANSFER:
        head = f"{names(Role.SUPPLIER)} → {names(Role.RECIPIENT)}"
        if names_by_role.get(Role.INTERMEDIARY):
            head += f" via {names(Role.INTERMEDIARY)}"
    elif event_type == EventType.SANCTIONS_VIOLATION:
        head = f"{names(Role.VIOLATOR)} violates sanctions"
        if names_by_role.get(Role.COUNTERPARTY):
            head += f" with {names(Role.COUNTERPARTY)}"
    else:
        head = f"{names(Role.IMPOSER)} sanctions {names(Role.TARGET)}"
    summary = f"{head}: {', '.join(items)}" if items else head
    return summary if len(summary) <= SUMMARY_MAX_LENGTH else summary[: SUMMARY_MAX_LENGTH - 1] + "…"


def refresh_event_summary(event: Event) -> str:
    """Recompute and store Event.summary from the event's participants and items."""
    names_by_role: dict[str, list[str]] = defaultdict(list)
    participants = event.participants.select_related("country", "person", "organization", "vessel").order_by("pk")
    for participant in participants:
        names_by_role[participant.role].append(actor_label(participant.actor))
    summary = build_summary(event.event_type, names_by_role, event.items or [])
    if summary != event.summary:
        event.summary = summary
        Event.objects.filter(pk=event.pk).update(summary=summary)
    return summary
