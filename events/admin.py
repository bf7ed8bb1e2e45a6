from __future__ import annotations

from copy import copy
from datetime import date
from functools import cached_property

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from entities.selectors import resolve_country
from tasks.models import ExtractionRun
from tasks.services import enqueue_extraction

from . import selectors, services
from .models import ROLES_BY_TYPE, Article, Event, Evidence, Participant, Role
from .rendering import render_marked_text

Status = Event.ReviewStatus


# --- changelist machinery ----------------------------------------------------------


class EstimatedCountPaginator(Paginator):
    """Counts with selectors.estimated_count: statistics or the planner's estimate, never a full scan."""

    @cached_property
    def _count(self) -> tuple[int, bool]:
        return selectors.estimated_count(self.object_list)

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
        ("country_role", "in role", "select", [("", "any role"), *Role.choices]),
    ]

    def queryset(self, request, queryset):
        text, role = self.values["country"], self.values["country_role"]
        if not text:
            return queryset
        country = resolve_country(text)
        if country is None or (role and role not in Role.values):
            raise IncorrectLookupParameters(f"Unknown country or role: {text!r} {role!r}")
        return selectors.filter_events_by_country(queryset, country, role or None)


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

    def lookups(self, request, model_admin):
        return [*Status.choices, (self.ALL, "all")]

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
        return queryset if self.value() == self.ALL else queryset.filter(review_status=self.value())


class SanctionedParticipantFilter(admin.SimpleListFilter):
    title = "sanctioned participant"
    parameter_name = "sanctioned"

    def lookups(self, request, model_admin):
        return [("yes", "has a sanctioned participant"), ("no", "has none")]

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        return selectors.filter_events_by_sanctioned_participant(queryset, sanctioned=self.value() == "yes")


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


def confirm_selected(model_admin: admin.ModelAdmin, request: HttpRequest, choices: list, **context) -> TemplateResponse:
    """The second step of an action on selected rows (see the template for the context it takes)."""
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "choices": choices,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        **context,
    }
    return TemplateResponse(request, "admin/events/confirm_selected.html", context)


def merge_with_chosen_survivor(
    model_admin: admin.ModelAdmin, request: HttpRequest, objects: list, *, merge, describe, **confirm
) -> TemplateResponse | None:
    """Ask which selected object survives, then merge the others into it: `merge(survivor, objects, by=user)`."""
    survivor = next((o for o in objects if str(o.pk) == request.POST.get("survivor")), None)
    if "apply" not in request.POST or survivor is None:
        choices = [(o.pk, describe(o)) for o in objects]
        return confirm_selected(model_admin, request, choices, choose_survivor=True, **confirm)
    try:
        merge(survivor, objects, by=request.user)
    except services.ReviewError as exc:
        model_admin.message_user(request, str(exc), messages.ERROR)
        return None
    model_admin.log_change(request, survivor, f"Merged {len(objects) - 1} others into this one.")
    model_admin.message_user(
        request, f"{len(objects) - 1} merged into “{survivor}” (#{survivor.pk}).", messages.SUCCESS
    )
    return None


# --- events ------------------------------------------------------------------------


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
    fields = ["role", "country", "person", "organization"]
    autocomplete_fields = ["country", "person", "organization"]


