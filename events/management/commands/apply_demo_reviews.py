"""Apply the recorded demo review decisions (demo/reviews.json) as the demo reviewer: for the quickstart."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from events.demo_reviews import DemoDecisionsError, apply_demo_decisions, read_demo_decisions


class Command(BaseCommand):
    help = (
        "Approve, reject and merge demo candidates as recorded in a decisions file, as the demo reviewer, "
        "through the review services. Events already decided are left alone, so re-running changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="e.g. demo/reviews.json")

    def handle(self, *args, file: Path, **options) -> None:
        try:
            decisions = read_demo_decisions(file)
        except DemoDecisionsError as exc:
            raise CommandError(f"Nothing applied: {exc}") from exc
        summary = apply_demo_decisions(decisions)
        for label in summary.applied:
            self.stdout.write(f"   {label}")
        for label in summary.not_found:
            self.stderr.write(self.style.WARNING(f"   not applied, no such demo candidate: {label}"))
        self.stdout.write(self.style.SUCCESS(f"Demo reviews: {summary}"))
