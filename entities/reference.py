"""Reference data: every ISO 3166 country with its aliases and the intergovernmental organisations
(EU, UN), synced after migrate; and the country or organisation a role code names.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from vocabulary.countries import country_records, normalise_name
from vocabulary.events import INTERGOVERNMENTAL_ORGANIZATIONS

from .models import Country, CountryAlias, Organization
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
