"""Shared settings for Playwright browser tests (Debian's Chromium, never a downloaded browser)."""

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Screenshots of failed browser tests (ignored by git).
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
