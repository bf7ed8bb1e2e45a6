"""Parsers for published sanctions-list formats: plain data out, no database access.

Each parser is an iterable over :class:`ListRecord` and :class:`SkippedRecord` items and raises
:class:`SanctionsFileError` (with the line or element) on a malformed file. ``PARSERS`` maps the
``--format`` names of ``load_sanctions`` to them.
"""

from .ftm import FtmParser
from .ofac_csv import OfacCsvParser
from .ofac_xml import OfacXmlParser
from .records import ListRecord, SanctionsFileError, SkippedRecord
from .un_xml import UnXmlParser

PARSERS = {
    "un-xml": UnXmlParser,
    "ftm": FtmParser,
    "ofac-csv": OfacCsvParser,
    "ofac-xml": OfacXmlParser,
}

__all__ = [
    "PARSERS",
    "FtmParser",
    "ListRecord",
    "OfacCsvParser",
    "OfacXmlParser",
    "SanctionsFileError",
    "SkippedRecord",
    "UnXmlParser",
]
