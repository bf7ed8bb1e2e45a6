"""Feeds in the admin, and the Article admin: registered here, the highest app that adds to it.

The events app defines the article admin (text with evidence marked, its events), tasks adds the
article's extraction runs and "Extract now", and this app the "Add articles" page (upload, URL,
feed, pasted text).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from events.admin.articles import ArticleAdmin as EventsArticleAdmin
from events.models import Article
from tasks.admin import ArticleExtractionAdminMixin

from .documents import ingest_document
from .feeds import ingest_feed_url, ingest_url, request_feed_polls
from .forms import IngestForm
from .models import Feed
from .storing import ArticleDefaults, IngestResult, enqueue_extraction_of_new, ingest_text


class IngestArticleAdminMixin:
    """Adds an "Add articles" page to the Article changelist."""

    change_list_template = "admin/ingestion/article_change_list.html"

    def get_urls(self):
        ingest_view = self.admin_site.admin_view(self.ingest_view)
        return [path("ingest/", ingest_view, name="events_article_ingest"), *super().get_urls()]

    def _ingest(self, form: IngestForm) -> list[IngestResult]:
        data = form.cleaned_data
        defaults = ArticleDefaults(publisher=data["publisher"], published=data["published"])
        if data["file"]:
            upload = data["file"]
            return list(ingest_document(upload.read(), name=upload.name, defaults=defaults))
        if data["url"]:
            return [ingest_url(data["url"], defaults=defaults)]
        if data["feed_url"]:
            return ingest_feed_url(data["feed_url"], publisher=data["publisher"])
        return [
            ingest_text(
                data["text"],
                title=data["title"],
                published=data["published"],
                publisher=data["publisher"],
                source=Article.Source.PASTE,
                label="pasted text",
            )
        ]

    def ingest_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = IngestForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            results = list(enqueue_extraction_of_new(self._ingest(form)))
            for result in results:
                level = messages.ERROR if result.failed else messages.SUCCESS
                note = f": {result.reason}" if result.reason else ""
                messages.add_message(request, level, f"{result.label}: {result.status}{note}")
            return HttpResponseRedirect(reverse("admin:events_article_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Add articles",
            "form": form,
        }
        return TemplateResponse(request, "admin/ingestion/ingest_form.html", context)


@admin.register(Article)
class ArticleAdmin(IngestArticleAdminMixin, ArticleExtractionAdminMixin, EventsArticleAdmin):
    """The events app's Article admin, with extraction runs and "Extract now", and "Add articles"."""


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "active", "last_status", "last_polled_at", "last_ingested"]
    list_filter = ["active", "last_status"]
    search_fields = ["url", "title"]
    readonly_fields = ["etag", "last_modified", "last_polled_at", "last_status", "last_error", "last_ingested"]
    actions = ["poll_now"]

    @admin.action(description="Poll the selected feeds now")
    def poll_now(self, request: HttpRequest, queryset) -> None:
        queued = request_feed_polls(queryset)
        self.message_user(request, f"Polling {queued} feed(s).")
