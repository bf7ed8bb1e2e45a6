"""The Reviewers group: present after migrate, with review permissions and nothing more."""

import pytest
from django.contrib.auth.models import Group

from events.reviewers import REVIEWERS_GROUP, sync_reviewers_group

pytestmark = pytest.mark.django_db


def _codenames() -> set[str]:
    group = Group.objects.get(name=REVIEWERS_GROUP)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_reviewers_may_view_and_change_events_participants_and_evidence_and_view_articles():
    assert {
        "events.view_event",
        "events.change_event",
        "events.view_participant",
        "events.change_participant",
        "events.view_evidence",
        "events.change_evidence",
        "events.view_article",
    } <= _codenames()


def test_reviewers_may_delete_nothing_and_manage_no_users():
    codenames = _codenames()
    assert not {c for c in codenames if ".delete_" in c}
    assert not {c for c in codenames if c.startswith(("auth.", "django_celery_beat.", "axes."))}
    assert "events.change_article" not in codenames


def test_sync_resets_permissions_added_by_hand():
    from django.contrib.auth.models import Permission

    group = Group.objects.get(name=REVIEWERS_GROUP)
    group.permissions.add(Permission.objects.get(codename="delete_event"))
    sync_reviewers_group()
    assert "events.delete_event" not in _codenames()
