"""CSV, JSON Lines and FollowTheMoney exports stream the search and parse back."""

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from rest_framework.test import APIClient

from api.exports import CSV_COLUMNS

pytestmark = pytest.mark.django_db

# FtM's published schema files (followthemoney 4.11.2, MIT licence): the export's contract.
FTM_SCHEMA_DIR = Path(__file__).parent / "ftm_schema"


def download(path: str, params: dict | None = None) -> str:
    response = APIClient().get(path, params or {})
    assert response.status_code == 200
    assert response.streaming
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content).decode()


def test_csv_export_parses_back_with_the_searched_events(search_data):
    rows = list(csv.DictReader(io.StringIO(download("/api/events/export.csv", {"country": "North Korea"}))))
    expected = {search_data.shells.pk, search_data.sanctions.pk, search_data.violation.pk}
    assert {int(row["id"]) for row in rows} == expected
    shells = next(row for row in rows if int(row["id"]) == search_data.shells.pk)
    assert list(shells) == CSV_COLUMNS
    assert shells["supplier_countries"] == "PRK"
    assert shells["recipient_countries"] == "RUS"
    assert shells["source_urls"] == "https://news.example.org/shells"
    assert shells["date"] == "2024-03-05"


def test_csv_cells_cannot_run_as_spreadsheet_formulas(search_data):
    search_data.drones.summary = '=HYPERLINK("https://evil.example")'
    search_data.drones.save()
    rows = list(csv.DictReader(io.StringIO(download("/api/events/export.csv", {"country": "Iran"}))))
    assert rows[0]["summary"].startswith("'=")


def test_jsonl_export_has_one_api_shaped_event_per_line(search_data):
    lines = download("/api/events/export.jsonl", {"type": "sanctions_imposition"}).splitlines()
    events = [json.loads(line) for line in lines]
    assert [event["id"] for event in events] == [search_data.sanctions.pk]
    people = [p for p in events[0]["participants"] if p["kind"] == "person"]
    assert people == [
        {
            "role": "target",
            "kind": "person",
            "name": "Kim Yo Jong",
            "country": None,
            "person_id": people[0]["person_id"],
            "organization_id": None,
            "organization_code": None,
            "sanctioned": False,
            "sanctions_lists": [],
        }
    ]


def load_ftm_schemata() -> dict[str, dict]:
    schemata = {}
    for path in FTM_SCHEMA_DIR.glob("*.yaml"):
        schemata.update(yaml.safe_load(path.read_text()))
    return schemata


def ancestry(schemata: dict, name: str) -> list[str]:
    names = [name]
    for parent in schemata[name].get("extends", []):
        names += ancestry(schemata, parent)
    return names


FTM_VALUE_FORMATS = {
    "date": re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$"),
    "country": re.compile(r"^[a-z]{2}$"),
    "url": re.compile(r"^https?://\S+$"),
    "language": re.compile(r"^[a-z]{3}$"),
}


def ftm_errors(entities: list[dict]) -> list[str]:
    """Check entities against FtM's schema files: schema, properties, required, value types, references."""
    schemata, errors = load_ftm_schemata(), []
    by_id = {entity["id"]: entity for entity in entities}
    for entity in entities:
        name = entity["schema"]
        if name not in schemata or schemata[name].get("abstract"):
            errors.append(f"{entity['id']}: no concrete schema {name}")
            continue
        lineage = ancestry(schemata, name)
        properties = {p: spec for n in reversed(lineage) for p, spec in schemata[n].get("properties", {}).items()}
        required = {p for n in lineage for p in schemata[n].get("required", [])}
        errors += [f"{entity['id']}: missing {p}" for p in required - set(entity["properties"])]
        for prop, values in entity["properties"].items():
            spec = properties.get(prop)
            if spec is None:
                errors.append(f"{entity['id']}: {name} has no property {prop}")
                continue
            if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values):
                errors.append(f"{entity['id']}.{prop}: values must be a non-empty list of strings")
                continue
            kind = spec.get("type", "string")
            pattern = FTM_VALUE_FORMATS.get(kind)
            errors += [f"{entity['id']}.{prop}: bad {kind} {v!r}" for v in values if pattern and not pattern.match(v)]
            if kind == "entity":
                for ref in values:
                    target = by_id.get(ref)
                    if target is None or spec["range"] not in ancestry(schemata, target["schema"]):
                        errors.append(f"{entity['id']}.{prop}: {ref} is not an emitted {spec['range']}")
    return errors


def test_ftm_export_is_valid_against_the_published_schema(search_data):
    entities = [json.loads(line) for line in download("/api/events/export.ftm").splitlines()]
    assert ftm_errors(entities) == []
    events = [e for e in entities if e["schema"] == "Event"]
    assert len(events) == 4
    shells = next(e for e in events if e["id"] == f"sedb-event-{search_data.shells.pk}")
    assert shells["properties"]["country"] == ["kp", "ru"]
    assert shells["properties"]["date"] == ["2024-03-05"]
    assert {e["schema"] for e in entities} >= {"Event", "Person", "Article", "Documentation"}
    assert len({e["id"] for e in entities}) == len(entities)  # shared entities once


def test_ftm_validator_catches_a_broken_entity():
    broken = [{"id": "x", "schema": "Event", "properties": {"date": ["5 March"], "involved": ["nobody"]}}]
    assert len(ftm_errors(broken)) == 3  # missing name, bad date, dangling reference
