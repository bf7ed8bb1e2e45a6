"""What the review screen shows above the event form: the roles, each evidence sentence marked in
its paragraph with its article, and the other events extracted from the same articles (reads only).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString

from .highlighting import event_passages
from .models import Article, Event, Evidence
from .rendering import render_marked_text
from .review_queue import events_of_article, participants_by_role

# Other events listed per article: enough to spot a duplicate, short enough for the side column.
OTHER_EVENTS_SHOWN = 10


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
    roles: dict[str, list[str]]
    evidence: list[EvidenceInContext]
    other_events: list[OtherEvents]


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
    return ReviewScreen(participants_by_role(event), evidence, other_events)
