"""factory_boy factories for articles and events (tests only; generate_fake_events builds its own data)."""

import hashlib

import factory

from events.models import Article, Event, EventType, Evidence, Participant, Role
from tests.entities.factories import PersonFactory, country


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Shipment report {n}")
    publisher = "Example Wire"
    published = factory.Faker("date_between", start_date="-3y", end_date="today")
    text = factory.Sequence(lambda n: f"Report {n}: North Korea supplied artillery shells to Russia, officials said.")
    content_hash = factory.LazyAttribute(lambda a: hashlib.sha256(a.text.encode()).hexdigest())
    url = factory.Sequence(lambda n: f"https://news.example.org/articles/{n}")
    language = "en"


class EventFactory(factory.django.DjangoModelFactory):
    """An arms transfer candidate; pass supplier=/recipient= ISO3 codes to add participants."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    event_type = EventType.ARMS_TRANSFER
    certainty = Event.Certainty.REPORTED
    items = factory.LazyFunction(lambda: ["artillery shells"])
    summary = "North Korea → Russia: artillery shells"
    confidence = 0.8
    event_date = factory.Faker("date_between", start_date="-3y", end_date="today")
    date_precision = Event.DatePrecision.DAY
    source_count = 1

    @factory.post_generation
    def participants(self, create: bool, extracted: dict[str, list[str]] | None, **kwargs) -> None:
        """participants={"supplier": ["PRK"], "recipient": ["RUS"]}"""
        if not create:
            return
        roles = extracted if extracted is not None else {Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]}
        for role, codes in roles.items():
            for code in codes:
                Participant.objects.create(event=self, event_type=self.event_type, role=role, country=country(code))


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    event = factory.SubFactory(EventFactory)
    article = factory.SubFactory(ArticleFactory)
    sentence = factory.LazyAttribute(lambda e: e.article.text)
    start_char = 0
    end_char = factory.LazyAttribute(lambda e: len(e.article.text))


class OfficialFactory(factory.django.DjangoModelFactory):
    """A person in the role official of an event: a source asserting it unless told otherwise."""

    class Meta:
        model = Participant

    event = factory.SubFactory(EventFactory)
    event_type = factory.SelfAttribute("event.event_type")
    role = Role.OFFICIAL
    person = factory.SubFactory(PersonFactory)
    capacity = "source"
    stance = "asserts"
    official_country = factory.SelfAttribute("person.nationality")
