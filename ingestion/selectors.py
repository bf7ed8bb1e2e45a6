"""Reads for ingestion: duplicate checks and the feeds to poll."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, QuerySet

from events.models import Article

from .models import Feed


def article_with_url(url: str) -> Article | None:
    return Article.objects.filter(url=url).first()


def articles_with_urls(urls: Iterable[str]) -> dict[str, Article]:
    return {article.url: article for article in Article.objects.filter(url__in=list(urls))}


def articles_with_content_hashes(digests: Iterable[str]) -> dict[str, Article]:
    return {article.content_hash: article for article in Article.objects.filter(content_hash__in=list(digests))}


def feeds_to_poll() -> QuerySet[Feed]:
    """Active feeds, least recently polled first (never-polled ones before all)."""
    return Feed.objects.filter(active=True).order_by(F("last_polled_at").asc(nulls_first=True))
