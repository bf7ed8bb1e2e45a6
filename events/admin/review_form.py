"""The event's change form as a review screen: the review panel's content, the decision buttons
(approve, reject with the note as reason, un-reject), and moving on to the next candidate.
"""

from __future__ import annotations

from copy import copy

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import reverse

from ..aggregates import Contributions, contributions, follow_change
from ..models import Event
from ..review import ReviewError, approve_events, reject_events, unreject_events
from ..review_queue import next_candidate
from ..review_screen import review_screen
from ..summaries import refresh_event_summary

# The fieldset holding the review note: the template shows it in the review panel, beside the buttons.
DECISION_FIELDSET = "Decision"


class ReviewFormAdmin(admin.ModelAdmin):
    """Mixed into the event admin (before ModelAdmin): its change form is the review screen."""

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
            context["review"] = review_screen(obj)
            context["decision_fieldset"] = DECISION_FIELDSET
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
