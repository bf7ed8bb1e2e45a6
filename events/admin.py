from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Article, Event, Evidence, Participant


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "publisher", "published", "language", "source", "ingested_at"]
    list_filter = ["source", "language", "is_demo"]
    search_fields = ["title", "url", "publisher"]
    readonly_fields = ["content_hash", "ingested_at"]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["country", "person", "organization"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["sentence", "article", "start_char", "end_char"]
    readonly_fields = fields
    can_delete = False


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "event_type", "certainty", "review_status", "event_date", "confidence", "source_count"]
    list_filter = ["review_status", "event_type", "certainty"]
    search_fields = ["summary"]
    raw_id_fields = ["merged_into"]
    readonly_fields = ["reviewed_by", "reviewed_at", "extractor_version", "created_at"]
    inlines = [ParticipantInline, EvidenceInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["event", "role", "country", "person", "organization"]
    list_select_related = ["event", "country", "person", "organization"]
    autocomplete_fields = ["country", "person", "organization"]
    raw_id_fields = ["event"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event", "article"]
    list_select_related = ["event", "article"]
    raw_id_fields = ["event", "article"]
