"""Country search speed at scale: API and page against the raw SQL of the same query, in one run.

    DATABASE_URL=postgres://…/sanctions_bench python bench/search.py --events 1000000 [--requests 200]

Needs PostgreSQL. Fills the database up to --events events first: with
`manage.py generate_fake_events` when that command exists, else with the small
SQL loader below. Each case runs --requests requests through Django's full
stack (test client: middleware, filters, pagination, serializer / template)
and the same number of executions of the main query's SQL on a raw cursor,
rotating over the same countries and words. Prints p50 / p95 and the ratio to
raw SQL, and writes bench/results/search-<events>.json.
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
os.environ["API_ANON_RATE"] = "100000000/minute"  # measure search, not the throttle
os.environ["ALLOWED_HOSTS"] = "testserver"  # the test client's host name

import django  # noqa: E402

django.setup()

from django.core.management import call_command, get_commands  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from entities.selectors import resolve_country  # noqa: E402
from events.models import Event  # noqa: E402
from events.public_search import EVENT_ORDERINGS  # noqa: E402
from events.search import EventSearch, search_events  # noqa: E402

COUNTRIES = ["PRK", "RUS", "IRN", "CHN", "SYR", "BLR", "MMR", "VEN", "UKR", "CUB"]
WORDS = ["artillery shells", "drones", "missiles", "coal", "oil tanker", "rifles"]
# A skewed pool: the first countries come up in most events, as in sanctions reporting.
LOADER_POOL = [*COUNTRIES, "USA", "GBR", "FRA", "DEU", "TUR", "IND", "PAK", "ISR", "EGY", "SDN", "LBY", "ARE"]

LOADER_SQL = """
SELECT setseed(0.42);
INSERT INTO events_article (url, title, publisher, published, text, raw, content_hash, language, source,
                            is_demo, ingested_at)
SELECT 'https://bench.example.org/' || g || '-' || %(tag)s, 'Bench report ' || g, 'Bench Wire',
       date '2016-01-01' + (g %% 3650), 'Bench report ' || g, '', md5(%(tag)s || g) || md5(g || %(tag)s),
       'en', 'text', false, now()
  FROM generate_series(1, %(articles)s) g;
CREATE TEMP TABLE bench_events AS
SELECT g, (ARRAY['arms_transfer', 'sanctions_violation', 'sanctions_imposition'])[1 + (g %% 3)] AS event_type,
       (%(pool)s::text[])[1 + floor(power(random(), 2) * %(pool_size)s)::int] AS first,
       (%(pool)s::text[])[1 + floor(random() * %(pool_size)s)::int] AS second,
       (%(words)s::text[])[1 + floor(random() * %(word_count)s)::int] AS item,
       CASE WHEN random() < 0.7 THEN 'approved' WHEN random() < 0.66 THEN 'candidate' ELSE 'rejected' END AS status,
       CASE WHEN random() < 0.95 THEN date '2016-01-01' + floor(random() * 3650)::int END AS event_date
  FROM generate_series(1, %(events)s) g;
UPDATE bench_events SET second = CASE first WHEN 'USA' THEN 'RUS' ELSE 'USA' END WHERE first = second;
ALTER TABLE bench_events ADD COLUMN id bigint;
UPDATE bench_events SET id = nextval(pg_get_serial_sequence('events_event', 'id'));
INSERT INTO events_event (id, event_type, review_status, certainty, event_date, date_precision, items, quantity,
                          summary, confidence, source_count, review_note, extractor_version, created_at, updated_at)
SELECT id, event_type, status, (ARRAY['confirmed', 'reported', 'alleged', 'denied', 'planned'])[1 + (g %% 5)],
       event_date, CASE WHEN event_date IS NULL THEN '' ELSE 'day' END, jsonb_build_array(item), '',
       first || ' and ' || second || ': ' || item, 0.8, 1 + (g %% 4), '', 'bench', now(), now()
  FROM bench_events;
INSERT INTO events_participant (event_id, event_type, role, country_id)
SELECT id, event_type, r.role, CASE r.n WHEN 1 THEN first ELSE second END
  FROM bench_events
  JOIN LATERAL (VALUES (1, CASE event_type WHEN 'arms_transfer' THEN 'supplier'
                                           WHEN 'sanctions_violation' THEN 'violator' ELSE 'imposer' END),
                       (2, CASE event_type WHEN 'arms_transfer' THEN 'recipient'
                                           WHEN 'sanctions_violation' THEN 'counterparty' ELSE 'target' END))
       AS r(n, role) ON true;
INSERT INTO events_evidence (event_id, article_id, sentence, start_char, end_char, extractor_version, created_at)
SELECT e.id, a.id, 'Officials said ' || first || ' moved ' || item || ' with ' || second || ' in report ' || g || '.',
       0, 10, 'bench', now()
  FROM bench_events e
  JOIN events_article a ON a.url = 'https://bench.example.org/' || (1 + (g %% %(articles)s)) || '-' || %(tag)s;
