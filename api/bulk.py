"""Daily bulk downloads: the whole approved dataset as gzipped CSV, JSON Lines and FtM files.

EXPORT_DIR/<YYYY-MM-DD>/ holds the three files and manifest.json (each file's size, SHA-256
and row count). Every file is written under a temporary name and renamed into place, and the
manifest last, so a reader (the downloads page) never sees a half-written day; the oldest days
beyond BULK_EXPORT_KEEP_DAYS are removed afterwards.
"""

import datetime
import gzip
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from events.search import EventSearch, search_events

from .exports import stream_export

MANIFEST = "manifest.json"
DAY_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# file name: (export format, what a row is)
BULK_FILES: dict[str, tuple[str, str]] = {
    "events.csv.gz": ("csv", "event"),
    "events.jsonl.gz": ("jsonl", "event"),
    "events.ftm.json.gz": ("ftm", "FtM entity"),
}


@dataclass(frozen=True)
class BulkFile:
    day: datetime.date
    name: str
    size: int
    sha256: str
    rows: int
    row_kind: str


def export_dir() -> Path:
    return Path(settings.EXPORT_DIR)


def _write_gzipped(path: Path, pieces: Iterator[str], header_lines: int) -> tuple[int, str]:
    """Write the pieces gzipped to a temporary file beside path, then rename; (data rows, sha256)."""
    lines = 0
    digest = hashlib.sha256()
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as raw:
            # mtime 0: the same data gives the same bytes (and checksum) whenever it is written.
            with gzip.GzipFile(filename=path.name[:-3], mode="wb", fileobj=raw, mtime=0) as compressed:
                for piece in pieces:
                    compressed.write(piece.encode())
                    lines += piece.count("\n")
            raw.flush()
            os.fsync(raw.fileno())
        with open(temporary, "rb") as written:
            for block in iter(lambda: written.read(1 << 20), b""):
                digest.update(block)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return lines - header_lines, digest.hexdigest()


def _snapshot() -> None:
    """One consistent view of the data for all three files (PostgreSQL; SQLite transactions already are).

    Only for a transaction of our own: the isolation level is set before its first query.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def write_bulk_exports(day: datetime.date | None = None) -> list[BulkFile]:
    """Write today's (or the given day's) files and manifest, then prune old days."""
    day = day or datetime.date.today()
    target = export_dir() / day.isoformat()
    target.mkdir(parents=True, exist_ok=True)
    files = []
    own_transaction = not connection.in_atomic_block
    with transaction.atomic():
        if own_transaction and connection.vendor == "postgresql":
            _snapshot()
        for name, (export_format, row_kind) in BULK_FILES.items():
            events = search_events(None, EventSearch())
            pieces = stream_export(export_format, events)
            rows, sha256 = _write_gzipped(target / name, pieces, int(export_format == "csv"))
            files.append(BulkFile(day, name, (target / name).stat().st_size, sha256, rows, row_kind))
    manifest = {
        "date": day.isoformat(),
        "files": [
            {"name": f.name, "size": f.size, "sha256": f.sha256, "rows": f.rows, "row": f.row_kind} for f in files
        ],
    }
    descriptor, temporary = tempfile.mkstemp(dir=target, prefix=".manifest.", suffix=".tmp")
    with os.fdopen(descriptor, "w") as handle:
        json.dump(manifest, handle, indent=2)
    os.replace(temporary, target / MANIFEST)
    prune_bulk_exports()
    return files


def prune_bulk_exports(keep: int | None = None) -> list[str]:
    """Remove all but the newest `keep` days (BULK_EXPORT_KEEP_DAYS); the removed days."""
    keep = settings.BULK_EXPORT_KEEP_DAYS if keep is None else keep
    days = sorted((p for p in export_dir().iterdir() if p.is_dir() and DAY_PATTERN.match(p.name)), reverse=True)
    removed = days[keep:]
    for path in removed:
        shutil.rmtree(path)
    return [path.name for path in removed]


def list_bulk_exports() -> list[BulkFile]:
    """The complete days' files (those with a manifest), newest day first."""
    root = export_dir()
    if not root.is_dir():
        return []
    found = []
    for day_dir in sorted(root.iterdir(), reverse=True):
        if not (DAY_PATTERN.match(day_dir.name) and (day_dir / MANIFEST).is_file()):
            continue
        manifest = json.loads((day_dir / MANIFEST).read_text())
        day = datetime.date.fromisoformat(manifest["date"])
        for f in manifest["files"]:
            found.append(BulkFile(day, f["name"], f["size"], f["sha256"], f["rows"], f["row"]))
    return found


def bulk_file_path(day: str, name: str) -> Path | None:
    """The path of a listed file, or None: only names from BULK_FILES under a day directory, never a path."""
    if not DAY_PATTERN.match(day) or name not in BULK_FILES:
        return None
    path = export_dir() / day / name
    return path if (path.parent / MANIFEST).is_file() and path.is_file() else None
