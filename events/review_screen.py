"""What the review screen shows above the event form: the roles, each evidence sentence marked in
its paragraph with its article, and the other events extracted from the same articles (reads only).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString

from entities.selectors import sanctions_for_participants, sanctions_list_names
from vocabulary.events import OFFICIAL

from .highlighting import ACTOR_LABELS, event_passages
from .models import ROLES_BY_TYPE, Article, Event, Evidence, Participant
from .rendering import render_marked_text
from .review_queue import events_of_article

# Other events listed per article: enough to spot a duplicate, short enough for the side column.
OTHER_EVENTS_SHOWN = 10


@dataclass(frozen=True)
class RoleActor:
    """A participant as the screen names it: a person with their nationality, a vessel with its flag."""

    name: str
    kind: str  # country, person, organisation, vessel
    detail: str
    sanctioned_by: list[str]  # names of the sanctions lists that link the actor


@dataclass(frozen=True)
class EvidenceInContext:
    evidence: Evidence
    article: Article
    passage: SafeString  # escaped HTML: the sentence in <mark>, the event's actors in labelled spans

    @property
    def pending_or_rejected(self) -> bool:
        return self.evidence.review_state != Evidence.ReviewState.ACCEPTED


@dataclass(frozen=True)
class OtherEvents:
    """Events from one of the event's articles, besides the event itself."""

    article: Article
    events: list[Event]
    more: bool  # more than OTHER_EVENTS_SHOWN


@dataclass(frozen=True)
class ReviewScreen:
    roles: dict[str, list[RoleActor]]  # in the event type's role order
    evidence: list[EvidenceInContext]
    other_events: list[OtherEvents]


def _role_actor(participant: Participant, sanctions: dict[int, list[dict]]) -> RoleActor:
    field = next(field for field in ACTOR_LABELS if getattr(participant, f"{field}_id"))
    actor = getattr(participant, field)
    place = actor.nationality if field == "person" else actor.flag if field == "vessel" else None
    listed = sanctions_list_names(sanctions.get(participant.pk, []))
    if participant.role == OFFICIAL:  # what the official does about the event, and for which country
        served = participant.official_country or place
        detail = ", ".join(filter(None, [participant.capacity, participant.stance, served.name if served else ""]))
        return RoleActor(str(actor), ACTOR_LABELS[field], detail, listed)
    return RoleActor(str(actor), ACTOR_LABELS[field], place.name if place else "", listed)


def event_roles(event: Event) -> dict[str, list[RoleActor]]:
    """{role: its actors} in the type's role order, with who is sanctioned (a few queries per event)."""
    participants = list(
        event.participants.select_related(
            "country", "person__nationality", "organization", "vessel__flag", "official_country"
        )
    )
    sanctions = sanctions_for_participants(participants)
    roles: dict[str, list[RoleActor]] = {role: [] for role in ROLES_BY_TYPE[event.event_type]}
    for participant in sorted(participants, key=lambda p: p.pk):
        roles.setdefault(participant.role, []).append(_role_actor(participant, sanctions))
    return {role: actors for role, actors in roles.items() if actors}


def review_screen(event: Event) -> ReviewScreen:
    """What a reviewer decides on, for the top of the event's change form."""
    evidence = [
        EvidenceInContext(
            passage.evidence,
            passage.evidence.article,
            render_marked_text(passage.text, [passage.sentence], passage.mentions),
        )
        for passage in event_passages(event)
    ]
    articles = list({item.article.pk: item.article for item in evidence}.values())
    other_events = []
    for article in articles:
        events = list(events_of_article(article).exclude(pk=event.pk)[: OTHER_EVENTS_SHOWN + 1])
        if events:
            other_events.append(OtherEvents(article, events[:OTHER_EVENTS_SHOWN], len(events) > OTHER_EVENTS_SHOWN))
    return ReviewScreen(event_roles(event), evidence, other_events)
