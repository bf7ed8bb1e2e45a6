"""Public pages: search by country in plain words, event detail, country profile, login setting."""

import pytest
from django.core.cache import cache
from django.test import Client

from entities.models import Person
from events.models import Event
from events.review import reject_events
from tests.events.factories import ArticleFactory
from tests.events.storing import store_one
from tests.events.test_storing_extraction_results import TEXT, VERSION, result, transfer

pytestmark = pytest.mark.django_db


def page(path: str, client: Client | None = None, **params) -> str:
    response = (client or Client()).get(path, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_home_page_offers_the_search_form_and_recent_approved_events(search_data):
    html = page("/")
    assert 'name="country"' in html
    assert "Iran → Russia: Shahed drones" in html
    assert "Candidate:" not in html


def test_event_list_finds_events_by_country_in_plain_words(search_data):
    html = page("/events/", country="North Korean", role="supplier")
    assert f'href="/events/{search_data.shells.pk}/"' in html
    assert f'href="/events/{search_data.drones.pk}/"' not in html
    assert f'href="/events/{search_data.sanctions.pk}/"' not in html
    assert 'href="/countries/PRK/"' in html


def test_event_list_never_shows_unreviewed_events_to_visitors(search_data, unseen):
    html = page("/events/", country="PRK", status="any")
    assert not any(f'href="/events/{pk}/"' in html for pk in unseen)


def test_event_list_pages_with_cursor_links(search_data):
    html = page("/events/", page_size="1")
    assert 'rel="next"' in html and "cursor=" in html


def test_a_tampered_cursor_is_a_404_not_an_error(search_data):
    assert Client().get("/events/", {"cursor": "bz1hYmM="}).status_code == 404


def test_unknown_country_on_the_page_is_a_400_with_the_message(search_data):
    response = Client().get("/events/", {"country": "Narnia"})
    assert response.status_code == 400
    assert "unknown country &quot;Narnia&quot;" in response.content.decode()


def test_event_page_shows_participants_evidence_and_sources(search_data):
    html = page(f"/events/{search_data.shells.pk}/")
    assert "Tumangang" in html
    assert 'href="https://news.example.org/shells"' in html
    assert 'href="/countries/RUS/"' in html


@pytest.mark.parametrize("which", ["candidate", "rejected", "merged"])
def test_unreviewed_event_page_is_404_for_visitors_but_open_to_staff(search_data, staff_user, which):
    path = f"/events/{getattr(search_data, which).pk}/"
    assert Client().get(path).status_code == 404
    staff = Client()
    staff.force_login(staff_user)
    assert staff.get(path).status_code == 200


def test_country_profile_has_counts_charts_flows_officials_and_sanctions(search_data):
    html = page("/countries/PRK/")
    assert "3 approved events (1 undated)" in html
    assert html.count('class="bar"') == 2  # Mar 2024 arms transfer, Jun 2024 sanctions imposition
    assert 'class="flow"' in html and "receives from North Korea" in html
    assert "Kim Yo Jong" in html and "deputy department director" in html
    assert "United States sanctions North Korean officials" in html
    assert "Syria" not in html  # only in unreviewed events


@pytest.mark.parametrize("path", ["/countries/prk/", "/countries/North%20Korea/", "/countries/KP/"])
def test_country_profile_redirects_names_and_codes_to_the_iso3_address(search_data, path):
    response = Client().get(path)
    assert response.status_code == 302 and response["Location"] == "/countries/PRK/"


def test_unknown_country_profile_is_404():
    assert Client().get("/countries/Narnia/").status_code == 404


def test_required_login_sends_visitors_to_the_login_page(search_data, settings, staff_user):
    settings.REQUIRE_LOGIN = True
    for path in ["/", "/events/", f"/events/{search_data.shells.pk}/", "/countries/PRK/"]:
        response = Client().get(path)
        assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    member = Client()
    member.force_login(staff_user)
    assert member.get("/countries/PRK/").status_code == 200


def test_readers_log_in_with_the_site_login_page(search_data, settings):
    from django.contrib.auth import get_user_model

    settings.REQUIRE_LOGIN = True
    get_user_model().objects.create_user("reader", password="a long test password")
    client = Client()
    assert client.get("/login/").status_code == 200
    response = client.post("/login/?next=/countries/PRK/", {"username": "reader", "password": "a long test password"})
    assert response.status_code == 302 and response["Location"] == "/countries/PRK/"
    assert client.get("/countries/PRK/").status_code == 200


def test_logging_in_without_next_lands_on_the_home_page(search_data):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("reader", password="a long test password")
    response = Client().post("/login/", {"username": "reader", "password": "a long test password"})
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/"])
def test_required_login_closes_the_api_schema_and_docs(settings, staff_user, path):
    settings.REQUIRE_LOGIN = True
    assert Client().get(path).status_code in (401, 403)
    member = Client()
    member.force_login(staff_user)
    assert member.get(path).status_code == 200


def test_country_profile_shows_a_rejection_at_once(search_data, staff_user):
    assert "3 approved events" in page("/countries/PRK/")
    reject_events([search_data.violation], by=staff_user, reason="duplicate report")
    assert "2 approved events" in page("/countries/PRK/")


def test_country_profile_is_cached_when_a_cache_time_is_set(search_data, staff_user, settings):
    from django.core.cache import cache

    settings.COUNTRY_PROFILE_CACHE_SECONDS = 60
    assert "3 approved events" in page("/countries/PRK/")
    reject_events([search_data.violation], by=staff_user, reason="duplicate report")
    assert "3 approved events" in page("/countries/PRK/")  # cached
    assert f'href="/events/{search_data.violation.pk}/"' not in page("/events/", country="PRK")  # searches are live
    cache.clear()  # as when COUNTRY_PROFILE_CACHE_SECONDS pass
    assert "2 approved events" in page("/countries/PRK/")


def test_a_title_learned_from_an_unreviewed_article_shows_only_once_its_event_is_approved(search_data):
    kim = {"name": "Kim Yo Jong", "country": "PRK", "title": "Supreme Zebra Commander"}
    article = ArticleFactory(text=TEXT)
    store_one(article, result(transfer(), officials=[kim]), extractor_version=VERSION)
    assert Person.objects.get(name="Kim Yo Jong").positions.filter(title="Supreme Zebra Commander").exists()

    assert "Supreme Zebra Commander" not in page("/countries/PRK/")
    assert "Supreme Zebra Commander" not in page("/api/countries/PRK/")

    Event.objects.filter(evidence__article=article).update(review_status=Event.ReviewStatus.APPROVED)
    cache.clear()
    assert "Supreme Zebra Commander" in page("/countries/PRK/")
