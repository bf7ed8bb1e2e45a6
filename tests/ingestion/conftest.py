"""Fixtures for ingestion: the shared real pages and feeds (the loopback server is in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_INGEST = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "ingest"


@pytest.fixture(scope="session")
def ingest_data() -> Path:
    """../shared/data/ingest (real third-party pages and feeds); tests skip when it is absent."""
    if not SHARED_INGEST.is_dir():
        pytest.skip("../shared/data/ingest is not present")
    return SHARED_INGEST.resolve()
