from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from entities.models import Country, Organization, Person, Vessel
from vocabulary import events as vocabulary
from vocabulary.events import OFFICIAL, OFFICIAL_CAPACITIES, OFFICIAL_STANCES


class Article(models.Model):
    """A source text, stored once: unique by URL and by normalised content hash."""

    class Source(models.TextChoices):
        TEXT = "text", "text file"
        HTML = "html", "HTML file"
        URL = "url", "fetched URL"
        FEED = "feed", "feed entry"
        JSONL = "jsonl", "JSON Lines"
        PASTE = "paste", "pasted in the admin"
        DEMO = "demo", "demo text"

    # NULL, not "", for articles without a URL, so the unique constraint ignores them.
    url = models.URLField(max_length=2000, null=True, blank=True)  # noqa: DJ001
    title = models.CharField(max_length=1000, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    published = models.DateField(null=True, blank=True)
    text = models.TextField(help_text="Main text, cleaned; evidence offsets refer to it.")
    raw = models.TextField(blank=True, help_text="The input as received (HTML, feed entry), for provenance.")
    # sha256 of the normalised text: the same article arriving twice is stored once.
    content_hash = models.CharField(max_length=64, unique=True)
    language = models.CharField(max_length=12, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.TEXT)
    is_demo = models.BooleanField(default=False)
    ingested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ingested_at"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=Q(url__isnull=False), name="article_unique_url"),
            models.CheckConstraint(condition=~Q(text=""), name="article_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title or f"Article {self.pk}"


class EventType(models.TextChoices):
    ARMS_TRANSFER = vocabulary.ARMS_TRANSFER, "arms transfer"
    SANCTIONS_VIOLATION = vocabulary.SANCTIONS_VIOLATION, "sanctions violation"
    SANCTIONS_IMPOSITION = vocabulary.SANCTIONS_IMPOSITION, "sanctions imposition"


class Role(models.TextChoices):
    SUPPLIER = vocabulary.SUPPLIER, "supplier"
    RECIPIENT = vocabulary.RECIPIENT, "recipient"
    INTERMEDIARY = vocabulary.INTERMEDIARY, "intermediary"
    CARRIER = vocabulary.CARRIER, "carrier (vessel)"
    VIOLATOR = vocabulary.VIOLATOR, "violator"
    COUNTERPARTY = vocabulary.COUNTERPARTY, "counterparty"
    IMPOSER = vocabulary.IMPOSER, "imposer"
    TARGET = vocabulary.TARGET, "target"
    OFFICIAL = vocabulary.OFFICIAL, "official"


# The roles a country, organisation or vessel can hold (search filters, export columns): all but official.
ACTOR_ROLE_CHOICES = [(value, label) for value, label in Role.choices if value not in vocabulary.ROLES_OF_EVERY_TYPE]
ROLES_BY_TYPE = vocabulary.ROLES_BY_TYPE
CORE_ROLES = vocabulary.CORE_ROLES


class Event(models.Model):
    class ReviewStatus(models.TextChoices):
        CANDIDATE = "candidate", "candidate"
        APPROVED = "approved", "approved"
        REJECTED = "rejected", "rejected"
        MERGED = "merged", "merged"

    class Certainty(models.TextChoices):
        CONFIRMED = vocabulary.CONFIRMED, "confirmed"
        REPORTED = vocabulary.REPORTED, "reported"
        ALLEGED = vocabulary.ALLEGED, "alleged"
        DENIED = vocabulary.DENIED, "denied"
        PLANNED = vocabulary.PLANNED, "planned"

    class DatePrecision(models.TextChoices):
        DAY = "day", "day"
        MONTH = "month", "month"
        YEAR = "year", "year"

    event_type = models.CharField(max_length=24, choices=EventType.choices)
    review_status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.CANDIDATE)
    certainty = models.CharField(max_length=10, choices=Certainty.choices, default=Certainty.REPORTED)
    event_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    items = models.JSONField(default=list, blank=True)
    quantity = models.CharField(max_length=200, blank=True)
    summary = models.CharField(max_length=500, blank=True)
    confidence = models.FloatField(default=0.5)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_events"
    )
    # Distinct articles supporting the event, kept by the services that add evidence,
    # so lists can show and sort by corroboration without counting joins.
    source_count = models.PositiveIntegerField(default=0)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=100, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_vector", "updated_at"])

    class Meta:
        # Candidates, rejected events and source articles' full text are not public: seeing them
        # on the site and through the API takes this permission (Reviewers hold it), not is_staff.
        permissions = [("view_unreviewed", "Can see unreviewed events and source articles")]
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(merged_into=F("id")), name="event_not_merged_into_itself"),
            models.CheckConstraint(
                condition=Q(review_status="merged", merged_into__isnull=False)
                | (~Q(review_status="merged") & Q(merged_into__isnull=True)),
                name="event_merged_iff_merged_into",
            ),
            models.CheckConstraint(condition=Q(confidence__gte=0, confidence__lte=1), name="event_confidence_0_1"),
            models.CheckConstraint(
                condition=Q(event_date__isnull=True, date_precision="")
                | Q(event_date__isnull=False, date_precision__in=["day", "month", "year"]),
                name="event_date_has_precision",
            ),
        ]
        indexes = [
            # Serves the review queue and public lists: WHERE review_status=? AND event_type=? ORDER BY event_date.
            models.Index(fields=["review_status", "event_type", "event_date"], name="event_status_type_date_idx"),
            # Serves the admin changelist's default order (newest candidates first).
            models.Index(fields=["review_status", "-created_at"], name="event_status_created_idx"),
            # The review changelist's sortable columns, within a status (the list always filters one):
            # WHERE review_status=? ORDER BY <column> [DESC], id [DESC] LIMIT 100. The id tiebreak
            # follows the sort direction (events.admin.IndexOrderedChangeList), so one index scan serves it.
            models.Index(fields=["review_status", "event_date", "id"], name="event_status_date_id_idx"),
            models.Index(fields=["review_status", "confidence", "id"], name="event_status_confidence_idx"),
            models.Index(fields=["review_status", "source_count", "id"], name="event_status_sources_idx"),
            models.Index(fields=["review_status", "reviewed_at", "id"], name="event_status_reviewed_idx"),
            # The changelist across all statuses: ORDER BY created_at DESC, id DESC LIMIT 100.
            models.Index(fields=["created_at", "id"], name="event_created_id_idx"),
        ]

    def __str__(self) -> str:
        return self.summary or f"{self.get_event_type_display()} #{self.pk}"


