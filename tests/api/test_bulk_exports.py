"""Daily bulk downloads: written by a beat task (real worker), checksummed, pruned, listed and served safely."""

import csv
import datetime
import gzip
import hashlib
import io
import json

import pytest
from django.test import Client
from django_celery_beat.models import PeriodicTask

from api import bulk
from api.bulk import list_bulk_exports, write_bulk_exports
from api.tasks import write_daily_bulk_exports
from config.celery import app
from events.models import Event
from tests.tasks.conftest import wait_for

DAY = datetime.date(2026, 3, 1)


@pytest.fixture
def export_dir(settings, tmp_path):
    settings.EXPORT_DIR = tmp_path / "exports"
    return settings.EXPORT_DIR


def manifest(export_dir, day: datetime.date) -> dict:
    return json.loads((export_dir / day.isoformat() / "manifest.json").read_text())


def test_the_daily_task_writes_checksummed_files_of_every_approved_event_through_a_worker(
    search_data, export_dir, celery_worker
):
    write_daily_bulk_exports.delay()
    today = export_dir / datetime.date.today().isoformat()
    wait_for(lambda: (today / "manifest.json").is_file(), timeout=120, what="the day's manifest")

    files = {f["name"]: f for f in manifest(export_dir, datetime.date.today())["files"]}
    assert set(files) == {"events.csv.gz", "events.jsonl.gz", "events.ftm.json.gz"}
    approved = set(Event.objects.filter(review_status=Event.ReviewStatus.APPROVED).values_list("pk", flat=True))
    for name, entry in files.items():
        data = (today / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert len(data) == entry["size"]
    rows = list(csv.DictReader(io.StringIO(gzip.decompress((today / "events.csv.gz").read_bytes()).decode())))
    assert {int(row["id"]) for row in rows} == approved
    assert files["events.csv.gz"]["rows"] == len(approved)
    lines = gzip.decompress((today / "events.jsonl.gz").read_bytes()).decode().splitlines()
    assert {json.loads(line)["id"] for line in lines} == approved
    entities = gzip.decompress((today / "events.ftm.json.gz").read_bytes()).decode().splitlines()
    assert files["events.ftm.json.gz"]["rows"] == len(entities) > len(approved)
    assert not [p for p in today.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_daily_bulk_downloads_are_scheduled_in_the_database_with_a_real_task_name(db):
    task = PeriodicTask.objects.get(task="api.tasks.write_daily_bulk_exports", enabled=True)
    app.loader.import_default_modules()
    assert task.task in app.tasks
    assert (task.crontab.hour, task.crontab.minute) == ("3", "0")


def test_days_beyond_the_kept_number_are_removed(search_data, export_dir, settings):
    settings.BULK_EXPORT_KEEP_DAYS = 2
    for offset in range(4):
        write_bulk_exports(DAY + datetime.timedelta(days=offset))
    assert sorted(p.name for p in export_dir.iterdir()) == ["2026-03-03", "2026-03-04"]
    assert sorted({f.day for f in list_bulk_exports()}) == [DAY + datetime.timedelta(days=n) for n in (2, 3)]


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temporary_file(search_data, export_dir, monkeypatch):
    write_bulk_exports(DAY)
    before = (export_dir / DAY.isoformat() / "events.jsonl.gz").read_bytes()

    def half_a_line():
        yield "half a line"
        raise RuntimeError("disk full")

    written = bulk.stream_export
    monkeypatch.setattr(
        bulk, "stream_export", lambda fmt, events: half_a_line() if fmt == "jsonl" else written(fmt, events)
    )
    with pytest.raises(RuntimeError):
        write_bulk_exports(DAY)
    assert (export_dir / DAY.isoformat() / "events.jsonl.gz").read_bytes() == before
    assert not [p for p in (export_dir / DAY.isoformat()).iterdir() if p.name.startswith(".")]


def test_the_downloads_page_lists_each_file_with_date_size_and_checksum(search_data, export_dir):
    files = write_bulk_exports(DAY)
    page = Client().get("/downloads/").content.decode()
    for f in files:
        assert f"/downloads/2026-03-01/{f.name}" in page
        assert f.sha256 in page
    response = Client().get("/downloads/2026-03-01/events.csv.gz")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == files[0].sha256


def test_the_downloads_page_says_when_there_are_no_files_yet(db, export_dir):
    assert "No bulk files yet" in Client().get("/downloads/").content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/downloads/2026-03-01/manifest.json",
        "/downloads/2026-03-01/..%2F..%2Fsecret.csv.gz",
        "/downloads/..%2F2026-03-01/events.csv.gz",
        "/downloads/2026-03-02/events.csv.gz",
        "/downloads/2026-03-01/%2Fetc%2Fpasswd",
    ],
)
def test_downloads_serve_only_listed_files(search_data, export_dir, path):
    write_bulk_exports(DAY)
    (export_dir.parent / "secret.csv.gz").write_bytes(b"not for download")
    assert Client().get(path).status_code == 404
