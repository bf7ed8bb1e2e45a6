"""Read-only access to the pattern data files under ``data/`` (loaded once per process)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"


@cache
def load_data(name: str) -> dict[str, Any]:
    """Parsed ``data/<name>.json``; keys starting with "_" are comments."""
    data = json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if not key.startswith("_")}


@cache
def word_set(name: str, key: str) -> frozenset[str]:
    """One list of a data file as a lower-cased set, for membership tests."""
    return frozenset(word.lower() for word in load_data(name)[key])
