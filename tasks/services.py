"""Extraction runs: requesting, claiming (exactly one worker per article), running, sweeping.

The database is the source of truth. An article's extraction is wanted while it has an
active run (queued or running; at most one, a database constraint). A Celery message
only says "look at these articles": a worker claims each article's active run under a
row lock, so a duplicate or redelivered message finds nothing to do, and a run taken
over from a dead worker is fenced by its attempt number.
"""

from __future__ import annotations

import datetime
import logging
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from events.models import Article
from events.services import store_extraction_result

from . import selectors
from .models import ExtractionRun

logger = logging.getLogger(__name__)

ACTIVE_STATES = (ExtractionRun.State.QUEUED, ExtractionRun.State.RUNNING)
# A run whose worker was lost this many times is given up (a text that kills workers).
MAX_ATTEMPTS = 3


def _extraction():
    """The extraction package, set to the configured spaCy model (it reads SPACY_MODEL from the environment)."""
    os.environ["SPACY_MODEL"] = settings.SPACY_MODEL
    import extraction

    return extraction


def warm_up_pipeline() -> None:
    """Load the spaCy pipeline now (a worker's start) rather than inside the first batch."""
    list(_extraction().extract_batch([{"id": 0, "text": "North Korea shipped artillery shells to Russia."}]))


def batches(ids: list[int], size: int | None = None) -> Iterator[list[int]]:
    size = size or settings.EXTRACTION_BATCH_SIZE
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def request_extraction(article_ids: Iterable[int]) -> list[ExtractionRun]:
    """One active run per article: a new queued run, or the queued/running one it already has."""
    ids = list(dict.fromkeys(article_ids))
    ExtractionRun.objects.bulk_create(
        [ExtractionRun(article_id=pk, state=ExtractionRun.State.QUEUED) for pk in ids], ignore_conflicts=True
    )
    runs = {run.article_id: run for run in ExtractionRun.objects.filter(article_id__in=ids, state__in=ACTIVE_STATES)}
    return [runs[pk] for pk in ids if pk in runs]


def dispatch(article_ids: list[int]) -> int:
    """Send the extraction messages, batched; returns the number of messages."""
    from .tasks import extract_articles

    sent = 0
    for batch in batches(article_ids):
        extract_articles.delay(batch)
        sent += 1
    return sent


def enqueue_extraction(article_ids: Iterable[int]) -> list[ExtractionRun]:
    """Queue extraction of the articles; the Celery messages go out when the transaction commits.

    A lost message (broker down at commit, Redis restarted) leaves the run queued in the
    database, where the sweep finds and re-sends it.
    """
    with transaction.atomic():
        runs = request_extraction(article_ids)
        ids = [run.article_id for run in runs]
        transaction.on_commit(lambda: dispatch(ids))
    return runs


def _claim(article_ids: list[int], task_id: str, stuck_before: datetime.datetime) -> list[ExtractionRun]:
    """Mark the articles' active runs as ours (one transaction for the batch); skip those not ours to take."""
    with transaction.atomic():
        _commit_without_waiting_for_disk()  # a lost claim leaves the run queued: the sweep resends it
        runs = list(
            ExtractionRun.objects.select_for_update()
            .filter(article_id__in=article_ids, state__in=ACTIVE_STATES)
            .select_related("article")
            .order_by("article_id")
        )
        # No active run: already extracted (a duplicate or redelivered message).
        # Running: another worker's, unless it is our own message coming back (a retry, or a
        # redelivery after our worker died) or the run's worker is long gone.
        claimed = [
            run
            for run in runs
            if run.state == ExtractionRun.State.QUEUED
            or run.task_id == task_id
            or (run.started_at is not None and run.started_at < stuck_before)
        ]
        now = timezone.now()
        for run in claimed:
            run.state, run.started_at, run.finished_at, run.task_id = ExtractionRun.State.RUNNING, now, None, task_id
            run.attempts += 1
        ExtractionRun.objects.bulk_update(claimed, ["state", "started_at", "finished_at", "attempts", "task_id"])
    order = {pk: index for index, pk in enumerate(article_ids)}
    return sorted(claimed, key=lambda run: order[run.article_id])


