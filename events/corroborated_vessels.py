"""Vessels named by an article that corroborates an event already stored.

Like the article's sentences, its carriers join a candidate event at once (reviewed with it), but wait
for a reviewer on an event already decided: they are proposed with the article's pending evidence and
join the event as carriers when a reviewer accepts that evidence.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from functools import reduce

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from entities.models import Vessel

from .candidates import ExtractedEvent
from .models import Article, Event, Evidence, Participant, Role

VesselsByMention = dict[tuple[str, str | None], Vessel]


def _carrier(event: Event, vessel: Vessel) -> Participant:
    return Participant(event=event, event_type=event.event_type, role=Role.CARRIER, vessel=vessel)


class CorroboratingCarriers:
    """The carriers a batch's corroborating candidates add to the events they corroborate."""

    def __init__(self, vessels: VesselsByMention) -> None:
        self.vessels = vessels
        # (event id, article id, evidence starts, vessel ids) for reviewed events, recorded once evidence is stored
        self.proposals: list[tuple[int, int, list[int], list[int]]] = []

    def participants(
        self, event: Event, candidate: ExtractedEvent, article: Article, batch: Sequence[Participant]
    ) -> list[Participant]:
        """New carrier participants for a candidate event (``batch``: the participants this batch adds so far);
        none for a reviewed event, whose new carriers are proposed with the article's evidence instead."""
        named = list(dict.fromkeys(self.vessels[mention.key] for mention in candidate.vessels))
        if not named:
            return []
        if event.pk and event.review_status != Event.ReviewStatus.CANDIDATE:
            carrying = {p.vessel_id for p in event.participants.all() if p.vessel_id}
            proposed = [vessel.pk for vessel in named if vessel.pk not in carrying]
            if proposed:
                self.proposals.append((event.pk, article.pk, [span.start for span in candidate.spans], proposed))
            return []
        stored = event.participants.all() if event.pk else ()
        carrying = {p.vessel_id for p in [*stored, *(p for p in batch if p.event is event)] if p.vessel_id}
        return [_carrier(event, vessel) for vessel in named if vessel.pk not in carrying]

    def propose_to_reviewed_events(self) -> None:
        """Attach the proposed carriers to the pending evidence just stored for reviewed events."""
        if not self.proposals:
            return
        spans = reduce(
            operator.or_,
            (Q(event_id=event, article_id=article, start_char__in=at) for event, article, at, _ in self.proposals),
        )
        evidence: dict[tuple[int, int], list[int]] = {}
        for pk, event, article in Evidence.objects.filter(spans, review_state=Evidence.ReviewState.PENDING).values_list(
            "pk", "event_id", "article_id"
        ):
            evidence.setdefault((event, article), []).append(pk)
        Through = Evidence.proposed_carriers.through
        rows = [
            Through(evidence_id=evidence_id, vessel_id=vessel_id)
            for event, article, _, vessel_ids in self.proposals
            for evidence_id in evidence.get((event, article), ())
            for vessel_id in vessel_ids
        ]
        Through.objects.bulk_create(rows, ignore_conflicts=True)


def add_proposed_carriers(accepted: Iterable[Evidence], *, by: AbstractBaseUser) -> int:
    """Accepted evidence brings the carriers it proposed into its event; returns how many joined."""
    accepted = list(accepted)
    proposed = Evidence.proposed_carriers.through.objects.filter(evidence__in=accepted).values_list(
        "evidence__event_id", "vessel_id"
    )
    wanted = set(proposed)
    if not wanted:
        return 0
    events = {e.pk: e for e in Event.objects.filter(pk__in={event for event, _ in wanted})}
    carrying = set(
        Participant.objects.filter(event__in=events.values(), vessel__isnull=False).values_list("event_id", "vessel_id")
    )
    vessels = Vessel.objects.in_bulk({vessel for _, vessel in wanted})
    carriers = [_carrier(events[event], vessels[vessel]) for event, vessel in sorted(wanted - carrying)]
    for carrier in carriers:
        carrier._history_user = by
    bulk_create_with_history(carriers, Participant, default_user=by)
    return len(carriers)
