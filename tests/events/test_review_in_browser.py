"""A reviewer in a real browser: log in, filter candidates by country, approve one, find it under approved."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.db import connections
from playwright.sync_api import expect

from events.factories import EventFactory, EvidenceFactory
from events.models import Event, Role
from events.services import REVIEWERS_GROUP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "a long reviewer passphrase"


@pytest.fixture
def page(request, monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's ORM calls are still synchronous.
    # Set for this test only: it must not leak into other tests (manage.py check --deploy flags it).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            # ORM calls made while Playwright runs its loop get their own connection: close it, or
            # PostgreSQL refuses to drop the test database at the end of the session.
            connections.close_all()
            if getattr(request.node, "failed_call", False):  # set by the hook in conftest.py
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
            browser.close()


def test_reviewer_filters_by_country_approves_a_candidate_and_finds_it_approved(live_server, page):
    summary = "North Korea → Russian Federation: artillery shells, rockets"  # as services.build_summary writes it
    reviewer = User.objects.create_user("rita", password=PASSWORD, is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    korean = EvidenceFactory(
        event=EventFactory(
            participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]},
            items=["artillery shells", "rockets"],
        )
    ).event
    EvidenceFactory(
        event=EventFactory(
            participants={Role.SUPPLIER: ["IRN"], Role.RECIPIENT: ["RUS"]}, summary="Iran → Russia: drones"
        )
    )

    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "rita")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.get_by_role("link", name="Events", exact=True).click()

    page.fill("#filter-country", "North Korea")
    page.locator("#filter-country").press("Enter")
    page.wait_for_url("**country=North+Korea**")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    rows.first.locator("a", has_text="North Korea →").click()

    page.click("input[name=_approve]")
    page.wait_for_selector("text=is now approved")
    page.goto(f"{live_server.url}/admin/events/event/")
    page.click("#changelist-filter >> text=approved")
    expect(page.locator("#result_list tbody tr", has_text=summary)).to_have_count(1)

    korean.refresh_from_db()
    assert korean.review_status == Event.ReviewStatus.APPROVED
    assert korean.reviewed_by == reviewer
