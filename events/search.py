"""Public search: the reads behind the public pages, the JSON API and the exports.

Visibility is decided here only: users without VIEW_UNREVIEWED see approved events, whatever the path.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from entities.models import Country, Person

from .models import Article, Event, Evidence, Participant

# Events without a date sort last in "newest first"; a non-null sort key keeps
# cursor pagination exact (see the event_approved_date_idx index).
UNDATED = datetime.date(1, 1, 1)

User = AbstractBaseUser | AnonymousUser


# The permission to see candidate and rejected events and articles' full text (held by Reviewers).
VIEW_UNREVIEWED = "events.view_unreviewed"


def can_see_unreviewed(user: User | None) -> bool:
    """Holders of VIEW_UNREVIEWED see every review status; everyone else sees approved events only."""
    return bool(user is not None and user.has_perm(VIEW_UNREVIEWED))


@dataclass(frozen=True)
class EventSearch:
    """A search over events; empty fields do not filter."""

    country: Country | None = None
    role: str = ""
    event_type: str = ""
    certainty: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    text: str = ""
    person: str = ""
    # For holders of VIEW_UNREVIEWED only: ignored for everyone else. "" means approved; "any" means all.
    status: str = ""


def visible_events(user: User | None, status: str = "") -> QuerySet[Event]:
    """Events the user may see: approved ones, or for VIEW_UNREVIEWED holders the asked-for review status."""
    # The search vector is for the database's matching only; reading it back costs time.
    events = Event.objects.defer("search_vector")
    if not can_see_unreviewed(user) or not status:
        return events.filter(review_status=Event.ReviewStatus.APPROVED)
    if status == "any":
        return events
    return events.filter(review_status=status)


def with_participant(events: QuerySet[Event], country: Country | None = None, role: str = "") -> QuerySet[Event]:
    """Events in which the country takes part (in the role, if given); any country when None."""
    if country is None and not role:
        return events
    actors = Participant.objects.filter(event=OuterRef("pk"))
    if country is not None:
        actors = actors.filter(country=country)
    if role:
        actors = actors.filter(role=role)
    return events.filter(Exists(actors))


def search_events(user: User | None, search: EventSearch) -> QuerySet[Event]:
    """Events matching every given criterion, with `sort_date` for ordering and paging."""
    events = with_participant(visible_events(user, search.status), search.country, search.role)
    if search.event_type:
        events = events.filter(event_type=search.event_type)
    if search.certainty:
        events = events.filter(certainty=search.certainty)
    if search.text:
        events = events.filter(_text_matches(search.text))
    if search.person:
        people = Participant.objects.filter(event=OuterRef("pk"), person__in=_people_named(search.person))
        events = events.filter(Exists(people))
    events = events.annotate(sort_date=Coalesce("event_date", Value(UNDATED)))
    # Date bounds on the sort key itself, so the list index seeks to the range instead of
    # walking from the newest event; undated events (sort key UNDATED) never match a range.
    if search.date_from:
        events = events.filter(sort_date__gte=search.date_from)
    if search.date_to:
        events = events.filter(sort_date__lte=search.date_to, sort_date__gt=UNDATED)
    return events


def _text_matches(text: str) -> Q:
    if connection.vendor == "postgresql":
        return Q(search_vector=SearchQuery(text, search_type="websearch", config="english"))
    evidence = Evidence.objects.public().filter(event=OuterRef("pk"), sentence__icontains=text)
    return Q(summary__icontains=text) | Q(items__icontains=text) | Q(Exists(evidence))


def _people_named(name: str) -> QuerySet[Person]:
    if connection.vendor == "postgresql":
        # Served by person_name_trgm_idx; tolerates typos and partial names.
        return Person.objects.filter(Q(name__trigram_word_similar=name) | Q(name__icontains=name))
    return Person.objects.filter(name__icontains=name)


def with_participants(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events with participants (and their actors) loaded in one extra query per page."""
    return events.prefetch_related(
        Prefetch(
            "participants",
            queryset=Participant.objects.select_related(
                "country", "person", "organization", "vessel", "official_country", "evidence"
            ).order_by("role", "id"),
        )
    )


def event_for_display(user: User | None, event_id: int) -> Event:
    """One visible event with participants and evidence (raises Event.DoesNotExist)."""
    events = with_participants(visible_events(user, status="any"))
    return events.prefetch_related(Prefetch("evidence", queryset=evidence_with_articles())).get(pk=event_id)


def evidence_with_articles() -> QuerySet[Evidence]:
    """Public evidence with its article's reference fields (not the full text) for pages, the API and exports."""
    return (
        Evidence.objects.public()
        .select_related("article")
        .defer("article__text", "article__raw")
        .order_by("article_id", "start_char")
    )


def event_source_articles(event: Event) -> list[Article]:
    """The distinct articles of an event whose evidence is prefetched, in evidence order."""
    return list({evidence.article_id: evidence.article for evidence in event.evidence.all()}.values())