"""


def populate(target: int) -> None:
    have = Event.objects.count()
    if have >= target:
        return
    missing = target - have
    print(f"Loading {missing:,} events (have {have:,})…", flush=True)
    started = time.perf_counter()
    if "generate_fake_events" in get_commands():
        call_command("generate_fake_events", missing)
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                LOADER_SQL,
                {
                    "pool": LOADER_POOL,
                    "pool_size": len(LOADER_POOL),
                    "words": WORDS,
                    "word_count": len(WORDS),
                    "events": missing,
                    "articles": max(missing // 4, 1),
                    "tag": f"{have}",
                },
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"Loaded in {time.perf_counter() - started:.0f} s", flush=True)


def cases() -> dict[str, list[dict]]:
    """Each case: one parameter set per request, rotating over countries and words."""
    rotate = lambda make: [make(i) for i in range(len(COUNTRIES))]  # noqa: E731
    return {
        "country": rotate(lambda i: {"country": COUNTRIES[i]}),
        "country+role": rotate(lambda i: {"country": COUNTRIES[i], "role": "supplier"}),
        "country+type": rotate(lambda i: {"country": COUNTRIES[i], "type": "sanctions_violation"}),
        "country+dates": rotate(
            lambda i: {"country": COUNTRIES[i], "date_from": "2020-01-01", "date_to": "2021-06-30"}
        ),
        "country+text": rotate(lambda i: {"country": COUNTRIES[i], "q": WORDS[i % len(WORDS)]}),
        "text": rotate(lambda i: {"q": WORDS[i % len(WORDS)]}),
    }


def raw_sql(params: dict, page_size: int = 25) -> tuple[str, list]:
    """The first page's main query, as Django sends it."""
    search = EventSearch(
        country=resolve_country(params["country"]) if "country" in params else None,
        role=params.get("role", ""),
        event_type=params.get("type", ""),
        date_from=params.get("date_from"),
        date_to=params.get("date_to"),
        text=params.get("q", ""),
    )
    events = search_events(None, search).order_by(*EVENT_ORDERINGS["date"])[: page_size + 1]
    return events.query.sql_with_params()


def timed(run, requests: int) -> list[float]:
    times = []
    for i in range(requests):
        started = time.perf_counter()
        run(i)
        times.append((time.perf_counter() - started) * 1000)
    return times


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {"p50": statistics.median(ordered), "p95": ordered[int(len(ordered) * 0.95) - 1]}


def measure(requests: int) -> dict:
    client = Client()
    results = {}
    for name, param_sets in cases().items():
        queries = [raw_sql(params) for params in param_sets]

        def sql(i: int, queries=queries) -> None:
            with connection.cursor() as cursor:
                cursor.execute(*queries[i % len(queries)])
                cursor.fetchall()

        def api(i: int, param_sets=param_sets) -> None:
            response = client.get("/api/events/", param_sets[i % len(param_sets)])
            assert response.status_code == 200, response.content[:300]

        def page(i: int, param_sets=param_sets) -> None:
            response = client.get("/events/", param_sets[i % len(param_sets)])
            assert response.status_code == 200, response.content[:300]

        for run in (sql, api, page):  # warm caches and connections
            timed(run, len(param_sets))
        row = {path: summary(timed(run, requests)) for path, run in (("sql", sql), ("api", api), ("page", page))}
        for path in ("api", "page"):
            row[path]["p50_ratio"] = row[path]["p50"] / row["sql"]["p50"]
            row[path]["p95_ratio"] = row[path]["p95"] / row["sql"]["p95"]
        results[name] = row
        print(
            f"{name:14} sql p50 {row['sql']['p50']:7.1f} p95 {row['sql']['p95']:7.1f} ms | "
            f"api p50 {row['api']['p50']:7.1f} p95 {row['api']['p95']:7.1f} ms (x{row['api']['p95_ratio']:.1f}) | "
            f"page p50 {row['page']['p50']:7.1f} p95 {row['page']['p95']:7.1f} ms (x{row['page']['p95_ratio']:.1f})",
            flush=True,
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--load-only", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/search.py needs PostgreSQL: set DATABASE_URL=postgres://…")
    populate(args.events)
    if args.load_only:
        return
    approved = Event.objects.filter(review_status=Event.ReviewStatus.APPROVED).count()
    print(f"{Event.objects.count():,} events, {approved:,} approved; {args.requests} requests per path and case")
    results = measure(args.requests)
    out = ROOT / "bench" / "results" / f"search-{args.events}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"events": args.events, "requests": args.requests, "cases": results}, indent=2))
    print(f"Wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
