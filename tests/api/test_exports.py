"""CSV, JSON Lines and FollowTheMoney exports stream the search and parse back."""

import csv
import io
import json

import pytest
from followthemoney import model, registry
from followthemoney.exc import InvalidData
from rest_framework.test import APIClient

from api.exports import CSV_COLUMNS, json_text
from entities.models import Country
from events.models import Participant, Role
from tests.entities.factories import VesselFactory

pytestmark = pytest.mark.django_db


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
            "capacity": None,
            "stance": None,
            "official_country": None,
            "sanctioned": False,
            "sanctions_lists": [],
        }
    ]


def ftm_errors(entities: list[dict]) -> list[str]:
    """Load entities back through the followthemoney library: a concrete schema, every property value
    kept by the library's cleaning (an unknown property or a bad date would be dropped), required
    properties present, references to emitted entities of the right schema."""
    errors, proxies = [], {}
    for data in entities:
        try:
            proxy = model.get_proxy(data, cleaned=False)
        except InvalidData as exc:
            errors.append(f"{data.get('id')}: {exc}")
            continue
        if proxy.schema.abstract:
            errors.append(f"{proxy.id}: {proxy.schema.name} is abstract")
        loaded = {prop: sorted(values) for prop, values in proxy.to_dict()["properties"].items()}
        given = {prop: sorted(values) for prop, values in data.get("properties", {}).items()}
        errors += [
            f"{proxy.id}.{prop}: {given[prop]} loaded as {loaded.get(prop)}"
            for prop in given
            if loaded.get(prop) != given[prop]
        ]
        errors += [f"{proxy.id}: missing {prop}" for prop in proxy.schema.required if not proxy.get(prop)]
        proxies[proxy.id] = proxy
    for proxy in proxies.values():
        for prop, value in proxy.itervalues():
            target = proxies.get(value) if prop.type == registry.entity else None
            if prop.type == registry.entity and (target is None or not target.schema.is_a(prop.range)):
                errors.append(f"{proxy.id}.{prop.name}: {value} is not an emitted {prop.range.name}")
    return errors


def test_ftm_export_loads_back_through_the_followthemoney_library_without_errors(search_data):
    entities = [json.loads(line) for line in download("/api/events/export.ftm").splitlines()]
    assert ftm_errors(entities) == []
    events = [e for e in entities if e["schema"] == "Event"]
    assert len(events) == 4
    shells = next(e for e in events if e["id"] == f"sedb-event-{search_data.shells.pk}")
    assert shells["properties"]["country"] == ["kp", "ru"]
    assert shells["properties"]["date"] == ["2024-03-05"]
    assert {e["schema"] for e in entities} >= {"Event", "Person", "Article", "Documentation"}
    assert len({e["id"] for e in entities}) == len(entities)  # shared entities once


def test_ftm_export_has_each_carrier_vessel_once_linked_to_its_events(search_data):
    tanker = VesselFactory(name="Ocean Lantern", imo="9187629", flag=Country.objects.get(pk="PAN"))
    for event in (search_data.violation, search_data.shells):
        Participant.objects.create(event=event, role=Role.CARRIER, vessel=tanker)
    entities = [json.loads(line) for line in download("/api/events/export.ftm").splitlines()]
    assert ftm_errors(entities) == []
    vessels = [e for e in entities if e["schema"] == "Vessel"]
    assert vessels == [
        {
            "id": f"sedb-vessel-{tanker.pk}",
            "schema": "Vessel",
            "properties": {"name": ["Ocean Lantern"], "imoNumber": ["IMO9187629"], "flag": ["pa"]},
        }
    ]
    links = [e["properties"] for e in entities if e["schema"] == "UnknownLink"]
    assert sorted(link["object"][0] for link in links) == sorted(
        f"sedb-event-{event.pk}" for event in (search_data.violation, search_data.shells)
    )
    assert all(link["subject"] == [vessels[0]["id"]] and link["role"] == ["carrier"] for link in links)


def test_ftm_validator_catches_a_broken_entity():
    broken = [{"id": "x", "schema": "Event", "properties": {"date": ["5 March"], "involved": ["nobody"]}}]
    assert len(ftm_errors(broken)) == 3  # bad date dropped, missing name, dangling reference


@pytest.mark.parametrize(
    "value",
    [
        {"id": "sedb-event-1", "schema": "Event", "properties": {"name": ['Café "→" \\ \n\u2028\x00']}},
        {"properties": {}, "n": [1, 2.5, None, True, {"nested": ["ü"]}]},
    ],
)
def test_entities_are_written_as_json_dumps_writes_them(value):
    assert json_text(value) == json.dumps(value, ensure_ascii=False)
