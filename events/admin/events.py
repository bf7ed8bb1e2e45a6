"""The event admin: the review queue, the review form and the decisions on selected events."""

from __future__ import annotations

from copy import copy

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from ..aggregates import Contributions, contributions, follow_change
from ..highlighting import evidence_in_paragraph
from ..models import ROLES_BY_TYPE, Event, Evidence, Participant
from ..review import ReviewError, approve_events, delete_events, merge_events, reject_events, unreject_events
from ..review_queue import (
    MAX_SEARCH_WORDS,
    event_review_queryset,
    next_candidate,
    participant_history,
    participants_by_role,
    search_review_queue,
)
from ..summaries import refresh_event_summary
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


class ParticipantFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        allowed = ROLES_BY_TYPE[self.instance.event_type]
        for form in self.forms:
            role = getattr(form, "cleaned_data", {}).get("role")
            if role and role not in allowed:
                names = ", ".join(allowed)
                form.add_error("role", f"Roles for {self.instance.get_event_type_display()} events: {names}.")


class ParticipantInline(admin.TabularInline):
    model = Participant
    formset = ParticipantFormSet
    extra = 0
    fields = ["role", "country", "person", "organization", "vessel"]
    autocomplete_fields = ["country", "person", "organization", "vessel"]


class EvidenceInline(admin.StackedInline):
    model = Evidence
    extra = 0
    # Pending evidence (found after the event was reviewed) is accepted or rejected in the Evidence list.
    fields = ["in_context", "source", "review_state"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # evidence comes from extraction

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")

    @admin.display(description="sentence in its paragraph")
    def in_context(self, evidence: Evidence) -> str:
        before, sentence, after = evidence_in_paragraph(evidence)
        return format_html('<p class="evidence-context">{}<mark>{}</mark>{}</p>', before, sentence, after)

    @admin.display(description="article")
    def source(self, evidence: Evidence) -> str:
        article = evidence.article
        link = reverse("admin:events_article_change", args=[article.pk])
        published = f" ({article.publisher}, {article.published})" if article.published else ""
        return format_html('<a href="{}">{}</a>{}', link, article, published)


class EventAdmin(SimpleHistoryAdmin):
    """The review queue and form; registered by tasks.admin, which adds re-extraction."""

    class Media:
        css = {"all": ["events/admin.css"]}

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
    inlines = [ParticipantInline, EvidenceInline]
    fieldsets = [
        (None, {"fields": ["summary", "event_type", "review_status", "merged_into_link", "last_review"]}),
        ("What happened", {"fields": ["certainty", ("event_date", "date_precision"), "items", "quantity"]}),
        ("Review", {"fields": ["review_note", "participant_changes"]}),
        ("Extraction", {"fields": ["confidence", "source_count", "extractor_version", "created_at"]}),
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

    # change form: decisions and moving on to the next candidate

    def save_model(self, request, obj: Event, form, change: bool) -> None:
        # What the event counted in the profile aggregates before this edit (fields and participant
        # inlines); save_related applies the difference, in the change form's transaction.
        obj._profile_before = contributions([obj.pk]) if obj.pk else Contributions()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        refresh_event_summary(form.instance)
        follow_change(form.instance._profile_before, [form.instance.pk])

    def _next_candidate(self, request: HttpRequest, after: Event) -> Event | None:
        """The next candidate within the list the reviewer came from: its filters ride along in the URL."""
        filters = QueryDict(request.GET.get("_changelist_filters", ""))
        list_request = copy(request)
        list_request.GET = filters
        try:
            queue = self.get_changelist_instance(list_request).get_queryset(list_request)
        except IncorrectLookupParameters:
            queue = None
        return next_candidate(after, queue)

    def _change_url(self, request: HttpRequest, event: Event) -> str:
        url = reverse("admin:events_event_change", args=[event.pk])
        return add_preserved_filters({"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}, url)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            following = self._next_candidate(request, obj)
            context["next_candidate_url"] = following and self._change_url(request, following)
            context["can_decide"] = self.has_change_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj: Event) -> HttpResponse:
        decisions = {
            "_approve": (approve_events, {}),
            "_reject": (reject_events, {"reason": obj.review_note}),
            "_unreject": (unreject_events, {}),
        }
        chosen = next((name for name in decisions if name in request.POST), None)
        if chosen:
            decide, kwargs = decisions[chosen]
            try:
                decide([obj], by=request.user, **kwargs)
            except ReviewError as exc:
                self.message_user(request, f"{exc} (Your other edits were saved.)", messages.ERROR)
                return HttpResponseRedirect(request.path)
            obj.refresh_from_db()
            self.message_user(request, f"“{obj}” is now {obj.get_review_status_display()}.", messages.SUCCESS)
            if chosen == "_unreject":
                return HttpResponseRedirect(request.path)
        if chosen or "_savenext" in request.POST:
            following = self._next_candidate(request, obj)
            if following is None:
                self.message_user(request, "No candidates left in this list.", messages.INFO)
                changelist = reverse("admin:events_event_changelist")
                preserved = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
                return HttpResponseRedirect(add_preserved_filters(preserved, changelist))
            return HttpResponseRedirect(self._change_url(request, following))
        return super().response_change(request, obj)
