"""The two-step actions: a reason before rejecting, a survivor before merging."""

import pytest
from django.urls import reverse

from events.models import Event
from tests.entities.factories import PersonFactory
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db
Status = Event.ReviewStatus
EVENTS = reverse("admin:events_event_changelist")


def _select(action: str, *objects, **extra) -> dict:
    return {"action": action, "_selected_action": [str(o.pk) for o in objects], **extra}


def test_reject_action_asks_for_a_reason_before_rejecting(client, reviewer):
    client.force_login(reviewer)
    event = EventFactory()
    page = client.post(EVENTS, _select("reject_selected", event)).content.decode()
    assert '<textarea name="reason"' in page
    assert "A reason is required" not in page
    page = client.post(EVENTS, _select("reject_selected", event, apply="1", reason=" ")).content.decode()
    assert "A reason is required" in page
    event.refresh_from_db()
    assert event.review_status == Status.CANDIDATE


def test_merge_action_asks_which_event_survives(client, reviewer):
    client.force_login(reviewer)
    first, second = EventFactory(), EventFactory()
    page = client.post(EVENTS, _select("merge_selected", first, second)).content.decode()
    assert f'name="survivor" value="{first.pk}"' in page
    assert f'name="survivor" value="{second.pk}"' in page
    client.post(EVENTS, _select("merge_selected", first, second, apply="1", survivor=str(second.pk)))
    first.refresh_from_db()
    assert first.merged_into_id == second.pk


def test_approve_action_reports_events_that_need_an_unreject(client, reviewer):
    client.force_login(reviewer)
    rejected = EventFactory(review_status=Status.REJECTED)
    response = client.post(EVENTS + "?status=all", _select("approve_selected", rejected), follow=True)
    assert "need an explicit un-reject first" in response.content.decode()


def test_merge_people_asks_who_is_kept(client, administrator):
    client.force_login(administrator)
    first, second = PersonFactory(name="Choe Son Hui"), PersonFactory(name="Choe Son-hui")
    url = reverse("admin:entities_person_changelist")
    page = client.post(url, _select("merge_duplicates", first, second)).content.decode()
    assert f'name="survivor" value="{second.pk}"> #{second.pk} Choe Son-hui' in page
