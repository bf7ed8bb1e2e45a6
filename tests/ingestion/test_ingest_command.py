"""`manage.py ingest`: files, directories, JSON Lines, URLs, feeds; bad inputs reported, the batch goes on."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from events.models import Article
from ingestion.models import Feed
from tasks.models import ExtractionRun
from tests.ingestion.conftest import Route

ARTICLE = (
    "Officials in Seoul said on Monday that North Korea had shipped artillery shells to Russia by rail. "
    "The shipments were tracked by satellites over several weeks, the defence ministry said."
)


def run_ingest(*args: str) -> tuple[str, str, CommandError | None]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *args, stdout=out, stderr=err, verbosity=0)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


@pytest.mark.django_db
def test_bad_inputs_are_each_reported_with_a_reason_and_the_batch_continues(tmp_path, local_server, ingest_data):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "c_latin1.txt").write_bytes("Sanktionen gegen Rußland: Bürger äußern sich.".encode("latin-1"))
    shutil.copy(ingest_data / "html" / "newspaper__cnn_main_site.html", tmp_path / "d_homepage.html")
    (tmp_path / "e_good.txt").write_text(ARTICLE)
    local_server.routes["/not-a-feed"] = Route(200, b"just some words, no XML", {"Content-Type": "text/xml"})

    out, err, error = run_ingest(str(tmp_path), local_server.url("/gone"))
    _, feed_err, feed_error = run_ingest("--feed", local_server.url("/not-a-feed"))

    assert "Ingested 1, duplicates 0, failed 5." in out
    assert f"{tmp_path / 'a_empty.txt'}: empty input" in err
    assert f"{tmp_path / 'b_binary.bin'}: binary data" in err
    assert f"{tmp_path / 'c_latin1.txt'}: not valid UTF-8 text (byte 19" in err
    assert f"{tmp_path / 'd_homepage.html'}: not an article" in err
    assert f"{local_server.url('/gone')}: HTTP 404" in err
    assert str(error) == "5 input(s) failed (reasons above)"
    assert "not a feed" in feed_err and feed_error is not None
    # Stored where there is something to store: the good article, and the failed feed's status.
    assert list(Article.objects.values_list("text", flat=True)) == [ARTICLE]
    feed = Feed.objects.get()
    assert feed.last_status == Feed.PollStatus.FAILED and "not a feed" in feed.last_error


@pytest.mark.django_db
def test_jsonl_lines_become_articles_with_their_fields_and_demo_flag(tmp_path):
    lines = [
        {
            "text": ARTICLE,
            "title": "Shells by rail",
            "url": "https://example.org/a",
            "published": "2024-02-05",
            "publisher": "Example Wire",
            "demo": True,
        },
        {"text": ARTICLE.replace("Monday", "Tuesday"), "title": "Second"},
        "not an object",
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n{broken\n")

    out, err, _ = run_ingest(str(path), "--publisher", "Fallback Desk")

    first, second = Article.objects.order_by("pk")
    assert (first.title, first.url, first.published.isoformat(), first.publisher) == (
        "Shells by rail",
        "https://example.org/a",
        "2024-02-05",
        "Example Wire",
    )
    assert first.is_demo and first.source == Article.Source.DEMO
    assert second.publisher == "Fallback Desk" and not second.is_demo and second.source == Article.Source.JSONL
    assert f'{path} line 3: not a JSON object with a "text" string' in err
    assert f"{path} line 4: not valid JSON" in err
    assert "Ingested 2, duplicates 0, failed 2." in out


@pytest.mark.django_db
def test_ingesting_again_reports_already_ingested_and_changes_nothing(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE)
    run_ingest(str(path))
    before = list(Article.objects.values())
    reformatted = tmp_path / "same-article-reflowed.txt"
    reformatted.write_text(ARTICLE.replace(". ", ".\n\n").upper())

    out, _, error = run_ingest(str(path), str(reformatted))

    assert error is None
    assert "Ingested 0, duplicates 2, failed 0." in out
    assert list(Article.objects.values()) == before


@pytest.mark.django_db
def test_new_english_articles_are_extracted_in_batches_unless_no_extract(
    tmp_path, settings, django_capture_on_commit_callbacks
):
    """Embedded mode (Celery eager): the batches run in-process when the ingest commits."""
    settings.EXTRACTION_BATCH_SIZE = 2
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(ARTICLE.replace("Monday", f"day {n}"))
    (tmp_path / "later.txt").write_text(ARTICLE.replace("Monday", "later"))

    with django_capture_on_commit_callbacks(execute=True):
        run_ingest(str(tmp_path / "0.txt"), str(tmp_path / "1.txt"), str(tmp_path / "2.txt"))
        run_ingest("--no-extract", str(tmp_path / "later.txt"))

    runs = ExtractionRun.objects.all()
    assert {run.state for run in runs} == {ExtractionRun.State.SUCCEEDED}
    assert sorted(Counter(run.task_id for run in runs).values()) == [1, 2]  # one task per batch
    assert runs.count() == 3
    assert not ExtractionRun.objects.filter(article__text__contains="later").exists()


@pytest.mark.django_db
def test_a_url_is_fetched_once_and_its_page_stored_with_the_url(local_server, ingest_data):
    page = (ingest_data / "html" / "newspaper4k__yna_co_kr.html").read_bytes()
    local_server.routes["/news/1"] = Route(200, page, {"Content-Type": "text/html; charset=utf-8"})

    out, _, _ = run_ingest(local_server.url("/news/1"))
    again, _, _ = run_ingest(local_server.url("/news/1"))

    article = Article.objects.get()
    assert article.url == local_server.url("/news/1") and article.source == Article.Source.URL
    assert article.text.startswith("SEOUL, Aug. 20 (Yonhap)")
    assert "Ingested 1," in out and "duplicates 1" in again
    assert len(local_server.requests) == 1  # the known URL was not fetched again
