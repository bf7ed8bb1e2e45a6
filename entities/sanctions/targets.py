"""One real target across lists: entries of the UN, OFAC and OpenSanctions lists that name the same
person or organisation share a ``target_key``, so reviewers see them once and a link to one entry
is a link to all.

Two entries are one target when they share a cross-list identifier (``same_as``: OFAC's uid, which
its SDN and non-SDN lists share and OpenSanctions cites; a UN DATAID), or when, on different lists,
their names match at the automatic-link threshold with an agreeing birth year (people) or with
near-identical names and no conflicting country (organisations, which lists rarely date).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.conf import settings
from django.db import transaction

from ..models import SanctionsEntry
from .listed_names import with_joint_listings
from .loading import entry_countries
from .matching import PERSON, Candidate, CandidateIndex, Query, Scored, birth_year_range

# Organisations carry no birth date to confirm a name match; only a near-identical name will do.
ORGANIZATION_SAME_TARGET_SCORE = 0.97
MATCHED_TYPES = (
    SanctionsEntry.EntityType.PERSON,
    SanctionsEntry.EntityType.ORGANIZATION,
    SanctionsEntry.EntityType.VESSEL,
)


Key = TypeVar("Key", int, str)  # entry ids; the bench's "file:external id"


class _Components:
    """Union-find over entry ids."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, item: Key) -> Key:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: Key, b: Key) -> None:
        self.parent[self.find(a)] = self.find(b)


def group_same_targets(entry_ids: Iterable[int] | None = None) -> int:
    """Recompute ``target_key`` of active entries, comparing names of ``entry_ids`` (all when None)
    with the other lists' entries; returns how many entries changed key."""
    active = SanctionsEntry.objects.filter(delisted_on__isnull=True, entity_type__in=MATCHED_TYPES)
    rows = list(active.values_list("pk", "list_name", "external_id", "same_as", "target_key"))
    root_of = same_target_components(
        {pk: list_name for pk, list_name, *_ in rows},
        {pk: same_as for pk, _, _, same_as, _ in rows},
        _name_pairs(active, None if entry_ids is None else set(entry_ids)),
    )

    members: dict[int, list[tuple[str, int]]] = {}
    for pk, list_name, external_id, _, _ in rows:
        members.setdefault(root_of[pk], []).append((f"{list_name}:{external_id}", pk))
    wanted = {}
    for group in members.values():
        key = min(group)[0] if len(group) > 1 else ""
        wanted.update({pk: key for _, pk in group})
    changed = [SanctionsEntry(pk=pk, target_key=wanted[pk]) for pk, *_, key in rows if key != wanted[pk]]
    with transaction.atomic():
        SanctionsEntry.objects.bulk_update(changed, ["target_key"], batch_size=1000)
    return len(changed)


def same_target_components(
    list_of: dict[Key, str], identifiers: dict[Key, list[str]], name_pairs: Iterable[tuple[float, Key, Key]]
) -> dict[Key, Key]:
    """{entry id: one id per target}: entries sharing an identifier, then entries paired by name
    (score, entry, other list's entry), best names first. A list names a target once, so a name pair
    that would put two entries of one list into one target (a chain of near-misses) is refused."""
    components = _Components()
    by_identifier: dict[str, int] = {}
    for pk in list_of:
        components.find(pk)
        for identifier in identifiers.get(pk, ()):
            components.join(pk, by_identifier.setdefault(identifier, pk))
    lists_in: dict[int, set[str]] = {}
    for pk, list_name in list_of.items():
        lists_in.setdefault(components.find(pk), set()).add(list_name)
    for _, a, b in sorted(name_pairs, reverse=True):
        root_a, root_b = components.find(a), components.find(b)
        if root_a != root_b and not lists_in[root_a] & lists_in[root_b]:
            components.join(a, b)
            lists_in[components.find(a)] = lists_in[root_a] | lists_in[root_b]
    return {pk: components.find(pk) for pk in list_of}


def _name_pairs(active, compared_ids: set[int] | None) -> Iterable[tuple[float, int, int]]:
    countries = entry_countries(active)
    entries = list(active.only("pk", "list_name", "entity_type", "name", "aliases", "birth_dates"))
    list_of = {entry.pk: entry.list_name for entry in entries}
    index = CandidateIndex(
        Candidate.build(e.pk, e.entity_type, [e.name, *e.aliases], (), countries.get(e.pk, ()), e.birth_dates)
        for e in entries
    )
    for entry in entries:
        if compared_ids is not None and entry.pk not in compared_ids:
            continue
        query = Query(
            entry.entity_type,
            with_joint_listings((entry.name, *entry.aliases)),
            frozenset(countries.get(entry.pk, ())),
            exact_birth_year(entry.birth_dates),
        )
        for scored in index.search(query, settings.SANCTIONS_AUTO_LINK_THRESHOLD):
            other = scored.candidate.entry_id
            if list_of[other] != entry.list_name and is_same_target(entry.entity_type, scored):
                yield scored.score, entry.pk, other


def exact_birth_year(birth_dates: list[str]) -> int | None:
    """The birth year when the list gives exactly one (not a range, not alternatives)."""
    years = {birth_year_range(d) for d in birth_dates} - {None}
    if len(years) == 1 and (only := years.pop())[0] == only[1]:
        return only[0]
    return None


def is_same_target(entity_type: str, scored: Scored) -> bool:
    if not scored.may_link_automatically or entity_type == SanctionsEntry.EntityType.VESSEL:
        return False  # ships share names freely: only an IMO number (``same_as``) makes two entries one
    if entity_type == PERSON:
        return scored.features.get("birth_year") == "agrees"
    return scored.score >= ORGANIZATION_SAME_TARGET_SCORE and scored.features.get("country") != "conflicts"


def same_target_entries(entry_ids: Iterable[int]) -> dict[int, list[int]]:
    """{entry id: the other active entries of its target} for these entries (none: no key)."""
    keys = dict(
        SanctionsEntry.objects.filter(pk__in=list(entry_ids)).exclude(target_key="").values_list("pk", "target_key")
    )
    by_key: dict[str, list[int]] = {}
    for pk, key in SanctionsEntry.objects.filter(
        target_key__in=set(keys.values()), delisted_on__isnull=True
    ).values_list("pk", "target_key"):
        by_key.setdefault(key, []).append(pk)
    return {pk: [other for other in by_key.get(key, []) if other != pk] for pk, key in keys.items()}
