from django.core.management.base import BaseCommand, CommandParser

from entities.sanctions.linking import match_everyone_against_sanctions, match_people_and_organizations


class Command(BaseCommand):
    help = "Match people and organisations against active sanctions-list entries (all, or the ids given)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--person", type=int, action="append", default=[], dest="person_ids")
        parser.add_argument("--organization", type=int, action="append", default=[], dest="organization_ids")

    def handle(self, *args, person_ids, organization_ids, **options) -> None:
        if person_ids or organization_ids:
            summary = match_people_and_organizations(person_ids, organization_ids)
        else:
            summary = match_everyone_against_sanctions()
        self.stdout.write(str(summary))
