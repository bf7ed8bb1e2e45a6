from datetime import timedelta

from django.contrib import admin
from django.db.models import DurationField, ExpressionWrapper, F

from .models import ExtractionRun


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
class ExtractionRunAdmin(admin.ModelAdmin):
    """Runs are created by "Extract now" / re-extraction and by the workers; here they are inspected."""

    list_display = ["article", "state", "extractor_version", "created_at", "duration_seconds", "events_found", "error"]
    list_filter = ["state", DurationFilter, "extractor_version"]
    list_select_related = ["article"]
    search_fields = ["error", "article__title"]
    search_help_text = "Words in the error text or the article title."
    readonly_fields = [f.name for f in ExtractionRun._meta.fields] + ["duration_seconds"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
