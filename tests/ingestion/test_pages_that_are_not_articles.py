"""Pages that are not articles (homepages, status, product and about pages) are refused with the reason."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from ingestion.parsing import ParseError, article_from_html

PAGES = Path(__file__).parent / "pages"
NOT_ARTICLES = [
    "newspaper4k__yahoo_main_site",
    "trafilatura__apache",
    "trafilatura__stuttgart.de",
    "trafilatura__mozilla.org.firefox.developer",
    "trafilatura__rs-ingenieure.de.tragwerksplanung",
]
ARTICLES_WITHOUT_MARKUP = [
    "newspaper4k__spanish_article",
    "newspaper4k__ap_meta_refresh",
    "trafilatura__blog.python.org",
]


def page(name: str) -> bytes:
    return gzip.decompress((PAGES / f"{name}.html.gz").read_bytes())


@pytest.mark.parametrize("name", NOT_ARTICLES)
def test_a_saved_page_that_is_not_an_article_is_refused_with_the_reason(name):
    with pytest.raises(ParseError, match="not an article: "):
        article_from_html(page(name))


@pytest.mark.parametrize("name", ARTICLES_WITHOUT_MARKUP)
def test_a_saved_story_without_article_markup_is_still_an_article(name):
    assert len(article_from_html(page(name)).text) > 400


def test_a_portal_homepage_is_refused_as_a_listing_of_teasers():
    with pytest.raises(ParseError, match="teaser headlines"):
        article_from_html(page("newspaper4k__yahoo_main_site"))


def test_a_status_page_is_refused_for_lack_of_a_date_and_article_markup():
    with pytest.raises(ParseError, match="no publication date"):
        article_from_html(page("trafilatura__apache"))
