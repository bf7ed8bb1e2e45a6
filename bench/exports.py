"""Export speed against PostgreSQL's own: rows/s of each export endpoint ÷ rows/s of COPY, same run.

    DATABASE_URL=postgres://…/sanctions_bench python bench/exports.py [--skip-full]

Runs on the data already in the database (`manage.py generate_fake_events N`). Two searches: the
country whose approved events are nearest 20,000, and every approved event (the full export).
For each, COPY … TO STDOUT of the same events with their participants and evidence (article URLs)
is the reference; then each format is downloaded through Django's full stack (test client,
streamed) and its events counted. Resident memory (VmRSS) is sampled while streaming: start,
end and peak. Targets: ratio ≥ 0.5 for CSV and JSON Lines, ≥ 0.3 for FtM. Writes
bench/results/exports-<events>.json. A benchmark, not a test: not part of CI.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ["API_ANON_RATE"] = "100000000/minute"
os.environ["ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

TARGETS = {"csv": 0.5, "jsonl": 0.5, "ftm": 0.3}
# The same events as the export (approved, [in the country,] newest first), each with its
# participants (role and country, person, organisation or vessel name) and its public
# evidence's article URLs, as CSV: what every export format reads, with no formatting of its own.
COPY_SQL = """
COPY (
  SELECT e.id, e.event_type, e.review_status, e.certainty, e.event_date, e.date_precision, e.summary, e.items,
         e.quantity, e.confidence, e.source_count, e.reviewed_at,
         (SELECT string_agg(p.role || ':' || coalesce(p.country_id, pe.name, o.name, v.name), ';' ORDER BY p.role, p.id)
            FROM events_participant p LEFT JOIN entities_person pe ON pe.id = p.person_id
            LEFT JOIN entities_organization o ON o.id = p.organization_id
            LEFT JOIN entities_vessel v ON v.id = p.vessel_id WHERE p.event_id = e.id),
         (SELECT string_agg(a.url, ' ') FROM events_evidence ev JOIN events_article a ON a.id = ev.article_id
           WHERE ev.event_id = e.id AND ev.review_state = 'accepted')
    FROM events_event e
   WHERE e.review_status = 'approved' {country_filter}
   ORDER BY coalesce(e.event_date, '0001-01-01') DESC, e.id DESC
) TO STDOUT WITH (FORMAT csv)
"""
COUNTRY_FILTER = "AND EXISTS (SELECT 1 FROM events_participant c WHERE c.event_id = e.id AND c.country_id = %s)"


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def copy_rate(country: str | None) -> tuple[int, float]:
    sql = COPY_SQL.format(country_filter=COUNTRY_FILTER if country else "")
    started = time.perf_counter()
    rows = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql, [country] if country else None) as copy:
        for data in copy:
            rows += bytes(data).count(b"\n")  # no newlines inside the fake data's fields
    return rows, rows / (time.perf_counter() - started)


def export_rate(export_format: str, country: str | None) -> dict:
    client = Client()
    started, start_rss = time.perf_counter(), rss_mib()
    peak = start_rss
    response = client.get(f"/api/events/export.{export_format}", {"country": country} if country else {})
    assert response.status_code == 200, response.status_code
    events = 0
    for pieces, piece in enumerate(response.streaming_content, start=1):
        text = piece.decode() if isinstance(piece, bytes) else piece
        if export_format == "ftm":
            events += text.count('"schema": "Event"')
        else:
            events += text.count("\n")
        if pieces % 10 == 0:
            peak = max(peak, rss_mib())
    elapsed = time.perf_counter() - started
    events -= export_format == "csv"  # the header line
    end_rss = rss_mib()
    return {
        "events": events,
        "seconds": round(elapsed, 2),
        "events_per_s": round(events / elapsed),
        "rss_start_mib": round(start_rss),
        "rss_end_mib": round(end_rss),
        "rss_peak_mib": round(max(peak, end_rss)),
    }


def country_near(target: int) -> tuple[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.country_id, count(DISTINCT p.event_id) FROM events_participant p"
            " JOIN events_event e ON e.id = p.event_id WHERE e.review_status = 'approved'"
            " AND p.country_id IS NOT NULL GROUP BY 1 ORDER BY abs(count(DISTINCT p.event_id) - %s) LIMIT 1",
            [target],
        )
        return cursor.fetchone()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000, help="size of the country export")
    parser.add_argument("--skip-full", action="store_true", help="only the country export")
    parser.add_argument("--formats", nargs="+", default=list(TARGETS))
    args = parser.parse_args()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM events_event")
        total = cursor.fetchone()[0]
    country, _ = country_near(args.rows)
    cases = [(f"country={country}", country)] + ([] if args.skip_full else [("all approved", None)])
    results: dict = {"events": total, "cases": {}}
    print(f"{total:,} events in the database")
    print(f"{'search':<16} {'format':<6} {'events':>8} {'events/s':>9} {'COPY rows/s':>11} {'ratio':>6} "
          f"{'target':>6} {'RSS start/end/peak MiB':>23}")  # fmt: skip
    for label, code in cases:
        copied, copy_per_s = copy_rate(code)
        case = results["cases"][label] = {"copy_rows": copied, "copy_rows_per_s": round(copy_per_s), "formats": {}}
        for export_format in args.formats:
            measured = export_rate(export_format, code)
            ratio = measured["events_per_s"] / copy_per_s
            measured["ratio"] = round(ratio, 3)
            case["formats"][export_format] = measured
            rss = f"{measured['rss_start_mib']}/{measured['rss_end_mib']}/{measured['rss_peak_mib']}"
            verdict = "met" if ratio >= TARGETS[export_format] else "NOT met"
            print(f"{label:<16} {export_format:<6} {measured['events']:>8,} {measured['events_per_s']:>9,} "
                  f"{copy_per_s:>11,.0f} {ratio:>6.2f} {verdict:>6} {rss:>23}")  # fmt: skip
    out = ROOT / "bench" / "results" / f"exports-{total}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
