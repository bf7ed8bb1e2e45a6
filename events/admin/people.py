"""Countries and people in the admin, with their events: registered here, above the entities app,
so that entities never imports events."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html_join

from entities import admin as entities_admin
from entities.models import Country, Person

from ..review import merge_people
from ..review_queue import event_counts_by_role, events_of_person
from .actions import merge_with_chosen_survivor


@admin.register(Country)
class CountryAdmin(entities_admin.CountryAdmin):
    readonly_fields = [*entities_admin.CountryAdmin.readonly_fields, "events_by_role"]

    @admin.display(description="events per role")
    def events_by_role(self, country: Country) -> str:
        counts = event_counts_by_role(country)
        return format_html_join("", "<div>{}: {}</div>", counts.items()) or "none"


@admin.register(Person)
class PersonAdmin(entities_admin.PersonAdmin):
    fields = [*entities_admin.PersonAdmin.fields, "events"]
    readonly_fields = ["events"]
    actions = ["merge_duplicates"]

    @admin.display(description="events they appear in")
    def events(self, person: Person) -> str:
        rows = (
            (reverse("admin:events_event_change", args=[e.pk]), e, e.get_review_status_display())
            for e in events_of_person(person)[:200]
        )
        return format_html_join("", '<div><a href="{}">{}</a> ({})</div>', rows) or "none"

    @admin.action(description="Merge duplicate people…", permissions=["change"])
    def merge_duplicates(self, request: HttpRequest, queryset) -> TemplateResponse | None:
        return merge_with_chosen_survivor(
            self,
            request,
            list(queryset),
            merge=merge_people,
            describe=lambda p: f"{p.name} ({p.nationality or 'nationality unknown'})",
            action="merge_duplicates",
            title="Merge duplicate people",
            intro="Choose the person to keep. The others' names become aliases, their positions, event "
            "participations and sanctions-list matches move to the person kept, and the duplicates are deleted.",
        )
