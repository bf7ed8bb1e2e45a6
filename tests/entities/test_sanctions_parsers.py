"""Each list format parses to the same plain records; malformed files are rejected with where and why."""

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entities.sanctions import PARSERS, ListRecord, SanctionsFileError, SkippedRecord
from entities.sanctions.records import normalise_birth_date, parse_date

from .sanctions_files import (
    FIXTURES,
    FTM_SAMPLE,
    OFAC_CSV_SAMPLE,
    OFAC_XML_SAMPLE,
    UN_SAMPLE,
    needs_shared_samples,
)


def parse(file_format, path):
    parser = PARSERS[file_format](path)
    items = list(parser)
    records = {item.external_id: item for item in items if isinstance(item, ListRecord)}
    skipped = [item for item in items if isinstance(item, SkippedRecord)]
    return parser, records, skipped


def test_un_xml_reads_names_aliases_nationality_programme_and_dates():
    parser, records, _ = parse("un-xml", FIXTURES / "un_v1.xml")
    assert parser.published == date(2025, 1, 10)
    person = records["KPi.901"]  # the trailing space of the reference number is dropped
    assert (person.entity_type, person.name) == ("person", "PAK TAE-SONG")
    assert person.aliases == ["Pak T\u2019ae-so\u2019ng", "Pak Tae Song"]  # curly apostrophes kept
    assert person.weak_aliases == ["Comrade Pak"]
    assert person.countries == ["PRK"]
    assert person.programmes == ["DPRK"]
    assert person.birth_dates == ["1955"]
    assert person.listed_on == date(2017, 6, 2)
    organization = records["KPe.901"]
    assert organization.entity_type == "organization"
    assert organization.listed_on == date(2016, 3, 2)  # "2016-03-02-05:00" carries a timezone offset
    assert organization.countries == ["PRK"]


def test_un_xml_reads_a_between_birth_range():
    _, records, _ = parse("un-xml", FIXTURES / "un_v2.xml")
    assert records["KPi.901"].birth_dates == ["1954/1956"]


def test_ofac_csv_handles_crlf_empty_markers_programme_lists_remarks_and_the_ctrl_z_byte():
    _, records, skipped = parse("ofac-csv", FIXTURES / "ofac_small.csv")
    assert list(records) == ["990001", "990003", "990002"] and skipped == []
    person = records["990001"]
    assert (person.entity_type, person.name) == ("person", "PAK, Tae Song")
    assert person.programmes == ["DPRK3", "NPWMD"]
    assert person.birth_dates == ["1955-10-14", "1956"]
    assert person.countries == ["PRK"]
    assert person.aliases == ["PAEK, Tae-song"]
    assert person.raw["Call_Sign"] == ""  # "-0- " means empty
    assert person.link.endswith("id=990001")
    assert records["990003"].entity_type == "organization"
    vessel = records["990002"]
    assert (vessel.entity_type, vessel.countries) == ("vessel", ["PAN"])


def test_ofac_xml_reads_the_namespaced_sdn_list_layout():
    parser, records, _ = parse("ofac-xml", FIXTURES / "ofac_small.xml")
    assert parser.published == date(2025, 3, 15)
    person = records["990001"]
    assert (person.name, person.entity_type) == ("PAK, Tae Song", "person")
    assert person.aliases == ["PAEK, Tae-song"]
    assert person.weak_aliases == ["TIGER"]
    assert person.countries == ["PRK"]
    assert person.programmes == ["DPRK3", "NPWMD"]
    assert person.birth_dates == ["1955-10-14"]
    assert (records["990002"].entity_type, records["990002"].countries) == ("vessel", ["PAN"])


def test_ftm_folds_sanction_records_into_their_entity_and_skips_the_rest_with_reasons():
    parser, records, skipped = parse("ftm", FIXTURES / "ftm_small.jsonl")
    assert set(records) == {"test-person-1", "test-company-1"}
    person = records["test-person-1"]
    assert person.name == "Tae Song PAK"
    assert person.aliases == ["Пак Тэ Сон", "Pak Tae-song"]
    assert person.weak_aliases == ["Tiger"]
    assert person.countries == ["PRK"]
    assert person.programmes == ["DPRK3"]
    assert person.listed_on == date(2018, 1, 24)
    assert person.raw["sanctions"] == ["test-sanction-1"]
    assert records["test-company-1"].programmes == ["US-DPRK"]  # no Sanction record: the entity's own programId
    assert sorted(s.reason for s in skipped) == [
        "Address records are not list entries",
        "Company is not a sanctions target (related entity only)",
        "Sanction records are folded into the entity they name",
    ]
    assert parser.published == date(2025, 2, 1)


