"""The quickstart's demo in Chromium at 1280x800: the home page, a country profile with its charts and
a demo candidate's review screen show content; screenshots of each go to test-artifacts/ for people."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from events.models import Event
from tests.browser import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

DEMO = Path(__file__).resolve().parents[2] / "demo"
PASSWORD = "a long administrator passphrase"


@pytest.fixture
def demo(postgres) -> None:
    """What bin/quickstart loads: the demo articles extracted, the UN list excerpt, the recorded decisions."""
    call_command("ingest", str(DEMO / "articles.jsonl"), "--publisher", "Demo Desk (written for this project)")
    call_command("load_sanctions", str(DEMO / "un_consolidated_sample.xml"), "--format", "un-xml", verbosity=0)
    call_command("apply_demo_reviews", str(DEMO / "reviews.json"), verbosity=0)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_the_demo_home_page_country_profile_and_review_screen_show_content(live_server, demo, page):
    page.goto(f"{live_server.url}/")
    assert "No approved events yet" not in page.content()
    save_screenshot(page, "home", full_page=True)

    page.goto(f"{live_server.url}/countries/PRK/")
    bars = page.locator("svg.timeline rect.bar")
    assert bars.count() > 0
    box = bars.first.bounding_box()
    assert box is not None and box["height"] > 0
    save_screenshot(page, "country-profile-PRK", full_page=True)

    User.objects.create_superuser("ada", "ada@example.org", PASSWORD)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    left = Event.objects.filter(review_status=Event.ReviewStatus.CANDIDATE).order_by("-created_at", "-pk").first()
    assert left is not None, "the demo leaves candidates to review"
    page.goto(f"{live_server.url}/admin/events/event/{left.pk}/change/")
    assert page.locator(".review-evidence mark.evidence").count() >= 1
    save_screenshot(page, "review-screen-demo")
