"""Cursor pagination: stable pages over a growing table, and no COUNT(*) over it."""

from events.public_search import CheckedCursorPagination


class ArticleCursorPagination(CheckedCursorPagination):
    page_size = 50
    ordering = ("-ingested_at", "-id")
