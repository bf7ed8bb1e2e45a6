"""python manage.py ingest SOURCE… [--feed] [--publisher NAME] [--published DATE] [--no-extract]"""

from __future__ import annotations

import datetime
from collections import Counter

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from ingestion.sources import expand_sources, expected_results, ingest_source
from ingestion.storing import ArticleDefaults, IngestResult, enqueue_extraction_of_new


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--published: {value!r} is not a date (YYYY-MM-DD)") from exc


class Command(BaseCommand):
    help = (
        "Store articles from text/HTML files, directories, JSON Lines files "
        '({"text","title","url","published","publisher"} per line), URLs or (--feed) RSS/Atom feeds, '
        "each once, and queue their extraction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sources", nargs="+", metavar="SOURCE", help="file, directory, JSONL file or URL")
        parser.add_argument("--feed", action="store_true", help="SOURCEs are RSS/Atom feeds (URLs or files)")
        parser.add_argument("--publisher", default="", help="publisher for inputs that name none")
        parser.add_argument("--published", type=_date, help="publication date (YYYY-MM-DD) for inputs without one")
        parser.add_argument("--no-extract", action="store_true", help="store only; extract later with `extract`")

    def handle(self, *args, **options) -> None:
        defaults = ArticleDefaults(publisher=options["publisher"], published=options["published"])
        sources = expand_sources(options["sources"])
        expected = [expected_results(source, feed=options["feed"]) for source in sources]
        total = None if None in expected else sum(expected)
        results: list[IngestResult] = []
        with tqdm(total=total, unit="input", disable=options["verbosity"] == 0) as progress:
            stream = (
                result
                for source in sources
                for result in ingest_source(source, feed=options["feed"], defaults=defaults)
            )
            if not options["no_extract"]:
                stream = enqueue_extraction_of_new(stream)
            for result in stream:
                results.append(result)
                progress.update()
                progress.set_postfix_str(result.status)
        self._summarise(results, verbosity=options["verbosity"])

    def _summarise(self, results: list[IngestResult], *, verbosity: int) -> None:
        counts = Counter(result.status for result in results)
        for result in results:
            if result.failed:
                self.stderr.write(f"failed: {result.label}: {result.reason}")
            elif result.reason and (result.status == IngestResult.CREATED or verbosity > 1):
                self.stdout.write(f"{result.status}: {result.label}: {result.reason}")
        self.stdout.write(
            f"Ingested {counts[IngestResult.CREATED]}, duplicates {counts[IngestResult.DUPLICATE]}, "
            f"failed {counts[IngestResult.FAILED]}."
        )
        if counts[IngestResult.FAILED]:
            raise CommandError(f"{counts[IngestResult.FAILED]} input(s) failed (reasons above)")
