"""The review list's machinery: estimated counts, index-friendly ordering and the sidebar filters."""

from __future__ import annotations

from datetime import date
from functools import cached_property

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import Paginator
from django.http import HttpRequest

from entities.selectors import resolve_country

from ..models import ACTOR_ROLE_CHOICES, Event, Role
from ..review_queue import estimated_count, events_with_pending_evidence, filter_events_by_sanctioned_participant
from ..search import with_participant

Status = Event.ReviewStatus


class EstimatedCountPaginator(Paginator):
    """Counts with review_queue.estimated_count: statistics or the planner's estimate, never a full scan."""

    @cached_property
    def _count(self) -> tuple[int, bool]:
        return estimated_count(self.object_list)

    @property
    def count(self) -> int:
        return self._count[0]

    @property
    def is_estimate(self) -> bool:
        return self._count[1]


class IndexOrderedChangeList(ChangeList):
    def get_ordering(self, request: HttpRequest, queryset):
        """Break ties by pk in the same direction as the sort, so one index scan serves both."""
        ordering = super().get_ordering(request, queryset)
        ascending = len(ordering) > 1 and isinstance(ordering[-2], str) and not ordering[-2].startswith("-")
        if ascending and ordering[-1] == "-pk":
            ordering[-1] = "pk"
        return ordering


class FormFilter(admin.ListFilter):
    """A sidebar filter with inputs (text, date, select) instead of links; subclasses filter."""

    template = "admin/events/form_filter.html"
    # (parameter, label, input type, [(value, label)] for selects)
    inputs: list[tuple[str, str, str, list[tuple[str, str]]]] = []

    def __init__(self, request, params, model, model_admin) -> None:
        super().__init__(request, params, model, model_admin)
        self.values = {name: (params.pop(name, None) or [""])[-1].strip() for name, *_ in self.inputs}

    def has_output(self) -> bool:
        return True

    def expected_parameters(self) -> list[str]:
        return [name for name, *_ in self.inputs]

    def choices(self, changelist):
        mine = set(self.expected_parameters())
        hidden = [(k, v) for k, v in changelist.params.items() if k not in mine and k != "p"]
        fields = [
            {"name": name, "label": label, "type": kind, "options": options, "value": self.values[name]}
            for name, label, kind, options in self.inputs
        ]
        yield {"hidden": hidden, "fields": fields, "clear": changelist.get_query_string(remove=list(mine))}


class CountryFilter(FormFilter):
    title = "country"
    inputs = [
        ("country", "Country (name, code, demonym)", "text", []),
        ("country_role", "in role", "select", [("", "any role"), *ACTOR_ROLE_CHOICES]),
    ]

    def queryset(self, request, queryset):
        text, role = self.values["country"], self.values["country_role"]
        if not text:
            return queryset
        country = resolve_country(text)
        if country is None or (role and role not in Role.values):
            raise IncorrectLookupParameters(f"Unknown country or role: {text!r} {role!r}")
        return with_participant(queryset, country, role)


class EventDateFilter(FormFilter):
    title = "event date"
    inputs = [("date_from", "from", "date", []), ("date_to", "to", "date", [])]

    def queryset(self, request, queryset):
        try:
            since, until = (date.fromisoformat(v) if v else None for v in self.values.values())
        except ValueError as exc:
            raise IncorrectLookupParameters(str(exc)) from exc
        if since:
            queryset = queryset.filter(event_date__gte=since)
        if until:
            queryset = queryset.filter(event_date__lte=until)
        return queryset


class ReviewStatusFilter(admin.SimpleListFilter):
    """Review status, candidates unless another status (or all) is chosen: the queue is the default view."""

    title = "review status"
    parameter_name = "status"
    ALL = "all"
    NEW_EVIDENCE = "new_evidence"

    def lookups(self, request, model_admin):
        return [*Status.choices, (self.NEW_EVIDENCE, "approved, with new evidence"), (self.ALL, "all")]

    def value(self) -> str:
        return super().value() or Status.CANDIDATE

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == self.NEW_EVIDENCE:
            return events_with_pending_evidence(queryset.filter(review_status=Status.APPROVED))
        return queryset if self.value() == self.ALL else queryset.filter(review_status=self.value())


class SanctionedParticipantFilter(admin.SimpleListFilter):
    title = "sanctioned participant"
    parameter_name = "sanctioned"

    def lookups(self, request, model_admin):
        return [("yes", "has a sanctioned participant"), ("no", "has none")]

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        return filter_events_by_sanctioned_participant(queryset, sanctioned=self.value() == "yes")


class ConfidenceBandFilter(admin.SimpleListFilter):
    title = "confidence"
    parameter_name = "confidence"
    BANDS = {"high": (0.8, None), "medium": (0.5, 0.8), "low": (None, 0.5)}

    def lookups(self, request, model_admin):
        return [("high", "high (≥ 0.8)"), ("medium", "medium (0.5 to 0.8)"), ("low", "low (< 0.5)")]

    def queryset(self, request, queryset):
        if self.value() not in self.BANDS:
            return queryset
        low, high = self.BANDS[self.value()]
        if low is not None:
            queryset = queryset.filter(confidence__gte=low)
        if high is not None:
            queryset = queryset.filter(confidence__lt=high)
        return queryset
