"""Django-free NLP pipeline: article text in, plain data out (see ARCHITECTURE.md).

Public API: :func:`extract`, :func:`extract_batch`, :func:`clean_text`,
:func:`html_to_text`, :class:`ExtractionError`, :data:`EXTRACTOR_VERSION`,
and the country gazetteer :func:`resolve_country` / :func:`country_records`.
"""

from .api import EXTRACTOR_VERSION, ExtractionError, extract, extract_batch
from .cleaning import clean_text, html_to_text
from .countries import country_records, resolve_country

__version__ = "0.1.0"
__all__ = [
    "EXTRACTOR_VERSION",
    "ExtractionError",
    "clean_text",
    "country_records",
    "extract",
    "extract_batch",
    "html_to_text",
    "resolve_country",
]
