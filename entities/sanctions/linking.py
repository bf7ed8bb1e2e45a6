"""Linking people and organisations to sanctions-list entries: scored matches, auto-linked,
pending for review or rejected; and the reviewers' decisions on borderline ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ..models import Organization, Person, SanctionsEntry, SanctionsMatch, Vessel
from .loading import entry_countries
from .matching import Candidate, CandidateIndex, Query, Scored
from .targets import group_same_targets, same_target_entries


@dataclass
class MatchSummary:
    linked: int = 0
    pending: int = 0
    removed: int = 0

    def __str__(self) -> str:
        return f"{self.linked} linked automatically, {self.pending} waiting for review, {self.removed} removed"


def match_people_and_organizations(
    person_ids: Iterable[int] = (),
    organization_ids: Iterable[int] = (),
    *,
    vessel_ids: Iterable[int] = (),
    entry_ids: Iterable[int] | None = None,
) -> MatchSummary:
    """Match these people, organisations and vessels against active list entries (all, or only ``entry_ids``).

    Extraction calls this (through the ``match_sanctions_for_actors`` task) for the people and
    organisations it creates. Scores at or above SANCTIONS_AUTO_LINK_THRESHOLD link automatically,
    those at or above SANCTIONS_REVIEW_THRESHOLD wait for a reviewer. A reviewer's decision is never
    overwritten; unreviewed matches that no longer reach the review threshold are removed.
    """
    people = Person.objects.filter(pk__in=list(person_ids))
    organizations = _matchable_organizations().filter(pk__in=list(organization_ids))
    return _match(people, organizations, Vessel.objects.filter(pk__in=list(vessel_ids)), entry_ids)


def match_everyone_against_sanctions(entry_ids: Iterable[int] | None = None) -> MatchSummary:
    """Match every person and organisation (after a list load, or from ``manage.py match_sanctions``),
    first grouping the (changed) entries with the same target's entries on other lists."""
    entry_ids = None if entry_ids is None else list(entry_ids)
    group_same_targets(entry_ids)
    return _match(Person.objects.all(), _matchable_organizations(), Vessel.objects.all(), entry_ids)


def _matchable_organizations() -> QuerySet[Organization]:
    return Organization.objects.filter(code__isnull=True)  # the EU and the UN themselves are never listed


def _match(
    people: QuerySet[Person],
    organizations: QuerySet[Organization],
    vessels: QuerySet[Vessel],
    entry_ids: Iterable[int] | None,
) -> MatchSummary:
    review_threshold = settings.SANCTIONS_REVIEW_THRESHOLD
    auto_threshold = settings.SANCTIONS_AUTO_LINK_THRESHOLD
    entries = SanctionsEntry.objects.filter(
        delisted_on__isnull=True,
        entity_type__in=[
            SanctionsEntry.EntityType.PERSON,
            SanctionsEntry.EntityType.ORGANIZATION,
            SanctionsEntry.EntityType.VESSEL,
        ],
    )
    if entry_ids is not None:
        # The same target's entries on other lists are decided together with the changed ones.
        entry_ids = set(entry_ids)
        entry_ids |= {other for others in same_target_entries(entry_ids).values() for other in others}
        entries = entries.filter(pk__in=entry_ids)
    target_of = dict(entries.exclude(target_key="").values_list("pk", "target_key"))
    members: defaultdict[str, list[int]] = defaultdict(list)
    for entry_id, key in target_of.items():
        members[key].append(entry_id)
    index = CandidateIndex(_candidates(entries))
    summary = MatchSummary()
    actors = [("person", person, _person_query(person)) for person in people.prefetch_related("positions")] + [
        ("organization", organization, _organization_query(organization)) for organization in organizations
    ]
    actors += [("vessel", vessel, _vessel_query(vessel)) for vessel in vessels]
    existing: defaultdict[tuple[str, int], list[SanctionsMatch]] = defaultdict(list)
    for match in SanctionsMatch.objects.filter(
        Q(person__in=people) | Q(organization__in=organizations) | Q(vessel__in=vessels), entry__in=entries
    ):
        field_name = "person" if match.person_id else "organization" if match.organization_id else "vessel"
        existing[(field_name, getattr(match, f"{field_name}_id"))].append(match)
    with transaction.atomic():
        for field_name, actor, query in actors:
            found = _one_decision_per_target(
                {scored.candidate.entry_id: scored for scored in index.search(query, review_threshold)},
                target_of,
                members,
            )
            for match in existing[(field_name, actor.pk)]:
                scored = found.pop(match.entry_id, None)
                if scored is None:
                    if match.state not in SanctionsMatch.REVIEWED_STATES:
                        match.delete()
                        summary.removed += 1
                    continue
                state = match.state
                if state not in SanctionsMatch.REVIEWED_STATES:
                    state = _machine_state(scored, auto_threshold)
                if (match.score, match.features, match.state) != (scored.score, scored.features, state):
                    match.score, match.features, match.state = scored.score, scored.features, state
                    match.save(update_fields=["score", "features", "state", "updated_at"])
                _count(summary, match.state)
            for entry_id, scored in found.items():
                match = SanctionsMatch.objects.create(
                    **{field_name: actor},
                    entry_id=entry_id,
                    score=scored.score,
                    features=scored.features,
                    state=_machine_state(scored, auto_threshold),
                )
                _count(summary, match.state)
    return summary


