"""Review decisions: approve, reject, un-reject, merge events, merge people; deleting events.

Every decision takes the acting user (`by`), stamps `reviewed_by`/`reviewed_at` and writes
django-simple-history records with that user and a change reason, so each one is attributable.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from entities.models import Person, Position, SanctionsMatch

from .aggregates import following_profile_aggregates
from .corroborated_vessels import add_proposed_carriers
from .corroboration import refresh_source_counts
from .models import Event, Evidence, Participant
from .summaries import refresh_event_summary

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


Status = Event.ReviewStatus

_REVIEW_FIELDS = ["review_status", "merged_into", "reviewed_by", "reviewed_at", "review_note", "updated_at"]


class ReviewError(ValueError):
    """A review decision that the events' current states do not allow."""


def _locked(events: Iterable[Event]) -> list[Event]:
    """Fresh, row-locked copies so concurrent reviewers cannot both decide on one event."""
    ids = [e.pk for e in events]
    return list(Event.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


CHANGE_REASON_MAX = Event.history.model._meta.get_field("history_change_reason").max_length


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
    # The history's change reason is a 100-character column; the full reason is the review note.
    reason = reason if len(reason) <= CHANGE_REASON_MAX else reason[: CHANGE_REASON_MAX - 1] + "…"
    bulk_update_with_history(
        events, Event, _REVIEW_FIELDS, default_user=by, default_change_reason=reason, default_date=now
    )
    return events


@transaction.atomic
def approve_events(events: Iterable[Event], *, by: AbstractBaseUser, note: str = "") -> list[Event]:
    """Approve candidates, with the reviewer's optional note; returns the events whose status changed
    (already approved ones are left alone).

    A rejected or merged event must be un-rejected first, so no decision is overturned by a stray click.
    """
    locked = _locked(events)
    _refuse(locked, {Status.REJECTED, Status.MERGED}, "rejected or merged events need an explicit un-reject first.")
    to_approve = [e for e in locked if e.review_status == Status.CANDIDATE]
    with following_profile_aggregates(e.pk for e in to_approve):
        note = note.strip()
        fields = {"review_note": note} if note else {}
        return _record_review(
            to_approve, status=Status.APPROVED, by=by, reason=f"approved: {note}" if note else "approved", **fields
        )


@transaction.atomic
def reject_events(events: Iterable[Event], *, by: AbstractBaseUser, reason: str) -> list[Event]:
    """Reject candidates or approved events; the reason is required and kept as the review note."""
    reason = reason.strip()
    if not reason:
        raise ReviewError("A reason is required to reject events.")
    locked = _locked(events)
    _refuse(locked, {Status.MERGED}, "merged events cannot be rejected; un-reject them first.")
    with following_profile_aggregates(e.pk for e in locked):
        return _record_review(locked, status=Status.REJECTED, by=by, reason=f"rejected: {reason}", review_note=reason)


@transaction.atomic
def unreject_events(events: Iterable[Event], *, by: AbstractBaseUser) -> list[Event]:
    """Return rejected or merged events to the candidate queue.

    A merged event's evidence and participants stay with the event it was merged into. Neither state
    counts in the profile aggregates, so they are left as they are.
    """
    locked = _locked(events)
    _refuse(locked, {Status.CANDIDATE, Status.APPROVED}, "only rejected or merged events can be un-rejected.")
    return _record_review(locked, status=Status.CANDIDATE, by=by, reason="un-rejected", merged_into=None)


@transaction.atomic
def delete_events(events: Iterable[Event], *, by: AbstractBaseUser) -> int:
    """Delete events with their participants and evidence (superusers, in the admin); returns how many.

    What approved ones counted in the profile aggregates goes with them, in the same transaction.
    An event others were merged into is protected (ProtectedError): un-reject those first.
    """
    locked = _locked(events)
    with following_profile_aggregates(e.pk for e in locked):
        for event in locked:
            event._history_user = by  # one by one, so simple_history records who deleted each
            event.delete()
    return len(locked)


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

    with following_profile_aggregates(e.pk for e in locked):
        _merge_into(survivor, merged, by=by)
    return survivor


def _merge_into(survivor: Event, merged: list[Event], *, by: AbstractBaseUser) -> None:
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
    refresh_source_counts([survivor.pk])
    survivor.refresh_from_db(fields=["source_count"])
    refresh_event_summary(survivor)


@transaction.atomic
def merge_people(survivor: Person, others: Iterable[Person], *, by: AbstractBaseUser) -> Person:
    """Merge duplicate people into `survivor`: names become aliases; positions, participations and
    sanctions-list matches move.

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
    # Sanctions-list matches move too; where the survivor already has one for the entry, it stays.
    matched_entries = set(survivor.sanctions_matches.values_list("entry_id", flat=True))
    for match in SanctionsMatch.objects.filter(person__in=others):
        match._history_user, match._change_reason = by, reason
        if match.entry_id in matched_entries:
            match.delete()
        else:
            match.person = survivor
            match.save()
            matched_entries.add(match.entry_id)
    moved = list(Participant.objects.filter(person__in=others).select_related("event"))
    kept = {_participant_key(p) for p in survivor.participations.all()}
    with following_profile_aggregates({p.event_id for p in moved}):
        _reassign_participants(moved, kept, by=by, reason=reason, person=survivor)
        Person.objects.filter(pk__in=[p.pk for p in others]).delete()
    for event in {p.event for p in moved}:
        refresh_event_summary(event)
    return survivor


@transaction.atomic
def decide_evidence(evidence: Iterable[Evidence], *, accept: bool, by: AbstractBaseUser) -> int:
    """Accept (make public, counted as a source) or reject pending evidence; history records who did.
    Evidence already decided is left alone. Returns how many were decided."""
    state = Evidence.ReviewState.ACCEPTED if accept else Evidence.ReviewState.REJECTED
    decided = [item for item in evidence if item.review_state == Evidence.ReviewState.PENDING]
    for item in decided:
        item.review_state = state
        item._history_user = by  # django-simple-history's per-instance author
        item.save(update_fields=["review_state"])
    if accept:
        add_proposed_carriers(decided, by=by)
    refresh_source_counts(sorted({item.event_id for item in decided}))
    return len(decided)
