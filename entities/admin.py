from django.contrib import admin

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
    readonly_fields = ["iso3", "iso2", "name", "official_name", "historic"]
    inlines = [CountryAliasInline]

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
    inlines = [PositionInline]


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
