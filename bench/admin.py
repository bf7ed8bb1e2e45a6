"""Benchmark: the event review changelist at scale, against a plain SELECT of the same page.

    DATABASE_URL=postgres://… python manage.py generate_fake_events 1000000
    DATABASE_URL=postgres://… python bench/admin.py [--runs 40]

For each scenario it requests the admin changelist (logged in as a superuser, through
Django's test client: URL routing, filters, estimated count, rendering) and, in the same
run, executes the changelist's own page query (SELECT … LIMIT 100) as plain SQL. It prints
median and p95 of both, their ratio, the queries per page and the page query's plan (to show
it walks an index rather than sorting); results also go to bench/results/admin.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from events.models import Event  # noqa: E402

URL = "/admin/events/event/"
# The page query selects whole event rows (LIMIT 100, or no LIMIT when the list fits one page).
PAGE_SELECT = re.compile(r'^SELECT "events_event"\."id", "events_event"\."event_type"')
# Column numbers follow EventAdmin.list_display: 6 event date, 7 confidence, 8 sources.
SCENARIOS = {
    "candidates, newest first (default)": "",
    "candidates by event date, latest first": "?o=-6",
    "candidates by confidence, lowest first": "?o=7",
    "approved, by sources": "?status=approved&o=-8",
    "all statuses": "?status=all",
    "type and certainty": "?event_type__exact=arms_transfer&certainty__exact=alleged",
    "country North Korea as supplier": "?country=North+Korea&country_role=supplier",
    "country Iran, any role, date range": "?country=IRN&date_from=2024-01-01&date_to=2024-12-31",
    "page 50 of candidates": "?p=50",
    "search, a common word": "?q=shells",
    "search, a rare word": "?q=lazurit",
    "search, a country name": "?q=korea",
}


def timed(call, runs: int) -> list[float]:
    call()  # warm caches and connections
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"median_ms": statistics.median(ordered), "p95_ms": ordered[max(0, round(0.95 * len(ordered)) - 1)]}


def page_query(client: Client, url: str) -> tuple[str, int]:
    """The changelist's page query, and the number of queries per page."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200, (url, response.status_code)
    pages = [q["sql"] for q in captured.captured_queries if PAGE_SELECT.search(q["sql"])]
    return pages[0], len(captured.captured_queries)


def plan_outline(sql: str) -> str:
    """The page query's plan in brief: its node types, with the index used, and whether anything sorts."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    nodes, stack = [], [plan[0]["Plan"]]
    while stack:
        node = stack.pop()
        nodes.append(node["Node Type"] + (f" ({node['Index Name']})" if "Index Name" in node else ""))
        stack.extend(reversed(node.get("Plans", [])))
    return " > ".join(nodes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()

    user, _ = get_user_model().objects.get_or_create(username="bench-admin", defaults={"is_staff": True})
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    events = Event.objects.count()
    print(f"{events:,} events, {connection.vendor}, {args.runs} runs per scenario\n")
    print(f"{'scenario':42} {'admin median/p95 ms':>20} {'SELECT median/p95 ms':>21} {'ratio p95':>9} {'queries':>7}")
    results = []
    for name, query in SCENARIOS.items():
        url = URL + query
        sql, queries = page_query(client, url)
        admin_times = summary(timed(lambda url=url: client.get(url, HTTP_HOST="localhost"), args.runs))

        def plain_select(sql=sql) -> None:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                cursor.fetchall()

        select_times = summary(timed(plain_select, args.runs))
        ratio = admin_times["p95_ms"] / select_times["p95_ms"]
        plan = plan_outline(sql)
        timings = {"admin": admin_times, "select": select_times}
        results.append({"scenario": name, "url": url, "queries": queries, "plan": plan, **timings})
        print(
            f"{name:42} {admin_times['median_ms']:>9.1f} / {admin_times['p95_ms']:>7.1f}"
            f" {select_times['median_ms']:>10.1f} / {select_times['p95_ms']:>7.1f} {ratio:>9.1f} {queries:>7}"
        )
        print(f"    plan: {plan}")
    out = ROOT / "bench" / "results" / "admin.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"events": events, "runs": args.runs, "results": results}, indent=2))
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
