"""Real news pages (../shared/data/ingest/html): main text, metadata, non-articles, other languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from events.models import Article
from ingestion.documents import ingest_file
from ingestion.storing import IngestResult
from tasks.models import ExtractionRun

PAGES_WITH_EXPECTED_TEXT = [
    "newspaper4k__yna_co_kr",
    "newspaper4k__wired_001",
    "newspaper4k__article_with_br",
    "newspaper4k__burmese_article",
    "newspaper__businessinsider.com1",
    "newspaper__arabic_article",
]
NON_ENGLISH_PAGES = {
    "newspaper4k__burmese_article": "und",  # langdetect has no Burmese: flagged by script
    "newspaper__arabic_article": "ar",
    "trafilatura__www1.wdr.de-Correctiv-Recherche": "de",
    "trafilatura__energetyka24.com-rosjanie-gaz": "pl",
    "trafilatura__uebermedien.de-Israel": "de",
}


def squash(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').split())


def ingest_page(ingest_data: Path, name: str) -> IngestResult:
    [result] = ingest_file(ingest_data / "html" / f"{name}.html")
    return result


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES_WITH_EXPECTED_TEXT)
def test_main_text_matches_the_text_the_source_project_expects(ingest_data, name):
    result = ingest_page(ingest_data, name)

    assert result.status == IngestResult.CREATED, result.reason
    expected = (ingest_data / "html" / f"{name}.expected.txt").read_text(encoding="utf-8")
    assert fuzz.ratio(squash(result.article.text), squash(expected)) >= 90


@pytest.mark.django_db
def test_main_text_of_a_page_starts_with_goose3s_expected_beginning(ingest_data):
    expected = json.loads((ingest_data / "html" / "goose3__test_foxNews.expected.json").read_text())
    result = ingest_page(ingest_data, "goose3__test_foxNews")

    beginning = squash(expected["expected"]["cleaned_text"])
    assert squash(result.article.text).startswith(beginning[:200])


@pytest.mark.django_db
def test_title_date_and_publisher_come_from_the_page_and_the_raw_html_is_kept(ingest_data):
    result = ingest_page(ingest_data, "newspaper4k__yna_co_kr")

    article = Article.objects.get(pk=result.article.pk)
    assert article.title == "N. Korea slams S. Korea for joint military drill, warns of consequences"
    assert article.published.isoformat() == "2019-08-20"
    assert article.publisher == "Yonhap News Agency"
    assert article.language == "en"
    assert article.source == Article.Source.HTML
    assert article.raw == (ingest_data / "html" / "newspaper4k__yna_co_kr.html").read_text(encoding="utf-8")


@pytest.mark.django_db
def test_boilerplate_of_a_heavy_page_stays_out_of_the_main_text(ingest_data):
    result = ingest_page(ingest_data, "newspaper4k__wired_001")

    assert "Ahmed Azza" in result.article.text
    assert "window.__" not in result.article.text
    assert len(result.article.text) < 20_000  # the page is 900 kB of scripts and state


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["newspaper__cnn_main_site", "trafilatura__scmp.com.playbook"])
def test_a_page_without_an_article_is_refused_with_a_reason(ingest_data, name):
    result = ingest_page(ingest_data, name)

    assert result.status == IngestResult.FAILED
    assert "not an article" in result.reason
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "language"), NON_ENGLISH_PAGES.items())
def test_a_non_english_page_is_stored_and_flagged_but_not_queued_for_extraction(ingest_data, name, language):
    result = ingest_page(ingest_data, name)

    assert result.status == IngestResult.CREATED
    assert result.article.language == language
    assert f"language {language!r}" in result.reason
    assert not result.extractable
    assert not ExtractionRun.objects.exists()


@pytest.mark.django_db
def test_the_same_page_twice_is_stored_once(ingest_data):
    first = ingest_page(ingest_data, "newspaper__businessinsider.com1")
    second = ingest_page(ingest_data, "newspaper__businessinsider.com1")

    assert second.status == IngestResult.DUPLICATE
    assert second.article.pk == first.article.pk
    assert f"already ingested (same content) as article {first.article.pk}" == second.reason
    assert Article.objects.count() == 1
