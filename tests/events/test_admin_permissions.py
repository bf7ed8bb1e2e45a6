"""Who may open which admin page and run which action: anonymous, reviewer, administrator."""

import pytest
from django.urls import reverse

from entities.models import Person
from events.models import Event
from tasks.models import ExtractionRun
from tests.entities.factories import PersonFactory
from tests.events.factories import EvidenceFactory

pytestmark = pytest.mark.django_db
Status = Event.ReviewStatus
ANONYMOUS, REVIEWER, ADMINISTRATOR = "anonymous", "reviewer", "administrator"


@pytest.fixture
def as_role(client, reviewer, administrator):
    def login(role: str):
        if role != ANONYMOUS:
            client.force_login(reviewer if role == REVIEWER else administrator)
        return client

    return login


@pytest.fixture
def objects(db):
    evidence = EvidenceFactory()
    return {"event": evidence.event, "article": evidence.article, "person": PersonFactory(), "country": "PRK"}


# (url name, object key or None, status for reviewer, status for administrator)
PAGES = [
    ("admin:index", None, 200, 200),
    ("admin:events_event_changelist", None, 200, 200),
    ("admin:events_event_change", "event", 200, 200),
    ("admin:events_event_history", "event", 200, 200),
    ("admin:events_event_delete", "event", 403, 200),
    ("admin:events_event_add", None, 403, 403),
    ("admin:events_article_changelist", None, 200, 200),
    ("admin:events_article_change", "article", 200, 200),
    ("admin:events_article_delete", "article", 403, 200),
    ("admin:events_participant_changelist", None, 200, 200),
    ("admin:events_evidence_changelist", None, 200, 200),
    ("admin:entities_country_changelist", None, 200, 200),
    ("admin:entities_country_change", "country", 200, 200),
    ("admin:entities_person_changelist", None, 200, 200),
    ("admin:entities_person_change", "person", 200, 200),
    ("admin:entities_person_delete", "person", 403, 200),
    ("admin:entities_organization_changelist", None, 200, 200),
    ("admin:entities_sanctionsentry_changelist", None, 200, 200),
    ("admin:entities_sanctionsmatch_changelist", None, 200, 200),
    ("admin:tasks_extractionrun_changelist", None, 200, 200),
    ("admin:auth_user_changelist", None, 403, 200),
    ("admin:auth_user_add", None, 403, 200),
    ("admin:auth_group_changelist", None, 403, 200),
    ("admin:django_celery_beat_periodictask_changelist", None, 403, 200),
]


def _url(name: str, key: str | None, objects: dict) -> str:
    if key is None:
        return reverse(name)
    obj = objects[key]
    return reverse(name, args=[getattr(obj, "pk", obj)])


@pytest.mark.parametrize(("name", "key", "reviewer_status", "administrator_status"), PAGES)
@pytest.mark.parametrize("role", [ANONYMOUS, REVIEWER, ADMINISTRATOR])
def test_admin_page_access_by_role(as_role, objects, role, name, key, reviewer_status, administrator_status):
    response = as_role(role).get(_url(name, key, objects))
    if role == ANONYMOUS:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == (reviewer_status if role == REVIEWER else administrator_status)


def test_reviewer_sees_no_delete_action_on_events(as_role, objects):
    response = as_role(REVIEWER).get(reverse("admin:events_event_changelist"))
    actions = dict(response.context["action_form"].fields["action"].choices)
    assert "delete_selected" not in actions
    assert {"approve_selected", "reject_selected", "merge_selected", "reextract_selected"} <= set(actions)


def _post_action(client, changelist: str, action: str, ids: list[int], query: str = "", **extra):
    data = {"action": action, "_selected_action": [str(i) for i in ids], **extra}
    return client.post(reverse(changelist) + query, data)


EVENT_CHANGELIST = "admin:events_event_changelist"


def _approve(client, events):
    _post_action(client, EVENT_CHANGELIST, "approve_selected", [events[0].pk])
    return Event.objects.get(pk=events[0].pk).review_status == Status.APPROVED


def _reject(client, events):
    _post_action(client, EVENT_CHANGELIST, "reject_selected", [events[0].pk], apply="1", reason="duplicate")
    return Event.objects.get(pk=events[0].pk).review_status == Status.REJECTED


def _unreject(client, events):
    Event.objects.filter(pk=events[0].pk).update(review_status=Status.REJECTED)
    # Actions apply to the list being viewed: the reviewer is looking at rejected events.
    _post_action(client, EVENT_CHANGELIST, "unreject_selected", [events[0].pk], query="?status=rejected")
    return Event.objects.get(pk=events[0].pk).review_status == Status.CANDIDATE


def _merge(client, events):
    ids = [e.pk for e in events]
    _post_action(client, EVENT_CHANGELIST, "merge_selected", ids, apply="1", survivor=str(ids[0]))
    return Event.objects.get(pk=ids[1]).review_status == Status.MERGED


def _reextract(client, events):
    _post_action(client, EVENT_CHANGELIST, "reextract_selected", [events[0].pk])
    return ExtractionRun.objects.exists()


def _delete_events(client, events):
    _post_action(client, EVENT_CHANGELIST, "delete_selected", [events[0].pk], post="yes")
    return not Event.objects.filter(pk=events[0].pk).exists()


def _extract_now(client, events):
    article = events[0].evidence.get().article
    _post_action(client, "admin:events_article_changelist", "extract_now", [article.pk])
    return ExtractionRun.objects.filter(article=article).exists()


def _merge_people(client, events):
    people = [PersonFactory(), PersonFactory()]
    ids = [p.pk for p in people]
    _post_action(client, "admin:entities_person_changelist", "merge_duplicates", ids, apply="1", survivor=str(ids[0]))
    return not Person.objects.filter(pk=ids[1]).exists()


# (action, allowed for reviewer, allowed for administrator)
ACTIONS = [
    (_approve, True, True),
    (_reject, True, True),
    (_unreject, True, True),
    (_merge, True, True),
    (_reextract, True, True),
    (_extract_now, True, True),
    (_delete_events, False, True),
    (_merge_people, False, True),
]


@pytest.mark.parametrize(
    ("action", "reviewer_may", "administrator_may"), ACTIONS, ids=lambda a: getattr(a, "__name__", a)
)
@pytest.mark.parametrize("role", [ANONYMOUS, REVIEWER, ADMINISTRATOR])
def test_admin_action_by_role(as_role, role, action, reviewer_may, administrator_may):
    events = [EvidenceFactory().event, EvidenceFactory().event]
    allowed = {ANONYMOUS: False, REVIEWER: reviewer_may, ADMINISTRATOR: administrator_may}[role]
    assert action(as_role(role), events) is allowed
