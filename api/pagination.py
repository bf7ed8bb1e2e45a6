"""Cursor pagination: stable pages over a growing table, and no COUNT(*) over it."""

from django.db.models import QuerySet
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request

# Each ordering ends with the primary key so that it is total; the first field
# is the cursor position (served by event_approved_date_idx / event_approved_sources_idx).
EVENT_ORDERINGS = {
    "date": ("-sort_date", "-id"),
    "sources": ("-source_count", "-id"),
}


class EventCursorPagination(CursorPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = EVENT_ORDERINGS["date"]

    def get_ordering(self, request: Request, queryset: QuerySet, view) -> tuple[str, ...]:
        return EVENT_ORDERINGS.get(request.query_params.get("sort", ""), self.ordering)


class ArticleCursorPagination(CursorPagination):
    page_size = 50
    ordering = ("-ingested_at", "-id")
