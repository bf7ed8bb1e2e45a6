from django.core.management.base import BaseCommand, CommandError, CommandParser

from entities.sanctions import PARSERS, SanctionsFileError
from entities.sanctions.loading import load_sanctions_list


class Command(BaseCommand):
    help = (
        "Load a sanctions list file (UN XML, FtM JSON lines, OFAC CSV or XML). Idempotent by "
        "(list, external id): reloads update entries and delist those no longer in the file. "
        "People and organisations are matched against the changed entries afterwards."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", required=True, choices=sorted(PARSERS), dest="file_format")
        parser.add_argument(
            "--list",
            dest="list_name",
            help="List name (default per format: "
            + ", ".join(f"{fmt}: {p.default_list_name!r}" for fmt, p in sorted(PARSERS.items()))
            + "). Entries of this list missing from the file are delisted, so give each file its own list: "
            "e.g. OFAC's consolidated.xml (non-SDN) with --list 'OFAC Consolidated'.",
        )
        parser.add_argument("--no-match", action="store_true", help="Do not match people/organisations afterwards.")

    def handle(self, *args, file, file_format, list_name, no_match, verbosity, **options) -> None:
        try:
            summary = load_sanctions_list(
                file,
                file_format,
                list_name,
                progress_file=self.stderr if verbosity >= 1 else None,
                match_afterwards=not no_match,
            )
        except SanctionsFileError as exc:
            raise CommandError(f"Rejected, nothing loaded: {exc}") from exc
        self.stdout.write(str(summary))
