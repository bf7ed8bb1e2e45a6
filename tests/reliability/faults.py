"""Driving a fault scenario: steps and workers on the private servers, and the end-state checks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter

from tests.reliability.conftest import ROOT, PrivatePostgres, PrivateRedis, wait_until

ARTICLES = 12
BATCH = 3


class FaultScenario:
    """A fresh database (from the migrated template) on the private PostgreSQL, the private Redis as broker."""

    def __init__(self, postgres: PrivatePostgres, broker: PrivateRedis) -> None:
        self.postgres, self.broker = postgres, broker
        self.database = f"scenario_{uuid.uuid4().hex[:8]}"
        postgres.psql(f"CREATE DATABASE {self.database} TEMPLATE faults_template")
        self.workers: list[subprocess.Popen] = []

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DATABASE_URL": self.postgres.url(self.database),
            "CELERY_BROKER_URL": self.broker.url,
            "CONN_MAX_AGE": "0",
            "EXTRACTION_BATCH_SIZE": str(BATCH),
        }

    def step(self, name: str, *args: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "tests.reliability.fault_steps", name, *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, f"step {name} failed:\n{done.stderr[-3000:]}"
        return json.loads(done.stdout.splitlines()[-1])

    def start_worker(self, name: str) -> subprocess.Popen:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=WARNING", "-n", name],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.workers.append(worker)
        return worker

    def stop_workers(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
        for worker in self.workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)

    def runs(self) -> Counter:
        """Run states, read straight from the database (fast enough to catch a batch while it runs)."""
        rows = self.postgres.psql("SELECT state, count(*) FROM tasks_extractionrun GROUP BY state", self.database)
        return Counter({state: int(n) for state, n in (line.split("|") for line in rows.splitlines())})

    def wait_for_runs(self, condition, timeout: float, what: str) -> Counter:
        seen: list[Counter] = []

        def check() -> bool:
            seen.append(self.runs())
            return condition(seen[-1])

        wait_until(check, timeout, what)
        return seen[-1]

    def wait_until_idle(self, timeout: float = 120) -> Counter:
        """Until no run is running and the states stop changing: the worker has done what it could."""
        previous: list[Counter] = [Counter()]

        def settled(runs: Counter) -> bool:
            still = runs == previous[0] and not runs["running"]
            previous[0] = runs
            if not still:
                time.sleep(2)
            return still

        return self.wait_for_runs(settled, timeout, "the workers to go idle")

    def assert_recovered(self, seeded: dict, scenario: str) -> dict:
        """Every article extracted exactly once more, no duplicated event, every review decision kept."""
        final = self.step("counts")
        expected = {str(pk): 1 for pk in seeded["articles"]} | {str(pk): 2 for pk in seeded["reviewed_articles"]}
        after_clean_rerun = self.step("reextract")
        print(
            f"\n[{scenario}] articles={final['articles']} runs={final['runs']} "
            f"successful extractions per article={sorted(Counter(final['succeeded_per_article'].values()).items())} "
            f"events={final['events']} participants={final['participants']} evidence={final['evidence']} "
            f"review decisions={final['decisions']}; after a clean re-extraction: events={after_clean_rerun['events']} "
            f"participants={after_clean_rerun['participants']} evidence={after_clean_rerun['evidence']}"
        )
        assert final["articles"] == ARTICLES
        assert final["succeeded_per_article"] == expected
        assert set(final["runs"]) == {"succeeded"}
        assert final["decisions"] == {"approved": 1, "rejected": 1}
        assert after_clean_rerun["decisions"] == final["decisions"]
        keys = ("events", "participants", "evidence")
        assert {k: after_clean_rerun[k] for k in keys} == {k: final[k] for k in keys}
        return final
