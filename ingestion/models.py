from django.db import models


class Feed(models.Model):
    """An RSS/Atom feed polled on a schedule; each entry becomes an Article once."""

    class PollStatus(models.TextChoices):
        NEVER = "never", "never polled"
        OK = "ok", "new entries read"
        NOT_MODIFIED = "not_modified", "not modified"
        FAILED = "failed", "failed"

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=300, blank=True, help_text="Publisher for entries that name none.")
    active = models.BooleanField(default=True)
    # Conditional GET validators from the last successful poll.
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=12, choices=PollStatus.choices, default=PollStatus.NEVER)
    last_error = models.TextField(blank=True)
    last_ingested = models.PositiveIntegerField(default=0, help_text="Articles created by the last poll.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(last_status="failed") | ~models.Q(last_error=""), name="feed_failure_has_reason"
            ),
        ]
        indexes = [
            # Serves the beat poll: WHERE active ORDER BY last_polled_at (least recently polled first).
            models.Index(fields=["active", "last_polled_at"], name="feed_active_polled_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.url
