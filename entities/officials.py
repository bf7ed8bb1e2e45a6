"""Officials from extraction: people matched by name or alias (get-or-create), their positions.

Only real person names become people (``vocabulary.person_names``, the rule extraction uses too):
"Purpose", "Judge", "State" or "Electric Co" are refused, and a surname alone ("Trump") joins
the fullest form of the same article, or the one known person of that surname and country.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower

from vocabulary.person_names import person_name, surname_match

from .models import Country, Person, Position


def people_named(names: Iterable[str]) -> dict[str, Person]:
    """The person each name (or alias) denotes, by the name's casefold; names nobody has are left out.

    A name beats an alias, and the earliest person wins. Two queries whatever the number of names.
    """
    keys = {name.casefold(): name for name in names}
    found: dict[str, Person] = {}
    # Lower(name) is what person_name_lower_idx indexes; casefold decides.
    for person in (
        Person.objects.annotate(lower_name=Lower("name"))
        .filter(lower_name__in={name.lower() for name in keys.values()})
        .order_by("pk")
    ):
        found.setdefault(person.name.casefold(), person)
    missing = {key: name for key, name in keys.items() if key not in found}
    if missing:
        # Aliases are a short JSON list per person; a text match narrows, the exact check decides.
        containing = Q()
        for name in missing.values():
            containing |= Q(aliases__icontains=name)
        for person in Person.objects.filter(containing).order_by("pk"):
            for alias in person.aliases:
                if isinstance(alias, str) and alias.casefold() in missing:
                    found.setdefault(alias.casefold(), person)
    return {key: found[key] for key in keys if key in found}


@dataclass(frozen=True)
class OfficialMention:
    """An official as extraction names them: name, the country they serve, their title."""

    name: str
    country: Country | None = None
    title: str | None = None
    source_article_id: int | None = None  # the article the mention is from


def get_or_create_officials(mentions: Sequence[OfficialMention]) -> list[Person | None]:
    """The person each mention names (matched by name or alias, else created), with the Position its
    title gives; None for a mention whose name is no person's name (it creates nothing).

    Reads in a fixed number of queries however many mentions; writes only what is new. New people
    are matched against the sanctions lists once the transaction commits (a Celery task).
    Callers serialise concurrent calls (store_extraction_results holds a lock), since
    names are not unique: two people may share one.
    """
    named = _real_names(mentions)
    kept = [mention for mention, name in zip(mentions, named, strict=True) if name is not None]
    people = _with_real_names(kept, [name for name in named if name is not None])
    found = iter(people)
    return [next(found) if name is not None else None for name in named]


def _real_names(mentions: Sequence[OfficialMention]) -> list[str | None]:
    """Each mention's person name: cleaned, a surname joined to its fullest form, or None."""
    names = [person_name(m.name, titled=bool(m.title)) for m in mentions]
    fuller_by_article: dict[int | None, list[str]] = {}
    for mention, name in zip(mentions, names, strict=True):
        if name is not None and len(name.split()) > 1:
            fuller_by_article.setdefault(mention.source_article_id, []).append(name)
    single = {n: m for m, n in zip(mentions, names, strict=True) if n is not None and len(n.split()) == 1}
    known = _known_full_names(single.keys())
    result = []
    for mention, name in zip(mentions, names, strict=True):
        if name is not None and len(name.split()) == 1:
            same_article = fuller_by_article.get(mention.source_article_id, [])
            same_country = [
                person.name
                for person in known
                if mention.country is None or person.nationality_id in (None, mention.country.pk)
            ]
            name = surname_match(name, same_article) or surname_match(name, same_country) or name
        result.append(name)
    return result


def _known_full_names(words: Iterable[str]) -> list[Person]:
    """People whose name ends or starts with one of these words: the fuller forms a surname may join."""
    query = Q()
    for word in words:
        query |= Q(name__iendswith=f" {word}") | Q(name__istartswith=f"{word} ")
    return list(Person.objects.filter(query).order_by("pk")) if query else []


def _with_real_names(mentions: Sequence[OfficialMention], names: list[str]) -> list[Person]:
    mentions = [
        OfficialMention(name, m.country, m.title, m.source_article_id) for m, name in zip(mentions, names, strict=True)
    ]
    people = people_named(m.name for m in mentions)
    result, created = [], []
    for mention in mentions:
        key = mention.name.casefold()
        person = people.get(key)
        if person is None:
            person = people[key] = Person.objects.create(name=mention.name, nationality=mention.country)
            created.append(person.pk)
        elif person.nationality_id is None and mention.country is not None:
            person.nationality = mention.country
            person.save(update_fields=["nationality"])
        result.append(person)
    held = {
        (person_id, title.casefold(), country_id)
        for person_id, title, country_id in Position.objects.filter(person__in=set(result)).values_list(
            "person_id", "title", "country_id"
        )
    }
    positions = []
    for mention, person in zip(mentions, result, strict=True):
        title = (mention.title or "").strip()[:300]
        key = (person.pk, title.casefold(), mention.country.pk if mention.country else None)
        if title and key not in held:
            held.add(key)
            positions.append(
                Position(
                    person=person, title=title, country=mention.country, source_article_id=mention.source_article_id
                )
            )
    Position.objects.bulk_create(positions)
    if created:  # known people were matched when they were created or when a list was loaded
        from .tasks import match_sanctions_for_actors  # tasks import this module

        transaction.on_commit(lambda: match_sanctions_for_actors.delay(created, []))
    return result
