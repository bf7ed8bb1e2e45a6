"""Django-free NLP pipeline: article text in, plain data out (see ARCHITECTURE.md).

Public API: :func:`extract`, :func:`extract_batch`, :func:`clean_text`,
:func:`html_to_text`, :class:`ExtractionError`, :data:`EXTRACTOR_VERSION`, :func:`extractor_version`,
and the country gazetteer :func:`resolve_country` / :func:`country_records`
(from :mod:`vocabulary.countries`).

The names are loaded on first use, so importing one light module
(``extraction.cleaning``, ``extraction.language``) does not load spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_HOMES = {
    "EXTRACTOR_VERSION": ".api",
    "ExtractionError": ".api",
    "extract": ".api",
    "extract_batch": ".api",
    "extractor_version": ".api",
    "clean_text": ".cleaning",
    "html_to_text": ".cleaning",
    "country_records": "vocabulary.countries",
    "resolve_country": "vocabulary.countries",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = import_module(home, __name__) if home.startswith(".") else import_module(home)
    return getattr(module, name)
