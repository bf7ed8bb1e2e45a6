"""FollowTheMoney (FtM) mapping of events, for OpenSanctions / Aleph tooling.

Entities are built with the followthemoney library's schemata and value types, as ``model.make_entity``
and ``proxy.add`` would build them (an unknown schema or property raises, values are cleaned by FtM's
own types), without an entity proxy per entity, and each distinct value cleaned once: countries, dates,
URLs and keywords recur across events. Every entity is {"id", "schema", "properties"} with list-valued
properties; tests compare with the proxy's output and load the export back through the library.

  events.Event        -> Event         name, summary, date, country, involved, sourceUrl, notes (roles)
  entities.Person     -> Person        name, alias, nationality, position
  entities.Organization -> Organization / PublicBody (government and intergovernmental bodies)
  entities.Vessel     -> Vessel        name, imoNumber, flag; UnknownLink subject (the vessel) -> object
                                       (the event), role "carrier" (an Event's ``involved`` takes legal entities only)
  events.Article      -> Article       name, fileName, title, sourceUrl, publisher, publishedAt, language
  events.Evidence     -> Documentation document (the article) -> entity (the event), role "evidence", summary
Countries are FtM property values (ISO 3166-1 alpha-2, lower case), not entities.
"""

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from followthemoney import model, registry
from followthemoney.exc import InvalidData
from followthemoney.types.common import PropertyType
from followthemoney.util import sanitize_text
from followthemoney.value import string_list

from entities.models import Organization, Person, Vessel
from events.models import Article, Event, Evidence, Participant

ID_PREFIX = "sedb"
PUBLIC_BODY_KINDS = {Organization.Kind.GOVERNMENT, Organization.Kind.INTERGOVERNMENTAL}


def entity_id(kind: str, pk: object) -> str:
    return f"{ID_PREFIX}-{kind}-{pk}"


# Cleaned values by (type, format, raw text); cleared when full, so memory stays flat over an export.
_cleaned: dict[tuple, str | None] = {}
CLEANED_VALUES_KEPT = 100_000
_MISSING = object()
# An http(s) URL with a host of plain lower-case DNS labels (a letter TLD), no port, and a path of
# printable ASCII without ; ? # or spaces: FtM's url type (rigour's clean_url) gives it back as it is.
PLAIN_URL = re.compile(r"https?://(?:[a-z0-9][a-z0-9-]{0,62}\.)+[a-z][a-z0-9-]{1,62}/[!-\"$-:<-=@-~]*")
# Printable ASCII with no space at either end: sanitize_text leaves it as it is (see _sanitized), and
# so do the string and text types. As names, also no run of spaces (squash_spaces) and not quoted at both
# ends (strip_quotes). Entity ids: what the entity type's own pattern accepts, with no trailing newline.
PLAIN_TEXT = re.compile(r"[!-~](?:[ -~]*[!-~])?")
PLAIN_NAME = re.compile(r"""(?!["'].*["']$)[!-~]+(?: [!-~]+)*""")
PLAIN_ENTITY_ID = re.compile(r"[0-9a-zA-Z](?:[0-9a-zA-Z.\-]*[0-9a-zA-Z])?")
# Values each type gives back unchanged when they match: no cleaning, no cache, most values of an export.
PLAIN_VALUES = {
    registry.url: PLAIN_URL,
    registry.name: PLAIN_NAME,
    registry.text: PLAIN_TEXT,
    registry.string: PLAIN_TEXT,
    registry.entity: PLAIN_ENTITY_ID,
}
# Names, texts (summaries, sentences) and entity ids are mostly unique: caching them would only churn.
UNIQUE_VALUED_TYPES = {registry.name, registry.text, registry.entity}


@dataclass(frozen=True)
class _Prop:
    """What building needs of a schema's property, looked up once."""

    type: PropertyType
    format: str | None
    key: str | None  # type name and format, the cleaned-value cache key; None: values mostly unique, not cached
    is_entity: bool
    total_size: int | None
    plain: Callable[[str], object] | None  # a match: the value is its own cleaned value


@functools.cache
def _schema(name: str) -> tuple[str, dict[str, _Prop]]:
    schema = model.get(name)
    if schema is None:
        raise InvalidData(f"Schema does not exist: {name}")
    props = {
        prop.name: _Prop(
            prop.type,
            prop.format,
            None if prop.type in UNIQUE_VALUED_TYPES else f"{prop.type.name}:{prop.format}",
            prop.type == registry.entity,
            prop.type.total_size,
            PLAIN_VALUES[prop.type].fullmatch if prop.type in PLAIN_VALUES else None,
        )
        for prop in schema.properties.values()
        if not prop.stub
    }
    return schema.name, props


