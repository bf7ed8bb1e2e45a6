"""Admin list filters other apps' admins can use."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .selectors import events_with_sanctioned_participants, events_without_sanctioned_participants


class HasSanctionedParticipantFilter(admin.SimpleListFilter):
    """Event changelist filter: "has sanctioned participant" yes / no (auto-linked or confirmed, not delisted)."""

    title = "sanctioned participant"
    parameter_name = "sanctioned"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("yes", "has a sanctioned participant"), ("no", "no sanctioned participant")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return events_with_sanctioned_participants(queryset)
        if self.value() == "no":
            return events_without_sanctioned_participants(queryset)
        return queryset
