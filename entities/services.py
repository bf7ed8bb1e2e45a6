"""Writes to the entities tables."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from extraction.countries import country_records, normalise_name

from .models import Country, CountryAlias, Organization

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
