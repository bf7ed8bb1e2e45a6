"""Shared fixtures: the full pipeline is loaded once per test session."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from extraction import extract
from extraction.pipeline import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def rules_nlp() -> Language:
    """Blank English with the dictionary components only: no model needed."""
    blank = spacy.blank("en")
    blank.add_pipe("country_gazetteer")
    blank.add_pipe("title_marker")
    return blank


@pytest.fixture(scope="session")
def events_of(nlp):
    """Events of one text, each reduced to (type, {role: sorted codes}, status)."""

    def run(text: str, published: str | None = "2024-03-14") -> list[tuple[str, dict, str]]:
        events = extract(text, published)["events"]
        return [(e["type"], {r: sorted(c) for r, c in e["roles"].items()}, e["status"]) for e in events]

    return run


@pytest.fixture(scope="session")
def analyse(nlp):
    """The whole contract dict of one text."""

    def run(text: str, published: str | None = "2024-03-14", title: str | None = None) -> dict:
        return extract(text, published, title)

    return run
