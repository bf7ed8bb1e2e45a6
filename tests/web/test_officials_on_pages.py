"""Officials on the public pages: the event page says who speaks about or denies the event and quotes them,
lists mark denials, profiles list the officials of the country they serve, and the person search finds them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.entities.factories import PositionFactory
from tests.events.factories import ArticleFactory
from tests.events.officials_fixtures import ASSERTION, DENIAL

pytestmark = pytest.mark.django_db


def page(url: str, **params) -> str:
    response = Client().get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_event_page_shows_each_official_with_their_part_and_sentence(event_with_officials):
    html = page(reverse("web:event-detail", args=[event_with_officials.event.pk]))

    assert "Pavel Orlov</a>, Russia" in html and "(source, denies)" in html
    assert "Jane Holloway</a>, United States" in html and "(source, asserts)" in html
    assert escape(DENIAL) in html and escape(ASSERTION) in html


def test_the_event_page_does_not_quote_an_official_from_evidence_not_yet_accepted(event_with_officials):
    denial = event_with_officials.envoy.evidence
    denial.review_state = denial.ReviewState.PENDING
    denial.save()

    html = page(reverse("web:event-detail", args=[event_with_officials.event.pk]))

    assert "Pavel Orlov" in html and escape(DENIAL) not in html


def test_event_lists_mark_the_officials_who_deny(event_with_officials):
    html = page(reverse("web:event-list"))
    assert "Pavel Orlov (denies)" in html and "Jane Holloway (denies)" not in html


@pytest.mark.usefixtures("fresh_cache")
def test_a_country_profile_lists_the_officials_who_serve_it(event_with_officials):
    assert "Jane Holloway" in page(reverse("web:country-detail", args=["USA"]))
    russia = page(reverse("web:country-detail", args=["RUS"]))
    assert "Pavel Orlov" in russia and "Jane Holloway" not in russia


def test_the_person_search_finds_the_events_of_an_official(event_with_officials):
    found = page(reverse("web:event-list"), person="Orlov")
    assert reverse("web:event-detail", args=[event_with_officials.event.pk]) in found
    assert reverse("web:event-detail", args=[event_with_officials.event.pk]) not in page(
        reverse("web:event-list"), person="Nobody Known"
    )


def test_the_event_page_gives_an_officials_public_titles_only(event_with_officials):
    envoy = event_with_officials.envoy.person
    PositionFactory(person=envoy, title="envoy to the United Nations", source_article=None)  # entered by hand
    unreviewed = ArticleFactory(text="An unreviewed story calls Pavel Orlov the deputy foreign minister.")
    PositionFactory(person=envoy, title="deputy foreign minister", source_article=unreviewed)

    html = page(reverse("web:event-detail", args=[event_with_officials.event.pk]))

    assert "Pavel Orlov</a> (envoy to the United Nations), Russia" in html
    assert "deputy foreign minister" not in html
