from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords


class Country(models.Model):
    """An ISO 3166-1 country, or a historic state (Soviet Union) still named in sources."""

    iso3 = models.CharField("ISO 3166 alpha-3", max_length=3, primary_key=True)
    iso2 = models.CharField("ISO 3166 alpha-2", max_length=2, unique=True)
    name = models.CharField(max_length=120)
    official_name = models.CharField(max_length=200, blank=True)
    historic = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(condition=Q(iso3__regex=r"^[A-Z]{3}$"), name="country_iso3_format"),
            models.CheckConstraint(condition=Q(iso2__regex=r"^[A-Z]{2}$"), name="country_iso2_format"),
        ]

    def __str__(self) -> str:
        return self.name


class CountryAlias(models.Model):
    """Another name for a country: short form, demonym, capital or seat of power."""

    class Kind(models.TextChoices):
        NAME = "name", "name"
        DEMONYM = "demonym", "demonym"
        SEAT = "seat", "capital or seat of power"

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    # normalise_name(name): the lookup key, unique so one alias never means two countries.
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NAME)
    curated = models.BooleanField(default=True, help_text="From the project's alias data file.")

    class Meta:
        ordering = ["country", "kind", "name"]
        verbose_name_plural = "country aliases"

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """A non-person actor: intergovernmental body (EU, UN), ministry, company, armed group."""

    class Kind(models.TextChoices):
        INTERGOVERNMENTAL = "intergovernmental", "intergovernmental body"
        GOVERNMENT = "government", "government body"
        COMPANY = "company", "company"
        ARMED_GROUP = "armed_group", "armed group"
        OTHER = "other", "other"

    name = models.CharField(max_length=300)
    # Short code used in extraction roles ("EU", "UN"); null for most organisations.
    code = models.CharField(max_length=20, unique=True, null=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # Serves get-or-create by name from extraction; case-insensitive per country.
            models.UniqueConstraint(Lower("name"), "country", name="organization_unique_name_per_country"),
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    name = models.CharField(max_length=300)
    aliases = models.JSONField(default=list, blank=True)
    nationality = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [
            # Serves get-or-create by name during extraction and the admin's name search.
            models.Index(Lower("name"), name="person_name_lower_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class Vessel(models.Model):
    """A named ship reported in an event: the third kind of actor, beside people and organisations."""

    name = models.CharField(max_length=200)
    # The IMO ship number stays with a hull through renames and re-flagging.
    imo = models.CharField("IMO number", max_length=7, unique=True, null=True, blank=True)
    flag = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True, related_name="vessels")
    aliases = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(imo__regex=r"^[0-9]{7}$"), name="vessel_imo_seven_digits"),
            # Serves get-or-create by name from extraction when no IMO number is given.
            models.UniqueConstraint(
                Lower("name"), "flag", condition=Q(imo__isnull=True), name="vessel_unique_unnumbered_name_per_flag"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (IMO {self.imo})" if self.imo else self.name


class Position(models.Model):
    """A title a person holds ("deputy spokesman"), for a country and/or organisation."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(max_length=300)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    # The article the extractor learned the title from (none: entered by hand). Such a title is
    # public only once a reviewer has approved an event that article supports (events.profiles).
    source_article = models.ForeignKey(
        "events.Article", on_delete=models.CASCADE, null=True, blank=True, related_name="positions_learned"
    )

    class Meta:
        ordering = ["person", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="position_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.title}"


class SanctionsEntry(models.Model):
    """One record of a sanctions list (UN, OFAC, OpenSanctions), kept as published."""

    class EntityType(models.TextChoices):
        PERSON = "person", "person"
        ORGANIZATION = "organization", "organisation"
        VESSEL = "vessel", "vessel"
        OTHER = "other", "other"

    list_name = models.CharField(max_length=100)
    external_id = models.CharField(max_length=200)
    entity_type = models.CharField(max_length=20, choices=EntityType.choices)
    name = models.CharField(max_length=500)
    aliases = models.JSONField(default=list, blank=True)
    # Low-quality names (UN "Low", OFAC "weak", FtM weakAlias): matched, but only ever sent to review.
    weak_aliases = models.JSONField(default=list, blank=True)
    countries = models.ManyToManyField(Country, blank=True, related_name="sanctions_entries")
    programmes = models.JSONField(default=list, blank=True)
    birth_dates = models.JSONField(default=list, blank=True)
    listed_on = models.DateField(null=True, blank=True)
    delisted_on = models.DateField(null=True, blank=True)
    link = models.URLField(max_length=1000, blank=True)
    same_as = models.JSONField(
        default=list, blank=True, help_text='Identifiers on other lists ("ofac:10465"), from the file.'
    )
    # One key for all entries of one real target across lists (entities.sanctions.targets); "" alone.
    target_key = models.CharField(max_length=250, blank=True, default="")
    raw = models.JSONField(default=dict, blank=True, help_text="The source record, for provenance.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["list_name", "name"]
        verbose_name_plural = "sanctions entries"
        constraints = [
            models.UniqueConstraint(fields=["list_name", "external_id"], name="sanctions_entry_unique_per_list"),
        ]
        indexes = [
            # Serves matching: WHERE delisted_on IS NULL AND entity_type=? (active entries of one kind).
            models.Index(fields=["entity_type", "delisted_on"], name="sanctions_entry_active_idx"),
            # Serves the same-target siblings of entries: WHERE target_key IN (…) (linking and review).
            models.Index(fields=["target_key"], name="sanctions_entry_target_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.list_name} {self.external_id})"

    @property
    def is_active(self) -> bool:
        return self.delisted_on is None


class SanctionsMatch(models.Model):
    """A candidate link between a person, organisation or vessel of ours and a sanctions-list entry."""

    class State(models.TextChoices):
        AUTO_LINKED = "auto_linked", "linked automatically"
        PENDING = "pending", "pending review"
        CONFIRMED = "confirmed", "confirmed by a reviewer"
        REJECTED = "rejected", "rejected by a reviewer"

    # States in which the actor counts as sanctioned (while the entry is not delisted).
    LINKED_STATES = (State.AUTO_LINKED, State.CONFIRMED)
    REVIEWED_STATES = (State.CONFIRMED, State.REJECTED)

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="sanctions_matches"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="sanctions_matches"
    )
    vessel = models.ForeignKey(
        Vessel, on_delete=models.CASCADE, null=True, blank=True, related_name="sanctions_matches"
    )
    entry = models.ForeignKey(SanctionsEntry, on_delete=models.CASCADE, related_name="matches")
    score = models.FloatField(help_text="0 to 1: name similarity adjusted by nationality and birth year.")
    features = models.JSONField(default=dict, blank=True, help_text="What the score is made of.")
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Audit trail of states and reviewers' decisions (the Person admin's match history).
    history = HistoricalRecords(excluded_fields=["features", "updated_at"])

    class Meta:
        ordering = ["-score"]
        verbose_name_plural = "sanctions matches"
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, organization__isnull=True, vessel__isnull=True)
                | Q(person__isnull=True, organization__isnull=False, vessel__isnull=True)
                | Q(person__isnull=True, organization__isnull=True, vessel__isnull=False),
                name="sanctions_match_exactly_one_actor_of_three",
            ),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=1), name="sanctions_match_score_0_1"),
            # A reviewer's decision always carries its time; machine states never do.
            models.CheckConstraint(
                condition=Q(state__in=["confirmed", "rejected"], reviewed_at__isnull=False)
                | Q(state__in=["auto_linked", "pending"], reviewed_at__isnull=True),
                name="sanctions_match_reviewed_iff_decided",
            ),
            models.UniqueConstraint(
                fields=["person", "entry"], condition=Q(person__isnull=False), name="sanctions_match_unique_person"
            ),
            models.UniqueConstraint(
                fields=["organization", "entry"],
                condition=Q(organization__isnull=False),
                name="sanctions_match_unique_organization",
            ),
            models.UniqueConstraint(
                fields=["vessel", "entry"], condition=Q(vessel__isnull=False), name="sanctions_match_unique_vessel"
            ),
        ]
        indexes = [
            # Serves the review queue: WHERE state='pending' ORDER BY score DESC.
            models.Index(fields=["state", "-score"], name="sanctions_match_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} ~ {self.entry} ({self.score:.2f}, {self.state})"

    @property
    def actor(self) -> Person | Organization | Vessel | None:
        return self.person or self.organization or self.vessel
