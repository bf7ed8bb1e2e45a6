"""Country profiles cold: p50/p95 of the page and the API for the 10 largest countries, cache off.

    DATABASE_URL=postgres://…/sanctions_bench python bench/profiles.py [--rounds 5]

Runs on the data already in the database (fill it with `manage.py generate_fake_events N`).
COUNTRY_PROFILE_CACHE_SECONDS is 0 and the cache is cleared before every request, so each
request computes the profile. Requests go through Django's full stack (test client: middleware,
view, serializer / template, charts). Target: p95 ≤ 200 ms. Writes bench/results/profiles-<events>.json.
A benchmark, not a test: not part of CI.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ["API_ANON_RATE"] = "100000000/minute"  # measure profiles, not the throttle
os.environ["ALLOWED_HOSTS"] = "testserver"  # the test client's host name
os.environ["COUNTRY_PROFILE_CACHE_SECONDS"] = "0"

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

LARGEST_COUNTRIES = """
SELECT p.country_id, count(*) FROM events_participant p JOIN events_event e ON e.id = p.event_id
 WHERE e.review_status = 'approved' AND p.country_id IS NOT NULL
 GROUP BY p.country_id ORDER BY count(*) DESC LIMIT %s
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="requests per country and endpoint")
    parser.add_argument("--countries", type=int, default=10)
    args = parser.parse_args()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), count(*) FILTER (WHERE review_status = 'approved') FROM events_event")
        events, approved = cursor.fetchone()
        cursor.execute(LARGEST_COUNTRIES, [args.countries])
        countries = cursor.fetchall()
    print(f"{events:,} events, {approved:,} approved; countries: {', '.join(f'{c} ({n:,})' for c, n in countries)}")
    client = Client()
    timings: dict[str, list[float]] = {"profile page": [], "profile API": []}
    for _ in range(args.rounds):
        for iso3, _n in countries:
            for name, url in (("profile page", f"/countries/{iso3}/"), ("profile API", f"/api/countries/{iso3}/")):
                cache.clear()
                started = time.perf_counter()
                response = client.get(url)
                elapsed = (time.perf_counter() - started) * 1000
                assert response.status_code == 200, (url, response.status_code)
                timings[name].append(elapsed)
    results = {}
    print(f"{'endpoint':<14} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, values in timings.items():
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        results[name] = {"requests": len(values), "p50_ms": round(p50, 1), "p95_ms": round(p95, 1)}
        print(f"{name:<14} {len(values):>8} {p50:>8.1f} {p95:>8.1f} {max(values):>8.1f}")
    target = max(r["p95_ms"] for r in results.values())
    print(f"p95 ≤ 200 ms: {'met' if target <= 200 else 'NOT met'} ({target:.0f} ms)")
    out = ROOT / "bench" / "results" / f"profiles-{events}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"events": events, "approved": approved, "results": results}, indent=2))


if __name__ == "__main__":
    main()
