"""`manage.py extract [--pending | --article ID… | --all] [--sync]`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from events.models import Event
from tasks.models import ExtractionRun


def extract(*args: str, **kwargs) -> str:
    out = StringIO()
    call_command("extract", *args, stdout=out, stderr=StringIO(), verbosity=0, **kwargs)
    return out.getvalue()


@pytest.mark.django_db
def test_pending_with_sync_extracts_never_extracted_articles_in_this_process(demo_articles):
    out = extract("--pending", "--sync")

    assert out == f"Extracted {len(demo_articles)} article(s), failed 0.\n"
    assert ExtractionRun.objects.filter(state="succeeded").count() == len(demo_articles)
    assert Event.objects.exists()
    assert extract("--pending", "--sync") == "Extracted 0 article(s), failed 0.\n"


@pytest.mark.django_db
def test_article_and_all_queue_re_extraction_in_batches(demo_articles, settings, django_capture_on_commit_callbacks):
    settings.EXTRACTION_BATCH_SIZE = 4
    chosen = [demo_articles[0].pk, demo_articles[1].pk]

    with django_capture_on_commit_callbacks(execute=False):
        one = extract("--article", *map(str, chosen))
        everything = extract("--all")

    assert one == "Queued extraction of 2 article(s) in 1 task(s).\n"
    assert everything == f"Queued extraction of {len(demo_articles)} article(s) in 3 task(s).\n"
    assert ExtractionRun.objects.filter(state="queued").count() == len(demo_articles)
