from django.contrib import admin

from .models import ExtractionRun


@admin.register(ExtractionRun)
class ExtractionRunAdmin(admin.ModelAdmin):
    list_display = ["article", "state", "extractor_version", "created_at", "duration_seconds", "events_found"]
    list_filter = ["state", "extractor_version"]
    list_select_related = ["article"]
    search_fields = ["error", "article__title"]
    raw_id_fields = ["article"]
