"""Real RSS 2.0 / Atom / RSS 1.0 feeds (../shared/data/ingest/feeds): each entry stored once."""

from __future__ import annotations

import pytest

from events.models import Article
from ingestion.sources import ingest_source
from ingestion.storing import IngestResult

ENTRY_COUNTS = {
    "rss-parser__guardian.rss": 55,
    "node-feedparser__tpm.atom": 20,
    "feedreader__Rss10OrfAt.xml": 50,
    "node-feedparser__iconv.xml": 10,
    "feedreader__Rss20Reuters.xml": 10,
    "rss-parser__uolNoticias.rss": 15,
}


@pytest.fixture(autouse=True)
def entries_only(settings):
    """Store the entries' own content: tests never fetch the linked pages from the internet."""
    settings.INGEST_FEED_FETCH_PAGES = False


def ingest_feed_file(ingest_data, name: str) -> list[IngestResult]:
    return list(ingest_source(str(ingest_data / "feeds" / name), feed=True))


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "entries"), ENTRY_COUNTS.items())
def test_every_feed_entry_is_stored_once_and_a_second_read_stores_nothing(ingest_data, name, entries):
    first = ingest_feed_file(ingest_data, name)
    second = ingest_feed_file(ingest_data, name)

    assert [r.status for r in first] == [IngestResult.CREATED] * entries, [r.reason for r in first if r.failed]
    assert [r.status for r in second] == [IngestResult.DUPLICATE] * entries
    assert Article.objects.filter(source=Article.Source.FEED).count() == entries
    assert all(a.url.startswith("http") for a in Article.objects.all())


@pytest.mark.django_db
def test_relative_atom_links_are_resolved_against_the_feeds_site(ingest_data):
    ingest_feed_file(ingest_data, "node-feedparser__tpm.atom")

    urls = list(Article.objects.values_list("url", flat=True))
    assert (
        "http://talkingpointsmemo.com/livewire/hannity-announces-fox-hired-sebastian-gorka-national-security-strategist"
        in urls
    )


@pytest.mark.django_db
def test_a_windows_1251_feed_is_decoded_into_russian_text(ingest_data):
    ingest_feed_file(ingest_data, "node-feedparser__iconv.xml")

    article = Article.objects.get(url="http://www.oren.ru/news/2743422/")
    assert article.title.startswith("В Бузулуке главные стройплощадки")  # noqa: RUF001
    assert article.language == "ru"
    assert article.publisher == "Новости Оренбурга и области / Раздел Новости"


@pytest.mark.django_db
def test_feedburner_entries_keep_the_publishers_link_and_escaped_html_becomes_text(ingest_data):
    ingest_feed_file(ingest_data, "feedreader__Rss20Reuters.xml")

    article = Article.objects.get(title__startswith="Iraq says deal reached")
    assert "feeds.reuters.com" not in article.url
    assert article.text.startswith("BAGHDAD (Reuters) - Iraq's Prime Minister Haider al-Abadi")
    assert "<" not in article.text and "feedflare" not in article.text
    assert article.published.isoformat() == "2017-01-07"


@pytest.mark.django_db
def test_the_malformed_undeclared_latin_1_feed_is_read_with_its_portuguese_dates(ingest_data):
    results = ingest_feed_file(ingest_data, "rss-parser__uolNoticias.rss")

    assert len(results) == 15
    article = Article.objects.get(title__startswith="Ibope: Bolsonaro perde de Haddad")
    assert "Líder na pesquisa Ibope" in article.text
    assert article.published.isoformat() == "2018-09-24"
    assert article.language == "pt"


@pytest.mark.django_db
def test_entries_without_a_body_are_kept_as_their_headline(ingest_data):
    ingest_feed_file(ingest_data, "feedreader__Rss10OrfAt.xml")

    article = Article.objects.get(url="http://orf.at/stories/2376368/")
    assert article.text.startswith("US-Band New Edition mit Stern auf")
    assert article.title.startswith("US-Band New Edition mit Stern auf")
    assert article.published.isoformat() == "2017-01-23"
