"""Reads from the entities tables."""

from __future__ import annotations

import re

from extraction.countries import normalise_name

from .models import Country, CountryAlias


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
