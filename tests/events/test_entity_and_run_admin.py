"""Country, person and extraction-run pages of the admin."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import EventType, Participant, Role
from tasks.models import ExtractionRun
from tests.entities.factories import PersonFactory
from tests.events.factories import ArticleFactory, EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewing(client, reviewer):
    client.force_login(reviewer)
    return client


def test_country_page_counts_events_per_role_and_keeps_iso_data_read_only(reviewing):
    EventFactory(participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["RUS"]})
    EventFactory(participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["IRN"]})
    EventFactory(participants={Role.SUPPLIER: ["RUS"], Role.RECIPIENT: ["PRK"]})
    response = reviewing.get(reverse("admin:entities_country_change", args=["PRK"]))
    page = response.content.decode()
    assert "<div>recipient: 1</div><div>supplier: 2</div>" in page
    assert 'name="iso3"' not in page and 'name="name"' not in page


def test_person_page_lists_the_events_they_appear_in(reviewing):
    person = PersonFactory(name="Choe Son Hui")
    event = EventFactory(event_type=EventType.SANCTIONS_IMPOSITION, participants={Role.IMPOSER: ["USA"]})
    Participant.objects.create(event=event, role=Role.TARGET, person=person)
    page = reviewing.get(reverse("admin:entities_person_change", args=[person.pk])).content.decode()
    assert reverse("admin:events_event_change", args=[event.pk]) in page


def test_extraction_runs_filter_by_duration_and_search_errors(reviewing):
    article = ArticleFactory()
    now = timezone.now()
    slow = ExtractionRun.objects.create(
        article=article,
        state="failed",
        error="spaCy ran out of memory",
        started_at=now,
        finished_at=now + timedelta(seconds=90),
    )
    ExtractionRun.objects.create(
        article=article, state="succeeded", started_at=now, finished_at=now + timedelta(seconds=2)
    )
    url = reverse("admin:tasks_extractionrun_changelist")
    assert [r.pk for r in reviewing.get(url + "?duration=very_slow").context["cl"].result_list] == [slow.pk]
    assert [r.pk for r in reviewing.get(url + "?q=memory").context["cl"].result_list] == [slow.pk]
    assert len(reviewing.get(url + "?state__exact=succeeded").context["cl"].result_list) == 1
