"""Load benchmark: concurrent clients on the search page, country profiles and the API through gunicorn.

    DATABASE_URL=postgres://…/sanctions_load python manage.py generate_fake_events 1000000
    DATABASE_URL=postgres://…/sanctions_load CELERY_BROKER_URL=redis://127.0.0.1:6379/6 \\
        python bench/load.py --clients 10 50 --duration 60

Starts gunicorn (production settings, DEBUG off) on 127.0.0.1 and a Celery worker, which
extracts the demo articles while the clients run; each client is a thread with a keep-alive
connection requesting a random mix of URLs for --duration seconds. Reports per endpoint
the requests, error rate (any status but 200, or no answer), p50/p95/p99 latency, and the
resident memory (RSS) of the web and worker processes at the start and end of each round.
A benchmark, not a test: not part of CI.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = ["PRK", "RUS", "IRN", "CHN", "UKR", "SYR", "USA", "FRA", "BLR", "VEN", "MMR", "SDN"]
WORDS = ["drones", "missiles", "artillery", "oil", "rifles", "sanctions", "tanks", "ammunition"]


def endpoints(rng: random.Random) -> dict[str, str]:
    """One URL of each kind, with random parameters (a client's next request)."""
    country = rng.choice(COUNTRIES)
    return {
        "search page": f"/events/?country={country}&q={rng.choice(WORDS)}",
        "search page, filters only": f"/events/?country={country}&type=arms_transfer&date_from=2020-01-01",
        "country profile": f"/countries/{country}/",
        "API events": f"/api/events/?country={country}",
        "API country": f"/api/countries/{country}/",
    }


def rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants (gunicorn and Celery fork workers)."""
    total = 0
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout.split()
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total += int(line.split()[1])
    return total + sum(rss_kib(int(child)) for child in children)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer")


def client(port: int, stop_at: float, seed: int, timings: dict[str, list[float]], errors: dict[str, int]) -> None:
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.monotonic() < stop_at:
        name, path = rng.choice(list(endpoints(rng).items()))
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        timings[name].append(time.perf_counter() - started)
        if not ok:
            errors[name] += 1


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100)[int(share) - 1] if len(values) > 1 else values[0]


def run_round(port: int, clients: int, duration: float, web: subprocess.Popen, worker: subprocess.Popen) -> None:
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    start_rss = (rss_kib(web.pid), rss_kib(worker.pid))
    stop_at = time.monotonic() + duration
    threads = [
        threading.Thread(target=client, args=(port, stop_at, n, timings, errors), daemon=True) for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    end_rss = (rss_kib(web.pid), rss_kib(worker.pid))
    total = sum(len(v) for v in timings.values())
    print(f"\n{clients} clients, {duration:.0f} s: {total} requests, {total / duration:.1f} req/s")
    print(f"{'endpoint':28} {'requests':>8} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name in sorted(timings):
        values = timings[name]
        print(
            f"{name:28} {len(values):8} {errors[name] / len(values):7.2%} {percentile(values, 50) * 1000:8.0f} "
            f"{percentile(values, 95) * 1000:8.0f} {percentile(values, 99) * 1000:8.0f}"
        )
    everything = [t for v in timings.values() for t in v]
    print(
        f"{'all':28} {total:8} {sum(errors.values()) / total:7.2%} {percentile(everything, 50) * 1000:8.0f} "
        f"{percentile(everything, 95) * 1000:8.0f} {percentile(everything, 99) * 1000:8.0f}"
    )
    print(
        f"RSS web (gunicorn, all processes) {start_rss[0] / 1024:.0f} → {end_rss[0] / 1024:.0f} MiB; "
        f"worker {start_rss[1] / 1024:.0f} → {end_rss[1] / 1024:.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--duration", type=float, default=60, help="seconds per round")
    parser.add_argument("--web-workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to the PostgreSQL database holding the generated events.")
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; production sits behind TLS
        "ALLOWED_HOSTS": "127.0.0.1",
        "API_ANON_RATE": "1000000/minute",  # one client address here: the per-IP limit would answer 429
    }
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(args.web_workers),
         "--threads", str(args.threads), "--access-logfile", "/dev/null", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency=1", "--loglevel=WARNING"],
        cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for_http(port)
        # Give the worker work during the run: the demo articles (stored once; re-runs find duplicates).
        subprocess.run(
            [sys.executable, "manage.py", "ingest", "demo/articles.jsonl", "-v", "0"], cwd=ROOT, env=env, check=False
        )
        for clients in args.clients:
            run_round(port, clients, args.duration, web, worker)
    finally:
        for process in (web, worker):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)


if __name__ == "__main__":
    main()
