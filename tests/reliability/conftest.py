"""Private PostgreSQL and Redis servers that fault tests may restart.

The machine's own servers (5432, 6379) are shared with other test runs and must never be
restarted, so each session starts its own: a throwaway PostgreSQL cluster (initdb + pg_ctl,
run as the postgres OS user) and a Redis that keeps nothing on disk, on free ports.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from tests.conftest import service_missing

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(*command: str) -> list[str]:
    """PostgreSQL refuses to run as root (CI runs as root): run its tools as the postgres user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


def wait_until(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.1)


@dataclass
class PrivatePostgres:
    data_dir: Path
    port: int

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def ready(self) -> bool:
        done = subprocess.run([PG_BIN / "pg_isready", "-h", "127.0.0.1", "-p", str(self.port), "-q"], check=False)
        return done.returncode == 0

    def _ctl(self, action: str, *options: str) -> None:
        subprocess.run(
            _as_postgres(str(PG_BIN / "pg_ctl"), action, "-D", str(self.data_dir), "-w", "-t", "60", *options),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._ctl("start", "-o", options, "-l", str(self.data_dir / "server.log"))
        wait_until(self.ready, 30, "the private PostgreSQL")

    def restart(self) -> None:
        """A fast shutdown (open connections are cut, as in a crash or failover) and a start."""
        self._ctl("stop", "-m", "fast")
        self.start()

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Runs SQL with psql: unaligned rows, fields separated by |."""
        done = subprocess.run(
            [PG_BIN / "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database, "-qtAc", sql],
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout


@pytest.fixture(scope="session")
def private_postgres() -> Iterator[PrivatePostgres]:
    """A PostgreSQL cluster of our own, with a migrated template database 'faults_template'."""
    if not (PG_BIN / "initdb").exists():
        service_missing(f"PostgreSQL server binaries in {PG_BIN}")
    data_dir = Path(tempfile.mkdtemp(prefix="faults-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data_dir, "postgres", "postgres")
    subprocess.run(
        _as_postgres(str(PG_BIN / "initdb"), "-D", str(data_dir), "-U", "postgres", "--auth=trust", "-E", "UTF8"),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    server = PrivatePostgres(data_dir, free_port())
    server.start()
    try:
        server.psql("CREATE DATABASE faults_template")
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": server.url("faults_template")},
            check=True,
        )
        yield server
    finally:
        subprocess.run(
            _as_postgres(str(PG_BIN / "pg_ctl"), "stop", "-D", str(data_dir), "-m", "immediate"),
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(data_dir, ignore_errors=True)


@dataclass
class PrivateRedis:
    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_connect_timeout=0.5)

    def ready(self) -> bool:
        try:
            return bool(self.client().ping())
        except redis.exceptions.RedisError:
            return False

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_until(self.ready, 30, "the private Redis")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()  # nothing is on disk: every queued message is gone
            self.process.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture
def no_rate_limit(monkeypatch) -> None:
    """DRF's own "no limit" (a rate of None) for tests sending hundreds of anonymous requests from one address.

    Overriding settings is not enough: views read the throttle classes and rates at import.
    """
    rates = {"anon": None, "user": None, "token": None}
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates)


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    if shutil.which("redis-server") is None:
        service_missing("redis-server")
    server = PrivateRedis(free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def scenario(private_postgres, private_redis):
    """Worker processes against the private services, stopped after the test."""
    from tests.reliability.faults import FaultScenario  # faults.py imports this module

    scenario = FaultScenario(private_postgres, private_redis)
    yield scenario
    scenario.stop_workers()