def _one_decision_per_target(
    found: dict[int, Scored], target_of: dict[int, str], members: dict[str, list[int]]
) -> dict[int, Scored]:
    """The best-scoring entry of each target found stands for all its entries (``members``): the others
    take its score and features (marked ``same_target_as``), so they are linked or reviewed together."""
    result = dict(found)
    for key in {target_of[entry_id] for entry_id in found if entry_id in target_of}:
        best = max((found[e] for e in members[key] if e in found), key=lambda s: (s.score, s.may_link_automatically))
        for entry_id in members[key]:
            if entry_id != best.candidate.entry_id:
                features = {**best.features, "same_target_as": best.candidate.entry_id}
                result[entry_id] = Scored(replace(best.candidate, entry_id=entry_id), best.score, features)
    return result


def _machine_state(scored: Scored, auto_threshold: float) -> str:
    if scored.score >= auto_threshold and scored.may_link_automatically:
        return SanctionsMatch.State.AUTO_LINKED
    return SanctionsMatch.State.PENDING


def _count(summary: MatchSummary, state: str) -> None:
    if state == SanctionsMatch.State.AUTO_LINKED:
        summary.linked += 1
    elif state == SanctionsMatch.State.PENDING:
        summary.pending += 1


def _candidates(entries: QuerySet[SanctionsEntry]) -> Iterator[Candidate]:
    countries = entry_countries(entries)
    for entry in entries.only("pk", "entity_type", "name", "aliases", "weak_aliases", "birth_dates", "same_as"):
        yield Candidate.build(
            entry.pk,
            entry.entity_type,
            names=[entry.name, *entry.aliases],
            weak_names=entry.weak_aliases,
            countries=countries.get(entry.pk, ()),
            birth_dates=entry.birth_dates,
            identifiers=entry.same_as,
        )


def _person_query(person: Person) -> Query:
    countries = {position.country_id for position in person.positions.all() if position.country_id}
    if person.nationality_id:
        countries.add(person.nationality_id)
    return Query(
        entity_type=SanctionsEntry.EntityType.PERSON,
        names=(person.name, *person.aliases),
        countries=frozenset(countries),
        birth_year=person.birth_year,
    )


def _vessel_query(vessel: Vessel) -> Query:
    return Query(
        entity_type=SanctionsEntry.EntityType.VESSEL,
        names=(vessel.name, *vessel.aliases),
        countries=frozenset(filter(None, [vessel.flag_id])),
        identifiers=frozenset([f"imo:{vessel.imo}"] if vessel.imo else []),
    )


def _organization_query(organization: Organization) -> Query:
    return Query(
        entity_type=SanctionsEntry.EntityType.ORGANIZATION,
        names=(organization.name, *organization.aliases),
        countries=frozenset(filter(None, [organization.country_id])),
    )


def review_sanctions_match(match: SanctionsMatch, *, user: AbstractBaseUser, confirmed: bool) -> SanctionsMatch:
    """Record a reviewer confirming or rejecting a match, and the same actor's matches to the same
    target's entries on other lists; kept across later re-matching."""
    state = SanctionsMatch.State.CONFIRMED if confirmed else SanctionsMatch.State.REJECTED
    reviewed_at = timezone.now()
    matches = [match]
    if match.entry.target_key:
        matches += SanctionsMatch.objects.filter(
            person_id=match.person_id,
            organization_id=match.organization_id,
            vessel_id=match.vessel_id,
            entry__target_key=match.entry.target_key,
        ).exclude(pk=match.pk)
    with transaction.atomic():
        for each in matches:
            each.state, each.reviewed_by, each.reviewed_at = state, user, reviewed_at
            each.save(update_fields=["state", "reviewed_by", "reviewed_at", "updated_at"])
    return match
