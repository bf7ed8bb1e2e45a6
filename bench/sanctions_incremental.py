"""Incremental list updates: loading a list again and re-matching only what changed.

    DATABASE_URL=postgres://…/sanctions_bench python bench/sanctions_incremental.py [--entries 20000]

Loads a synthetic OFAC-style list of --entries entries, then a next version with 1% renamed and
0.5% removed, and times each load and the re-matching of 1,000 synthetic people against the
changed entries only versus against the whole list. Everything runs in one transaction that is
rolled back at the end, so the database is left as it was. A benchmark, not a test: not part of CI.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from entities.models import Person  # noqa: E402
from entities.sanctions.linking import match_everyone_against_sanctions  # noqa: E402
from entities.sanctions.loading import load_sanctions_list  # noqa: E402

LIST_NAME = "Bench synthetic list"


class RolledBack(Exception):
    """Raised at the end to undo everything the benchmark wrote."""


def synthetic_names(count: int, rng: random.Random) -> list[str]:
    syllables = ["".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(3000)]
    return [f"{rng.choice(syllables).upper()}, {rng.choice(syllables).capitalize()}" for _ in range(count)]


def write_list(path: Path, names: dict[int, str]) -> None:
    rows = [
        f'{uid},"{name}","individual","BENCH",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ' for uid, name in names.items()
    ]
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")


def timed(label: str, action):
    started = time.perf_counter()
    result = action()
    print(f"{label:58} {time.perf_counter() - started:7.2f} s  {result}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    args = parser.parse_args()
    rng = random.Random(15)
    names = dict(enumerate(synthetic_names(args.entries, rng), start=1))
    changed = dict(names)
    for uid in rng.sample(sorted(names), args.entries // 100):
        changed[uid] = names[uid] + " " + rng.choice(["Jr", "Ali", "Ivan"])
    for uid in rng.sample(sorted(names), args.entries // 200):
        changed.pop(uid, None)
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder) / "v1.csv", Path(folder) / "v2.csv"
        write_list(first, names)
        write_list(second, changed)
        try:
            with transaction.atomic():
                people = [
                    Person(name=f"{name.split(', ')[1]} {name.split(', ')[0]}")
                    for name in rng.sample(list(names.values()), 1000)
                ]
                Person.objects.bulk_create(people)

                def load(path: Path):
                    return load_sanctions_list(path, "ofac-csv", LIST_NAME, match_afterwards=False)

                timed(f"first load, {args.entries} entries", lambda: load(first).added)
                summary = timed("same file again (nothing changes)", lambda: load(first))
                summary = timed("next version (1% renamed, 0.5% removed)", lambda: load(second))
                ids = summary.changed_entry_ids
                timed(
                    f"re-match 1,000 people against the {len(ids)} changed entries",
                    lambda: match_everyone_against_sanctions(ids),
                )
                timed("re-match 1,000 people against the whole list", lambda: match_everyone_against_sanctions())
                raise RolledBack
        except RolledBack:
            print("(rolled back: the database is as it was)")


if __name__ == "__main__":
    main()
