"""Text from articles and extraction is escaped on every page: no injected script runs."""

import pytest
from django.test import Client

from tests.search_fixtures import XSS

pytestmark = pytest.mark.django_db

ESCAPED = "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;"


@pytest.mark.parametrize(
    "path",
    ["/", "/events/", "/events/?country=PRK", "/events/{shells}/", "/countries/PRK/", "/countries/RUS/"],
)
def test_script_in_article_and_summary_is_escaped(search_data, path):
    html = Client().get(path.format(shells=search_data.shells.pk)).content.decode()
    assert XSS not in html
    assert ESCAPED in html  # the text is shown, as text


def test_script_in_search_input_is_escaped(search_data):
    html = Client().get("/events/", {"q": XSS, "country": XSS}).content.decode()
    assert XSS not in html
    assert ESCAPED in html


def test_javascript_source_links_are_not_rendered_as_links(search_data):
    article = search_data.shells.evidence.get().article
    article.url = "javascript:alert(1)"
    article.save()
    html = Client().get(f"/events/{search_data.shells.pk}/").content.decode()
    assert 'href="javascript:' not in html
