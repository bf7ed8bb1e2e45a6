"""A reviewer in a real browser opens a pending sanctions match, compares the records and confirms it."""

import pytest
from django.contrib.auth.models import Permission, User
from playwright.sync_api import expect

from entities.models import SanctionsMatch
from entities.selectors import sanctions_for_people
from tests.entities.factories import PersonFactory, SanctionsEntryFactory, country

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long reviewer passphrase"


def test_reviewer_confirms_a_pending_match_after_comparing_both_records(live_server, browser_page):
    page = browser_page  # screenshot in test-artifacts/ on failure
    reviewer = User.objects.create_user("rita", password=PASSWORD, is_staff=True)
    reviewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_sanctionsmatch", "change_sanctionsmatch"])
    )
    person = PersonFactory(name="Kim Jung Un", nationality=country("PRK"))
    entry = SanctionsEntryFactory(list_name="OFAC SDN", external_id="20157", name="KIM, Jong Un", programmes=["DPRK3"])
    match = SanctionsMatch.objects.create(person=person, entry=entry, score=0.88)

    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "rita")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.get_by_role("link", name="Sanctions matches").click()
    page.click("#changelist-filter >> text=pending review")
    page.locator("#result_list tbody tr", has_text="Kim Jung Un").locator("a").first.click()

    side_by_side = page.locator("table.sanctions-side-by-side")
    expect(side_by_side).to_contain_text("Kim Jung Un")
    expect(side_by_side).to_contain_text("KIM, Jong Un")
    expect(side_by_side).to_contain_text("DPRK3")
    page.click("input[name=_confirm]")
    expect(page.locator(".messagelist")).to_contain_text("confirmed by a reviewer")
    expect(page.locator("#result_list tbody tr")).to_have_count(0)  # back in the pending queue, now empty

    match.refresh_from_db()
    assert (match.state, match.reviewed_by) == (SanctionsMatch.State.CONFIRMED, reviewer)
    assert set(sanctions_for_people([person.pk])) == {person.pk}