class EvidenceInline(admin.StackedInline):
    model = Evidence
    extra = 0
    fields = ["in_context", "source"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # evidence comes from extraction

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")

    @admin.display(description="sentence in its paragraph")
    def in_context(self, evidence: Evidence) -> str:
        before, sentence, after = selectors.evidence_in_paragraph(evidence)
        return format_html('<p class="evidence-context">{}<mark>{}</mark>{}</p>', before, sentence, after)

    @admin.display(description="article")
    def source(self, evidence: Evidence) -> str:
        article = evidence.article
        link = reverse("admin:events_article_change", args=[article.pk])
        published = f" ({article.publisher}, {article.published})" if article.published else ""
        return format_html('<a href="{}">{}</a>{}', link, article, published)


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
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
    search_help_text = "Words in the summary, participant names or evidence sentences."
    list_per_page = 100
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # facet counts would count the whole table per filter choice
    paginator = EstimatedCountPaginator
    actions = ["approve_selected", "reject_selected", "unreject_selected", "merge_selected", "reextract_selected"]
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
        return selectors.event_review_queryset()

    def get_changelist(self, request, **kwargs):
        return IndexOrderedChangeList

    def get_sortable_by(self, request):
        # Across all statuses only the default order has an index (created_at, id).
        return [] if request.GET.get(ReviewStatusFilter.parameter_name) == ReviewStatusFilter.ALL else self.sortable_by

    def get_search_results(self, request, queryset, search_term):
        return (selectors.search_review_queue(queryset, search_term) if search_term else queryset), False

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
        names = selectors.participants_by_role(event)
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
            for h in selectors.participant_history(event)
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
        except services.ReviewError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(request, f"{len(changed)} event(s) {done}.", messages.SUCCESS)

    @admin.action(description="Approve selected events", permissions=["change"])
    def approve_selected(self, request, queryset) -> None:
        self._decide(request, services.approve_events, queryset, "approved")

    @admin.action(description="Un-reject selected events (back to candidates)", permissions=["change"])
    def unreject_selected(self, request, queryset) -> None:
        self._decide(request, services.unreject_events, queryset, "returned to the candidates")

    @admin.action(description="Reject selected events…", permissions=["change"])
    def reject_selected(self, request, queryset) -> HttpResponse | None:
        reason = request.POST.get("reason", "").strip()
        if "apply" in request.POST and reason:
            self._decide(
                request,
                lambda events, by: services.reject_events(events, by=by, reason=reason),
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
            merge=services.merge_events,
            describe=lambda e: f"{e} ({e.get_review_status_display()}, sources: {e.source_count})",
            action="merge_selected",
            title="Merge events",
            intro="Choose the event to keep. The others' participants and evidence move to it; they are marked merged.",
        )

    @admin.action(description="Re-run extraction of their articles", permissions=["change"])
    def reextract_selected(self, request, queryset) -> None:
        runs = services.reextract_events(queryset)
        for event in queryset:
            self.log_change(request, event, f"Re-extraction queued: {len(runs)} run(s).")
        self.message_user(request, f"{len(runs)} extraction run(s) queued.", messages.SUCCESS)

    # change form: decisions and moving on to the next candidate

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        services.refresh_event_summary(form.instance)

    def _next_candidate(self, request: HttpRequest, after: Event) -> Event | None:
        """The next candidate within the list the reviewer came from: its filters ride along in the URL."""
        filters = QueryDict(request.GET.get("_changelist_filters", ""))
        list_request = copy(request)
        list_request.GET = filters
        try:
            queue = self.get_changelist_instance(list_request).get_queryset(list_request)
        except IncorrectLookupParameters:
            queue = None
        return selectors.next_candidate(after, queue)

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
            "_approve": (services.approve_events, {}),
            "_reject": (services.reject_events, {"reason": obj.review_note}),
            "_unreject": (services.unreject_events, {}),
        }
        chosen = next((name for name in decisions if name in request.POST), None)
        if chosen:
            decide, kwargs = decisions[chosen]
            try:
                decide([obj], by=request.user, **kwargs)
            except services.ReviewError as exc:
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


# --- articles ------------------------------------------------------------------------


class ExtractionRunInline(admin.TabularInline):
    model = ExtractionRun
    extra = 0
    fields = ["state", "created_at", "duration_seconds", "events_found", "events_created", "extractor_version", "error"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # runs are queued with "Extract now"


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    class Media:
        css = {"all": ["events/admin.css"]}

    list_display = ["__str__", "publisher", "published", "language", "source", "ingested_at"]
    list_filter = ["source", "language", "is_demo"]
    search_fields = ["title", "url", "publisher"]
    fieldsets = [
        (None, {"fields": ["title", "url", "publisher", "published", "language", "source", "is_demo"]}),
        ("Text", {"fields": ["marked_text", "events"]}),
        ("Provenance", {"classes": ["collapse"], "fields": ["content_hash", "ingested_at", "raw"]}),
    ]
    readonly_fields = ["marked_text", "events", "content_hash", "ingested_at", "raw"]
    inlines = [ExtractionRunInline]
    actions = ["extract_now"]

    def has_extract_permission(self, request) -> bool:
        return request.user.has_perm("tasks.add_extractionrun")

    @admin.display(description="text (evidence marked, actors highlighted)")
    def marked_text(self, article: Article) -> str:
        evidence, mentions = selectors.article_highlight_spans(article)
        return format_html('<div class="article-text">{}</div>', render_marked_text(article.text, evidence, mentions))

    @admin.display(description="events")
    def events(self, article: Article) -> str:
        rows = (
            (reverse("admin:events_event_change", args=[e.pk]), e, e.get_review_status_display())
            for e in selectors.events_of_article(article)
        )
        return format_html_join("", '<div><a href="{}">{}</a> ({})</div>', rows) or "—"

    @admin.action(description="Extract now", permissions=["extract"])
    def extract_now(self, request, queryset) -> None:
        runs = enqueue_extraction(queryset.values_list("pk", flat=True))
        self.message_user(request, f"{len(runs)} extraction run(s) queued.", messages.SUCCESS)


class ReadOnlyAdmin(admin.ModelAdmin):
    """A list to look things up in; changes are made through the event form and its services."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Participant)
class ParticipantAdmin(ReadOnlyAdmin):
    list_display = ["event", "role", "country", "person", "organization"]
    list_select_related = ["event", "country", "person", "organization"]
    list_filter = ["role"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "event", "article"]
    list_select_related = ["event", "article"]
