"""OFAC lists in the ``sdnList`` XML layout (sdn.xml, consolidated.xml): namespace-qualified."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from .records import (
    ORGANIZATION,
    OTHER,
    PERSON,
    VESSEL,
    ListParser,
    ListRecord,
    SkippedRecord,
    child_text,
    country_codes,
    descendants,
    element_to_dict,
    imo_identifiers,
    iterparse_records,
    normalise_birth_date,
    parse_date,
    unique,
)

# OFAC publishes its non-SDN lists (sectoral sanctions SSI, foreign sanctions evaders FSE, NS-PLC,
# NS-MBS, NS-ISA, NS-CMIC, CAPTA / 561 list) in the same layouts as the SDN list. Their entries carry
# these programme tags or remarks (OFAC, "Consolidated Sanctions List (Non-SDN Lists)").
NON_SDN_PROGRAMME = re.compile(r"^(?:FSE-|NS-|561List|CAPTA)", re.IGNORECASE)
NON_SDN_REMARK = re.compile(r"Not on the SDN List|Executive Order 13662 Directive Determination", re.IGNORECASE)
SDN_LIST_NAME = "OFAC SDN"
NON_SDN_LIST_NAME = "OFAC Consolidated (non-SDN)"


def is_non_sdn_entry(programmes: list[str], remarks: str) -> bool:
    return any(NON_SDN_PROGRAMME.match(p) for p in programmes) or bool(NON_SDN_REMARK.search(remarks))


def ofac_list_name(entries: int, non_sdn_entries: int) -> str:
    """The SDN list, or the consolidated non-SDN list when most entries carry a non-SDN mark (some SDN
    entries are on a non-SDN list too, so one mark alone does not decide)."""
    return NON_SDN_LIST_NAME if entries and non_sdn_entries * 2 > entries else SDN_LIST_NAME


ENTITY_TYPES = {"individual": PERSON, "entity": ORGANIZATION, "vessel": VESSEL, "aircraft": OTHER}
OFAC_DETAILS_URL = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={}"


def ofac_name(last: str, first: str) -> str:
    """OFAC's own display form: "KIM, Jong Un" for people, the plain name for the rest."""
    return f"{last}, {first}" if last and first else last or first


class OfacXmlParser(ListParser):
    default_list_name = SDN_LIST_NAME

    def __iter__(self) -> Iterator[ListRecord | SkippedRecord]:
        entries = non_sdn_entries = 0
        for element in iterparse_records(self, "sdnList", {"sdnEntry", "publshInformation"}):
            if element.tag.endswith("publshInformation"):
                self.published = parse_date(child_text(element, "Publish_Date"))
                continue
            record = self.record(element)
            remarks = " ".join(
                [
                    child_text(element, "remarks"),
                    *(i.text or "" for i in descendants(element, "idList", "id", "idNumber")),
                ]
            )
            entries += 1
            non_sdn_entries += is_non_sdn_entry(record.programmes, remarks)
            self.list_name = ofac_list_name(entries, non_sdn_entries)
            yield record

    def record(self, element: etree._Element) -> ListRecord:
        location = f"<sdnEntry> at line {element.sourceline}"
        uid = child_text(element, "uid")
        if not uid.isdigit():
            raise self.error(location, f"uid {uid!r} is not a number")
        sdn_type = child_text(element, "sdnType")
        if sdn_type.lower() not in ENTITY_TYPES:
            raise self.error(location, f"entry {uid} has unknown sdnType {sdn_type!r}")
        name = ofac_name(child_text(element, "lastName"), child_text(element, "firstName"))
        if not name:
            raise self.error(location, f"entry {uid} has no lastName")
        entity_type = ENTITY_TYPES[sdn_type.lower()]

        strong, weak = [], []
        for aka in descendants(element, "akaList", "aka"):
            alias = ofac_name(child_text(aka, "lastName"), child_text(aka, "firstName"))
            (weak if child_text(aka, "category").lower() == "weak" else strong).append(alias)
        country_elements = [
            *descendants(element, "nationalityList", "nationality", "country"),
            *descendants(element, "citizenshipList", "citizenship", "country"),
        ]
        if entity_type != PERSON:
            country_elements += descendants(element, "addressList", "address", "country")
            country_elements += descendants(element, "vesselInfo", "vesselFlag")
        aliases = unique(strong, exclude=[name])
        return ListRecord(
            external_id=uid,
            entity_type=entity_type,
            name=name,
            aliases=aliases,
            weak_aliases=unique(weak, exclude=[name, *aliases]),
            countries=country_codes(c.text for c in country_elements),
            programmes=unique(p.text for p in descendants(element, "programList", "program")),
            birth_dates=unique(
                normalise_birth_date(d.text)
                for d in descendants(element, "dateOfBirthList", "dateOfBirthItem", "dateOfBirth")
            ),
            link=OFAC_DETAILS_URL.format(uid),
            same_as=[f"ofac:{uid}", *imo_identifiers(i.text for i in descendants(element, "idList", "id", "idNumber"))],
            raw=element_to_dict(element),
            location=location,
        )
