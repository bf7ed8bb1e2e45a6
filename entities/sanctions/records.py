"""What every parser yields, and the small normalisers they share."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from vocabulary.countries import resolve_country

PERSON = "person"
ORGANIZATION = "organization"
VESSEL = "vessel"
OTHER = "other"


class SanctionsFileError(ValueError):
    """A file that cannot be loaded: says where (line or element) and why."""

    def __init__(self, path: str | Path, location: str, reason: str) -> None:
        self.path = str(path)
        self.location = location
        self.reason = reason
        super().__init__(f"{self.path}, {location}: {reason}")


@dataclass
class ListRecord:
    """One entry of a list, as the list publishes it (names, codes and dates normalised)."""

    external_id: str
    entity_type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    weak_aliases: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO3 codes
    programmes: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)  # "1984-01-08", "1962" or "1953/1954"
    listed_on: date | None = None
    link: str = ""
    # Identifiers the target has on several lists ("ofac:10465": OFAC's uid, shared by its SDN and
    # non-SDN lists and cited by OpenSanctions), which make entries of different lists one target.
    same_as: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)
    location: str = ""  # "line 187", for messages


@dataclass(frozen=True)
class SkippedRecord:
    """A record the file holds but the list does not: counted in the load summary by reason."""

    reason: str
    location: str = ""


class ListParser:
    """Base: ``parser = Parser(path); for item in parser: …``; after iterating, ``parser.published``
    and ``parser.list_name``: which list the file is, read from the file itself (its publisher and
    the list's own name or publish information), so two lists of one publisher never share a name."""

    default_list_name = ""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.published: date | None = None
        self.list_name = self.default_list_name

    def __iter__(self) -> Iterator[ListRecord | SkippedRecord]:
        raise NotImplementedError

    def error(self, location: str, reason: str) -> SanctionsFileError:
        return SanctionsFileError(self.path, location, reason)


def unique(values: Iterable[str | None], *, exclude: Iterable[str] = ()) -> list[str]:
    """Non-empty stripped values, first occurrence kept, without those in ``exclude``."""
    excluded = {v.casefold() for v in exclude}
    seen: dict[str, str] = {}
    for value in values:
        text = " ".join((value or "").split())
        if text and text.casefold() not in excluded:
            seen.setdefault(text.casefold(), text)
    return list(seen.values())


@cache
def country_code(text: str) -> str | None:
    """ISO3 for the ways lists name countries: "Iran (Islamic Republic of)", "Korea, North", "ru"."""
    text = (text or "").strip()
    if not text:
        return None
    if len(text) == 2 and text.isalpha():
        text = text.upper()  # FtM writes ISO2 codes in lower case
    found = resolve_country(text)
    if found is None and "(" in text:
        found = resolve_country(re.sub(r"\s*\(.*?\)\s*", " ", text).strip())
    return found


IMO_NUMBER = re.compile(r"\bIMO\s*:?\s*(\d{7})\b", re.IGNORECASE)


def imo_identifiers(texts: Iterable[str | None]) -> list[str]:
    """ "imo:9187629" for each IMO ship number in the texts ("IMO 9187629", "IMO9187629", "9187629")."""
    found = []
    for text in texts:
        text = (text or "").strip()
        found += IMO_NUMBER.findall(text) or ([text] if re.fullmatch(r"\d{7}", text) else [])
    return unique(f"imo:{number}" for number in found)


def country_codes(texts: Iterable[str | None]) -> list[str]:
    return unique(country_code(t or "") for t in texts)


def parse_date(text: str | None) -> date | None:
    """A full date in the forms lists use: 2003-06-27, 2015-03-27-04:00, 04/06/2018, 08 Jan 1984.

    None for anything else, impossible dates (2023-02-31) included.
    """
    text = (text or "").strip()
    try:
        if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*|[+-]\d{2}:\d{2}|Z)?", text):
            return date(*map(int, match.groups()))
        if match := re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", text):  # OFAC: month/day/year
            month, day, year = map(int, match.groups())
            return date(year, month, day)
        return datetime.strptime(text, "%d %b %Y").date()
    except ValueError:
        return None


def normalise_birth_date(text: str | None) -> str | None:
    """ "08 Jan 1984" → "1984-01-08"; "circa 1960" → "1960"; "01 Jan 1953 to 31 Dec 1954" → "1953/1954"."""
    text = (text or "").strip()
    if not text:
        return None
    parts = re.split(r"\s+to\s+|\s*/\s*", text)
    if len(parts) == 2:
        start, end = (normalise_birth_date(p) for p in parts)
        if start and end:
            return f"{start[:4]}/{end[:4]}" if start[:4] != end[:4] else start[:4]
    if (day := parse_date(text)) is not None:
        return day.isoformat()
    if match := re.fullmatch(r"(?:[A-Za-z]{3} )?(\d{4})", text):  # "1962", "Feb 1961"
        return match.group(1)
    years = re.findall(r"\b(1[89]\d\d|20\d\d)\b", text)
    return "/".join(years[:2]) if years else text


def localname(element: etree._Element) -> str:
    return etree.QName(element).localname


def element_to_dict(element: etree._Element) -> dict[str, Any] | str:
    """An XML record as nested dicts/lists (repeated tags become lists), for the ``raw`` field."""
    children = list(element)
    if not children:
        return (element.text or "").strip()
    result: dict[str, Any] = {}
    for child in children:
        if not isinstance(child.tag, str):
            continue  # comments, processing instructions
        key, value = localname(child), element_to_dict(child)
        if key in result:
            if not isinstance(result[key], list):
                result[key] = [result[key]]
            result[key].append(value)
        else:
            result[key] = value
    return result


def child_text(element: etree._Element, name: str) -> str:
    """Stripped text of the first direct child with this local name ("" when absent)."""
    for child in element:
        if isinstance(child.tag, str) and localname(child) == name:
            return " ".join((child.text or "").split())
    return ""


def descendants(element: etree._Element, *path: str) -> Iterator[etree._Element]:
    """Elements under ``element`` along a path of local names (namespace-agnostic)."""
    if not path:
        yield element
        return
    for child in element:
        if isinstance(child.tag, str) and localname(child) == path[0]:
            yield from descendants(child, *path[1:])


def iterparse_records(
    parser: ListParser, root: str, record_tags: set[str], on_start: dict[str, Any] | None = None
) -> Iterator[etree._Element]:
    """Stream the record elements of a big XML file, freeing each after use.

    Raises SanctionsFileError for a syntax error (with its line) or an unexpected root element.
    """
    on_start = on_start or {}
    seen_root = False
    try:
        context = etree.iterparse(
            str(parser.path), events=("start", "end"), huge_tree=True, resolve_entities=False, no_network=True
        )
        for event, element in context:
            name = localname(element)
            if event == "start":
                if not seen_root and name != root:
                    raise parser.error(f"line {element.sourceline}", f"root element is <{name}>, expected <{root}>")
                seen_root = True
                if name in on_start:
                    on_start[name](element)
                continue
            if name in record_tags:
                yield element
                element.clear(keep_tail=False)
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.XMLSyntaxError as exc:
        raise parser.error(f"line {exc.lineno}", f"not well-formed XML ({exc.msg})") from exc
    except OSError as exc:
        raise parser.error("file", str(exc)) from exc
