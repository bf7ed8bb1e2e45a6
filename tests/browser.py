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
# The DevTools protocol's modifier bit for Alt.
ALT = 1
# Screenshots of browser tests (ignored by git): of failures, and of the main screens for people to look at.
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def screenshot_if_failed(request, page) -> None:
    """Save the page as test-artifacts/<test name>.png when the test's call failed (see conftest.py)."""
    if getattr(request.node, "failed_call", False):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)


def save_screenshot(page, name: str, *, full_page: bool = False) -> Path:
    """Save what the page shows (its viewport, or all of it) as test-artifacts/<name>.png, for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def press_access_key(page, letter: str) -> None:
    """Alt+letter as a keyboard sends it, with the letter's text: Chromium (Linux, Windows) activates
    an element's accesskey on such a key press. Playwright's keyboard drops the text of a key
    pressed with Alt, so the press goes through the DevTools protocol."""
    session = page.context.new_cdp_session(page)
    try:
        key = {"key": letter, "code": f"Key{letter.upper()}", "windowsVirtualKeyCode": ord(letter.upper())}
        session.send(
            "Input.dispatchKeyEvent",
            {"type": "keyDown", "modifiers": ALT, "text": letter, "unmodifiedText": letter} | key,
        )
        session.send("Input.dispatchKeyEvent", {"type": "keyUp", "modifiers": ALT} | key)
    finally:
        session.detach()
