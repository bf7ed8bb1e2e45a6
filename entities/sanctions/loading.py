"""Loading a sanctions list file into entries: added, updated and delisted, in one transaction."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from tqdm import tqdm

from ..models import Country, SanctionsEntry
from . import PARSERS, ListRecord, SanctionsFileError, SkippedRecord

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
    "same_as",
    "raw",
)


# Delisting this many entries at once is routine whatever the list's size (a small list's update).
ROUTINE_DELISTINGS = 5


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
    allow_mass_delisting: bool = False,
) -> LoadSummary:
    """Load one list file: entries added or updated by (list, external id), missing ones delisted.

    The list is the one the file says it is (``parser.list_name``: OFAC's SDN and non-SDN files are
    two lists) unless ``list_name`` is given. One transaction per file: a malformed file raises
    SanctionsFileError (naming the line or element and the reason) and nothing of it is written; so
    does a file that would delist more than SANCTIONS_MAX_DELISTED_SHARE of the list's active entries,
    unless ``allow_mass_delisting``. ``progress_file`` (a stream) shows a tqdm progress bar. After
    commit, people and organisations are matched against the changed entries by a Celery task.
    """
    if file_format not in PARSERS:
        raise ValueError(f"unknown list format {file_format!r}; expected one of {', '.join(PARSERS)}")
    parser = PARSERS[file_format](path)
    # Read the whole file first: which list it is shows only once its entries are seen.
    items = list(
        tqdm(parser, file=progress_file, disable=progress_file is None, unit=" records", desc=list_name or str(path))
    )
    summary = LoadSummary(list_name=list_name or parser.list_name)
    with transaction.atomic():
        on_list = SanctionsEntry.objects.filter(list_name=summary.list_name)
        existing = {entry.external_id: entry for entry in on_list}
        existing_countries = entry_countries(on_list)
        new_entries: list[tuple[SanctionsEntry, list[str]]] = []
        seen: set[str] = set()
        for record in items:
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
        gone = [
            entry.pk for external_id, entry in existing.items() if external_id not in seen and entry.delisted_on is None
        ]
        _refuse_mass_delisting(path, summary.list_name, existing, seen, gone, allow_mass_delisting)
        _create_entries(new_entries, summary)
        if gone:
            delisted_on = parser.published or timezone.localdate()
            summary.delisted = SanctionsEntry.objects.filter(pk__in=gone).update(delisted_on=delisted_on)
        if match_afterwards and summary.changed_entry_ids:
            from ..tasks import match_sanctions_entries  # tasks import this module

            ids = list(summary.changed_entry_ids)
            transaction.on_commit(lambda: match_sanctions_entries.delay(ids))
    return summary


def _refuse_mass_delisting(
    path: str | Path,
    list_name: str,
    existing: dict[str, SanctionsEntry],
    seen: set[str],
    gone: list[int],
    allowed: bool,
) -> None:
    """A failed download, a truncated file or another list's file must not delist a list wholesale."""
    if not seen and existing:
        raise SanctionsFileError(
            path, "file", f"no list entries in it; refusing to delist all {len(existing)} of {list_name}"
        )
    active = sum(1 for entry in existing.values() if entry.delisted_on is None)
    share = settings.SANCTIONS_MAX_DELISTED_SHARE
    if not allowed and len(gone) > max(share * active, ROUTINE_DELISTINGS):
        raise SanctionsFileError(
            path,
            "file",
            f"it would delist {len(gone)} of the {active} active entries of {list_name!r} (more than "
            f"{share:.0%}); is it another list's file? Give --list, or --allow-mass-delisting if this is right",
        )


def entry_countries(entries: QuerySet[SanctionsEntry]) -> dict[int, set[str]]:
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
