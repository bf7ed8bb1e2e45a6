from django.db import models
from django.db.models import F, Q

from events.models import Article


class ExtractionRun(models.Model):
    """One attempt to extract an article: what ran, when, how it ended, what it produced."""

    class State(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        SUCCEEDED = "succeeded", "succeeded"
        FAILED = "failed", "failed"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="extraction_runs")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    extractor_version = models.CharField(max_length=100, blank=True)
    task_id = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    events_found = models.PositiveIntegerField(default=0)
    events_created = models.PositiveIntegerField(default=0)
    events_corroborated = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(started_at__isnull=False, finished_at__gte=F("started_at")),
                name="extraction_run_finishes_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(state="failed") | ~Q(error=""), name="extraction_run_failure_has_reason"
            ),
            # At most one queued-or-running run per article: workers claim it under a row lock,
            # so a duplicate message or a second worker finds nothing left to do.
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(state__in=["queued", "running"]),
                name="extraction_run_one_active_per_article",
            ),
        ]
        indexes = [
            # Serves the sweep: runs in a state (running, queued) older than a timeout.
            models.Index(fields=["state", "created_at"], name="extraction_run_state_idx"),
        ]

    def __str__(self) -> str:
        return f"Run {self.pk} of article {self.article_id}: {self.state}"

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None
