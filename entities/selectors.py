"""Reads from the entities tables."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from vocabulary.countries import normalise_name

from .models import Country, CountryAlias, SanctionsEntry, SanctionsMatch


def resolve_country(text: str) -> Country | None:
    """The country a user or source means by a name, code, demonym, alias or seat of power.

    "DPRK", "North Korean", "Pyongyang", "KP" and "PRK" all give North Korea;
    unknown text gives None. Codes count only when written in capitals.
    """
    if not isinstance(text, str):
        return None
    text = text.replace("\x00", "")  # PostgreSQL refuses NUL in parameters
    if not text.strip():
        return None
    alias = CountryAlias.objects.select_related("country").filter(key=normalise_name(text)).first()
    if alias is not None:
        return alias.country
    code = re.sub(r"[.\s]", "", text.strip())
    if code.isupper() and len(code) in (2, 3):
        return Country.objects.filter(iso3=code).first() or Country.objects.filter(iso2=code).first()
    return None


# --- Sanctions ---------------------------------------------------------------------------------------
# An actor is sanctioned while one of its matches is auto-linked or confirmed and the entry is active.


def sanctioning_matches() -> QuerySet[SanctionsMatch]:
    """Matches that make their person or organisation count as sanctioned."""
    return SanctionsMatch.objects.filter(state__in=SanctionsMatch.LINKED_STATES, entry__delisted_on__isnull=True)


def _sanctions_by_actor(field_name: str, ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    matches = (
        sanctioning_matches()
        .filter(**{f"{field_name}_id__in": list(ids)})
        .select_related("entry")
        .order_by("entry__list_name", "entry__external_id")
    )
    for match in matches:
        entry = match.entry
        found.setdefault(getattr(match, f"{field_name}_id"), []).append(
            {
                "list": entry.list_name,
                "programmes": list(entry.programmes),
                "external_id": entry.external_id,
                "name": entry.name,
                "link": entry.link,
            }
        )
    return found


def sanctions_for_people(person_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """{person id: [{list, programmes, external_id, name, link}, …]} for the sanctioned ones among them."""
    return _sanctions_by_actor("person", person_ids)


def sanctions_for_organizations(organization_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Same shape as :func:`sanctions_for_people`, for organisations."""
    return _sanctions_by_actor("organization", organization_ids)


def sanctions_list_names(entries: list[dict[str, Any]]) -> list[str]:
    """The distinct list names of entries from the sanctions_for_* selectors, sorted."""
    return sorted({entry["list"] for entry in entries})


def sanctions_for_participants(participants: Iterable[Any]) -> dict[int, list[dict[str, Any]]]:
    """{participant id: [{list, programmes, external_id, name, link}, …]} for the sanctioned person,
    organisation or vessel participants among them (events.Participant rows; countries never are).

    Three queries at most whatever the number of participants: for badges on event pages, admin and API.
    """
    participants = list(participants)
    people = sanctions_for_people({p.person_id for p in participants if p.person_id})
    organizations = sanctions_for_organizations({p.organization_id for p in participants if p.organization_id})
    vessel_ids = {p.vessel_id for p in participants if p.vessel_id}
    vessels = _sanctions_by_actor("vessel", vessel_ids) if vessel_ids else {}
    found = {}
    for participant in participants:
        sanctions = (
            people.get(participant.person_id)
            or organizations.get(participant.organization_id)
            or vessels.get(participant.vessel_id)
        )
        if sanctions:
            found[participant.pk] = sanctions
    return found


def same_target_entries(entry: SanctionsEntry) -> list[SanctionsEntry]:
    """The entry and the same target's entries on other lists, by list name (just the entry when alone)."""
    if not entry.target_key:
        return [entry]
    return list(SanctionsEntry.objects.filter(target_key=entry.target_key).order_by("list_name", "external_id"))