def _sanitized(raw: str) -> str | None:
    """FtM's sanitize_text: printable ASCII with no space at either end is already NFC, holds none
    of the characters it removes and has nothing to strip, so it is returned as it is."""
    if raw and raw.isascii() and raw.isprintable() and raw[0] != " " and raw[-1] != " ":
        return raw
    return sanitize_text(raw)


def _clean(prop: _Prop, raw: str) -> str | None:
    """What proxy.add would store of a text (sanitize_text as string_list does, then the type's clean_text)."""
    if prop.plain is not None and prop.plain(raw):
        return raw  # most names, texts, ids and URLs; URLs' full cleaning is FtM's slowest
    if prop.key is None:
        text = _sanitized(raw)
        return prop.type.clean_text(text, format=prop.format) if text else None
    key = (prop.key, raw)
    value = _cleaned.get(key, _MISSING)
    if value is _MISSING:
        if len(_cleaned) >= CLEANED_VALUES_KEPT:
            _cleaned.clear()
        text = _sanitized(raw)
        value = _cleaned[key] = prop.type.clean_text(text, format=prop.format) if text else None
    return value


def _entity(schema: str, id_: str, **properties: list[str]) -> dict:
    """The entity's dict as model.make_entity(schema), proxy.id = id_, proxy.add(name, values)… and
    proxy.to_dict() give it (tests check they agree). The storing below is proxy.unsafe_add's."""
    schema_name, props = _schema(schema)
    stored: dict[str, list[str]] = {}
    size = 0  # the entity's text so far: FtM caps it, far above anything written here
    for name, values in properties.items():
        prop = props.get(name)
        if prop is None:
            raise InvalidData(f"Unknown or stub property ({schema_name}): {name}")
        if not values:
            continue
        plain, key = prop.plain, prop.key
        if plain is not None and len(values) == 1 and type(values[0]) is str and plain(values[0]):
            # The commonest case (one value, its own cleaned value), stored as the loop below stores it.
            value = values[0]
            if prop.is_entity and value == id_:
                raise InvalidData(f"Self-relationship ({schema_name}): {value}")
            if prop.total_size is None or size + len(value) <= prop.total_size:
                size += len(value)
                stored[name] = [value]
            continue
        kept: list[str] | None = None
        for raw in values:
            if type(raw) is str:
                # _clean, with its commonest answers (plain, then cached values) looked up here
                if plain is not None and plain(raw):
                    cleaned = (raw,)
                else:
                    value = _MISSING if key is None else _cleaned.get((key, raw), _MISSING)
                    cleaned = (_clean(prop, raw) if value is _MISSING else value,)
            else:
                cleaned = [prop.type.clean_text(text, format=prop.format) for text in string_list(raw, sanitize=True)]
            for value in cleaned:
                if value is None:
                    continue
                if prop.is_entity and value == id_:
                    raise InvalidData(f"Self-relationship ({schema_name}): {value}")
                if prop.total_size is not None and size + len(value) > prop.total_size:
                    continue
                size += len(value)
                if kept is None:
                    kept = stored[name] = []
                if value not in kept:
                    kept.append(value)
    return {"id": id_, "schema": schema_name, "properties": stored}


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


DATE_LENGTHS = {Event.DatePrecision.YEAR: 4, Event.DatePrecision.MONTH: 7}


def _ftm_date(event: Event) -> str:
    """FtM dates carry their precision by length: YYYY, YYYY-MM or YYYY-MM-DD."""
    if event.event_date is None:
        return ""
    length = DATE_LENGTHS.get(event.date_precision, 10)
    return event.event_date.isoformat()[:length]


def event_entities(event: Event, emitted: set[str] | None = None) -> Iterator[dict]:
    """The event's actors, articles and evidence links, then the event itself (participants, evidence prefetched).

    With `emitted`, people, organisations, vessels and articles whose ids are in it are skipped (not even
    built), and the ids of those yielded are added: an export writes each once.
    """

    def first_time(id_: str) -> bool:
        if emitted is None:
            return True
        if id_ in emitted:
            return False
        emitted.add(id_)
        return True

    participants = list(event.participants.all())
    involved = []
    for participant in participants:
        if participant.person_id:
            involved.append(entity_id("person", participant.person_id))
            if first_time(involved[-1]):
                yield person_entity(participant.person)
        elif participant.organization_id:
            involved.append(entity_id("org", participant.organization_id))
            if first_time(involved[-1]):
                yield organization_entity(participant.organization)
        elif participant.vessel_id and first_time(entity_id("vessel", participant.vessel_id)):
            yield vessel_entity(participant.vessel)
    evidence = list(event.evidence.all())
    for item in evidence:
        if first_time(entity_id("article", item.article_id)):
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
