"""The article admin: text with evidence and actors marked, and the article's events."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from ..highlighting import article_highlight_spans
from ..models import Article
from ..rendering import render_marked_text
from ..review_queue import events_of_article


class ArticleAdmin(admin.ModelAdmin):
    """Articles with their text marked and their events; registered by ingestion.admin, which adds
    the "Add articles" page (and tasks.admin's extraction runs and "Extract now")."""

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

    @admin.display(description="text (evidence marked, actors highlighted)")
    def marked_text(self, article: Article) -> str:
        evidence, mentions = article_highlight_spans(article)
        return format_html('<div class="article-text">{}</div>', render_marked_text(article.text, evidence, mentions))

    @admin.display(description="events")
    def events(self, article: Article) -> str:
        rows = (
            (reverse("admin:events_event_change", args=[e.pk]), e, e.get_review_status_display())
            for e in events_of_article(article)
        )
        return format_html_join("", '<div><a href="{}">{}</a> ({})</div>', rows) or "—"
