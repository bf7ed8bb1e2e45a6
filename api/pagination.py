"""Cursor pagination: stable pages over a growing table, and no COUNT(*) over it."""

from rest_framework.pagination import CursorPagination


class ArticleCursorPagination(CursorPagination):
    page_size = 50
    ordering = ("-ingested_at", "-id")
