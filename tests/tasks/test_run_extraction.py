"""run_extraction in-process: stored candidates, run bookkeeping, bad input, claims and idempotency."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

import extraction
from events.models import Event, Evidence, Participant
from tasks.models import ExtractionRun
from tasks.services import request_extraction, run_extraction
from tests.events.factories import ArticleFactory


def row_counts() -> tuple[int, int, int]:
    return Event.objects.count(), Participant.objects.count(), Evidence.objects.count()


@pytest.mark.django_db
def test_extraction_stores_candidates_with_evidence_and_records_the_run(demo_articles):
    ids = [a.pk for a in demo_articles]
    request_extraction(ids)

    finished = run_extraction(ids, task_id="task-1")

    assert len(finished) == len(ids)
    runs = ExtractionRun.objects.all()
    assert {r.state for r in runs} == {ExtractionRun.State.SUCCEEDED}
    assert {r.extractor_version for r in runs} == {extraction.EXTRACTOR_VERSION}
    assert all(r.finished_at >= r.started_at and r.attempts == 1 and r.task_id == "task-1" for r in runs)
    assert sum(r.events_created for r in runs) == Event.objects.count() > 0
    assert sum(r.events_found for r in runs) == sum(r.events_created + r.events_corroborated for r in runs)
    for evidence in Evidence.objects.select_related("article"):
        assert evidence.article.text[evidence.start_char : evidence.end_char] == evidence.sentence
    assert set(Event.objects.values_list("review_status", flat=True)) == {Event.ReviewStatus.CANDIDATE}
    assert all(e.source_count == e.evidence.values("article").distinct().count() for e in Event.objects.all())


@pytest.mark.django_db
def test_bad_input_ends_as_a_failed_run_with_its_reason_and_the_article_kept():
    german = (
        "Die Bundesregierung hat am Dienstag neue Sanktionen gegen Russland beschlossen, hieß es aus Berlin. "
        "Die Maßnahmen richten sich gegen Unternehmen, die Waffen und Munition an die russische Armee liefern. "
        "Nach Angaben des Ministeriums sollen die Regeln noch in dieser Woche in Kraft treten."
    )
    article = ArticleFactory(text=german, language="en")  # mislabelled: the pipeline still refuses it
    request_extraction([article.pk])

    run_extraction([article.pk])

    run = ExtractionRun.objects.get()
    assert run.state == ExtractionRun.State.FAILED
    assert "not English" in run.error
    assert run.finished_at is not None
    assert ArticleFactory._meta.model.objects.filter(pk=article.pk).exists()


@pytest.mark.django_db
def test_extracting_again_without_a_new_request_does_nothing_and_a_new_request_gives_the_same_rows(demo_articles):
    ids = [a.pk for a in demo_articles]
    request_extraction(ids)
    run_extraction(ids)
    once = row_counts()

    assert run_extraction(ids) == []  # a duplicate message: no active runs left
    request_extraction(ids)
    run_extraction(ids)

    assert row_counts() == once
    assert ExtractionRun.objects.filter(state=ExtractionRun.State.SUCCEEDED).count() == 2 * len(ids)


@pytest.mark.django_db
def test_a_run_another_worker_is_on_is_left_alone_but_a_stuck_one_is_taken_over(demo_articles, settings):
    busy, stuck = demo_articles[:2]
    now = timezone.now()
    ExtractionRun.objects.create(article=busy, state="running", started_at=now, task_id="other", attempts=1)
    ExtractionRun.objects.create(
        article=stuck,
        state="running",
        started_at=now - datetime.timedelta(seconds=settings.EXTRACTION_STUCK_AFTER_SECONDS + 1),
        task_id="dead",
        attempts=1,
    )

    finished = run_extraction([busy.pk, stuck.pk], task_id="me")

    assert [run.article_id for run in finished] == [stuck.pk]
    taken_over = ExtractionRun.objects.get(article=stuck)
    assert (taken_over.state, taken_over.attempts, taken_over.task_id) == ("succeeded", 2, "me")
    assert ExtractionRun.objects.get(article=busy).state == "running"


@pytest.mark.django_db
def test_a_redelivered_message_takes_over_its_own_unfinished_run(demo_articles):
    article = demo_articles[0]
    ExtractionRun.objects.create(article=article, state="running", started_at=timezone.now(), task_id="t1", attempts=1)

    finished = run_extraction([article.pk], task_id="t1")

    assert [run.attempts for run in finished] == [2]
    assert ExtractionRun.objects.get().state == ExtractionRun.State.SUCCEEDED


@pytest.mark.django_db
def test_a_worker_whose_run_was_taken_over_meanwhile_stores_nothing(demo_articles):
    from tasks.services import _claim, _finish

    article = demo_articles[0]
    request_extraction([article.pk])
    [mine] = _claim([article.pk], "slow-worker", timezone.now())
    ExtractionRun.objects.filter(pk=mine.pk).update(attempts=mine.attempts + 1, task_id="new-worker")
    result = extraction.extract(article.text, published=article.published.isoformat())
    assert result["events"]  # there is something that must not be stored

    assert _finish([(mine, result)], extraction.EXTRACTOR_VERSION) == []
    assert row_counts() == (0, 0, 0)
    assert ExtractionRun.objects.get().task_id == "new-worker"


@pytest.mark.django_db
def test_a_result_the_database_refuses_fails_only_its_own_run_in_the_batch(postgres, demo_articles):
    from tasks.services import _claim, _finish

    ids = [a.pk for a in demo_articles[:3]]
    request_extraction(ids)
    runs = _claim(ids, "worker", timezone.now())
    results = [extraction.extract(run.article.text, published=run.article.published.isoformat()) for run in runs]
    results[1]["officials"] = [{"name": "x" * 400, "country": "USA", "title": "spokesman"}]  # over Person.name's 300

    finished = _finish(list(zip(runs, results, strict=True)), extraction.EXTRACTOR_VERSION)

    assert len(finished) == 3
    states = dict(ExtractionRun.objects.values_list("article_id", "state"))
    assert states == {ids[0]: "succeeded", ids[1]: "failed", ids[2]: "succeeded"}
    assert "storing the result failed" in ExtractionRun.objects.get(article_id=ids[1]).error
    assert not Evidence.objects.filter(article_id=ids[1]).exists()
    assert Evidence.objects.filter(article_id=ids[0]).exists() and Evidence.objects.filter(article_id=ids[2]).exists()
