"""In a real browser: search "North Korea", open the profile, see the chart, download CSV; axe finds no violations."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser import ARTIFACTS, screenshot_if_failed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"  # axe-core 4.14.1 from the npm registry (MPL-2.0)


@pytest.fixture
def page(browser, request):
    context = browser.new_context(bypass_csp=True)  # lets the test inject axe; the app sets CSP
    page = context.new_page()
    yield page
    screenshot_if_failed(request, page)
    context.close()


def accessibility_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} nodes" for v in violations]


def test_search_profile_chart_and_csv_download(live_server, search_data, page):
    page.goto(f"{live_server.url}/")
    assert accessibility_violations(page) == []
    page.get_by_label("Country").fill("North Korea")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/events/?*")
    assert page.get_by_role("link", name=search_data.sanctions.summary).is_visible()
    assert accessibility_violations(page) == []

    page.get_by_role("link", name="North Korea — profile and charts").click()
    page.wait_for_url("**/countries/PRK/")
    bars = page.locator("svg.timeline rect.bar")
    assert bars.count() == 2
    box = bars.first.bounding_box()
    assert box is not None and box["height"] > 0 and box["width"] > 0
    assert page.locator("svg.flows path.flow").count() == 1
    assert accessibility_violations(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text())))
    assert {int(row["id"]) for row in rows} == {
        search_data.shells.pk,
        search_data.sanctions.pk,
        search_data.violation.pk,
    }


def test_pages_fit_a_phone_screen_and_pass_axe(live_server, search_data, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, bypass_csp=True)
    phone = context.new_page()
    try:
        for path in ["/", "/events/?country=PRK", f"/events/{search_data.shells.pk}/", "/countries/PRK/"]:
            phone.goto(f"{live_server.url}{path}")
            overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
            assert accessibility_violations(phone) == [], path
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        phone.screenshot(path=ARTIFACTS / "phone-failure.png", full_page=True)
        raise
    finally:
        context.close()


def test_api_docs_render_under_the_content_security_policy(live_server, browser):
    context = browser.new_context()  # CSP enforced
    docs = context.new_page()
    errors: list[str] = []
    docs.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        docs.goto(f"{live_server.url}/api/docs/")
        docs.locator(".swagger-ui .info .title").wait_for(timeout=15_000)
        assert "Sanctions Event Database API" in docs.locator(".swagger-ui .info .title").inner_text()
        assert not [e for e in errors if "Content Security Policy" in e]
    finally:
        context.close()
