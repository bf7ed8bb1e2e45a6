"""Writes to the events tables: the review decisions and the data they maintain.

Every review function takes the acting user (`by`), stamps `reviewed_by`/`reviewed_at`
and writes django-simple-history records with that user and a change reason, so each
decision is attributable.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from entities.models import Person, Position

from .models import Event, EventType, Evidence, Participant, Role

if TYPE_CHECKING:
    from django.apps import AppConfig
    from django.contrib.auth.models import AbstractBaseUser

    from tasks.models import ExtractionRun

Status = Event.ReviewStatus

REVIEWERS_GROUP = "Reviewers"
# Reviewers decide on events; they delete nothing and manage no users, feeds or lists.
REVIEWER_PERMISSIONS = (
    "events.view_event",
    "events.change_event",
    "events.view_participant",
    "events.change_participant",
    # Adding a participant the extractor missed is part of correcting a candidate.
    "events.add_participant",
    "events.view_evidence",
    "events.change_evidence",
    "events.view_article",
    "entities.view_country",
    "entities.view_person",
    "entities.view_organization",
    "entities.view_position",
    "tasks.view_extractionrun",
    # Re-running extraction queues an ExtractionRun.
    "tasks.add_extractionrun",
)

SUMMARY_MAX_LENGTH = Event._meta.get_field("summary").max_length
_REVIEW_FIELDS = ["review_status", "merged_into", "reviewed_by", "reviewed_at", "review_note", "updated_at"]


class ReviewError(ValueError):
    """A review decision that the events' current states do not allow."""


# --- summaries ---------------------------------------------------------------


def _actor_name(participant: Participant) -> str:
    if participant.organization_id:
        return participant.organization.code or participant.organization.name
    return str(participant.actor)


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
    participants = event.participants.select_related("country", "person", "organization").order_by("pk")
    for participant in participants:
        names_by_role[participant.role].append(_actor_name(participant))
    summary = build_summary(event.event_type, names_by_role, event.items or [])
    if summary != event.summary:
        event.summary = summary
        Event.objects.filter(pk=event.pk).update(summary=summary)
    return summary


def refresh_source_count(event: Event) -> int:
    """Recompute and store the number of distinct articles with evidence for the event."""
    count = event.evidence.values("article").distinct().count()
    if count != event.source_count:
        event.source_count = count
        Event.objects.filter(pk=event.pk).update(source_count=count)
    return count


# --- review decisions ----------------------------------------------------------


