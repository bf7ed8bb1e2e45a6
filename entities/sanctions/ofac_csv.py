"""OFAC SDN list, legacy ``sdn.csv``: no header, CRLF, ``-0-`` for empty, a trailing Ctrl-Z byte."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from .ofac_xml import OFAC_DETAILS_URL, SDN_LIST_NAME, is_non_sdn_entry, ofac_list_name
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
    unique,
)

COLUMNS = (
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
)
ENTITY_TYPES = {"individual": PERSON, "": ORGANIZATION, "vessel": VESSEL, "aircraft": OTHER}
END_OF_FILE = "\x1a"  # DOS Ctrl-Z marker after the last CRLF
# Facts OFAC packs into Remarks, one per ";"-separated clause ("alt. DOB 1961", "a.k.a. 'KOMID'").
REMARK_PATTERNS = {
    "dob": re.compile(r"^(?:alt\. )?DOB (.+)$"),
    "country": re.compile(r"^(?:alt\. )?(?:nationality|citizen) (.+)$"),
    "aka": re.compile(r"^(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.) '(.+?)'?$"),
}


def empty_to_blank(value: str) -> str:
    value = value.strip()
    return "" if value == "-0-" else value


class OfacCsvParser(ListParser):
    default_list_name = SDN_LIST_NAME

    def __iter__(self) -> Iterator[ListRecord | SkippedRecord]:
        entries = non_sdn_entries = 0
        try:
            with self.path.open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                for row in reader:
                    if row in ([END_OF_FILE], []):
                        continue
                    record = self.record(row, f"line {reader.line_num}")
                    entries += 1
                    non_sdn_entries += is_non_sdn_entry(record.programmes, record.raw["Remarks"])
                    self.list_name = ofac_list_name(entries, non_sdn_entries)
                    yield record
        except UnicodeDecodeError as exc:
            raise self.error(f"byte {exc.start}", "not UTF-8/ASCII text") from exc
        except csv.Error as exc:
            raise self.error("csv", str(exc)) from exc
        except OSError as exc:
            raise self.error("file", str(exc)) from exc

    def record(self, row: list[str], location: str) -> ListRecord:
        if len(row) != len(COLUMNS):
            raise self.error(location, f"expected {len(COLUMNS)} fields, found {len(row)}")
        fields = {column: empty_to_blank(value) for column, value in zip(COLUMNS, row, strict=True)}
        if not fields["ent_num"].isdigit():
            raise self.error(location, f"ent_num {fields['ent_num']!r} is not a number")
        if not fields["SDN_Name"]:
            raise self.error(location, f"entry {fields['ent_num']} has no SDN_Name")
        kind = fields["SDN_Type"].lower()
        if kind not in ENTITY_TYPES:
            raise self.error(location, f"entry {fields['ent_num']} has unknown SDN_Type {kind!r}")

        found: dict[str, list[str]] = {key: [] for key in REMARK_PATTERNS}
        for clause in fields["Remarks"].rstrip(".").split(";"):
            for key, pattern in REMARK_PATTERNS.items():
                if match := pattern.match(clause.strip()):
                    found[key].append(match.group(1))
        countries = found["country"] + ([fields["Vess_flag"]] if fields["Vess_flag"] else [])
        return ListRecord(
            external_id=fields["ent_num"],
            entity_type=ENTITY_TYPES[kind],
            name=fields["SDN_Name"],
            aliases=unique(found["aka"], exclude=[fields["SDN_Name"]]),
            countries=country_codes(countries),
            programmes=unique(fields["Program"].split("] [")),
            birth_dates=unique(normalise_birth_date(d) for d in found["dob"]),
            link=OFAC_DETAILS_URL.format(fields["ent_num"]),
            same_as=[f"ofac:{fields['ent_num']}", *imo_identifiers([fields["Remarks"]])],
            raw=fields,
            location=location,
        )
