"""The event admin: the review queue and the decisions on selected events (the review form: review_form)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from vocabulary.events import OFFICIAL, roles_for

from ..models import Event, Participant
from ..review import ReviewError, approve_events, delete_events, merge_events, reject_events, unreject_events
from ..review_queue import (
    MAX_SEARCH_WORDS,
    event_review_queryset,
    participant_history,
    participants_by_role,
    search_review_queue,
)
from .actions import confirm_selected, merge_with_chosen_survivor
from .changelist import (
    ConfidenceBandFilter,
    CountryFilter,
    EstimatedCountPaginator,
    EventDateFilter,
    IndexOrderedChangeList,
    ReviewStatusFilter,
    SanctionedParticipantFilter,
)
from .forms import EventReviewForm
from .review_form import DECISION_FIELDSET, ReviewFormAdmin


class ParticipantFormSet(BaseInlineFormSet):
    may_remove_any = False  # set per request: removing participants other than officials takes delete_participant

    def clean(self) -> None:
        super().clean()
        allowed = roles_for(self.instance.event_type)
        for form in self.forms:
            role = getattr(form, "cleaned_data", {}).get("role")
            if role and role not in allowed:
                names = ", ".join(allowed)
                form.add_error("role", f"Roles for {self.instance.get_event_type_display()} events: {names}.")
        # A form marked for deletion is not validated, so this is an error of the whole formset.
        removed = [form.initial.get("role") for form in self.initial_forms if self._should_delete_form(form)]
        if not self.may_remove_any and any(role != OFFICIAL for role in removed):  # the role as stored
            raise ValidationError("Reviewers remove officials only; an administrator removes other participants.")


class ParticipantInline(admin.TabularInline):
    model = Participant
    formset = ParticipantFormSet
    extra = 0
    # An official (role "official") is a person, with a capacity, a stance and the country they serve.
    fields = ["role", "country", "person", "organization", "vessel", "capacity", "stance", "official_country"]
    fields += ["official_sentence"]
    readonly_fields = ["official_sentence"]
    autocomplete_fields = ["country", "person", "organization", "vessel", "official_country"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("evidence")

    def has_delete_permission(self, request, obj=None) -> bool:
        # Removing a wrongly extracted official corrects the event (history records who did it); reviewers,
        # who delete nothing else, may. The formset refuses other removals without delete_participant.
        return super().has_delete_permission(request, obj) or self.has_change_permission(request, obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.may_remove_any = super().has_delete_permission(request, obj)
        return formset

    @admin.display(description="official's sentence")
    def official_sentence(self, participant: Participant) -> str:
        return participant.evidence.sentence if participant.evidence else "—"


class EventAdmin(ReviewFormAdmin, SimpleHistoryAdmin):
    """The review queue and form; registered by tasks.admin, which adds re-extraction."""

    class Media:
        css = {"all": ["events/admin.css"]}
        js = ["events/review.js"]

    list_display = [
        "event_type",
        "summary_line",
        "participants_by_role",
        "certainty",
        "review_status",
        "event_date",
        "confidence",
        "source_count",
        "last_review",
    ]
    list_display_links = ["summary_line"]
    list_filter = [
        ReviewStatusFilter,
        "event_type",
        "certainty",
        CountryFilter,
        EventDateFilter,
        SanctionedParticipantFilter,
        ConfidenceBandFilter,
    ]
    # Each sortable column has an index (review_status, column, id): see migration 0003_admin_indexes.
    sortable_by = ["event_date", "confidence", "source_count", "last_review"]
    ordering = ["-created_at"]
    search_fields = ["summary"]  # shows the search box; get_search_results does the searching
    search_help_text = (
        f"Words in the summary, participant names or evidence sentences (the first {MAX_SEARCH_WORDS} words count)."
    )
    list_per_page = 100
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # facet counts would count the whole table per filter choice
    paginator = EstimatedCountPaginator
    actions = ["approve_selected", "reject_selected", "unreject_selected", "merge_selected"]
    change_form_template = "admin/events/event/change_form.html"
    form = EventReviewForm
    # The evidence is shown at the top of the form, marked in its paragraphs (events.review_screen).
    inlines = [ParticipantInline]
    # The change form template shows the review panel first (summary, roles, evidence, the note and
    # the decision buttons), then the editable fieldsets and participants, then the "record" ones.
    fieldsets = [
        ("What happened", {"fields": ["certainty", ("event_date", "date_precision"), "items", "quantity"]}),
        (DECISION_FIELDSET, {"fields": ["review_note"]}),
        (
            "Review record",
            {
                "fields": ["review_status", "merged_into_link", "last_review", "participant_changes"],
                "classes": ["record"],
            },
        ),
        (
            "Extraction",
            {
                "fields": ["summary", "event_type", "confidence", "source_count", "extractor_version", "created_at"],
                "classes": ["record"],
            },
        ),
    ]
    readonly_fields = [
        "summary",
        "event_type",
        "review_status",
        "merged_into_link",
        "last_review",
        "participant_changes",
        "confidence",
        "source_count",
        "extractor_version",
        "created_at",
    ]

    def get_queryset(self, request):
        return event_review_queryset()

    def get_changelist(self, request, **kwargs):
        return IndexOrderedChangeList

    def get_sortable_by(self, request):
        # Across all statuses only the default order has an index (created_at, id).
        return [] if request.GET.get(ReviewStatusFilter.parameter_name) == ReviewStatusFilter.ALL else self.sortable_by

    def get_search_results(self, request, queryset, search_term):
        return (search_review_queue(queryset, search_term) if search_term else queryset), False

    def has_add_permission(self, request) -> bool:
        return False  # events come from extraction

    def revert_disabled(self, request, obj=None) -> bool:
        return True  # a revert would bypass the review services

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("Reverting is disabled; review decisions go through approve/reject/merge.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    # columns

    @admin.display(description="summary")
    def summary_line(self, event: Event) -> str:
        return str(event)

    @admin.display(description="participants")
    def participants_by_role(self, event: Event) -> str:
        names = participants_by_role(event)
        return format_html_join("", "<div>{}: {}</div>", ((role, ", ".join(n)) for role, n in names.items()))

    @admin.display(description="last review", ordering="reviewed_at")
    def last_review(self, event: Event) -> str:
        if not event.reviewed_at:
            return "—"
        when = timezone.localtime(event.reviewed_at).strftime("%Y-%m-%d %H:%M")
        return format_html("{} by {}", when, event.reviewed_by or "an unknown user")

    @admin.display(description="participant changes")
    def participant_changes(self, event: Event) -> str:
        kinds = {"+": "added", "~": "changed", "-": "removed"}
        rows = (
            (
                f"{timezone.localtime(h.history_date):%Y-%m-%d %H:%M}",
                h.history_user or "system",
                kinds[h.history_type],
                h.role,
                h.country or h.person or h.organization,
                f" ({h.history_change_reason})" if h.history_change_reason else "",
            )
            for h in participant_history(event)
        )
        return format_html_join("", "<div>{} {}: {} {} {}{}</div>", rows) or "—"

    @admin.display(description="merged into")
    def merged_into_link(self, event: Event) -> str:
        if not event.merged_into_id:
            return "—"
        link = reverse("admin:events_event_change", args=[event.merged_into_id])
        return format_html('<a href="{}">#{}</a>', link, event.merged_into_id)

    # actions on selected events

    def _decide(self, request: HttpRequest, decide, queryset, done: str) -> None:
        try:
            changed = decide(list(queryset), by=request.user)
        except ReviewError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(request, f"{len(changed)} event(s) {done}.", messages.SUCCESS)

    @admin.action(description="Approve selected events", permissions=["change"])
    def approve_selected(self, request, queryset) -> None:
        self._decide(request, approve_events, queryset, "approved")

    @admin.action(description="Un-reject selected events (back to candidates)", permissions=["change"])
    def unreject_selected(self, request, queryset) -> None:
        self._decide(request, unreject_events, queryset, "returned to the candidates")

    @admin.action(description="Reject selected events…", permissions=["change"])
    def reject_selected(self, request, queryset) -> HttpResponse | None:
        reason = request.POST.get("reason", "").strip()
        if "apply" in request.POST and reason:
            self._decide(
                request,
                lambda events, by: reject_events(events, by=by, reason=reason),
                queryset,
                "rejected",
            )
            return None
        return confirm_selected(
            self,
            request,
            [(e.pk, e) for e in queryset],
            action="reject_selected",
            title="Reject events",
            intro="These events will be rejected:",
            ask_reason=True,
            reason_missing="apply" in request.POST,
        )

    @admin.action(description="Merge selected events into one…", permissions=["change"])
    def merge_selected(self, request, queryset) -> HttpResponse | None:
        return merge_with_chosen_survivor(
            self,
            request,
            list(queryset),
            merge=merge_events,
            describe=lambda e: f"{e} ({e.get_review_status_display()}, sources: {e.source_count})",
            action="merge_selected",
            title="Merge events",
            intro="Choose the event to keep. The others' participants and evidence move to it; they are marked merged.",
        )

    # deleting (superusers): through the service, so the profile aggregates follow

    def delete_model(self, request, obj: Event) -> None:
        delete_events([obj], by=request.user)

    def delete_queryset(self, request, queryset) -> None:
        delete_events(queryset, by=request.user)
