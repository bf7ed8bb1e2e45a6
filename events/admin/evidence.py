"""Read-only lists of participants and evidence, to look things up in."""

from __future__ import annotations

from django.contrib import admin

from ..models import Evidence, Participant


class ReadOnlyAdmin(admin.ModelAdmin):
    """A list to look things up in; changes are made elsewhere (the event form and its services, the workers)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Participant)
class ParticipantAdmin(ReadOnlyAdmin):
    list_display = ["event", "role", "country", "person", "organization", "vessel"]
    list_select_related = ["event", "country", "person", "organization", "vessel"]
    list_filter = ["role"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "event", "article"]
    list_select_related = ["event", "article"]
