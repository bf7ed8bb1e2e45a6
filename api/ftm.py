"""FollowTheMoney (FtM) mapping of events, for OpenSanctions / Aleph tooling.

Entities are built with the followthemoney library (``model.make_entity``), so an unknown schema or
property raises and values are cleaned by FtM's own types; every entity is {"id", "schema",
"properties"} with list-valued properties, and tests load the export back through the library.

  events.Event        -> Event         name, summary, date, country, involved, sourceUrl, notes (roles)
  entities.Person     -> Person        name, alias, nationality, position
  entities.Organization -> Organization / PublicBody (government and intergovernmental bodies)
  entities.Vessel     -> Vessel        name, imoNumber, flag; UnknownLink subject (the vessel) -> object
                                       (the event), role "carrier" (an Event's ``involved`` takes legal entities only)
  events.Article      -> Article       name, fileName, title, sourceUrl, publisher, publishedAt, language
  events.Evidence     -> Documentation document (the article) -> entity (the event), role "evidence", summary
Countries are FtM property values (ISO 3166-1 alpha-2, lower case), not entities.
"""

from collections.abc import Iterator

from followthemoney import model

from entities.models import Organization, Person, Vessel
from events.models import Article, Event, Evidence, Participant

ID_PREFIX = "sedb"
PUBLIC_BODY_KINDS = {Organization.Kind.GOVERNMENT, Organization.Kind.INTERGOVERNMENTAL}


def entity_id(kind: str, pk: object) -> str:
    return f"{ID_PREFIX}-{kind}-{pk}"


def _entity(schema: str, id_: str, **properties: list[str]) -> dict:
    proxy = model.make_entity(schema)
    proxy.id = id_
    for name, values in properties.items():
        proxy.add(name, values)  # InvalidData for a property the schema does not have
    return proxy.to_dict()


def person_entity(person: Person) -> dict:
    return _entity(
        "Person",
        entity_id("person", person.pk),
        name=[person.name],
        alias=[str(alias) for alias in person.aliases or []],
        nationality=[person.nationality.iso2.lower()] if person.nationality else [],
    )


def organization_entity(organization: Organization) -> dict:
    schema = "PublicBody" if organization.kind in PUBLIC_BODY_KINDS else "Organization"
    return _entity(
        schema,
        entity_id("org", organization.pk),
        name=[organization.name],
        alias=[str(alias) for alias in organization.aliases or []],
        country=[organization.country.iso2.lower()] if organization.country else [],
    )


def vessel_entity(vessel: Vessel) -> dict:
    return _entity(
        "Vessel",
        entity_id("vessel", vessel.pk),
        name=[vessel.name],
        imoNumber=[vessel.imo] if vessel.imo else [],
        flag=[vessel.flag.iso2.lower()] if vessel.flag else [],
    )


def carrier_link_entity(participant: Participant, event_id: int) -> dict:
    return _entity(
        "UnknownLink",
        entity_id("carrier", participant.pk),
        subject=[entity_id("vessel", participant.vessel_id)],
        object=[entity_id("event", event_id)],
        role=[participant.role],
    )


def article_entity(article: Article) -> dict:
    title = article.title or f"Article {article.pk}"
    return _entity(
        "Article",
        entity_id("article", article.pk),
        # Document requires fileName (and Thing a name); web articles have neither, so both name the article.
        name=[title],
        fileName=[f"article-{article.pk}.txt"],
        title=[title],
        sourceUrl=[article.url] if article.url else [],
        publisher=[article.publisher] if article.publisher else [],
        publishedAt=[article.published.isoformat()] if article.published else [],
        language=[article.language] if len(article.language) == 3 else [],
    )


def documentation_entity(evidence: Evidence) -> dict:
    return _entity(
        "Documentation",
        entity_id("evidence", evidence.pk),
        document=[entity_id("article", evidence.article_id)],
        entity=[entity_id("event", evidence.event_id)],
        role=["evidence"],
        summary=[evidence.sentence],
    )


def _ftm_date(event: Event) -> str:
    """FtM dates carry their precision by length: YYYY, YYYY-MM or YYYY-MM-DD."""
    if event.event_date is None:
        return ""
    length = {Event.DatePrecision.YEAR: 4, Event.DatePrecision.MONTH: 7}.get(event.date_precision, 10)
    return event.event_date.isoformat()[:length]


def event_entities(event: Event) -> Iterator[dict]:
    """The event's actors, articles and evidence links, then the event itself (participants, evidence prefetched)."""
    participants = list(event.participants.all())
    involved = []
    for participant in participants:
        if participant.person_id:
            involved.append(entity_id("person", participant.person_id))
            yield person_entity(participant.person)
        elif participant.organization_id:
            involved.append(entity_id("org", participant.organization_id))
            yield organization_entity(participant.organization)
        elif participant.vessel_id:
            yield vessel_entity(participant.vessel)
    evidence = list(event.evidence.all())
    for item in evidence:
        yield article_entity(item.article)
    # An official's note says how they take part: "official (source, denies): Vassily Nebenzia".
    roles = [f"{p.role}{f' ({p.capacity}, {p.stance})' if p.capacity else ''}: {p.actor}" for p in participants]
    yield _entity(
        "Event",
        entity_id("event", event.pk),
        name=[event.summary or event.get_event_type_display()],
        summary=[event.summary] if event.summary else [],
        date=[_ftm_date(event)] if event.event_date else [],
        country=sorted({p.country.iso2.lower() for p in participants if p.country_id}),
        involved=involved,
        sourceUrl=sorted({e.article.url for e in evidence if e.article.url}),
        keywords=[event.event_type, event.certainty, *map(str, event.items or [])],
        notes=["; ".join(roles)] if roles else [],
    )
    for participant in participants:
        if participant.vessel_id:
            yield carrier_link_entity(participant, event.pk)
    for item in evidence:
        yield documentation_entity(item)
