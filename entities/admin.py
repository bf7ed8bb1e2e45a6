from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from .models import CountryAlias, Organization, Position, SanctionsEntry, SanctionsMatch, Vessel
from .sanctions.linking import review_sanctions_match
from .selectors import same_target_entries


class CountryAliasInline(admin.TabularInline):
    model = CountryAlias
    extra = 1
    fields = ["name", "kind", "curated"]
    readonly_fields = ["curated"]


class _ReadOnlySanctionsMatchInline(admin.TabularInline):
    model = SanctionsMatch
    extra = 0
    can_delete = False
    show_change_link = True  # reviewers decide on the match's own page

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class SanctionsMatchInline(_ReadOnlySanctionsMatchInline):
    """For the Person and Organization admins: their list entries and match history, any state."""

    fields = ["entry", "score", "state", "reviewed_by", "reviewed_at", "created_at"]
    readonly_fields = fields


class EntrySanctionsMatchInline(_ReadOnlySanctionsMatchInline):
    fields = ["person", "organization", "vessel", "score", "state", "reviewed_by", "reviewed_at"]
    readonly_fields = fields


class CountryAdmin(admin.ModelAdmin):
    """Registered by events.admin.people, which adds the country's events per role."""

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
    inlines = [SanctionsMatchInline]


@admin.register(Vessel)
class VesselAdmin(admin.ModelAdmin):
    """Ships named in events; the Sanctions matches inline shows their list entries."""

    list_display = ["name", "imo", "flag", "created_at"]
    list_select_related = ["flag"]
    search_fields = ["name", "imo"]
    autocomplete_fields = ["flag"]
    inlines = [SanctionsMatchInline]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["country", "organization"]


class PersonAdmin(admin.ModelAdmin):
    """Registered by events.admin.people, which adds the person's events and merging duplicates."""

    list_display = ["name", "nationality", "created_at"]
    list_select_related = ["nationality"]
    search_fields = ["name"]
    autocomplete_fields = ["nationality"]
    fields = ["name", "aliases", "nationality", "birth_year"]
    inlines = [PositionInline, SanctionsMatchInline]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "country", "organization"]
    list_select_related = ["person", "country", "organization"]
    search_fields = ["person__name", "title"]
    autocomplete_fields = ["person", "country", "organization"]


# --- Sanctions lists (entries come from files via `load_sanctions`; reviewers decide matches) ------------


@admin.register(SanctionsEntry)
class SanctionsEntryAdmin(admin.ModelAdmin):
    list_display = ["name", "list_name", "external_id", "entity_type", "programme_list", "listed_on", "delisted_on"]
    list_filter = ["list_name", "entity_type", ("delisted_on", admin.EmptyFieldListFilter)]
    search_fields = ["name", "external_id"]
    readonly_fields = [f.name for f in SanctionsEntry._meta.get_fields() if f.concrete and not f.many_to_many]
    readonly_fields += ["countries"]
    inlines = [EntrySanctionsMatchInline]

    @admin.display(description="programmes")
    def programme_list(self, entry: SanctionsEntry) -> str:
        return ", ".join(entry.programmes)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # entries come from list files


def _entry_titles(entry: SanctionsEntry) -> list[str]:
    """Titles/designations as each format keeps them in ``raw`` (UN DESIGNATION, OFAC Title, FtM position)."""
    raw = entry.raw or {}
    designation = raw.get("DESIGNATION") or {}
    values = designation.get("VALUE", []) if isinstance(designation, dict) else []
    values = values if isinstance(values, list) else [values]
    values += [raw.get("Title", ""), raw.get("title", "")]
    values += (raw.get("properties") or {}).get("position", [])
    return [v for v in values if isinstance(v, str) and v]


def _external_link(url: str) -> str:
    if not url.startswith(("https://", "http://")):
        return url  # escaped as text
    return format_html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', url, url)


def _record_rows(rows: list[tuple[str, str, str]]) -> str:
    return format_html(
        '<table class="sanctions-side-by-side"><thead><tr><th></th><th>{}</th><th>{}</th></tr></thead>'
        "<tbody>{}</tbody></table>",
        "Our record",
        "List entry",
        format_html_join("", "<tr><th>{}</th><td>{}</td><td>{}</td></tr>", rows),
    )


