"""Recorded review decisions for the demo articles, applied through the real review services.

A fresh quickstart should show the product at work: approved events on the public pages,
a rejection with its reason, a merge, and some candidates left for the newcomer. The decisions
live in ``demo/reviews.json`` and name events by what they are (the article's title, the event
type and the countries in each role), never by database id, so they apply to any fresh
extraction of the demo articles. They are made as a clearly named demo reviewer, so the
history and audit trail read like a reviewer's day. Applying them again changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction

from entities.models import Country
from entities.officials import OfficialMention, get_or_create_officials

from .models import ROLES_BY_TYPE, Event, EventType, Participant
from .review import ReviewError, approve_events, merge_events, reject_events
from .reviewers import REVIEWERS_GROUP
from .summaries import refresh_event_summary

DEMO_REVIEWER_USERNAME = "demo-reviewer"
DECISIONS = ("approve", "reject", "merge")
Status = Event.ReviewStatus


class DemoDecisionsError(ValueError):
    """A decisions file that cannot be read; the message names the decision and the problem."""


@dataclass(frozen=True)
class EventKey:
    """An event of a demo article: its title, the event type and the countries/organisations per role."""

    article: str
    event_type: str
    roles: dict[str, frozenset[str]]

    def __str__(self) -> str:
        roles = "; ".join(f"{role} {', '.join(sorted(codes))}" for role, codes in sorted(self.roles.items()))
        return f"{self.event_type} ({roles}) in “{self.article}”"


@dataclass(frozen=True)
class PersonToAdd:
    role: str
    name: str
    nationality: str | None
    title: str | None


@dataclass(frozen=True)
class DemoDecision:
    key: EventKey
    decision: str
    note: str
    merge_into: EventKey | None = None
    add_people: tuple[PersonToAdd, ...] = ()


@dataclass
class DemoReviewSummary:
    applied: list[str] = field(default_factory=list)
    already_done: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{len(self.applied)} applied, {len(self.already_done)} already applied, "
            f"{len(self.not_found)} without a matching demo event"
        )


def _key(raw: Any, where: str) -> EventKey:
    if not isinstance(raw, dict) or not isinstance(raw.get("article"), str) or not isinstance(raw.get("roles"), dict):
        raise DemoDecisionsError(f'{where}: needs "article" (a title), "type" and "roles" ({{role: [codes]}})')
    event_type = raw.get("type")
    if event_type not in EventType.values:
        raise DemoDecisionsError(f"{where}: unknown event type {event_type!r}")
    unknown = set(raw["roles"]) - set(ROLES_BY_TYPE[event_type])
    if unknown:
        raise DemoDecisionsError(f"{where}: roles {sorted(unknown)} are not roles of {event_type}")
    return EventKey(raw["article"], event_type, {role: frozenset(codes) for role, codes in raw["roles"].items()})


def _people(raw: Any, key: EventKey, where: str) -> tuple[PersonToAdd, ...]:
    people = []
    for role, entries in (raw or {}).items():
        if role not in ROLES_BY_TYPE[key.event_type]:
            raise DemoDecisionsError(f"{where}: {role!r} is not a role of {key.event_type}")
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                raise DemoDecisionsError(f'{where}: each person to add needs a "name"')
            people.append(PersonToAdd(role, entry["name"], entry.get("nationality"), entry.get("title")))
    return tuple(people)


def parse_demo_decisions(data: Any) -> list[DemoDecision]:
    """The decisions of a demo reviews document ({"decisions": [...]}), checked; DemoDecisionsError says why not."""
    if not isinstance(data, dict) or not isinstance(data.get("decisions"), list):
        raise DemoDecisionsError('expected an object with a "decisions" list')
    decisions = []
    for number, raw in enumerate(data["decisions"], start=1):
        where = f"decision {number}"
        key = _key(raw, where)
        decision, note = raw.get("decision"), raw.get("note")
        if decision not in DECISIONS:
            raise DemoDecisionsError(f"{where}: decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
        if not isinstance(note, str) or not note.strip():
            raise DemoDecisionsError(f'{where}: every decision needs a "note" (the reason, for a rejection)')
        merge_into = _key(raw.get("into"), f'{where} "into"') if decision == "merge" else None
        people = _people(raw.get("add_people"), key, where)
        decisions.append(DemoDecision(key, decision, note.strip(), merge_into, people))
    return decisions


def read_demo_decisions(path: Path) -> list[DemoDecision]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DemoDecisionsError(f"{path}: {exc}") from exc
    try:
        return parse_demo_decisions(data)
    except DemoDecisionsError as exc:
        raise DemoDecisionsError(f"{path}: {exc}") from exc


def demo_reviewer() -> AbstractBaseUser:
    """The demo reviewer: a Reviewers-group member who cannot log in (no usable password)."""
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_REVIEWER_USERNAME,
        defaults={"first_name": "Demo", "last_name": "Reviewer (recorded demo decisions)", "is_staff": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    return user


def _actor_code(participant: Participant) -> str | None:
    if participant.country_id:
        return participant.country_id
    if participant.organization_id:
        return participant.organization.code or participant.organization.name
    return None  # people are added by reviewers, not part of what extraction found


def demo_event(key: EventKey) -> Event | None:
    """The demo event the key names (whatever its review state), or None."""
    events = (
        Event.objects.filter(
            event_type=key.event_type, evidence__article__is_demo=True, evidence__article__title=key.article
        )
        .exclude(review_status=Status.MERGED)
        .distinct()
        .order_by("pk")
        .prefetch_related("participants__organization")
    )
    for event in events:
        roles: dict[str, set[str]] = {}
        for participant in event.participants.all():
            code = _actor_code(participant)
            if code is not None:
                roles.setdefault(participant.role, set()).add(code)
        if roles == key.roles:
            return event
    return None


def _add_people(event: Event, people: tuple[PersonToAdd, ...], by: AbstractBaseUser) -> None:
    for wanted in people:
        nationality = Country.objects.filter(pk=wanted.nationality).first() if wanted.nationality else None
        [person] = get_or_create_officials([OfficialMention(wanted.name, nationality, wanted.title)])
        participant = Participant(event=event, role=wanted.role, person=person)
        participant._history_user = by
        participant._change_reason = "person named in the evidence added by the reviewer"
        participant.save()
    if people:
        refresh_event_summary(event)


@transaction.atomic
def _apply(decision: DemoDecision, event: Event, by: AbstractBaseUser) -> None:
    _add_people(event, decision.add_people, by)
    if decision.decision == "approve":
        approve_events([event], by=by, note=decision.note)
    elif decision.decision == "reject":
        reject_events([event], by=by, reason=decision.note)
    else:
        merge_events(demo_event(decision.merge_into), [event], by=by)


def apply_demo_decisions(decisions: list[DemoDecision]) -> DemoReviewSummary:
    """Apply each decision to the candidate it names, as the demo reviewer; decided events are left alone."""
    by = demo_reviewer()
    summary = DemoReviewSummary()
    for decision in decisions:
        label = f"{decision.decision} {decision.key}"
        event = demo_event(decision.key)
        survivor = demo_event(decision.merge_into) if decision.merge_into else None
        if event is None or (decision.merge_into and survivor is None):
            summary.not_found.append(label)
        elif event.review_status != Status.CANDIDATE or event == survivor:
            summary.already_done.append(label)
        else:
            try:
                _apply(decision, event, by)
            except ReviewError as exc:
                summary.not_found.append(f"{label}: {exc}")
            else:
                summary.applied.append(label)
    return summary
