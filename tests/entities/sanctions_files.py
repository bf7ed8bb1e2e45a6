"""Paths to the sanctions-list fixtures: our own tiny files, and the real excerpts when present."""

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
# The real, trimmed list excerpts live next to the worktree (../shared); tests using them skip without it.
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "sanctions"
UN_SAMPLE = SHARED / "un_consolidated_sample.xml"
FTM_SAMPLE = SHARED / "opensanctions_sample.ftm.jsonl"
OFAC_CSV_SAMPLE = SHARED / "ofac_sdn_sample.csv"
OFAC_XML_SAMPLE = SHARED / "ofac_consolidated_nonsdn_sample.xml"

needs_shared_samples = pytest.mark.skipif(not SHARED.is_dir(), reason=f"real list excerpts not found at {SHARED}")
