"""python manage.py extract [--pending | --article ID… | --all] [--sync]"""

from __future__ import annotations

from collections import Counter

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from tasks import selectors, services
from tasks.models import ExtractionRun


class Command(BaseCommand):
    help = "Queue extraction of articles (batched Celery tasks), or run it in this process with --sync."

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--pending", action="store_true", help="articles never extracted, or still queued")
        which.add_argument("--article", type=int, nargs="+", metavar="ID", help="these articles (re-extracts)")
        which.add_argument("--all", action="store_true", help="every English article (re-extracts)")
        parser.add_argument("--sync", action="store_true", help="extract here instead of queueing for workers")

    def handle(self, *args, **options) -> None:
        if options["pending"]:
            article_ids = selectors.pending_article_ids()
        elif options["all"]:
            article_ids = list(selectors.extractable_articles().order_by("pk").values_list("pk", flat=True))
        else:
            article_ids = options["article"]
        if options["sync"]:
            self._run_here(article_ids, quiet=options["verbosity"] == 0)
        else:
            runs = services.enqueue_extraction(article_ids)
            batches = len(list(services.batches([r.article_id for r in runs])))
            self.stdout.write(f"Queued extraction of {len(runs)} article(s) in {batches} task(s).")

    def _run_here(self, article_ids: list[int], *, quiet: bool) -> None:
        runs = services.request_extraction(article_ids)
        states: Counter[str] = Counter()
        with tqdm(total=len(runs), unit="article", disable=quiet) as progress:
            for batch in services.batches([r.article_id for r in runs]):
                services.run_extraction(batch)
                progress.update(len(batch))
        for run in ExtractionRun.objects.filter(pk__in=[r.pk for r in runs]):
            states[run.state] += 1
            if run.state == ExtractionRun.State.FAILED:
                self.stderr.write(f"article {run.article_id}: {run.error}")
        self.stdout.write(
            f"Extracted {states[ExtractionRun.State.SUCCEEDED]} article(s), "
            f"failed {states[ExtractionRun.State.FAILED]}."
        )
