"""End-to-end throughput: ingest → Celery workers → stored candidates, against plain nlp.pipe.

    DATABASE_URL=postgres://… CELERY_BROKER_URL=redis://…/9 .venv/bin/python bench/pipeline.py [--articles N]

Creates a throwaway database (test_<name>, dropped afterwards), replicates the demo
articles to N distinct texts (a "copy n" line keeps their content hashes apart), then:
  1. plain `nlp.pipe` of SPACY_MODEL over the N texts (the baseline, in this process);
  2. with 1 and with 2 worker processes (`celery worker --pool=solo` each): ingest the N
     texts as `manage.py ingest corpus.jsonl` does (ingestion.sources.ingest_source, each
     stored batch enqueued as it is stored) and wait until every ExtractionRun has finished.
     articles/s = N / wall time, end to end.
Each figure is the best of --repeat runs.
Targets (issue 8): one worker ≥ 70% of plain nlp.pipe; two workers ≥ 1.6x one worker.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import spacy  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from config.celery import app  # noqa: E402
from events.models import Article, Event  # noqa: E402
from ingestion.sources import ingest_source  # noqa: E402
from ingestion.storing import enqueue_extraction_of_new  # noqa: E402
from tasks.models import ExtractionRun  # noqa: E402

DEMO = ROOT / "demo" / "articles.jsonl"


def corpus(size: int) -> list[dict]:
    records = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        {**records[n % len(records)], "text": f"{records[n % len(records)]['text']}\n\nCopy {n}."} for n in range(size)
    ]


def plain_nlp_pipe(texts: list[str]) -> float:
    nlp = spacy.load(settings.SPACY_MODEL)
    list(nlp.pipe(texts[:20]))  # warm-up
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.EXTRACTION_BATCH_SIZE):
        pass
    return len(texts) / (time.perf_counter() - started)


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_workers(count: int) -> list[subprocess.Popen]:
    env = {**os.environ, "DATABASE_URL": database_url(), "LOG_LEVEL": "WARNING"}
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-n", f"bench{n}@%h"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for n in range(count)
    ]
    deadline = time.monotonic() + 120
    while len(app.control.ping(timeout=1.0) or []) < count:  # ready = model loaded (worker_init)
        if time.monotonic() > deadline:
            raise SystemExit("workers did not start")
    return workers


def end_to_end(corpus_file: Path, articles: int, workers: int) -> float:
    ExtractionRun.objects.all().delete()
    Event.objects.all().delete()
    Article.objects.all().delete()
    processes = start_workers(workers)
    try:
        started = time.perf_counter()
        for _ in enqueue_extraction_of_new(ingest_source(str(corpus_file))):
            pass
        while ExtractionRun.objects.filter(state__in=["queued", "running"]).exists():
            time.sleep(0.01)  # the end of the run, to 10 ms
        elapsed = time.perf_counter() - started
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
    succeeded = ExtractionRun.objects.filter(state="succeeded").count()
    assert succeeded == articles, f"{succeeded} of {articles} runs succeeded"
    return articles / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs (other load only ever slows a run)")
    args = parser.parse_args()
    if connection.vendor != "postgresql" or not settings.CELERY_BROKER_URL:
        raise SystemExit("Set DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis): the bench runs real workers.")
    records = corpus(args.articles)
    old_config = setup_databases(verbosity=0, interactive=False)
    with tempfile.TemporaryDirectory() as directory:
        corpus_file = Path(directory) / "corpus.jsonl"
        corpus_file.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
        try:
            app.control.purge()
            baseline = max(plain_nlp_pipe([r["text"] for r in records]) for _ in range(args.repeat))
            one = max(end_to_end(corpus_file, len(records), 1) for _ in range(args.repeat))
            two = max(end_to_end(corpus_file, len(records), 2) for _ in range(args.repeat))
        finally:
            connection.close()
            teardown_databases(old_config, verbosity=0)
    print(
        f"articles: {len(records)} (demo corpus replicated), batch size {settings.EXTRACTION_BATCH_SIZE}, "
        f"model {settings.SPACY_MODEL}, {os.cpu_count()} CPUs"
    )
    print(f"plain nlp.pipe           {baseline:8.1f} articles/s")
    print(f"end to end, 1 worker     {one:8.1f} articles/s  = {one / baseline:.0%} of nlp.pipe (target ≥ 70%)")
    print(f"end to end, 2 workers    {two:8.1f} articles/s  = {two / one:.2f}x one worker (target ≥ 1.6x)")


if __name__ == "__main__":
    main()
