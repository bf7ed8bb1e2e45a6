"""Storing extraction results: officials, candidate events, participants and evidence, in bulk,
one transaction per batch of articles (tasks.services calls it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from simple_history.utils import bulk_create_with_history

from entities.models import Country, Organization
from entities.officials import OfficialMention
from entities.reference import actors_for_codes
from entities.vessels import get_or_create_vessels

from .candidates import Actor, EvidenceSpan, ExtractedEvent, cached_actor, extracted_event
from .corroborated_vessels import CorroboratingCarriers
from .corroboration import CorroborableEvent, CorroborationIndex, evidence_state_for, refresh_source_counts
from .models import Article, Event, Evidence, Participant, Role
from .official_participants import (
    EventOfficials,
    fill_missing_evidence_ids,
    official_spans,
    remove_unreviewed_officials,
)

# Key of the PostgreSQL advisory lock that serialises storing: corroboration looks for a
# matching event and creates one if none exists, and officials are matched by name; two
# workers doing either at once would create duplicates. Storing takes milliseconds next
# to the seconds of NLP, so serialising it costs little throughput.
STORE_LOCK_KEY = 0x5A4E_C710


@dataclass(frozen=True)
class StoredExtraction:
    events_found: int
    events_created: int
    events_corroborated: int


def _new_event(candidate: ExtractedEvent, extractor_version: str) -> Event:
    return Event(
        event_type=candidate.event_type,
        certainty=candidate.certainty,
        event_date=candidate.date,
        date_precision=candidate.date_precision,
        items=candidate.items,
        quantity=candidate.quantity,
        summary=candidate.summary,
        confidence=candidate.confidence,
        extractor_version=extractor_version,
    )


def _new_participants(event: Event, candidate: ExtractedEvent, vessels: dict) -> list[Participant]:
    participants = [
        Participant(
            event=event,
            event_type=event.event_type,
            role=role,
            country=actor if isinstance(actor, Country) else None,
            organization=actor if isinstance(actor, Organization) else None,
        )
        for role, actors in candidate.roles.items()
        for actor in actors
    ]
    carriers = dict.fromkeys(vessels[mention.key] for mention in candidate.vessels)
    participants += [
        Participant(event=event, event_type=event.event_type, role=Role.CARRIER, vessel=vessel) for vessel in carriers
    ]
    return participants


def remove_unreviewed_candidates(articles: Sequence[Article]) -> None:
    """Undo what extracting these articles contributed to still-unreviewed candidates.

    Their evidence on candidate events goes; candidates left without evidence are deleted.
    Approved, rejected and merged events, and candidates a reviewer merged others into, keep everything.
    """
    touched = list(
        Event.objects.filter(review_status=Event.ReviewStatus.CANDIDATE, evidence__article__in=articles)
        .distinct()
        .values_list("pk", flat=True)
    )
    if not touched:
        return  # first extraction of these articles
    remove_unreviewed_officials(articles, touched)
    Evidence.objects.filter(article__in=articles, event_id__in=touched).delete()
    orphans = Event.objects.filter(pk__in=touched, evidence__isnull=True, merged_events__isnull=True)
    orphan_ids = set(orphans.values_list("pk", flat=True))
    for event in Event.objects.filter(pk__in=orphan_ids):
        event.delete()  # one by one, so simple_history records each deletion
    refresh_source_counts([pk for pk in touched if pk not in orphan_ids])


def _serialise_storing() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [STORE_LOCK_KEY])


def _official_mentions(results: Sequence[tuple[Article, dict]], actors: dict[str, Actor | None]) -> list:
    mentions = []
    for article, result in results:
        for official in result.get("officials") or []:
            if isinstance(official, dict) and isinstance(official.get("name"), str) and official["name"].strip():
                code = official.get("country")
                country = cached_actor(code, actors) if isinstance(code, str) else None
                title = official.get("title") if isinstance(official.get("title"), str) else None
                country = country if isinstance(country, Country) else None
                mentions.append(OfficialMention(official["name"], country, title, article.pk))
    return mentions


def _result_codes(result: dict) -> Iterator[str]:
    for official in result.get("officials") or []:
        if isinstance(official, dict) and isinstance(official.get("country"), str):
            yield official["country"]
    for event in result.get("events") or []:
        roles = event.get("roles") if isinstance(event, dict) else None
        for codes in roles.values() if isinstance(roles, dict) else ():
            yield from (code for code in codes or [] if isinstance(code, str))
        for official in (event.get("officials") or []) if isinstance(event, dict) else ():
            if isinstance(official, dict) and isinstance(official.get("country"), str):
                yield official["country"]


# No savepoint when nested (the run's transaction): an error rolls back the whole batch anyway.
@transaction.atomic(savepoint=False)
def store_extraction_results(
    results: Sequence[tuple[Article, dict]], *, extractor_version: str
) -> list[StoredExtraction]:
    """Store the extraction results of several articles: officials, candidate events, evidence, corroboration.

    Replaces these articles' still-unreviewed candidates, so storing the same results twice
    leaves the same rows as storing them once. The rows are the same as storing the results
    one article after the other, in order (a later article corroborates an event an earlier
    one created), but the number of queries does not grow with the number of articles: rows
    are read for the whole batch at once and written with bulk inserts.
    """
    _serialise_storing()
    remove_unreviewed_candidates([article for article, _ in results])
    actors: dict[str, Actor | None] = actors_for_codes(code for _, result in results for code in _result_codes(result))
    candidates = [
        [
            candidate
            for extracted in result.get("events") or []
            if isinstance(extracted, dict) and (candidate := extracted_event(article, extracted, actors)) is not None
        ]
        for article, result in results
    ]
    articles = [article for article, _ in results]
    officials = EventOfficials(_official_mentions(results, actors), zip(articles, candidates, strict=True), actors)
    vessels = get_or_create_vessels(
        mention for found in candidates for candidate in found for mention in candidate.vessels
    )
    index = CorroborationIndex(candidate for found in candidates for candidate in found)
    carriers = CorroboratingCarriers(vessels)
    new_events: list[CorroborableEvent] = []
    participants: list[Participant] = []
    evidence: dict[tuple[int, int, int], Evidence] = {}  # (id(event), article, start) → the span's row

    def evidence_for(event: Event, article: Article, span: EvidenceSpan) -> Evidence:
        key = (id(event), article.pk, span.start)
        if key not in evidence:
            evidence[key] = Evidence(
                event=event,
                article=article,
                start_char=span.start,
                end_char=span.end,
                sentence=span.sentence,
                extractor_version=extractor_version,
                review_state=evidence_state_for(event),
            )
        return evidence[key]

    sources: dict[int, set[int]] = defaultdict(set)  # id(event) → supporting article ids
    stored = []
    for (article, _), found in zip(results, candidates, strict=True):
        corroborated = 0
        for candidate in found:
            known = index.match(candidate)
            if known is not None:
                corroborated += 1
                known.add_source(article)
                participants += carriers.participants(known.event, candidate, article, participants)
            else:
                known = index.add(_new_event(candidate, extractor_version), candidate, article)
                new_events.append(known)
                participants += _new_participants(known.event, candidate, vessels)
            sources[id(known.event)].add(article.pk)
            # Officials' sentences are evidence too, also on reviewed events (pending there): a denial is not silence.
            for span in [*candidate.spans, *official_spans(candidate)]:
                evidence_for(known.event, article, span)
            participants += officials.participants(known.event, candidate, article, evidence_for)
        stored.append(StoredExtraction(len(found), len(found) - corroborated, corroborated))
    for known in new_events:  # all their sources are in this batch
        known.event.source_count = len(sources[id(known.event)])
    bulk_create_with_history([known.event for known in new_events], Event)
    created = {id(known.event) for known in new_events}
    Evidence.objects.bulk_create([e for key, e in evidence.items() if key[0] in created])
    # A span already recorded for a stored event and article (an event corroborated again) is kept as is.
    Evidence.objects.bulk_create([e for key, e in evidence.items() if key[0] not in created], ignore_conflicts=True)
    fill_missing_evidence_ids([p.evidence for p in participants if p.evidence is not None])
    bulk_create_with_history(participants, Participant)
    carriers.propose_to_reviewed_events()
    new_ids = {known.event.pk for known in new_events}
    stored_and_corroborated = [
        known.event.pk for known in index.known if known.event.pk not in new_ids and id(known.event) in sources
    ]
    if stored_and_corroborated:
        refresh_source_counts(stored_and_corroborated)
    return stored