def _locked(events: Iterable[Event]) -> list[Event]:
    """Fresh, row-locked copies so concurrent reviewers cannot both decide on one event."""
    ids = [e.pk for e in events]
    return list(Event.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def _refuse(events: list[Event], states: set[str], message: str) -> None:
    blocked = [e for e in events if e.review_status in states]
    if blocked:
        ids = ", ".join(f"#{e.pk}" for e in blocked)
        raise ReviewError(f"{ids}: {message}")


def _record_review(
    events: list[Event], *, status: str, by: AbstractBaseUser, reason: str, **fields: Any
) -> list[Event]:
    now = timezone.now()
    for event in events:
        event.review_status = status
        event.reviewed_by = by
        event.reviewed_at = now
        event.updated_at = now
        for name, value in fields.items():
            setattr(event, name, value)
    bulk_update_with_history(
        events, Event, _REVIEW_FIELDS, default_user=by, default_change_reason=reason, default_date=now
    )
    return events


@transaction.atomic
def approve_events(events: Iterable[Event], *, by: AbstractBaseUser) -> list[Event]:
    """Approve candidates; returns the events whose status changed (already approved ones are left alone).

    A rejected or merged event must be un-rejected first, so no decision is overturned by a stray click.
    """
    locked = _locked(events)
    _refuse(locked, {Status.REJECTED, Status.MERGED}, "rejected or merged events need an explicit un-reject first.")
    to_approve = [e for e in locked if e.review_status == Status.CANDIDATE]
    return _record_review(to_approve, status=Status.APPROVED, by=by, reason="approved")


@transaction.atomic
def reject_events(events: Iterable[Event], *, by: AbstractBaseUser, reason: str) -> list[Event]:
    """Reject candidates or approved events; the reason is required and kept as the review note."""
    reason = reason.strip()
    if not reason:
        raise ReviewError("A reason is required to reject events.")
    locked = _locked(events)
    _refuse(locked, {Status.MERGED}, "merged events cannot be rejected; un-reject them first.")
    return _record_review(locked, status=Status.REJECTED, by=by, reason=f"rejected: {reason}", review_note=reason)


@transaction.atomic
def unreject_events(events: Iterable[Event], *, by: AbstractBaseUser) -> list[Event]:
    """Return rejected or merged events to the candidate queue.

    A merged event's evidence and participants stay with the event it was merged into.
    """
    locked = _locked(events)
    _refuse(locked, {Status.CANDIDATE, Status.APPROVED}, "only rejected or merged events can be un-rejected.")
    return _record_review(locked, status=Status.CANDIDATE, by=by, reason="un-rejected", merged_into=None)


def _participant_key(participant: Participant) -> tuple:
    return (
        participant.event_id,
        participant.role,
        participant.country_id,
        participant.person_id,
        participant.organization_id,
    )


def _reassign_participants(
    participants: Iterable[Participant], kept: set[tuple], *, by: AbstractBaseUser, reason: str, **new_values: Any
) -> None:
    """Point participants elsewhere (another event or person), deleting those that would duplicate a kept one."""
    for participant in participants:
        participant._history_user = by
        participant._change_reason = reason
        for name, value in new_values.items():
            setattr(participant, name, value)
        key = _participant_key(participant)
        if key in kept:
            participant.delete()
        else:
            participant.save()
            kept.add(key)


def _move_evidence(source: Event, survivor: Event) -> None:
    kept = set(survivor.evidence.values_list("article_id", "start_char"))
    duplicates = [e.pk for e in source.evidence.all() if (e.article_id, e.start_char) in kept]
    Evidence.objects.filter(pk__in=duplicates).delete()
    source.evidence.update(event=survivor)


@transaction.atomic
def merge_events(survivor: Event, others: Iterable[Event], *, by: AbstractBaseUser) -> Event:
    """Merge `others` into `survivor`: participants and evidence combined, the others marked merged.

    Events already merged into one of the others are re-pointed at the survivor, so
    merged_into never forms chains.
    """
    locked = _locked([survivor, *others])
    survivor = next(e for e in locked if e.pk == survivor.pk)
    merged = [e for e in locked if e.pk != survivor.pk]
    if not merged:
        raise ReviewError("Select at least two events to merge.")
    _refuse(locked, {Status.REJECTED, Status.MERGED}, "only candidates and approved events can be merged.")
    other_types = {e.event_type for e in merged} - {survivor.event_type}
    if other_types:
        raise ReviewError("Only events of the same type can be merged.")

    reason = f"merged into #{survivor.pk}"
    kept = {_participant_key(p) for p in survivor.participants.all()}
    for event in merged:
        _reassign_participants(event.participants.all(), kept, by=by, reason=reason, event=survivor)
        _move_evidence(event, survivor)
        survivor.items = list(dict.fromkeys([*survivor.items, *event.items]))
        survivor.confidence = max(survivor.confidence, event.confidence)
    merged_ids = [e.pk for e in merged]
    earlier = list(Event.objects.filter(merged_into__in=merged_ids))
    for event in earlier:
        event.merged_into = survivor
    bulk_update_with_history(earlier, Event, ["merged_into"], default_user=by, default_change_reason=reason)
    _record_review(merged, status=Status.MERGED, by=by, reason=reason, merged_into=survivor)

    survivor._history_user = by
    survivor._change_reason = f"merged #{', #'.join(map(str, merged_ids))} into this event"
    survivor.save(update_fields=["items", "confidence", "updated_at"])
    refresh_source_count(survivor)
    refresh_event_summary(survivor)
    return survivor


@transaction.atomic
def merge_people(survivor: Person, others: Iterable[Person], *, by: AbstractBaseUser) -> Person:
    """Merge duplicate people into `survivor`: names become aliases, positions and participations move.

    The duplicates are deleted; each moved participation keeps a history record naming `by`.
    """
    others = [p for p in others if p.pk != survivor.pk]
    if not others:
        raise ReviewError("Select at least two people to merge.")
    reason = f"person #{', #'.join(str(p.pk) for p in others)} merged into #{survivor.pk}"
    names = [*survivor.aliases]
    for person in others:
        names += [person.name, *person.aliases]
        survivor.nationality_id = survivor.nationality_id or person.nationality_id
        survivor.birth_year = survivor.birth_year or person.birth_year
    survivor.aliases = [n for n in dict.fromkeys(names) if n != survivor.name]
    survivor.save(update_fields=["aliases", "nationality", "birth_year"])

    Position.objects.filter(person__in=others).update(person=survivor)
    moved = list(Participant.objects.filter(person__in=others).select_related("event"))
    kept = {_participant_key(p) for p in survivor.participations.all()}
    _reassign_participants(moved, kept, by=by, reason=reason, person=survivor)
    Person.objects.filter(pk__in=[p.pk for p in others]).delete()
    for event in {p.event for p in moved}:
        refresh_event_summary(event)
    return survivor


def reextract_events(events: Iterable[Event]) -> list[ExtractionRun]:
    """Queue a new extraction of every article that has evidence for the events."""
    from tasks.services import enqueue_extraction

    article_ids = Evidence.objects.filter(event__in=list(events)).values_list("article_id", flat=True).distinct()
    return enqueue_extraction(sorted(article_ids))


# --- the Reviewers group --------------------------------------------------------


def sync_reviewers_group() -> Group:
    """Create the Reviewers group, or reset its permissions to exactly REVIEWER_PERMISSIONS."""
    group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    wanted = [tuple(name.split(".")) for name in REVIEWER_PERMISSIONS]
    permissions = Permission.objects.filter(content_type__app_label__in={app for app, _ in wanted}).select_related(
        "content_type"
    )
    chosen = [p for p in permissions if (p.content_type.app_label, p.codename) in set(wanted)]
    group.permissions.set(chosen)
    return group


def sync_reviewers_group_after_migrate(sender: AppConfig, **kwargs: Any) -> None:
    """post_migrate receiver. Auth creates permissions app by app, so act once the last app
    whose permissions reviewers get has been migrated."""
    labels = {name.split(".")[0] for name in REVIEWER_PERMISSIONS}
    last = [config.label for config in django_apps.get_app_configs() if config.label in labels][-1]
    if sender.label == last:
        sync_reviewers_group()
