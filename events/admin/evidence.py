"""Read-only lists of participants and evidence, to look things up in."""

from __future__ import annotations

from django.contrib import admin, messages

from ..models import Evidence, Participant
from ..review import decide_evidence


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
    """Evidence found for events already reviewed waits here as pending until accepted or rejected."""

    list_display = ["__str__", "event", "article", "review_state", "carriers_proposed"]
    list_select_related = ["event", "article"]
    list_filter = ["review_state"]
    actions = ["accept", "reject"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("proposed_carriers")

    @admin.display(description="carriers it adds when accepted")
    def carriers_proposed(self, evidence: Evidence) -> str:
        return ", ".join(map(str, evidence.proposed_carriers.all()))

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm("events.change_evidence")

    @admin.action(description="Accept selected evidence (make it public)", permissions=["review"])
    def accept(self, request, queryset) -> None:
        decided = decide_evidence(queryset.select_for_update(), accept=True, by=request.user)
        self.message_user(request, f"{decided} accepted.", messages.SUCCESS)

    @admin.action(description="Reject selected evidence", permissions=["review"])
    def reject(self, request, queryset) -> None:
        decided = decide_evidence(queryset.select_for_update(), accept=False, by=request.user)
        self.message_user(request, f"{decided} rejected.", messages.SUCCESS)
