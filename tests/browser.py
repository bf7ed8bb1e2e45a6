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


def screenshot_if_failed(request, page) -> None:
    """Save the page as test-artifacts/<test name>.png when the test's call failed (see conftest.py)."""
    if getattr(request.node, "failed_call", False):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
