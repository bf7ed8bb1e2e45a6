import time

from django.core.management.base import BaseCommand, CommandParser

from events.aggregates import rebuild_profile_aggregates
from events.fake_data import generate_fake_events


class Command(BaseCommand):
    help = "Insert N fake events (with participants, evidence and articles) for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int, help="number of events to create, e.g. 1000000")
        parser.add_argument("--batch-size", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=0, help="same seed, same data")

    def handle(self, *args, count: int, batch_size: int, seed: int, **options) -> None:
        started = time.perf_counter()

        def progress(done: int) -> None:
            self.stdout.write(f"{done:,} / {count:,} events ({time.perf_counter() - started:.0f} s)")

        made = generate_fake_events(count, batch_size=batch_size, seed=seed, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Created {made:,} fake events in {time.perf_counter() - started:.0f} s."))
        # Inserted in bulk, not through review decisions: the profile aggregates are recomputed.
        rows = rebuild_profile_aggregates()
        self.stdout.write(f"Profile aggregates rebuilt: {', '.join(f'{n:,} {name}' for name, n in rows.items())}.")
