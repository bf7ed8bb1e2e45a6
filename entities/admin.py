from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html_join

from events import selectors as event_selectors
from events import services as event_services
from events.admin import merge_with_chosen_survivor

from .models import Country, CountryAlias, Organization, Person, Position, SanctionsEntry


class CountryAliasInline(admin.TabularInline):
    model = CountryAlias
    extra = 1
    fields = ["name", "kind", "curated"]
    readonly_fields = ["curated"]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "iso3", "iso2", "historic"]
    list_filter = ["historic"]
    search_fields = ["name", "official_name", "iso3", "iso2", "aliases__name"]
    readonly_fields = ["iso3", "iso2", "name", "official_name", "historic", "events_by_role"]
    inlines = [CountryAliasInline]

    @admin.display(description="events per role")
    def events_by_role(self, country: Country) -> str:
        counts = event_selectors.event_counts_by_role(country)
        return format_html_join("", "<div>{}: {}</div>", counts.items()) or "none"

    def has_add_permission(self, request) -> bool:
        return False  # ISO data comes from pycountry on migrate


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "country"]
    list_filter = ["kind"]
    list_select_related = ["country"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["country"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["country", "organization"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "nationality", "created_at"]
    list_select_related = ["nationality"]
    search_fields = ["name"]
    autocomplete_fields = ["nationality"]
    fields = ["name", "aliases", "nationality", "birth_year", "events"]
    readonly_fields = ["events"]
    inlines = [PositionInline]
    actions = ["merge_duplicates"]

    @admin.display(description="events they appear in")
    def events(self, person: Person) -> str:
        rows = (
            (reverse("admin:events_event_change", args=[e.pk]), e, e.get_review_status_display())
            for e in event_selectors.events_of_person(person)[:200]
        )
        return format_html_join("", '<div><a href="{}">{}</a> ({})</div>', rows) or "none"

    @admin.action(description="Merge duplicate people…", permissions=["change"])
    def merge_duplicates(self, request, queryset) -> TemplateResponse | None:
        return merge_with_chosen_survivor(
            self,
            request,
            list(queryset),
            merge=event_services.merge_people,
            describe=lambda p: f"{p.name} ({p.nationality or 'nationality unknown'})",
            action="merge_duplicates",
            title="Merge duplicate people",
            intro="Choose the person to keep. The others' names become aliases, their positions and event "
            "participations move to the person kept, and the duplicates are deleted.",
        )


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "country", "organization"]
    list_select_related = ["person", "country", "organization"]
    search_fields = ["person__name", "title"]
    autocomplete_fields = ["person", "country", "organization"]


@admin.register(SanctionsEntry)
class SanctionsEntryAdmin(admin.ModelAdmin):
    list_display = ["name", "list_name", "external_id", "entity_type", "listed_on", "delisted_on"]
    list_filter = ["list_name", "entity_type"]
    search_fields = ["name", "external_id"]
    autocomplete_fields = ["countries"]
