"""Queueing extraction runs for articles."""

import pytest

from events.factories import ArticleFactory
from tasks.models import ExtractionRun
from tasks.services import enqueue_extraction

pytestmark = pytest.mark.django_db


def test_enqueue_creates_one_queued_run_per_distinct_article():
    first, second = ArticleFactory(), ArticleFactory()
    runs = enqueue_extraction([first.pk, second.pk, first.pk])
    assert [r.article_id for r in runs] == [first.pk, second.pk]
    assert all(r.pk and r.state == ExtractionRun.State.QUEUED for r in runs)
    assert ExtractionRun.objects.filter(article=first).count() == 1
