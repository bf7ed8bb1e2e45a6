"""FollowTheMoney entities as JSON lines, as OpenSanctions exports them (``entities.ftm.json``).

List entries are the sanctioned Person / Organization / Company / LegalEntity / Vessel /
Airplane entities; the ``Sanction`` records pointing at them (``Sanction.entity``) give their
programmes and listing dates. Those may come before or after their entity in the file, so the
parser reads the whole file before yielding; other schemas (Address, Ownership…) are skipped.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData

from .records import (
    ORGANIZATION,
    OTHER,
    PERSON,
    VESSEL,
    ListParser,
    ListRecord,
    SkippedRecord,
    country_codes,
    imo_identifiers,
    normalise_birth_date,
    parse_date,
    unique,
)

ENTITY_TYPES = {
    "Person": PERSON,
    "Organization": ORGANIZATION,
    "Company": ORGANIZATION,
    "LegalEntity": ORGANIZATION,
    "PublicBody": ORGANIZATION,
    "Vessel": VESSEL,
    "Airplane": OTHER,
}
COUNTRY_PROPERTIES = ("nationality", "citizenship", "country", "jurisdiction")
OPENSANCTIONS_URL = "https://www.opensanctions.org/entities/{}/"


def is_sanctions_target(entity: dict[str, Any]) -> bool:
    topics = entity["properties"].get("topics", [])
    return bool(entity.get("target")) and any(t == "sanction" or t.startswith("sanction.") for t in topics)


# OpenSanctions referents that are other lists' own ids: "ofac-10465" (an OFAC uid), "unsc-6908048" (a UN DATAID).
REFERENT_LISTS = re.compile(r"^(ofac|unsc)-(\d+)$")


def list_identifiers(referents: list[str]) -> list[str]:
    return unique(f"{m.group(1)}:{m.group(2)}" for r in referents if (m := REFERENT_LISTS.match(r)))


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and "\x00" not in value


def entity_problem(entity: Any) -> str:
    """Why a decoded line is not a FollowTheMoney entity this parser can read ("" when it is):
    string id and schema, and properties mapping names to lists of strings (as FtM defines them)."""
    if not isinstance(entity, dict) or not entity.get("id") or not entity.get("schema"):
        return "not a FollowTheMoney entity (needs id and schema)"
    for key in ("id", "schema", "caption", "last_change"):
        if key in entity and entity[key] is not None and not _is_text(entity[key]):
            return f'"{key}" must be a string without NUL characters'
    properties = entity.get("properties", {})
    if not isinstance(properties, dict):
        return f"entity {entity['id']} has properties that are not an object"
    for name, values in properties.items():
        if not isinstance(values, list) or not all(_is_text(value) for value in values):
            return f'entity {entity["id"]}: property "{name}" must be a list of strings without NUL characters'
    return ""


class FtmParser(ListParser):
    default_list_name = "OpenSanctions"

    def __iter__(self) -> Iterator[ListRecord | SkippedRecord]:
        candidates: list[tuple[str, dict[str, Any]]] = []
        sanctions: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
        for location, entity in self.entities():
            schema = entity["schema"]
            if schema == "Sanction":
                for target in entity["properties"].get("entity", []):
                    sanctions[target].append(entity)
                yield SkippedRecord("Sanction records are folded into the entity they name", location)
            elif schema not in ENTITY_TYPES:
                yield SkippedRecord(f"{schema} records are not list entries", location)
            elif not is_sanctions_target(entity):
                yield SkippedRecord(f"{schema} is not a sanctions target (related entity only)", location)
            else:
                candidates.append((location, entity))
            if entity.get("last_change"):
                changed = parse_date(entity["last_change"][:10])
                self.published = max(filter(None, (self.published, changed)), default=None)
        for location, entity in candidates:
            yield self.record(entity, sanctions.get(entity["id"], []), location)

    def entities(self) -> Iterator[tuple[str, dict[str, Any]]]:
        try:
            with self.path.open(encoding="utf-8") as handle:
                for number, line in enumerate(handle, start=1):
                    if not line.strip():
                        continue
                    location = f"line {number}"
                    try:
                        entity = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise self.error(location, f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
                    except RecursionError as exc:
                        raise self.error(location, "not valid JSON (nested too deeply)") from exc
                    problem = entity_problem(entity)
                    if problem:
                        raise self.error(location, problem)
                    yield location, self.read_entity(entity, location)
        except UnicodeDecodeError as exc:
            raise self.error(f"byte {exc.start}", "not UTF-8 text") from exc
        except OSError as exc:
            raise self.error("file", str(exc)) from exc

    def read_entity(self, entity: dict[str, Any], location: str) -> dict[str, Any]:
        """The entity as the followthemoney library reads it: a schema it knows, each value cleaned by
        the property's type (dates, country codes); values it cannot read stay in ``raw_properties``."""
        try:
            proxy = model.get_proxy({**entity, "properties": entity.get("properties") or {}}, cleaned=False)
        except InvalidData as exc:
            raise self.error(location, f"entity {entity['id']} is not valid FollowTheMoney ({exc})") from exc
        cleaned = proxy.to_dict()["properties"]
        if cleaned != entity.get("properties"):
            entity = {**entity, "raw_properties": entity.get("properties")}
        return {**entity, "properties": cleaned}

    def record(self, entity: dict[str, Any], sanctions: list[dict[str, Any]], location: str) -> ListRecord:
        props = entity["properties"]
        name = entity.get("caption") or next(iter(props.get("name", [])), "")
        if not name:
            raise self.error(location, f"entity {entity['id']} has no name")
        aliases = unique(
            [*props.get("name", []), *props.get("alias", []), *props.get("previousName", [])], exclude=[name]
        )
        sanction_props = [s["properties"] for s in sanctions]
        listing_dates = [
            parse_date(d) for s in sanction_props for d in (*s.get("listingDate", []), *s.get("startDate", []))
        ]
        return ListRecord(
            external_id=entity["id"],
            entity_type=ENTITY_TYPES[entity["schema"]],
            name=name,
            aliases=aliases,
            weak_aliases=unique(props.get("weakAlias", []), exclude=[name, *aliases]),
            countries=country_codes(c for prop in COUNTRY_PROPERTIES for c in props.get(prop, [])),
            programmes=unique(
                [*(p for s in sanction_props for p in s.get("program", []) or s.get("programId", []))]
                or props.get("programId", [])
            ),
            birth_dates=unique(normalise_birth_date(d) for d in props.get("birthDate", [])),
            listed_on=min(filter(None, listing_dates), default=None),
            link=OPENSANCTIONS_URL.format(entity["id"]),
            same_as=[*list_identifiers(entity.get("referents", [])), *imo_identifiers(props.get("imoNumber", []))],
            raw={**entity, "sanctions": [s["id"] for s in sanctions]},
            location=location,
        )
