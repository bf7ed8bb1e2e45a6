"""A reviewer in a real browser: log in, filter candidates by country, approve one, find it under approved."""

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from events.models import Event, Role
from events.reviewers import REVIEWERS_GROUP
from tests.events.factories import EventFactory, EvidenceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long reviewer passphrase"


def test_reviewer_filters_by_country_approves_a_candidate_and_finds_it_approved(live_server, browser_page):
    page = browser_page
    summary = "North Korea → Russia: artillery shells, rockets"  # as events.summaries.build_summary writes it
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
