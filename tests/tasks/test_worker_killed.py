"""A worker process killed mid-batch (SIGKILL): the sweep and a new worker finish every article exactly once."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from events.models import Event, Evidence, Participant
from tasks.models import ExtractionRun
from tasks.services import enqueue_extraction, request_extraction, run_extraction, sweep_extraction_runs
from tests.events.factories import ArticleFactory
from tests.tasks.conftest import demo_records, wait_for

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 24
BATCH = 4
# Runs close a batch at a time; the second batch holds a long article, so the kill lands inside it.
LONG_ARTICLE, LONG_ARTICLE_REPEATS = BATCH + 1, 100

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]  # kills worker processes


def worker_database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker_process(broker_url: str, name: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": worker_database_url(),
        "CELERY_BROKER_URL": broker_url,
        "CONN_MAX_AGE": "0",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=WARNING", "-n", name],
        cwd=ROOT,
        env=env,
        start_new_session=True,  # its own process group, so the kill takes the whole worker
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def states() -> Counter:
    return Counter(ExtractionRun.objects.values_list("state", flat=True))


def test_a_worker_killed_mid_batch_loses_nothing_and_duplicates_nothing(postgres, celery_broker, settings):
    settings.EXTRACTION_BATCH_SIZE = BATCH
    records = demo_records()
    articles = [
        ArticleFactory(
            text="\n\n".join([records[n % len(records)]["text"]] * (LONG_ARTICLE_REPEATS if n == LONG_ARTICLE else 1))
            + f"\n\nCopy {n}.",
            published=datetime.date(2024, 1, 5),
        )
        for n in range(ARTICLES)
    ]
    enqueue_extraction([a.pk for a in articles])

    first = start_worker_process(celery_broker, "first@killtest")
    try:
        wait_for(
            lambda: (now := states())["running"] >= 1 and now["succeeded"] >= 1, what="the second batch to be underway"
        )
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    at_kill = states()
    assert at_kill["running"] >= 1  # killed mid-batch
    assert at_kill["succeeded"] < ARTICLES

    report = sweep_extraction_runs(stuck_after=datetime.timedelta(0))
    assert report.requeued_stuck == at_kill["running"]

    second = start_worker_process(celery_broker, "second@killtest")
    try:
        wait_for(lambda: states()["succeeded"] == ARTICLES, timeout=120, what="the second worker to finish")
    finally:
        second.terminate()
        second.wait(timeout=30)

    runs = ExtractionRun.objects.all()
    assert Counter(runs.values_list("article_id", flat=True)) == Counter({a.pk: 1 for a in articles})
    assert {run.state for run in runs} == {ExtractionRun.State.SUCCEEDED}
    assert runs.filter(attempts=2).count() == at_kill["running"]  # the killed ones ran once more
    after_recovery = (Event.objects.count(), Participant.objects.count(), Evidence.objects.count())
    # No duplicates: one more clean extraction of everything gives exactly the same rows.
    request_extraction([a.pk for a in articles])
    run_extraction([a.pk for a in articles])
    assert (Event.objects.count(), Participant.objects.count(), Evidence.objects.count()) == after_recovery
