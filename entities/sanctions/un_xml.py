"""UN Security Council Consolidated List XML (``<CONSOLIDATED_LIST>``, sc-sanctions.xsd)."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from .records import (
    ORGANIZATION,
    PERSON,
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

NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
# Alias quality "Low" marks names the UN itself considers unreliable ("Abu Ali").
WEAK_QUALITIES = {"low"}


class UnXmlParser(ListParser):
    default_list_name = "UN SC Consolidated"

    def __iter__(self) -> Iterator[ListRecord | SkippedRecord]:
        def read_root(element: etree._Element) -> None:
            self.published = parse_date(element.get("dateGenerated"))

        for element in iterparse_records(
            self, "CONSOLIDATED_LIST", {"INDIVIDUAL", "ENTITY"}, on_start={"CONSOLIDATED_LIST": read_root}
        ):
            yield self.record(element)

    def record(self, element: etree._Element) -> ListRecord:
        kind = element.tag
        location = f"<{kind}> at line {element.sourceline}"
        reference = child_text(element, "REFERENCE_NUMBER")
        if not reference:
            raise self.error(location, "no REFERENCE_NUMBER")
        name = " ".join(filter(None, (child_text(element, part) for part in NAME_PARTS)))
        if not name:
            raise self.error(location, f"{reference} has no name (FIRST_NAME is empty)")
        listed_text = child_text(element, "LISTED_ON")
        listed_on = parse_date(listed_text)
        if listed_text and listed_on is None:
            raise self.error(location, f"{reference} has an unreadable LISTED_ON date {listed_text!r}")

        strong, weak = [], []
        for alias in descendants(element, f"{kind}_ALIAS"):
            names = child_text(alias, "ALIAS_NAME").split(";")  # "Azim Adhajani; Azim Agha-Jani"
            (weak if child_text(alias, "QUALITY").lower() in WEAK_QUALITIES else strong).extend(names)
        strong.append(child_text(element, "NAME_ORIGINAL_SCRIPT"))

        if kind == "INDIVIDUAL":
            countries = country_codes(v.text for v in descendants(element, "NATIONALITY", "VALUE"))
        else:
            countries = country_codes(c.text for c in descendants(element, "ENTITY_ADDRESS", "COUNTRY"))
        aliases = unique(strong, exclude=[name])
        return ListRecord(
            external_id=reference,
            entity_type=PERSON if kind == "INDIVIDUAL" else ORGANIZATION,
            name=name,
            aliases=aliases,
            weak_aliases=unique(weak, exclude=[name, *aliases]),
            countries=countries,
            programmes=unique([child_text(element, "UN_LIST_TYPE")]),
            birth_dates=unique(_birth_date(dob) for dob in descendants(element, "INDIVIDUAL_DATE_OF_BIRTH")),
            listed_on=listed_on,
            same_as=[f"unsc:{data_id}"] if (data_id := child_text(element, "DATAID")) else [],
            raw=element_to_dict(element),
            location=location,
        )


def _birth_date(element: etree._Element) -> str | None:
    if exact := child_text(element, "DATE") or child_text(element, "YEAR"):
        return normalise_birth_date(exact)
    start, end = child_text(element, "FROM_YEAR"), child_text(element, "TO_YEAR")
    if start and end:
        return f"{start}/{end}"
    return None
