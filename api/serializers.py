"""JSON shapes of events, articles and country profiles (API and JSON Lines export)."""

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from entities.selectors import sanctions_for_participants, sanctions_for_people, sanctions_list_names
from events.models import Article, Event, Evidence, Participant


def sanctions_context(events: list[Event], person_ids: Iterable[int] = ()) -> dict[str, Any]:
    """Serializer context: sanctions entries of the events' participants (prefetched) and of the given people.

    Two or three queries for a whole page, from the sanctions-matching selectors (entities).
    """
    participants = [p for event in events for p in event.participants.all()]
    return {
        "sanctions_by_participant": sanctions_for_participants(participants),
        "sanctions_by_person": sanctions_for_people(person_ids) if person_ids else {},
    }


class CountryRefSerializer(serializers.Serializer):
    iso3 = serializers.CharField()
    iso2 = serializers.CharField()
    name = serializers.CharField()


class SanctionsFlagsMixin(metaclass=serializers.SerializerMetaclass):
    """`sanctioned` and `sanctions_lists` (list names) from the sanctions entries in the context."""

    sanctioned = serializers.SerializerMethodField()
    sanctions_lists = serializers.SerializerMethodField()

    def sanctions_entries(self, instance) -> list[dict]:
        raise NotImplementedError

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_sanctions_lists(self, instance) -> list[str]:
        return sanctions_list_names(self.sanctions_entries(instance))

    def get_sanctioned(self, instance) -> bool:
        return bool(self.get_sanctions_lists(instance))


class ParticipantSerializer(SanctionsFlagsMixin, serializers.ModelSerializer):
    kind = serializers.SerializerMethodField(help_text="country, person, organization or vessel")
    name = serializers.SerializerMethodField()
    country = serializers.CharField(source="country_id", allow_null=True, help_text="ISO 3166 alpha-3")
    organization_code = serializers.CharField(source="organization.code", allow_null=True, default=None)
    capacity = serializers.CharField(allow_null=True, help_text="Officials: source or actor")
    stance = serializers.CharField(allow_null=True, help_text="Officials: asserts or denies")
    official_country = serializers.CharField(
        source="official_country_id", allow_null=True, help_text="Officials: the country they serve (ISO alpha-3)"
    )

    class Meta:
        model = Participant
        fields = ["role", "kind", "name", "country", "person_id", "organization_id", "organization_code"]
        fields += ["capacity", "stance", "official_country", "sanctioned", "sanctions_lists"]

    def to_representation(self, participant: Participant) -> dict:
        shown = super().to_representation(participant)
        shown["capacity"], shown["stance"] = shown["capacity"] or None, shown["stance"] or None
        return shown

    def get_kind(self, participant: Participant) -> str:
        if participant.country_id:
            return "country"
        if participant.vessel_id:
            return "vessel"
        return "person" if participant.person_id else "organization"

    def get_name(self, participant: Participant) -> str:
        return str(participant.actor)

    def sanctions_entries(self, participant: Participant) -> list[dict]:
        return self.context.get("sanctions_by_participant", {}).get(participant.pk, [])


class EventSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="event_type")
    status = serializers.CharField(source="review_status")
    date = serializers.DateField(source="event_date", allow_null=True)
    page_url = serializers.SerializerMethodField()
    participants = ParticipantSerializer(many=True, read_only=True)

    class Meta:
        model = Event
        fields = ["id", "type", "status", "certainty", "date", "date_precision", "summary", "items", "quantity"]
        fields += ["confidence", "source_count", "reviewed_at", "page_url", "participants"]

    def get_page_url(self, event: Event) -> str:
        return reverse("web:event-detail", args=[event.pk])


class ArticleRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["id", "title", "url", "publisher", "published"]


class EvidenceSerializer(serializers.ModelSerializer):
    article = ArticleRefSerializer(read_only=True)

    class Meta:
        model = Evidence
        fields = ["sentence", "start_char", "end_char", "article"]


class EventDetailSerializer(EventSerializer):
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "evidence"]


class ArticleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["id", "url", "title", "publisher", "published", "language", "source", "is_demo", "ingested_at"]
        fields += ["text"]


class CountsSerializer(serializers.Serializer):
    event_type = serializers.CharField()
    role = serializers.CharField()
    events = serializers.IntegerField()


class MonthCountSerializer(serializers.Serializer):
    month = serializers.DateField(format="%Y-%m")
    event_type = serializers.CharField()
    events = serializers.IntegerField()


class ArmsFlowSerializer(serializers.Serializer):
    partner = CountryRefSerializer()
    partner_role = serializers.CharField(help_text="supplier: arms from the partner; recipient: arms to the partner")
    events = serializers.IntegerField()
    latest = serializers.DateField(allow_null=True)
    items = serializers.ListField(child=serializers.CharField())


class OfficialSerializer(SanctionsFlagsMixin, serializers.Serializer):
    id = serializers.IntegerField(source="person.id")
    name = serializers.CharField(source="person.name")
    titles = serializers.ListField(child=serializers.CharField())
    events = serializers.IntegerField()

    def sanctions_entries(self, official: dict) -> list[dict]:
        return self.context.get("sanctions_by_person", {}).get(official["person"].id, [])


class CountryProfileSerializer(serializers.Serializer):
    country = CountryRefSerializer()
    total = serializers.IntegerField(help_text="Approved events the country takes part in.")
    undated = serializers.IntegerField(help_text="Of which without a date (not in the timeline).")
    by_type_and_role = CountsSerializer(many=True)
    timeline = MonthCountSerializer(many=True)
    arms_flows = ArmsFlowSerializer(many=True)
    officials = OfficialSerializer(many=True)
    sanctions = EventSerializer(many=True)
