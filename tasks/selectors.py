"""Reads for extraction bookkeeping: what the sweep and the extract command act on."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from events.models import Article

from .models import ExtractionRun

# The pipeline reads English; other languages are stored and flagged, not extracted ("" = undetected).
EXTRACTABLE_LANGUAGES = ("en", "")


def extractable_articles() -> QuerySet[Article]:
    return Article.objects.filter(language__in=EXTRACTABLE_LANGUAGES)


def articles_never_extracted() -> QuerySet[Article]:
    """Extractable articles without any extraction run (ingested with --no-extract, or a lost enqueue)."""
    return extractable_articles().filter(extraction_runs__isnull=True).order_by("pk")


def stuck_runs(started_before: datetime.datetime) -> QuerySet[ExtractionRun]:
    """Runs still "running" that started before the cutoff: their worker is gone."""
    return ExtractionRun.objects.filter(state=ExtractionRun.State.RUNNING, started_at__lt=started_before)


def queued_runs_older_than(created_before: datetime.datetime) -> QuerySet[ExtractionRun]:
    return ExtractionRun.objects.filter(state=ExtractionRun.State.QUEUED, created_at__lt=created_before)


def pending_article_ids() -> list[int]:
    """Articles waiting for extraction: never extracted, or queued."""
    queued = ExtractionRun.objects.filter(state=ExtractionRun.State.QUEUED).values_list("article_id", flat=True)
    return sorted(set(articles_never_extracted().values_list("pk", flat=True)) | set(queued))