def _role_constraint() -> Q:
    allowed = Q()
    for event_type in ROLES_BY_TYPE:
        allowed |= Q(event_type=event_type, role__in=list(vocabulary.roles_for(event_type)))
    return allowed


class Participant(models.Model):
    """An actor in an event, in one role: exactly one of country, person, organisation or vessel (carrier)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    # Copy of event.event_type so the database can check the role against the type (save() keeps it in step).
    event_type = models.CharField(max_length=24, choices=EventType.choices, editable=False)
    role = models.CharField(max_length=12, choices=Role.choices)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="participations")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="participations"
    )
    vessel = models.ForeignKey(Vessel, on_delete=models.PROTECT, null=True, blank=True, related_name="participations")
    # Officials only (role "official", always a person): whether they speak about the event or carry it out,
    # assert or deny it, the country they serve (as the article says) and the sentence they do it in.
    capacity = models.CharField(max_length=6, choices=OFFICIAL_CAPACITIES, blank=True)
    stance = models.CharField(max_length=7, choices=OFFICIAL_STANCES, blank=True)
    official_country = models.ForeignKey(Country, models.PROTECT, null=True, blank=True, related_name="+")
    evidence = models.ForeignKey("Evidence", models.SET_NULL, null=True, blank=True, related_name="officials")

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(country__isnull=False, person__isnull=True, organization__isnull=True, vessel__isnull=True)
                | Q(country__isnull=True, person__isnull=False, organization__isnull=True, vessel__isnull=True)
                | Q(country__isnull=True, person__isnull=True, organization__isnull=False, vessel__isnull=True)
                | Q(country__isnull=True, person__isnull=True, organization__isnull=True, vessel__isnull=False),
                name="participant_exactly_one_actor_of_four",
            ),
            # Vessels only ever carry: they are never suppliers, violators or targets.
            models.CheckConstraint(
                condition=Q(vessel__isnull=True) | Q(role=vocabulary.CARRIER), name="participant_vessel_carries"
            ),
            models.CheckConstraint(condition=_role_constraint(), name="participant_role_valid_for_type"),
            # An official is a person with a capacity and a stance; nobody else has either, or an official country.
            models.CheckConstraint(
                condition=Q(
                    role=OFFICIAL,
                    person__isnull=False,
                    capacity__in=[*OFFICIAL_CAPACITIES],
                    stance__in=[*OFFICIAL_STANCES],
                )
                | (~Q(role=OFFICIAL) & Q(capacity="", stance="", official_country__isnull=True)),
                name="participant_official_is_person_with_capacity_and_stance",
                violation_error_message="An official is a person with a capacity and a stance; others have neither.",
            ),
            models.UniqueConstraint(
                fields=["event", "role", "country"],
                condition=Q(country__isnull=False),
                name="participant_unique_country",
            ),
            models.UniqueConstraint(
                fields=["event", "role", "person"], condition=Q(person__isnull=False), name="participant_unique_person"
            ),
            models.UniqueConstraint(
                fields=["event", "role", "organization"],
                condition=Q(organization__isnull=False),
                name="participant_unique_organization",
            ),
            models.UniqueConstraint(
                fields=["event", "role", "vessel"], condition=Q(vessel__isnull=False), name="participant_unique_vessel"
            ),
        ]
        indexes = [
            # Serves search by country: WHERE country_id=? [AND role=?] → event ids.
            models.Index(fields=["country", "role", "event"], name="participant_country_role_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.actor}"

    def save(self, *args, **kwargs) -> None:
        if self.event_id:
            self.event_type = self.event.event_type
        super().save(*args, **kwargs)

    @property
    def actor(self) -> Country | Person | Organization | Vessel | None:
        return self.country or self.person or self.organization or self.vessel


class EvidenceQuerySet(models.QuerySet):
    def public(self) -> "EvidenceQuerySet":
        """Evidence that may be shown and counted anywhere public (pages, API, exports, search, source
        counts): accepted. Pending and rejected evidence are seen in the admin only."""
        return self.filter(review_state=Evidence.ReviewState.ACCEPTED)


class Evidence(models.Model):
    """A sentence of an article that supports an event, with its character offsets in article.text."""

    class ReviewState(models.TextChoices):
        # Evidence found for an event a reviewer has already decided on: not public until accepted.
        PENDING = "pending", "pending"
        ACCEPTED = "accepted", "accepted"
        REJECTED = "rejected", "rejected"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="evidence")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="evidence")
    sentence = models.TextField()
    start_char = models.PositiveIntegerField()
    end_char = models.PositiveIntegerField()
    extractor_version = models.CharField(max_length=100, blank=True)
    # Evidence of candidates is reviewed with its event (accepted); evidence corroborating a reviewed
    # event waits as pending until a reviewer accepts or rejects it (events.review.decide_evidence).
    review_state = models.CharField(max_length=8, choices=ReviewState.choices, default=ReviewState.ACCEPTED)
    # Vessels the corroborating article names as carriers of a reviewed event: they join the event when
    # a reviewer accepts this evidence (events.corroborated_vessels), as the sentence itself goes public.
    proposed_carriers = models.ManyToManyField(Vessel, blank=True, related_name="proposed_in")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["article", "start_char"]
        constraints = [
            models.CheckConstraint(condition=Q(end_char__gt=F("start_char")), name="evidence_offsets_ordered"),
            models.UniqueConstraint(fields=["event", "article", "start_char"], name="evidence_unique_span"),
        ]
        indexes = [
            # The admin's "approved events with new evidence" filter: pending evidence is rare.
            models.Index(fields=["event"], condition=Q(review_state="pending"), name="evidence_pending_event_idx"),
        ]

    def __str__(self) -> str:
        return self.sentence[:80]


# --- profile aggregates (maintained by events.aggregates in each review decision's transaction) ---

# The month of undated events in CountryMonthCount: a real date, so the unique key (and ON CONFLICT) holds.
UNDATED_MONTH = "0001-01-01"
ANY_ROLE = ""


class CountryMonthCount(models.Model):
    """Approved events a country takes part in, by type, role and month (first day; UNDATED_MONTH if undated).

    role ANY_ROLE counts each event once whatever the country's roles in it (totals and timeline).
    """

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    event_type = models.CharField(max_length=24, choices=EventType.choices)
    role = models.CharField(max_length=12, blank=True)
    month = models.DateField()
    events = models.IntegerField()

    class Meta:
        constraints = [
            # Also the index of a profile's reads: WHERE country_id=? [AND role…] (leading column).
            models.UniqueConstraint(fields=["country", "event_type", "role", "month"], name="country_month_count_key"),
            models.CheckConstraint(condition=Q(events__gte=0), name="country_month_count_not_negative"),
        ]
        indexes = [
            # Serves the clean-up after each decision: DELETE … WHERE events = 0 (rows that reached zero).
            models.Index(fields=["id"], condition=Q(events=0), name="country_month_count_zero_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.event_type} {self.role or 'any role'} {self.month:%Y-%m}: {self.events}"


class ArmsFlowCount(models.Model):
    """Approved arms transfers between a country and a partner in the partner's role, and the latest date."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    partner_role = models.CharField(max_length=12, choices=Role.choices)
    events = models.IntegerField()
    latest = models.DateField(null=True)

    class Meta:
        constraints = [
            # Also the index of a profile's flows: WHERE country_id=?.
            models.UniqueConstraint(fields=["country", "partner", "partner_role"], name="arms_flow_count_key"),
            models.CheckConstraint(condition=Q(events__gte=0), name="arms_flow_count_not_negative"),
            models.CheckConstraint(condition=~Q(partner=F("country")), name="arms_flow_count_two_countries"),
        ]
        indexes = [
            # Serves the clean-up after each decision: DELETE … WHERE events = 0 (rows that reached zero).
            models.Index(fields=["id"], condition=Q(events=0), name="arms_flow_count_zero_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} with {self.partner_role} {self.partner_id}: {self.events}"


class PersonCountryCount(models.Model):
    """Approved events naming both a person and a country (a profile's officials are the country's people)."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    events = models.IntegerField()

    class Meta:
        constraints = [
            # Also the index of a profile's officials: WHERE country_id=? (a country's few rows sorted after).
            models.UniqueConstraint(fields=["country", "person"], name="person_country_count_key"),
            models.CheckConstraint(condition=Q(events__gte=0), name="person_country_count_not_negative"),
        ]
        indexes = [
            # Serves the clean-up after each decision: DELETE … WHERE events = 0 (rows that reached zero).
            models.Index(fields=["id"], condition=Q(events=0), name="person_country_count_zero_idx"),
        ]

    def __str__(self) -> str:
        return f"person {self.person_id} with {self.country_id}: {self.events}"


class FlowItemCount(models.Model):
    """Items of an arms flow (ArmsFlowCount's key): approved transfers naming the item, and the latest date."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    partner_role = models.CharField(max_length=12, choices=Role.choices)
    item = models.TextField()
    events = models.IntegerField()
    latest = models.DateField(null=True)

    class Meta:
        constraints = [
            # Also the index of a profile's flow items: WHERE country_id=?.
            models.UniqueConstraint(fields=["country", "partner", "partner_role", "item"], name="flow_item_count_key"),
            models.CheckConstraint(condition=Q(events__gte=0), name="flow_item_count_not_negative"),
        ]
        indexes = [
            # Serves the clean-up after each decision: DELETE … WHERE events = 0 (rows that reached zero).
            models.Index(fields=["id"], condition=Q(events=0), name="flow_item_count_zero_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} with {self.partner_role} {self.partner_id}: {self.item} ({self.events})"
