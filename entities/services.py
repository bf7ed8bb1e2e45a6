"""Writes to the entities tables."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from tqdm import tqdm

from vocabulary.countries import country_records, normalise_name
from vocabulary.events import INTERGOVERNMENTAL_ORGANIZATIONS

from .models import Country, CountryAlias, Organization, Person, Position, SanctionsEntry, SanctionsMatch
from .sanctions import PARSERS, ListRecord, SanctionsFileError, SkippedRecord
from .sanctions.matching import Candidate, CandidateIndex, Query, Scored
from .selectors import resolve_country


@transaction.atomic
def sync_countries() -> int:
    """Create or update every country and its curated aliases; returns the country count.

    Aliases added by hand in the admin (curated=False) are kept.
    """
    records = country_records()
    existing = {c.iso3: c for c in Country.objects.all()}
    for record in records:
        fields = {
            "iso2": record.iso2,
            "name": record.name,
            "official_name": record.official_name,
            "historic": record.historic,
        }
        country = existing.get(record.iso3)
        if country is None:
            Country.objects.create(iso3=record.iso3, **fields)
        elif any(getattr(country, k) != v for k, v in fields.items()):
            Country.objects.filter(iso3=record.iso3).update(**fields)

    wanted: dict[str, CountryAlias] = {}
    for record in records:
        for kind, names in (
            (CountryAlias.Kind.NAME, (record.name, record.official_name, *record.aliases)),
            (CountryAlias.Kind.DEMONYM, record.demonyms),
            (CountryAlias.Kind.SEAT, record.seats),
        ):
            for name in names:
                key = normalise_name(name)
                if key and key not in wanted:
                    wanted[key] = CountryAlias(country_id=record.iso3, name=name, key=key, kind=kind)
    CountryAlias.objects.filter(curated=True).exclude(key__in=wanted).delete()
    CountryAlias.objects.bulk_create(
        wanted.values(),
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["country", "name", "kind", "curated"],
    )
    return len(records)


def sync_intergovernmental_organizations() -> None:
    for code, (name, aliases) in INTERGOVERNMENTAL_ORGANIZATIONS.items():
        Organization.objects.update_or_create(
            code=code,
            defaults={"name": name, "kind": Organization.Kind.INTERGOVERNMENTAL, "aliases": aliases},
        )


def sync_reference_data_after_migrate(using: str = "default", **kwargs: Any) -> None:
    """post_migrate receiver: countries and EU/UN exist after every migrate."""
    sync_countries()
    sync_intergovernmental_organizations()


# --- Resolving extraction output to entities (used by events.services.store_extraction_result) ---


def actor_for_code(code: str) -> Country | Organization | None:
    """The country (ISO3 code or any alias) or organisation (code such as "EU"/"UN", or name) a role names."""
    if len(code) == 3 and code.isupper():  # the usual case: an ISO3 code from extraction, one query
        country = Country.objects.filter(iso3=code).first()
        if country is not None:
            return country
    organization = Organization.objects.filter(code=code).first()
    if organization is not None:
        return organization
    country = resolve_country(code)
    if country is not None:
        return country
    return Organization.objects.filter(name__iexact=code).first()


def actors_for_codes(codes: Iterable[str]) -> dict[str, Country | Organization | None]:
    """actor_for_code for many codes: ISO3 and organisation codes (the usual case) in two queries."""
    wanted = set(codes)
    actors: dict[str, Country | Organization | None] = {
        country.iso3: country
        for country in Country.objects.filter(iso3__in=[c for c in wanted if len(c) == 3 and c.isupper()])
    }
    actors.update((o.code, o) for o in Organization.objects.filter(code__in=wanted - actors.keys()))
    for code in wanted - actors.keys():  # names rather than codes: rare
        actors[code] = actor_for_code(code)
    return actors


def people_named(names: Iterable[str]) -> dict[str, Person]:
    """The person each name (or alias) denotes, by the name's casefold; names nobody has are left out.

    A name beats an alias, and the earliest person wins. Two queries whatever the number of names.
    """
    keys = {name.casefold(): name for name in names}
    found: dict[str, Person] = {}
    # Lower(name) is what person_name_lower_idx indexes; casefold decides.
    for person in (
        Person.objects.annotate(lower_name=Lower("name"))
        .filter(lower_name__in={name.lower() for name in keys.values()})
        .order_by("pk")
    ):
        found.setdefault(person.name.casefold(), person)
    missing = {key: name for key, name in keys.items() if key not in found}
    if missing:
        # Aliases are a short JSON list per person; a text match narrows, the exact check decides.
        containing = Q()
        for name in missing.values():
            containing |= Q(aliases__icontains=name)
        for person in Person.objects.filter(containing).order_by("pk"):
            for alias in person.aliases:
                if isinstance(alias, str) and alias.casefold() in missing:
                    found.setdefault(alias.casefold(), person)
    return {key: found[key] for key in keys if key in found}


@dataclass(frozen=True)
class OfficialMention:
    """An official as extraction names them: name, the country they serve, their title."""

    name: str
    country: Country | None = None
    title: str | None = None


def get_or_create_officials(mentions: Sequence[OfficialMention]) -> list[Person]:
    """The person each mention names (matched by name or alias, else created), with the Position its title gives.

    Reads in a fixed number of queries however many mentions; writes only what is new. New people
    are matched against the sanctions lists once the transaction commits (a Celery task).
    Callers serialise concurrent calls (store_extraction_results holds a lock), since
    names are not unique: two people may share one.
    """
    people = people_named(m.name for m in mentions)
    result, created = [], []
    for mention in mentions:
        key = mention.name.casefold()
        person = people.get(key)
        if person is None:
            person = people[key] = Person.objects.create(name=mention.name, nationality=mention.country)
            created.append(person.pk)
        elif person.nationality_id is None and mention.country is not None:
            person.nationality = mention.country
            person.save(update_fields=["nationality"])
        result.append(person)
    held = {
        (person_id, title.casefold(), country_id)
        for person_id, title, country_id in Position.objects.filter(person__in=set(result)).values_list(
            "person_id", "title", "country_id"
        )
    }
    positions = []
    for mention, person in zip(mentions, result, strict=True):
        title = (mention.title or "").strip()[:300]
        key = (person.pk, title.casefold(), mention.country.pk if mention.country else None)
        if title and key not in held:
            held.add(key)
            positions.append(Position(person=person, title=title, country=mention.country))
    Position.objects.bulk_create(positions)
    if created:  # known people were matched when they were created or when a list was loaded
        from .tasks import match_sanctions_for_actors  # tasks import this module

        transaction.on_commit(lambda: match_sanctions_for_actors.delay(created, []))
    return result


def get_or_create_official(name: str, *, country: Country | None = None, title: str | None = None) -> Person:
    """The person an extracted official names, with the Position their title gives (see get_or_create_officials)."""
    [person] = get_or_create_officials([OfficialMention(name, country, title)])
    return person


# --- Sanctions lists: loading --------------------------------------------------------------------

# The fields a reload compares and overwrites (countries are compared separately).
ENTRY_FIELDS = (
    "entity_type",
    "name",
    "aliases",
    "weak_aliases",
    "programmes",
    "birth_dates",
    "listed_on",
    "link",
    "raw",
)


@dataclass
class LoadSummary:
    """What one load did to one list; ``changed_entry_ids`` are the entries to match again."""

    list_name: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    delisted: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    changed_entry_ids: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [
            f"{self.list_name}: {self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.delisted} delisted, {sum(self.skipped.values())} skipped"
        ]
        lines += [f"  skipped {count}: {reason}" for reason, count in self.skipped.most_common()]
        return "\n".join(lines)


def load_sanctions_list(
    path: str | Path,
    file_format: str,
    list_name: str | None = None,
    *,
    progress_file: Any = None,
    match_afterwards: bool = True,
) -> LoadSummary:
    """Load one list file: entries added or updated by (list, external id), missing ones delisted.

    One transaction per file: a malformed file raises SanctionsFileError (naming the line or
    element and the reason) and nothing of it is written. ``progress_file`` (a stream) shows a
    tqdm progress bar. After commit, people and organisations are matched against the changed
    entries by a Celery task.
    """
    if file_format not in PARSERS:
        raise ValueError(f"unknown list format {file_format!r}; expected one of {', '.join(PARSERS)}")
    parser = PARSERS[file_format](path)
    summary = LoadSummary(list_name=list_name or parser.default_list_name)
    with transaction.atomic():
        on_list = SanctionsEntry.objects.filter(list_name=summary.list_name)
        existing = {entry.external_id: entry for entry in on_list}
        existing_countries = _entry_countries(on_list)
        new_entries: list[tuple[SanctionsEntry, list[str]]] = []
        seen: set[str] = set()
        records = tqdm(
            parser, file=progress_file, disable=progress_file is None, unit=" records", desc=summary.list_name
        )
        for record in records:
            if isinstance(record, SkippedRecord):
                summary.skipped[record.reason] += 1
            elif record.external_id in seen:
                summary.skipped["external id repeated in the file (first kept)"] += 1
            else:
                seen.add(record.external_id)
                entry = existing.get(record.external_id)
                if entry is None:
                    new_entries.append((_new_entry(summary.list_name, record), record.countries))
                elif _update_entry(entry, record, existing_countries.get(entry.pk, set())):
                    summary.updated += 1
                    summary.changed_entry_ids.append(entry.pk)
                else:
                    summary.unchanged += 1
        if not seen and existing:
            # A failed download (an empty sdn.csv) must not delist a whole list.
            raise SanctionsFileError(
                path, "file", f"no list entries in it; refusing to delist all {len(existing)} of {summary.list_name}"
            )
        _create_entries(new_entries, summary)
        gone = [
            entry.pk for external_id, entry in existing.items() if external_id not in seen and entry.delisted_on is None
        ]
        if gone:
            delisted_on = parser.published or timezone.localdate()
            summary.delisted = SanctionsEntry.objects.filter(pk__in=gone).update(delisted_on=delisted_on)
        if match_afterwards and summary.changed_entry_ids:
            from .tasks import match_sanctions_entries  # tasks import this module

            ids = list(summary.changed_entry_ids)
            transaction.on_commit(lambda: match_sanctions_entries.delay(ids))
    return summary


def _entry_countries(entries: QuerySet[SanctionsEntry]) -> dict[int, set[str]]:
    """{entry id: ISO3 codes} in one query (the entries as a subquery)."""
    through = SanctionsEntry.countries.through
    found: defaultdict[int, set[str]] = defaultdict(set)
    for entry_id, country_id in through.objects.filter(sanctionsentry__in=entries.values("pk")).values_list(
        "sanctionsentry_id", "country_id"
    ):
        found[entry_id].add(country_id)
    return found


def _new_entry(list_name: str, record: ListRecord) -> SanctionsEntry:
    return SanctionsEntry(
        list_name=list_name,
        external_id=record.external_id,
        **{name: getattr(record, name) for name in ENTRY_FIELDS},
    )


def _update_entry(entry: SanctionsEntry, record: ListRecord, countries: set[str]) -> bool:
    """Bring an entry in line with the newer record, listing it again if delisted; False if nothing changed."""
    changes = {name: getattr(record, name) for name in ENTRY_FIELDS if getattr(entry, name) != getattr(record, name)}
    if entry.delisted_on is not None:
        changes["delisted_on"] = None
    if changes:
        for name, value in changes.items():
            setattr(entry, name, value)
        entry.save(update_fields=[*changes, "updated_at"])
    if set(record.countries) != countries:
        entry.countries.set(_known_countries(record.countries))
        return True
    return bool(changes)


def _known_countries(codes: Iterable[str]) -> list[str]:
    return list(Country.objects.filter(iso3__in=list(codes)).values_list("iso3", flat=True))


def _create_entries(new_entries: list[tuple[SanctionsEntry, list[str]]], summary: LoadSummary) -> None:
    created = SanctionsEntry.objects.bulk_create([entry for entry, _ in new_entries], batch_size=1000)
    known = set(_known_countries({code for _, codes in new_entries for code in codes}))
    through = SanctionsEntry.countries.through
    through.objects.bulk_create(
        [
            through(sanctionsentry_id=entry.pk, country_id=code)
            for entry, (_, codes) in zip(created, new_entries, strict=True)
            for code in codes
            if code in known
        ],
        batch_size=1000,
    )
    summary.added = len(created)
    summary.changed_entry_ids += [entry.pk for entry in created]


# --- Sanctions lists: matching people and organisations to entries --------------------------------


@dataclass
class MatchSummary:
    linked: int = 0
    pending: int = 0
    removed: int = 0

    def __str__(self) -> str:
        return f"{self.linked} linked automatically, {self.pending} waiting for review, {self.removed} removed"


def match_people_and_organizations(
    person_ids: Iterable[int] = (), organization_ids: Iterable[int] = (), *, entry_ids: Iterable[int] | None = None
) -> MatchSummary:
    """Match these people and organisations against active list entries (all, or only ``entry_ids``).

    Extraction calls this (through the ``match_sanctions_for_actors`` task) for the people and
    organisations it creates. Scores at or above SANCTIONS_AUTO_LINK_THRESHOLD link automatically,
    those at or above SANCTIONS_REVIEW_THRESHOLD wait for a reviewer. A reviewer's decision is never
    overwritten; unreviewed matches that no longer reach the review threshold are removed.
    """
    people = Person.objects.filter(pk__in=list(person_ids))
    organizations = _matchable_organizations().filter(pk__in=list(organization_ids))
    return _match(people, organizations, entry_ids)


def match_everyone_against_sanctions(entry_ids: Iterable[int] | None = None) -> MatchSummary:
    """Match every person and organisation (after a list load, or from ``manage.py match_sanctions``)."""
    return _match(Person.objects.all(), _matchable_organizations(), entry_ids)


def _matchable_organizations() -> QuerySet[Organization]:
    return Organization.objects.filter(code__isnull=True)  # the EU and the UN themselves are never listed


def _match(
    people: QuerySet[Person], organizations: QuerySet[Organization], entry_ids: Iterable[int] | None
) -> MatchSummary:
    review_threshold = settings.SANCTIONS_REVIEW_THRESHOLD
    auto_threshold = settings.SANCTIONS_AUTO_LINK_THRESHOLD
    entries = SanctionsEntry.objects.filter(
        delisted_on__isnull=True,
        entity_type__in=[SanctionsEntry.EntityType.PERSON, SanctionsEntry.EntityType.ORGANIZATION],
    )
    if entry_ids is not None:
        entries = entries.filter(pk__in=list(entry_ids))
    index = CandidateIndex(_candidates(entries))
    summary = MatchSummary()
    actors = [("person", person, _person_query(person)) for person in people.prefetch_related("positions")] + [
        ("organization", organization, _organization_query(organization)) for organization in organizations
    ]
    existing: defaultdict[tuple[str, int], list[SanctionsMatch]] = defaultdict(list)
    for match in SanctionsMatch.objects.filter(
        Q(person__in=people) | Q(organization__in=organizations), entry__in=entries
    ):
        existing[("person", match.person_id) if match.person_id else ("organization", match.organization_id)].append(
            match
        )
    with transaction.atomic():
        for field_name, actor, query in actors:
            found = {scored.candidate.entry_id: scored for scored in index.search(query, review_threshold)}
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
    countries = _entry_countries(entries)
    for entry in entries.only("pk", "entity_type", "name", "aliases", "weak_aliases", "birth_dates"):
        yield Candidate.build(
            entry.pk,
            entry.entity_type,
            names=[entry.name, *entry.aliases],
            weak_names=entry.weak_aliases,
            countries=countries.get(entry.pk, ()),
            birth_dates=entry.birth_dates,
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


def _organization_query(organization: Organization) -> Query:
    return Query(
        entity_type=SanctionsEntry.EntityType.ORGANIZATION,
        names=(organization.name, *organization.aliases),
        countries=frozenset(filter(None, [organization.country_id])),
    )


# --- Sanctions lists: reviewers' decisions ---------------------------------------------------------


def review_sanctions_match(match: SanctionsMatch, *, user: AbstractBaseUser, confirmed: bool) -> SanctionsMatch:
    """Record a reviewer confirming or rejecting a match; kept across later re-matching."""
    match.state = SanctionsMatch.State.CONFIRMED if confirmed else SanctionsMatch.State.REJECTED
    match.reviewed_by = user
    match.reviewed_at = timezone.now()
    match.save(update_fields=["state", "reviewed_by", "reviewed_at", "updated_at"])
    return match
