"""Reads for ingestion: duplicate checks and the feeds to poll."""

from __future__ import annotations

from django.db.models import F, QuerySet

from events.models import Article

from .models import Feed


def article_with_url(url: str) -> Article | None:
    return Article.objects.filter(url=url).first()


def article_with_content_hash(digest: str) -> Article | None:
    return Article.objects.filter(content_hash=digest).first()


def feeds_to_poll() -> QuerySet[Feed]:
    """Active feeds, least recently polled first (never-polled ones before all)."""
    return Feed.objects.filter(active=True).order_by(F("last_polled_at").asc(nulls_first=True))
