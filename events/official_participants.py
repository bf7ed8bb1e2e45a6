"""Officials in events: the people an extraction result names in each event's ``officials``, as
participants in the role "official" (source or actor, asserting or denying), with their sentence as evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.db.models import Q

from entities.models import Country, Person
from entities.officials import OfficialMention, get_or_create_officials
from vocabulary.events import OFFICIAL

from .candidates import Actor, EvidenceSpan, ExtractedEvent, cached_actor
from .models import Article, Event, Evidence, Participant

# The Evidence row of a span of an article on an event, created once however many mentions point at it.
EvidenceFor = Callable[[Event, Article, EvidenceSpan], Evidence]


def _country(code: str | None, actors: dict[str, Actor | None]) -> Country | None:
    actor = cached_actor(code, actors) if code else None
    return actor if isinstance(actor, Country) else None


class EventOfficials:
    """The people behind a batch's event officials, found or created together with the results'
    top-level officials in one call, and the participants each event gains from them."""

    def __init__(
        self,
        mentions: list[OfficialMention],
        found: Iterable[tuple[Article, list[ExtractedEvent]]],
        actors: dict[str, Actor | None],
    ) -> None:
        found = list(found)
        self.countries = {
            official.country_code: _country(official.country_code, actors)
            for _, candidates in found
            for candidate in candidates
            for official in candidate.officials
        }
        named = [
            OfficialMention(official.name, self.countries[official.country_code], official.title, article.pk)
            for article, candidates in found
            for candidate in candidates
            for official in candidate.officials
        ]
        people = get_or_create_officials([*mentions, *named])[len(mentions) :]
        self.people: dict[tuple[int, str], Person | None] = {
            (mention.source_article_id, mention.name): person for mention, person in zip(named, people, strict=True)
        }
        self.named: dict[int, set[int]] = {}  # id(event) → people already official in it

    def _already_named(self, event: Event) -> set[int]:
        if id(event) not in self.named:
            stored = event.participants.all() if event.pk else ()
            self.named[id(event)] = {p.person_id for p in stored if p.role == OFFICIAL}
        return self.named[id(event)]

    def participants(
        self, event: Event, candidate: ExtractedEvent, article: Article, evidence_for: EvidenceFor
    ) -> list[Participant]:
        """The candidate's officials the event does not have yet (only new and candidate events gain officials:
        a reviewed event changes through review), each with their sentence as the event's evidence."""
        if event.pk and event.review_status != Event.ReviewStatus.CANDIDATE:
            return []
        named, participants = self._already_named(event), []
        for official in candidate.officials:
            person = self.people.get((article.pk, official.name))
            if person is None or person.pk in named:
                continue
            named.add(person.pk)
            participants.append(
                Participant(
                    event=event,
                    event_type=event.event_type,
                    role=OFFICIAL,
                    person=person,
                    capacity=official.capacity,
                    stance=official.stance,
                    official_country=self.countries.get(official.country_code),
                    evidence=evidence_for(event, article, official.span) if official.span else None,
                )
            )
        return participants


def official_spans(candidate: ExtractedEvent) -> list[EvidenceSpan]:
    return [official.span for official in candidate.officials if official.span is not None]


def fill_missing_evidence_ids(evidence: Sequence[Evidence]) -> None:
    """Ids of evidence rows that were already stored (a bulk insert ignoring conflicts leaves them unset)."""
    missing = [e for e in evidence if e.pk is None]
    if not missing:
        return
    spans = Q()
    for e in missing:
        spans |= Q(event_id=e.event_id, article_id=e.article_id, start_char=e.start_char)
    ids = {
        (event_id, article_id, start): pk
        for pk, event_id, article_id, start in Evidence.objects.filter(spans).values_list(
            "pk", "event_id", "article_id", "start_char"
        )
    }
    for e in missing:
        e.pk = ids.get((e.event_id, e.article_id, e.start_char))


def remove_unreviewed_officials(articles: Sequence[Article], event_ids: list[int]) -> None:
    """Officials these articles' evidence gave to still-unreviewed events: re-extraction adds them again."""
    given = Participant.objects.filter(event_id__in=event_ids, role=OFFICIAL, evidence__article__in=articles)
    for participant in given:
        participant.delete()  # one by one, so simple_history records each deletion
