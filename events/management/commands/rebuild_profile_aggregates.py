import time

from django.core.management.base import BaseCommand

from events.aggregates import rebuild_profile_aggregates


class Command(BaseCommand):
    help = "Recompute the country-profile aggregates from the approved events (after a migration or a bulk load)."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        self.stdout.write("Rebuilding profile aggregates from the approved events…")
        rows = rebuild_profile_aggregates()
        counts = ", ".join(f"{n:,} {name}" for name, n in rows.items())
        self.stdout.write(self.style.SUCCESS(f"Rebuilt {counts} in {time.perf_counter() - started:.1f} s."))
