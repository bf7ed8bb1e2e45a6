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
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.db.models.functions import Length
from django.utils import timezone

from events.models import Article, Event
from events.review_queue import articles_with_evidence_for
from events.storing import StoredExtraction, store_extraction_results

from . import selectors
from .models import ExtractionRun

logger = logging.getLogger(__name__)

ACTIVE_STATES = (ExtractionRun.State.QUEUED, ExtractionRun.State.RUNNING)
# The database briefly unreachable: the task retries (tasks.TRANSIENT_ERRORS), nothing is marked failed.
TRANSIENT_DATABASE_ERRORS = (OperationalError, InterfaceError)
# A run whose worker was lost this many times is given up (a text that kills workers).
MAX_ATTEMPTS = 3


def _extraction():
    """The extraction package, imported late: web processes that never extract never load spaCy.
    Calls pass the configured model (settings.SPACY_MODEL) explicitly."""
    import extraction

    return extraction


def warm_up_pipeline() -> None:
    """Load the spaCy pipeline now (a worker's start) rather than inside the first batch."""
    sample = [{"id": 0, "text": "North Korea shipped artillery shells to Russia."}]
    list(_extraction().extract_batch(sample, model=settings.SPACY_MODEL))


def reextract_events(events: Iterable[Event]) -> list[ExtractionRun]:
    """Queue a new extraction of every article that has evidence for the events."""
    return enqueue_extraction(articles_with_evidence_for(events))


def batches(ids: list[int]) -> Iterator[list[int]]:
    """The articles in task-sized batches, in order: at most EXTRACTION_BATCH_SIZE articles and
    EXTRACTION_BATCH_MAX_CHARS characters of text each (a longer article goes alone), so that a
    batch of long articles still ends well inside the task time limit."""
    lengths = dict(Article.objects.filter(pk__in=ids).annotate(chars=Length("text")).values_list("pk", "chars"))
    batch: list[int] = []
    chars = 0
    for pk in ids:
        length = lengths.get(pk, 0)
        if batch and (
            len(batch) >= settings.EXTRACTION_BATCH_SIZE or chars + length > settings.EXTRACTION_BATCH_MAX_CHARS
        ):
            yield batch
            batch, chars = [], 0
        batch.append(pk)
        chars += length
    if batch:
        yield batch


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
        ExtractionRun.objects.filter(pk__in=[run.pk for run in claimed]).update(
            state=ExtractionRun.State.RUNNING,
            started_at=now,
            finished_at=None,
            task_id=task_id,
            attempts=F("attempts") + 1,
        )
        for run in claimed:  # the rows are locked: the same values as stored
            run.state, run.started_at, run.finished_at, run.task_id = ExtractionRun.State.RUNNING, now, None, task_id
            run.attempts += 1
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


def _close_runs(closing: list[tuple[ExtractionRun, str, StoredExtraction | None]], extractor_version: str) -> None:
    """Close runs as failed (with the error) or succeeded (with their counts): one UPDATE per distinct outcome,
    since a batch's runs mostly end alike."""
    now = timezone.now()
    outcomes: dict[tuple, list[ExtractionRun]] = defaultdict(list)
    for run, error, stored in closing:
        fields = {
            "state": ExtractionRun.State.FAILED if error else ExtractionRun.State.SUCCEEDED,
            "error": error,
            "extractor_version": extractor_version,
            "finished_at": now,
            **(asdict(stored) if stored else {}),
        }
        for name, value in fields.items():
            setattr(run, name, value)
        outcomes[tuple(fields.items())].append(run)
    for fields, runs in outcomes.items():
        ExtractionRun.objects.filter(pk__in=[run.pk for run in runs]).update(**dict(fields))


def _error_of(result: dict) -> str:
    return (str(result["error"]) or "extraction failed") if "error" in result else ""


def _store_and_close(results: list[tuple[ExtractionRun, dict]], extractor_version: str) -> list[ExtractionRun]:
    """Store the results and close their runs in one transaction: only the runs still ours.

    The row locks on the runs are the fence: a run another worker took over meanwhile (its
    attempt number moved on) is left alone and its result dropped, inside the same transaction
    that stores the others.
    """
    with transaction.atomic():
        _commit_without_waiting_for_disk()
        attempts = dict(
            ExtractionRun.objects.select_for_update()
            .filter(pk__in=[run.pk for run, _ in results], state=ExtractionRun.State.RUNNING)
            .values_list("pk", "attempts")
        )
        ours = [(run, result) for run, result in results if attempts.get(run.pk) == run.attempts]
        for run, _ in results:
            if attempts.get(run.pk) != run.attempts:
                logger.warning("Run %s was taken over by another worker; dropping this result", run.pk)
        succeeded = [(run, result) for run, result in ours if "error" not in result]
        stored = store_extraction_results(
            [(run.article, result) for run, result in succeeded], extractor_version=extractor_version
        )
        counts = dict(zip((run.pk for run, _ in succeeded), stored, strict=True))
        _close_runs([(run, _error_of(result), counts.get(run.pk)) for run, result in ours], extractor_version)
    return [run for run, _ in ours]


def _finish(results: list[tuple[ExtractionRun, dict]], extractor_version: str) -> list[ExtractionRun]:
    """Store a batch's results and close its runs; returns the runs closed (those still ours).

    If the database refuses the batch (a result it cannot store), the results are stored one
    by one, so only the culprit's run fails, with the reason. Transient errors (database or
    broker unreachable) propagate: the task retries them.
    """
    try:
        return _store_and_close(results, extractor_version)
    except TRANSIENT_DATABASE_ERRORS:
        raise
    except Exception as error:
        if len(results) > 1:
            logger.exception("Storing a batch of %d results failed; storing them one by one", len(results))
            return [closed for pair in results for closed in _finish([pair], extractor_version)]
        [(run, _)] = results
        logger.exception("Storing the result of run %s failed", run.pk)
        reason = f"storing the result failed: {error.__class__.__name__}: {error}"
        return _store_and_close([(run, {"error": reason})], extractor_version)


def _item(article: Article) -> dict:
    published = article.published.isoformat() if article.published else None
    return {"id": article.pk, "text": article.text, "published": published, "title": article.title or None}


def _results(runs: list[ExtractionRun]) -> Iterator[tuple[ExtractionRun, dict]]:
    """Each run with its extraction result (or {"error": reason}), batched through nlp.pipe."""
    extraction = _extraction()
    done = 0
    try:
        for run, result in zip(
            runs, extraction.extract_batch([_item(r.article) for r in runs], model=settings.SPACY_MODEL), strict=True
        ):
            done += 1
            yield run, result
    except Exception:
        # The batch broke on one text: extract the rest one by one so only that one fails.
        logger.exception("Batch extraction failed; extracting the remaining articles one by one")
        for run in runs[done:]:
            try:
                result = extraction.extract(
                    run.article.text,
                    published=_item(run.article)["published"],
                    title=run.article.title or None,
                    model=settings.SPACY_MODEL,
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
    return _finish(list(_results(runs)), _extraction().extractor_version(settings.SPACY_MODEL))


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