def _commit_without_waiting_for_disk() -> None:
    """PostgreSQL: this transaction's commit does not wait for the WAL flush (a few ms each).

    Safe here: a database crash can only lose the last fraction of a second of
    commits, and a lost commit takes the run's state with it (one transaction), so
    the run is still queued/running and the sweep extracts that article again.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


class _RunTakenOver(Exception):
    """Raised inside the storing transaction to roll it back."""


def _finish(run: ExtractionRun, result: dict, extractor_version: str) -> bool:
    """Store the result and close the run in one transaction, if the run is still ours.

    The closing UPDATE is the fence: it matches only while the run is running with our
    attempt number; if another worker took it over meanwhile, everything here rolls back.
    """
    closed = {"extractor_version": extractor_version, "finished_at": timezone.now()}
    if "error" in result:
        closed.update(state=ExtractionRun.State.FAILED, error=str(result["error"]) or "extraction failed")
    try:
        with transaction.atomic():
            _commit_without_waiting_for_disk()
            if "error" not in result:
                stored = store_extraction_result(run.article, result, extractor_version=extractor_version)
                closed.update(
                    state=ExtractionRun.State.SUCCEEDED,
                    error="",
                    events_found=stored.events_found,
                    events_created=stored.events_created,
                    events_corroborated=stored.events_corroborated,
                )
            ours = ExtractionRun.objects.filter(pk=run.pk, state=ExtractionRun.State.RUNNING, attempts=run.attempts)
            if not ours.update(**closed):
                raise _RunTakenOver
    except _RunTakenOver:
        logger.warning("Run %s was taken over by another worker; dropping this result", run.pk)
        return False
    return True


def _item(article: Article) -> dict:
    published = article.published.isoformat() if article.published else None
    return {"id": article.pk, "text": article.text, "published": published, "title": article.title or None}


def _results(runs: list[ExtractionRun]) -> Iterator[tuple[ExtractionRun, dict]]:
    """Each run with its extraction result (or {"error": reason}), batched through nlp.pipe."""
    extraction = _extraction()
    done = 0
    try:
        for run, result in zip(runs, extraction.extract_batch([_item(r.article) for r in runs]), strict=True):
            done += 1
            yield run, result
    except Exception:
        # The batch broke on one text: extract the rest one by one so only that one fails.
        logger.exception("Batch extraction failed; extracting the remaining articles one by one")
        for run in runs[done:]:
            try:
                result = extraction.extract(
                    run.article.text, published=_item(run.article)["published"], title=run.article.title or None
                )
            except Exception as exc:  # bad input (ExtractionError) or a pipeline bug: the run records it
                result = {"error": f"{exc.__class__.__name__}: {exc}"}
            yield run, result


def run_extraction(article_ids: Iterable[int], *, task_id: str = "") -> list[ExtractionRun]:
    """Extract the articles whose active run this worker can claim; returns the runs it finished."""
    task_id = task_id or f"sync-{uuid.uuid4()}"
    stuck_before = timezone.now() - datetime.timedelta(seconds=settings.EXTRACTION_STUCK_AFTER_SECONDS)
    runs = _claim(list(dict.fromkeys(article_ids)), task_id, stuck_before)
    if not runs:
        return []
    version = _extraction().EXTRACTOR_VERSION
    return [run for run, result in _results(runs) if _finish(run, result, version)]


@dataclass(frozen=True)
class SweepReport:
    requeued_stuck: int
    resent_queued: int
    queued_missing: int
    given_up: int


def sweep_extraction_runs(
    *,
    stuck_after: datetime.timedelta | None = None,
    queued_after: datetime.timedelta | None = None,
) -> SweepReport:
    """Re-enqueue what the broker may have lost: runs stuck in running, runs long queued, articles never extracted."""
    now = timezone.now()
    stuck_after = (
        stuck_after if stuck_after is not None else datetime.timedelta(seconds=settings.EXTRACTION_STUCK_AFTER_SECONDS)
    )
    queued_after = (
        queued_after
        if queued_after is not None
        else datetime.timedelta(seconds=settings.EXTRACTION_QUEUED_TIMEOUT_SECONDS)
    )
    with transaction.atomic():
        stuck = list(selectors.stuck_runs(now - stuck_after).select_for_update())
        given_up = [run for run in stuck if run.attempts >= MAX_ATTEMPTS]
        for run in given_up:
            run.state, run.finished_at = ExtractionRun.State.FAILED, now
            run.error = f"worker lost {run.attempts} times while extracting this article; giving up"
            run.save(update_fields=["state", "finished_at", "error"])
        requeued = [run for run in stuck if run.attempts < MAX_ATTEMPTS]
        ExtractionRun.objects.filter(pk__in=[r.pk for r in requeued]).update(state=ExtractionRun.State.QUEUED)
        lost_queued = list(selectors.queued_runs_older_than(now - queued_after).values_list("article_id", flat=True))
        missing = request_extraction(selectors.articles_never_extracted().values_list("pk", flat=True))
        ids = [r.article_id for r in requeued] + lost_queued + [r.article_id for r in missing]
        transaction.on_commit(lambda: dispatch(list(dict.fromkeys(ids))))
    return SweepReport(len(requeued), len(lost_queued), len(missing), len(given_up))
