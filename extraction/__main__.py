"""Command line: ``python -m extraction --jsonl`` (JSON lines on stdin -> JSON lines on stdout)
or ``python -m extraction FILE [--published DATE] [--title TITLE]`` for one text or HTML file."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from .api import ExtractionError, extract, extract_batch
from .pipeline import ModelNotFoundError, load_pipeline


def _items(lines: Iterator[bytes]) -> Iterator[dict]:
    """Parsed stdin lines; a bad line becomes an item whose text is missing and whose error is kept."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield _bad_line(raw.decode("utf-8", errors="replace"), f"line {number} is not valid UTF-8")
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            yield _bad_line(line, f"line {number} is not valid JSON: {error.msg}")
            continue
        yield item if isinstance(item, dict) else {"id": None, "error": f"line {number} is not a JSON object"}


def _bad_line(line: str, message: str) -> dict:
    """An item carrying only the id that can still be read from a broken line, and the error."""
    try:
        item_id = json.loads(line).get("id")
    except (json.JSONDecodeError, AttributeError):
        item_id = None
    return {"id": item_id, "error": message}


def _batch(stdin: Iterator[bytes]) -> Iterator[dict]:
    """Results in input order; pre-failed lines pass through untouched."""
    pending: list[dict] = []

    def flush() -> Iterator[dict]:
        yield from extract_batch(pending)
        pending.clear()

    for item in _items(stdin):
        if "error" in item and "text" not in item:
            yield from flush()
            yield item
        else:
            pending.append(item)
            if len(pending) >= 256:
                yield from flush()
    yield from flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extraction", description=__doc__)
    parser.add_argument("file", nargs="?", type=Path, help="a text or HTML file (single-file mode)")
    parser.add_argument("--jsonl", action="store_true", help="read JSON lines on stdin, write JSON lines")
    parser.add_argument("--published", help="publication date (YYYY-MM-DD) in single-file mode")
    parser.add_argument("--title", help="headline in single-file mode")
    args = parser.parse_args(argv)
    if args.jsonl == (args.file is not None):
        parser.error("give either --jsonl or a FILE")
    try:
        load_pipeline()
    except ModelNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    if args.jsonl:
        if sys.stdin is None:
            print("error: no standard input", file=sys.stderr)
            return 2
        try:
            for result in _batch(iter(sys.stdin.buffer)):
                sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
                sys.stdout.flush()
        except BrokenPipeError:  # the reader went away; nobody is left to tell
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the flush at exit
            return 1
        except OSError as error:  # stdin itself unreadable: the only failure of a whole batch
            print(f"error: cannot read standard input: {error}", file=sys.stderr)
            return 2
        return 0
    try:
        text = args.file.read_bytes().decode("utf-8")
        result = {"id": str(args.file), **extract(text, args.published, args.title)}
    except (OSError, UnicodeDecodeError, ExtractionError) as error:
        message = "file is not valid UTF-8" if isinstance(error, UnicodeDecodeError) else str(error)
        print(json.dumps({"id": str(args.file), "error": message}, ensure_ascii=False))
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
