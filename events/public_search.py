"""The public search as the pages, the API and the exports take it: the parameters (validated and
documented by `EventFilter`), the orderings with their cursor paging, and the country a URL names.

The query itself is `events.search.search_events`, which also decides what the user may see.
"""

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from rest_framework.exceptions import NotFound
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.request import Request

from entities.models import Country, Person
from entities.selectors import resolve_country

from .models import ACTOR_ROLE_CHOICES, Event, EventType
from .search import EventSearch, can_see_unreviewed, search_events

# Each ordering ends with the primary key so that it is total; the first field
# is the cursor position (served by event_approved_date_idx / event_approved_sources_idx).
EVENT_ORDERINGS = {
    "date": ("-sort_date", "-id"),
    "sources": ("-source_count", "-id"),
}


class CheckedCursorPagination(CursorPagination):
    """Cursor paging that checks the cursor's position against the ordering's first field: an edited
    cursor answers 404, as DRF does for an undecodable one, never a database error."""

    def paginate_queryset(self, queryset: QuerySet, request: Request, view=None) -> list | None:
        self.positioned_queryset = queryset
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request: Request) -> Cursor | None:
        cursor = super().decode_cursor(request)
        if cursor is None or cursor.position is None:
            return cursor
        field = self.positioned_queryset.query.resolve_ref(self.ordering[0].lstrip("-")).output_field
        try:
            if "\x00" in cursor.position:
                raise ValidationError("NUL in a cursor position")
            field.to_python(cursor.position)
        except ValidationError:
            raise NotFound(self.invalid_cursor_message) from None
        return cursor


class EventCursorPagination(CheckedCursorPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = EVENT_ORDERINGS["date"]

    def get_ordering(self, request: Request, queryset: QuerySet, view) -> tuple[str, ...]:
        return EVENT_ORDERINGS.get(request.query_params.get("sort", ""), self.ordering)


class CountryField(forms.CharField):
    """Free text ("North Korea", "DPRK", "KP", "PRK", "North Korean") to a Country."""

    def clean(self, value: Any) -> Country | None:
        text = super().clean(value)
        if not text:
            return None
        country = resolve_country(text)
        if country is None:
            raise ValidationError('unknown country "%(text)s"', code="unknown_country", params={"text": text})
        return country


class CountryFilter(django_filters.CharFilter):
    field_class = CountryField


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
STATUS_CHOICES = [*Event.ReviewStatus.choices, ("any", "any")]
SORT_CHOICES = [("date", "newest first"), ("sources", "most sources first")]
assert {value for value, _ in SORT_CHOICES} == set(EVENT_ORDERINGS)


class EventFilter(django_filters.FilterSet):
    country = CountryFilter(
        label="Country",
        help_text='A country in plain words, a code or a demonym: "North Korea", "DPRK", "KP", "PRK", "North Korean".',
    )
    role = django_filters.ChoiceFilter(
        choices=ACTOR_ROLE_CHOICES, empty_label="any role", label="Role", help_text="The country's role in the event."
    )
    type = django_filters.ChoiceFilter(choices=EventType.choices, empty_label="any type", label="Event type")
    certainty = django_filters.ChoiceFilter(
        choices=Event.Certainty.choices, empty_label="any certainty", label="Certainty"
    )
    date_from = django_filters.DateFilter(label="From (date)", help_text="YYYY-MM-DD, inclusive.", widget=DATE_INPUT)
    date_to = django_filters.DateFilter(label="To (date)", help_text="YYYY-MM-DD, inclusive.", widget=DATE_INPUT)
    # Bounded: longer text is no search anyone means, and SQLite refuses LIKE patterns over 50,000 bytes.
    q = django_filters.CharFilter(
        label="Words", help_text="Free text in the summary, items and evidence sentences.", max_length=1000
    )
    person = django_filters.CharFilter(
        label="Official",
        help_text="A person's name (tolerates typos).",
        max_length=Person._meta.get_field("name").max_length,
    )
    status = django_filters.ChoiceFilter(
        choices=STATUS_CHOICES,
        empty_label="approved",
        label="Review status",
        help_text="Staff only; everyone else always gets approved events.",
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, empty_label=None, label="Sort", help_text="Applied by the paginator."
    )

    class Meta:
        model = Event
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not can_see_unreviewed(getattr(self.request, "user", None)):
            # Not offered, and never applied: visibility is the selector's job anyway.
            del self.filters["status"]
        self.filters["sort"].extra["required"] = False

    @property
    def search(self) -> EventSearch:
        data = self.form.cleaned_data
        return EventSearch(
            country=data.get("country"),
            role=data.get("role") or "",
            event_type=data.get("type") or "",
            certainty=data.get("certainty") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            text=(data.get("q") or "").strip(),
            person=(data.get("person") or "").strip(),
            status=data.get("status") or "",
        )

    def filter_queryset(self, queryset: QuerySet[Event]) -> QuerySet[Event]:
        """The search, from the selector (the queryset passed in only names the model)."""
        return search_events(getattr(self.request, "user", None), self.search)


def country_or_404(text: str) -> Country:
    """A country by ISO3 (as in URLs) or any name resolve_country knows."""
    country = Country.objects.filter(iso3=text.upper()).first() or resolve_country(text)
    if country is None:
        raise Http404(f'unknown country "{text}"')
    return country
