"""Periodic work of the API app: the daily bulk downloads (scheduled by beat, migration 0001)."""

from celery import shared_task

from .bulk import write_bulk_exports


@shared_task
def write_daily_bulk_exports() -> int:
    """Write today's bulk files (CSV, JSON Lines, FtM; gzipped, with manifest); the number of events."""
    files = write_bulk_exports()
    return next(f.rows for f in files if f.name == "events.csv.gz")
