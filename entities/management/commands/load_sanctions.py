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
            help="List name. By default the file says which list it is: UN SC Consolidated, OFAC SDN or "
            "OFAC Consolidated (non-SDN) (by its entries' programmes and remarks), OpenSanctions. Entries of "
            "this list missing from the file are delisted.",
        )
        parser.add_argument(
            "--allow-mass-delisting",
            action="store_true",
            help="Load even if it delists more than SANCTIONS_MAX_DELISTED_SHARE of the list's active entries.",
        )
        parser.add_argument("--no-match", action="store_true", help="Do not match people/organisations afterwards.")

    def handle(self, *args, file, file_format, list_name, no_match, allow_mass_delisting, verbosity, **options) -> None:
        try:
            summary = load_sanctions_list(
                file,
                file_format,
                list_name,
                progress_file=self.stderr if verbosity >= 1 else None,
                match_afterwards=not no_match,
                allow_mass_delisting=allow_mass_delisting,
            )
        except SanctionsFileError as exc:
            raise CommandError(f"Rejected, nothing loaded: {exc}") from exc
        self.stdout.write(str(summary))
