"""Reads from the entities tables."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from vocabulary.countries import normalise_name

from .models import Country, CountryAlias, Organization, Person, SanctionsMatch


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


def sanctioned_person_ids() -> set[int]:
    return set(sanctioning_matches().filter(person__isnull=False).values_list("person_id", flat=True))


def sanctioned_organization_ids() -> set[int]:
    return set(sanctioning_matches().filter(organization__isnull=False).values_list("organization_id", flat=True))


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


def sanctioned_participant_q(prefix: str = "") -> Q:
    """Q over Participant (or a relation to it via ``prefix``, e.g. "participants__") for sanctioned actors."""
    return Q(**{f"{prefix}person__in": sanctioning_matches().values("person_id")}) | Q(
        **{f"{prefix}organization__in": sanctioning_matches().values("organization_id")}
    )


def _has_sanctioned_participant() -> Exists:
    from events.models import Participant  # events depends on entities, not the other way round

    return Exists(Participant.objects.filter(sanctioned_participant_q(), event=OuterRef("pk")))


def events_with_sanctioned_participants(queryset: QuerySet) -> QuerySet:
    """The events of ``queryset`` with at least one sanctioned person or organisation among their participants."""
    return queryset.filter(_has_sanctioned_participant())


def events_without_sanctioned_participants(queryset: QuerySet) -> QuerySet:
    return queryset.filter(~_has_sanctioned_participant())


def sanctioned_actors_of_country(country: Country | str) -> dict[str, QuerySet]:
    """Country profile: sanctioned people (by nationality) and organisations of a country that appear in events.

    Returns {"people": Person queryset, "organizations": Organization queryset}, names ordered.
    """
    iso3 = country.pk if isinstance(country, Country) else country
    return {
        "people": Person.objects.filter(
            nationality_id=iso3, participations__isnull=False, pk__in=sanctioning_matches().values("person_id")
        ).distinct(),
        "organizations": Organization.objects.filter(
            country_id=iso3,
            participations__isnull=False,
            pk__in=sanctioning_matches().values("organization_id"),
        ).distinct(),
    }


def sanctions_match_history(*, person: Person | None = None, organization: Organization | None = None) -> QuerySet:
    """Every match of one actor, any state (Person admin: list entries and match history), best first."""
    matches = SanctionsMatch.objects.select_related("entry", "reviewed_by")
    if person is not None:
        return matches.filter(person=person)
    return matches.filter(organization=organization)


def pending_sanctions_matches() -> QuerySet[SanctionsMatch]:
    """The review queue: borderline matches, best score first."""
    return SanctionsMatch.objects.filter(state=SanctionsMatch.State.PENDING).order_by("-score")


def sanctions_for_participants(participants: Iterable[Any]) -> dict[int, list[dict[str, Any]]]:
    """{participant id: [{list, programmes, external_id, name, link}, …]} for the sanctioned person or
    organisation participants among them (events.Participant rows; country participants never are).

    Two queries whatever the number of participants: for badges on event pages, admin and API.
    """
    participants = list(participants)
    people = sanctions_for_people({p.person_id for p in participants if p.person_id})
    organizations = sanctions_for_organizations({p.organization_id for p in participants if p.organization_id})
    found = {}
    for participant in participants:
        sanctions = people.get(participant.person_id) or organizations.get(participant.organization_id)
        if sanctions:
            found[participant.pk] = sanctions
    return found
