"""factory_boy factories for entities (tests only)."""

import factory

from entities.models import Country, Organization, Person, Position, SanctionsEntry, Vessel


def country(iso3: str) -> Country:
    """An existing country row (all countries exist after migrate)."""
    return Country.objects.get(iso3=iso3)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Defence Industries Corporation {n}")
    kind = Organization.Kind.COMPANY


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name")
    nationality = factory.LazyFunction(lambda: country("USA"))


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    title = "deputy foreign minister"
    country = factory.SelfAttribute("person.nationality")


class SanctionsEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SanctionsEntry

    list_name = "UN SC Consolidated"
    external_id = factory.Sequence(lambda n: f"KPi.{n:03d}")
    entity_type = SanctionsEntry.EntityType.PERSON
    name = factory.Faker("name")


class VesselFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vessel

    name = factory.Sequence(lambda n: f"Test Carrier {n}")
    imo = None
    flag = None
