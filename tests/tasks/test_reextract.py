"""Re-running extraction of the articles behind events."""

import pytest

from tasks.models import ExtractionRun
from tasks.services import reextract_events
from tests.events.factories import ArticleFactory, EventFactory, EvidenceFactory

pytestmark = pytest.mark.django_db


def test_reextract_queues_one_run_per_distinct_article():
    shared = ArticleFactory()
    first, second, without_evidence = EventFactory(), EventFactory(), EventFactory()
    EvidenceFactory(event=first, article=shared)
    EvidenceFactory(event=second, article=shared)
    other = EvidenceFactory(event=second).article

    runs = reextract_events([first, second, without_evidence])

    assert sorted(r.article_id for r in runs) == sorted([shared.pk, other.pk])
    assert set(ExtractionRun.objects.values_list("state", flat=True)) == {ExtractionRun.State.QUEUED}
    assert ExtractionRun.objects.count() == 2