@pytest.mark.parametrize(
    ("file_format", "name", "location", "reason"),
    [
        ("un-xml", "un_unclosed_tag.xml", "line 11", "Opening and ending tag mismatch"),
        ("un-xml", "un_missing_reference.xml", "<INDIVIDUAL> at line 8", "no REFERENCE_NUMBER"),
        ("un-xml", "ofac_small.xml", "line 2", "root element is <sdnList>, expected <CONSOLIDATED_LIST>"),
        ("ofac-csv", "ofac_short_row.csv", "line 2", "expected 12 fields, found 4"),
        ("ofac-csv", "ftm_small.jsonl", "line 1", "expected 12 fields"),
        ("ftm", "ftm_broken_line.jsonl", "line 2", "not valid JSON"),
        ("ftm", "ofac_small.csv", "line 1", "not valid JSON"),
        ("ftm", "ftm_unknown_schema.jsonl", "line 2", "entity x-2 is not valid FollowTheMoney"),
        ("ofac-xml", "un_v1.xml", "line 2", "root element is <CONSOLIDATED_LIST>, expected <sdnList>"),
    ],
)
def test_malformed_files_are_rejected_naming_the_line_or_element_and_the_reason(file_format, name, location, reason):
    with pytest.raises(SanctionsFileError) as caught:
        list(PARSERS[file_format](FIXTURES / name))
    assert caught.value.location == location
    assert reason in caught.value.reason
    assert name in str(caught.value)


@needs_shared_samples
def test_real_un_excerpt_parses_all_49_records():
    parser, records, _ = parse("un-xml", UN_SAMPLE)
    assert parser.published == date(2026, 2, 27)
    assert len(records) == 49
    assert sum(r.entity_type == "person" for r in records.values()) == 28
    assert "KPe.023" in records and "KPe.051" in records  # published with trailing spaces
    assert records["TAe.014"].listed_on == date(2015, 3, 27)
    zawahiri = records["QDi.006"]
    assert "Ayman Al-Zawahari" in zawahiri.aliases and zawahiri.countries == ["EGY"]
    assert records["IRi.003"].aliases[:2] == ["Azim Adhajani", "Azim Agha-Jani"]  # "; "-joined in one alias
    assert records["IRi.001"].birth_dates == ["1958", "1959"]


@needs_shared_samples
def test_real_ofac_csv_excerpt_parses_all_41_rows_and_skips_the_end_of_file_byte():
    _, records, skipped = parse("ofac-csv", OFAC_CSV_SAMPLE)
    assert len(records) == 41 and skipped == []
    kim = records["20157"]
    assert (kim.name, kim.programmes, kim.birth_dates) == ("KIM, Jong Un", ["DPRK3"], ["1984-01-08"])
    assert records["12055"].programmes[-1] == "RUSSIA-EO14024"
    assert records["9345"].aliases == ["KOMID"]
    assert records["35096"].countries == ["RUS"]
    kinds = [r.entity_type for r in records.values()]
    assert (kinds.count("organization"), kinds.count("person"), kinds.count("vessel"), kinds.count("other")) == (
        16,
        16,
        6,
        3,
    )


@needs_shared_samples
def test_real_ofac_xml_excerpt_parses_all_20_entries():
    parser, records, _ = parse("ofac-xml", OFAC_XML_SAMPLE)
    assert parser.published == date(2018, 4, 6)
    assert len(records) == 20
    assert "CENTRAL BANK OF IRAN" in records["4632"].aliases
    assert records["15036"].entity_type == "vessel"
    assert records["15960"].birth_dates == ["1953/1954"]


@needs_shared_samples
def test_real_ftm_excerpt_gives_the_20_sanctioned_targets_with_their_programmes():
    _, records, skipped = parse("ftm", FTM_SAMPLE)
    assert len(records) == 20
    assert len(records) + len(skipped) == 98
    zakharov = records["NK-aU5ybkbRFJucf8YMwsJvDw"]
    assert zakharov.entity_type == "person" and zakharov.countries == ["RUS"]
    assert "RUSSIA-EO14024" in zakharov.programmes and zakharov.birth_dates == ["1965-09-21"]
    assert "Zala Aero" in records["NK-abdzbEBkqyT29GyREbiURZ"].aliases


@given(st.text(max_size=40))
def test_birth_dates_and_list_dates_in_any_form_never_raise(text):
    assert normalise_birth_date(text) is None or isinstance(normalise_birth_date(text), str)
    assert parse_date(text) is None or parse_date(text).year >= 1


@pytest.mark.parametrize("text", ["2023-02-31", "13/45/2018", "31 Feb 1990", "2015-03-27-04:00x"])
def test_impossible_or_garbled_dates_read_as_unknown(text):
    assert parse_date(text) is None


def test_ftm_values_are_read_through_the_followthemoney_library_and_the_file_values_kept(tmp_path):
    path = tmp_path / "entities.ftm.json"
    entity = {
        "id": "os-1",
        "schema": "Person",
        "target": True,
        "properties": {"name": ["Test Person"], "birthDate": ["1970-01-01", "not a date"], "topics": ["sanction"]},
    }
    path.write_text(json.dumps(entity) + "\n", encoding="utf-8")
    (record,) = [item for item in PARSERS["ftm"](path) if isinstance(item, ListRecord)]
    assert record.birth_dates == ["1970-01-01"]
    assert record.raw["raw_properties"]["birthDate"] == ["1970-01-01", "not a date"]
