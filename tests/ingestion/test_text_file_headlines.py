"""Plain-text news files: the first line is the title when it reads like a headline."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from events.models import Article, Evidence
from ingestion.parsing import split_headline

BODY = "PARIS — France said on Monday it would deliver six more howitzers.\n\nThe first arrived last week."


def test_a_short_first_line_without_a_full_stop_is_the_title():
    title, body = split_headline(f"France to send more howitzers to Ukraine\n\n{BODY}")
    assert title == "France to send more howitzers to Ukraine"
    assert body == BODY


def test_leading_blank_lines_and_spaces_are_skipped_before_the_headline():
    title, body = split_headline(f"\n\n  Arms Embargo Extended  \n{BODY}")
    assert (title, body) == ("Arms Embargo Extended", BODY)


@pytest.mark.parametrize(
    "first_line",
    [
        "France said on Monday it would deliver six more howitzers to Ukraine.",
        "France said on Monday it would deliver six more howitzers to Ukraine, officials said,",
        "The following was announced:",
        "the minister said the shipment left port in the morning",
        "Officials in Paris, Berlin and Rome said on Monday that they would discuss the new deliveries "
        "of howitzers, rockets and armoured vehicles at the summit next week in Brussels",
    ],
    ids=["full stop", "comma", "colon", "lower case", "too long"],
)
def test_a_first_line_that_reads_like_a_sentence_is_not_a_title(first_line):
    text = f"{first_line}\n\n{BODY}"
    assert split_headline(text) == ("", text)


def test_a_single_line_text_has_no_title():
    assert split_headline("Russia receives drones from Iran") == ("", "Russia receives drones from Iran")


# Through the real ingest path: the file stored, extracted, and its evidence pointing into the stored text.
STORY = (
    "Officials in Seoul said on Monday that North Korea had shipped artillery shells to Russia by rail.\n\n"
    "The shipments were tracked by satellites over several weeks, the defence ministry said."
)


@pytest.fixture
def ingest_text_file(tmp_path, postgres, django_capture_on_commit_callbacks):
    """`manage.py ingest story.txt` with this content, its extraction run in-process when the ingest
    commits (Celery eager); the stored article."""

    def ingest(content: str) -> Article:
        path = tmp_path / "story.txt"
        path.write_text(content, encoding="utf-8")
        with django_capture_on_commit_callbacks(execute=True):
            call_command("ingest", str(path), stdout=StringIO(), stderr=StringIO(), verbosity=0)
        return Article.objects.get()

    return ingest


def assert_evidence_points_into_the_stored_text(article: Article) -> None:
    evidence = list(Evidence.objects.filter(article=article))
    assert evidence, "the story's transfer was not extracted"
    for item in evidence:
        assert article.text[item.start_char : item.end_char] == item.sentence


def test_a_text_file_starting_with_a_headline_is_stored_with_it_as_title(ingest_text_file):
    article = ingest_text_file(f"North Korea ships shells to Russia by rail\n\n{STORY}\n")

    assert article.title == "North Korea ships shells to Russia by rail"
    assert article.text.startswith("Officials in Seoul said on Monday")
    assert "ships shells to Russia by rail" not in article.text
    assert_evidence_points_into_the_stored_text(article)


def test_a_text_file_starting_with_a_sentence_is_stored_whole_without_a_title(ingest_text_file):
    article = ingest_text_file(f"{STORY}\n")

    assert article.title == ""
    assert article.text.startswith("Officials in Seoul said on Monday that North Korea had shipped")
    assert_evidence_points_into_the_stored_text(article)
