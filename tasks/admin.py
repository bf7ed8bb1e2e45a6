"""Extraction runs in the admin, and the extraction pieces of the event and article admins:
re-running extraction of events' articles, and an article's runs with "Extract now".

The event admin is registered here, above the events app, so that events never imports tasks.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import admin, messages
from django.db.models import DurationField, ExpressionWrapper, F

from events.admin.events import EventAdmin
from events.admin.evidence import ReadOnlyAdmin
from events.models import Event

from .models import ExtractionRun
from .services import enqueue_extraction, reextract_events


class DurationFilter(admin.SimpleListFilter):
    title = "duration"
    parameter_name = "duration"
    BANDS = {"fast": (None, 1), "normal": (1, 10), "slow": (10, 60), "very_slow": (60, None)}

    def lookups(self, request, model_admin):
        return [("fast", "under 1 s"), ("normal", "1 to 10 s"), ("slow", "10 to 60 s"), ("very_slow", "over 60 s")]

    def queryset(self, request, queryset):
        if self.value() not in self.BANDS:
            return queryset
        low, high = self.BANDS[self.value()]
        queryset = queryset.annotate(
            took=ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())
        ).filter(took__isnull=False)
        if low is not None:
            queryset = queryset.filter(took__gte=timedelta(seconds=low))
        if high is not None:
            queryset = queryset.filter(took__lt=timedelta(seconds=high))
        return queryset


@admin.register(ExtractionRun)
class ExtractionRunAdmin(ReadOnlyAdmin):
    """Runs are created by "Extract now" / re-extraction and by the workers; here they are inspected."""

    list_display = ["article", "state", "extractor_version", "created_at", "duration_seconds", "events_found", "error"]
    list_filter = ["state", DurationFilter, "extractor_version"]
    list_select_related = ["article"]
    search_fields = ["error", "article__title"]
    search_help_text = "Words in the error text or the article title."
    readonly_fields = [f.name for f in ExtractionRun._meta.fields] + ["duration_seconds"]


@admin.register(Event)
class ReextractingEventAdmin(EventAdmin):
    """The events app's review admin plus re-extraction of the selected events' articles."""

    actions = [*EventAdmin.actions, "reextract_selected"]

    @admin.action(description="Re-run extraction of their articles", permissions=["change"])
    def reextract_selected(self, request, queryset) -> None:
        runs = reextract_events(queryset)
        for event in queryset:
            self.log_change(request, event, f"Re-extraction queued: {len(runs)} run(s).")
        self.message_user(request, f"{len(runs)} extraction run(s) queued.", messages.SUCCESS)


class ExtractionRunInline(admin.TabularInline):
    model = ExtractionRun
    extra = 0
    fields = ["state", "created_at", "duration_seconds", "events_found", "events_created", "extractor_version", "error"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # runs are queued with "Extract now"


class ArticleExtractionAdminMixin:
    """An article's extraction runs and "Extract now", for the Article admin (registered by ingestion.admin)."""

    inlines = [ExtractionRunInline]
    actions = ["extract_now"]

    def has_extract_permission(self, request) -> bool:
        return request.user.has_perm("tasks.add_extractionrun")

    @admin.action(description="Extract now", permissions=["extract"])
    def extract_now(self, request, queryset) -> None:
        runs = enqueue_extraction(queryset.values_list("pk", flat=True))
        self.message_user(request, f"{len(runs)} extraction run(s) queued.", messages.SUCCESS)
