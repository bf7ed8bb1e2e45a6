"""Steps of a fault scenario, each run as its own process against the private servers.

    python -m tests.reliability.fault_steps seed N | enqueue | sweep | counts | reextract

The test process drives the scenario (starts workers, restarts servers) and reads the
JSON each step prints; the steps run in their own processes because the test's own
Django connection belongs to the shared server's test database.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from collections import Counter

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.utils import timezone  # noqa: E402

from events.models import Article, Event, Evidence, Participant  # noqa: E402
from tasks.models import ExtractionRun  # noqa: E402
from tasks.services import enqueue_extraction, request_extraction, run_extraction, sweep_extraction_runs  # noqa: E402
from tests.events.factories import ArticleFactory  # noqa: E402
from tests.tasks.conftest import demo_records  # noqa: E402

# Articles extracted and reviewed before the faulty batch re-extracts them.
REVIEWED_ARTICLES = 3


def seed(count: int) -> dict:
    """Articles (demo texts), the first few extracted and their events reviewed: one approved, one rejected."""
    records = demo_records()
    articles = [
        ArticleFactory(text=f"{records[n % len(records)]['text']}\n\nCopy {n}.", published=datetime.date(2024, 1, 5))
        for n in range(count)
    ]
    reviewed = [a.pk for a in articles[:REVIEWED_ARTICLES]]
    request_extraction(reviewed)
    run_extraction(reviewed)
    reviewer = User.objects.create_user("reviewer", password="a-long-enough-password", is_staff=True)
    events = list(Event.objects.filter(evidence__article_id__in=reviewed).distinct().order_by("pk")[:2])
    decisions = [Event.ReviewStatus.APPROVED, Event.ReviewStatus.REJECTED]
    for event, decision in zip(events, decisions, strict=False):
        event.review_status, event.reviewed_by, event.reviewed_at = decision, reviewer, timezone.now()
        event.save()
    return {"articles": [a.pk for a in articles], "reviewed_articles": reviewed}


def enqueue() -> dict:
    runs = enqueue_extraction(Article.objects.order_by("pk").values_list("pk", flat=True))
    return {"queued": len(runs)}


def sweep() -> dict:
    """The periodic sweep, run once the stuck and queued timeouts have passed."""
    report = sweep_extraction_runs(stuck_after=datetime.timedelta(0), queued_after=datetime.timedelta(0))
    return report.__dict__


def counts() -> dict:
    succeeded = Counter(
        ExtractionRun.objects.filter(state=ExtractionRun.State.SUCCEEDED).values_list("article_id", flat=True)
    )
    return {
        "articles": Article.objects.count(),
        "runs": dict(Counter(ExtractionRun.objects.values_list("state", flat=True))),
        "succeeded_per_article": {str(pk): succeeded[pk] for pk in Article.objects.values_list("pk", flat=True)},
        "events": Event.objects.count(),
        "participants": Participant.objects.count(),
        "evidence": Evidence.objects.count(),
        "decisions": dict(
            Counter(Event.objects.exclude(reviewed_by=None).values_list("review_status", flat=True).order_by())
        ),
    }


def reextract() -> dict:
    """One more clean extraction of every article: a duplicate left by the fault would show as a difference."""
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    request_extraction(ids)
    run_extraction(ids)
    return counts()


if __name__ == "__main__":
    step, *args = sys.argv[1:]
    steps = {"seed": lambda: seed(int(args[0])), "enqueue": enqueue, "sweep": sweep, "counts": counts}
    steps["reextract"] = reextract
    print(json.dumps(steps[step]()))
