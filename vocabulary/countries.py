"""Country gazetteer: ISO 3166 data from pycountry plus curated aliases.

One public lookup, :func:`resolve_country`, turns a name, code, demonym or
seat of power ("DPRK", "North Korean", "the Kremlin") into an ISO3 code.
The curated part lives in ``data/country_aliases.json`` so the Django
``entities`` app and the pipeline read the same facts.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pycountry

ALIASES_FILE = Path(__file__).parent / "data" / "country_aliases.json"

# Historic states still named in older wire copy, by their last alpha-3 code.
HISTORIC_CODES = ("SUN", "YUG", "CSK", "DDR")


@dataclass(frozen=True)
class CountryRecord:
    iso3: str
    iso2: str
    name: str
    official_name: str
    historic: bool = False
    aliases: tuple[str, ...] = field(default=())
    demonyms: tuple[str, ...] = field(default=())
    seats: tuple[str, ...] = field(default=())

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, self.official_name, *self.aliases, *self.demonyms, *self.seats)


def normalise_name(text: str) -> str:
    """Case-, accent-, article- and punctuation-insensitive key for a name."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("\u2019", "'")
    text = re.sub(r"'s$", "", text.strip())
    text = re.sub(r"^the\s+", "", text)
    # "U.S." and "US" share a key; "Korea, North" and "North Korea" do not need to.
    text = re.sub(r"[.\u00b7]", "", text)
    return re.sub(r"[\s\-]+", " ", text).strip(" ,")


@cache
def country_records() -> tuple[CountryRecord, ...]:
    """Every ISO 3166-1 country (249) and the historic states, with curated aliases."""
    curated = json.loads(ALIASES_FILE.read_text(encoding="utf-8"))
    records = []
    entries = [(c, False) for c in pycountry.countries]
    entries += [(pycountry.historic_countries.get(alpha_3=code), True) for code in HISTORIC_CODES]
    for entry, historic in entries:
        extra = curated.get(entry.alpha_3, {})
        short = extra.get("display_name") or getattr(entry, "common_name", None) or entry.name
        if historic and extra.get("aliases"):
            short = extra["aliases"][0]
        records.append(
            CountryRecord(
                iso3=entry.alpha_3,
                iso2=entry.alpha_2,
                name=short,
                official_name=getattr(entry, "official_name", entry.name),
                historic=historic,
                aliases=tuple(dict.fromkeys([entry.name, *extra.get("aliases", [])])),
                demonyms=tuple(extra.get("demonyms", [])),
                seats=tuple(extra.get("seats", [])),
            )
        )
    return tuple(records)


@cache
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for record in country_records():
        for name in record.all_names:
            if not _is_acronym(name):
                index.setdefault(normalise_name(name), record.iso3)
    return index


def _is_acronym(name: str) -> bool:
    return name.replace(".", "").isupper()


@cache
def _code_index() -> dict[str, str]:
    """Codes and acronyms ("KP", "PRK", "DPRK", "U.S."), matched in capitals only."""
    index = {record.iso2: record.iso3 for record in country_records()}
    index.update({record.iso3: record.iso3 for record in country_records()})
    for record in country_records():
        for name in record.all_names:
            if _is_acronym(name):
                index.setdefault(name.replace(".", ""), record.iso3)
    return index


def resolve_country(text: str) -> str | None:
    """ISO3 code for a country name, ISO2/ISO3 code, demonym, alias or seat of power.

    Returns None when the text names no country. Never raises on any string.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    found = _name_index().get(normalise_name(text))
    if found is None:
        # Codes only in capitals: "IN" is India, "in" is a preposition; "US" but not "us".
        candidate = re.sub(r"^the\s+|'s$|[.\s]", "", text.strip())
        found = _code_index().get(candidate) if candidate.isupper() else None
    return found
