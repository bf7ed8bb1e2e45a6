"""Writes to the entities tables."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from extraction.countries import country_records, normalise_name

from .models import Country, CountryAlias, Organization, Person, Position
from .selectors import resolve_country

# Non-country actors that extraction names by code in event roles.
INTERGOVERNMENTAL_ORGANIZATIONS = {
    "EU": ("European Union", ["EU", "E.U.", "Brussels", "European Commission", "Council of the European Union"]),
    "UN": ("United Nations", ["UN", "U.N.", "UN Security Council", "U.N. Security Council", "Security Council"]),
}


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
    organization = Organization.objects.filter(code=code).first()
    if organization is not None:
        return organization
    country = resolve_country(code)
    if country is not None:
        return country
    return Organization.objects.filter(name__iexact=code).first()


def person_named(name: str) -> Person | None:
    """The person with this name or alias (case-insensitive)."""
    person = Person.objects.filter(name__iexact=name).order_by("pk").first()
    if person is not None:
        return person
    key = name.casefold()
    # Aliases are a short JSON list per person; a text match narrows, the exact check decides.
    for candidate in Person.objects.filter(aliases__icontains=name).order_by("pk"):
        if any(alias.casefold() == key for alias in candidate.aliases):
            return candidate
    return None


def get_or_create_official(name: str, *, country_code: str | None = None, title: str | None = None) -> Person:
    """The person an extracted official names (matched by name or alias), with the Position their title gives.

    Callers serialise concurrent calls (store_extraction_result holds a lock), since
    names are not unique: two people may share one.
    """
    country = resolve_country(country_code) if country_code else None
    person = person_named(name)
    if person is None:
        person = Person.objects.create(name=name, nationality=country)
    elif person.nationality_id is None and country is not None:
        person.nationality = country
        person.save(update_fields=["nationality"])
    if title:
        title = title.strip()[:300]
        if not person.positions.filter(title__iexact=title, country=country).exists():
            Position.objects.create(person=person, title=title, country=country)
    return person