@admin.register(SanctionsMatch)
class SanctionsMatchAdmin(SimpleHistoryAdmin):
    """Review queue: pending matches, both records side by side, confirm or reject."""

    list_display = ["actor", "entry", "listed_by", "score", "state", "reviewed_by", "reviewed_at"]
    list_filter = ["state", "entry__list_name", "entry__entity_type"]
    list_select_related = ["person", "organization", "vessel", "entry", "reviewed_by"]
    search_fields = ["person__name", "organization__name", "vessel__name", "entry__name", "entry__external_id"]
    fields = ["side_by_side", "score", "features", "state", "reviewed_by", "reviewed_at"]
    readonly_fields = fields
    actions = ["confirm_matches", "reject_matches"]
    change_form_template = "admin/entities/sanctionsmatch/change_form.html"

    @admin.display(description="listed by")
    def listed_by(self, match: SanctionsMatch) -> str:
        """Every list of the entry's target ("OFAC SDN, UN SC Consolidated"): one row per target."""
        return ", ".join(dict.fromkeys(entry.list_name for entry in same_target_entries(match.entry)))

    def get_queryset(self, request: HttpRequest) -> QuerySet[SanctionsMatch]:
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("changelist"):
            # Matches following another entry of the same target are decided with it: listed once.
            queryset = queryset.exclude(features__has_key="same_target_as")
        return queryset

    @admin.display(description="records side by side")
    def side_by_side(self, match: SanctionsMatch) -> str:
        entry, actor = match.entry, match.actor
        if match.person_id:
            actor_countries = [c for c in [match.person.nationality] if c]
            born = match.person.birth_year or ""
            titles = [position.title for position in match.person.positions.all()]
        elif match.organization_id:
            actor_countries = [c for c in [match.organization.country] if c]
            born, titles = "", []
        else:  # a vessel: its flag, and its IMO number beside the list's identifiers
            actor_countries = [c for c in [match.vessel.flag] if c]
            born, titles = "", []
        rows = [
            ("Name", str(actor), entry.name),
            ("Aliases", "; ".join(actor.aliases), "; ".join(entry.aliases)),
            ("Weak aliases", "", "; ".join(entry.weak_aliases)),
            ("Country", ", ".join(map(str, actor_countries)), ", ".join(map(str, entry.countries.all()))),
            ("Born", born, ", ".join(entry.birth_dates)),
            ("Titles", "; ".join(titles), "; ".join(_entry_titles(entry))),
            (
                "Identifiers",
                f"imo:{match.vessel.imo}" if match.vessel and match.vessel.imo else "",
                "; ".join(entry.same_as),
            ),
            ("Lists", "", "; ".join(f"{e.list_name} {e.external_id}" for e in same_target_entries(entry))),
            ("Programmes", "", ", ".join(entry.programmes)),
            ("Listed / delisted", "", f"{entry.listed_on or '?'} / {entry.delisted_on or 'active'}"),
            ("Source", "", _external_link(entry.link)),
        ]
        return _record_rows(rows)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # matches come from the matching service

    def revert_disabled(self, request: HttpRequest, obj=None) -> bool:
        return True  # decisions go through Confirm / Reject, not through reverting history

    def _review(self, request: HttpRequest, matches: QuerySet[SanctionsMatch], *, confirmed: bool) -> None:
        for match in matches:
            review_sanctions_match(match, user=request.user, confirmed=confirmed)
        verb = "confirmed" if confirmed else "rejected"
        self.message_user(request, f"{len(matches)} match(es) {verb}.", messages.SUCCESS)

    @admin.action(
        description="Confirm selected matches (the person/organisation is on the list)", permissions=["change"]
    )
    def confirm_matches(self, request: HttpRequest, queryset: QuerySet[SanctionsMatch]) -> None:
        self._review(request, queryset, confirmed=True)

    @admin.action(description="Reject selected matches (a different person/organisation)", permissions=["change"])
    def reject_matches(self, request: HttpRequest, queryset: QuerySet[SanctionsMatch]) -> None:
        self._review(request, queryset, confirmed=False)

    def save_model(self, request: HttpRequest, obj: SanctionsMatch, form, change: bool) -> None:
        # All fields are read-only: the change form's only writes are the Confirm / Reject buttons.
        if "_confirm" in request.POST or "_reject" in request.POST:
            review_sanctions_match(obj, user=request.user, confirmed="_confirm" in request.POST)

    def response_change(self, request: HttpRequest, obj: SanctionsMatch) -> HttpResponse:
        if "_confirm" in request.POST or "_reject" in request.POST:
            self.message_user(request, f"{obj.actor} ~ {obj.entry}: {obj.get_state_display()}.", messages.SUCCESS)
            return self.response_post_save_change(request, obj)  # back to the (filtered) review queue
        return super().response_change(request, obj)
