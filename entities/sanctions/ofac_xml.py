"""OFAC lists in the ``sdnList`` XML layout (sdn.xml, consolidated.xml): namespace-qualified."""

from __future__ import annotations

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
    iterparse_records,
    normalise_birth_date,
    parse_date,
    unique,
)

ENTITY_TYPES = {"individual": PERSON, "entity": ORGANIZATION, "vessel": VESSEL, "aircraft": OTHER}
OFAC_DETAILS_URL = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={}"


def ofac_name(last: str, first: str) -> str:
    """OFAC's own display form: "KIM, Jong Un" for people, the plain name for the rest."""
    return f"{last}, {first}" if last and first else last or first


class OfacXmlParser(ListParser):
    default_list_name = "OFAC SDN"

    def __iter__(self) -> Iterator[ListRecord | SkippedRecord]:
        for element in iterparse_records(self, "sdnList", {"sdnEntry", "publshInformation"}):
            if element.tag.endswith("publshInformation"):
                self.published = parse_date(child_text(element, "Publish_Date"))
            else:
                yield self.record(element)

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
            raw=element_to_dict(element),
            location=location,
        )
