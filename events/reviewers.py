"""The Reviewers group and its permissions, kept in sync after every migrate."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission

if TYPE_CHECKING:
    from django.apps import AppConfig


REVIEWERS_GROUP = "Reviewers"

# Reviewers decide on events; they delete nothing and manage no users, feeds or lists.
REVIEWER_PERMISSIONS = (
    "events.view_event",
    # Candidates and rejected events on the site and the API, articles' full text.
    "events.view_unreviewed",
    # An API token, to read the same through the API.
    "authtoken.add_token",
    "events.change_event",
    "events.view_participant",
    "events.change_participant",
    # Adding a participant the extractor missed is part of correcting a candidate.
    "events.add_participant",
    "events.view_evidence",
    "events.change_evidence",
    "events.view_article",
    "entities.view_country",
    "entities.view_person",
    "entities.view_organization",
    "entities.view_position",
    # Confirming or rejecting borderline sanctions-list matches is review work too.
    "entities.view_sanctionsentry",
    "entities.view_sanctionsmatch",
    "entities.change_sanctionsmatch",
    "tasks.view_extractionrun",
    # Re-running extraction queues an ExtractionRun.
    "tasks.add_extractionrun",
)


def sync_reviewers_group() -> Group:
    """Create the Reviewers group, or reset its permissions to exactly REVIEWER_PERMISSIONS."""
    group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    wanted = [tuple(name.split(".")) for name in REVIEWER_PERMISSIONS]
    permissions = Permission.objects.filter(content_type__app_label__in={app for app, _ in wanted}).select_related(
        "content_type"
    )
    chosen = [p for p in permissions if (p.content_type.app_label, p.codename) in set(wanted)]
    group.permissions.set(chosen)
    return group


def sync_reviewers_group_after_migrate(sender: AppConfig, **kwargs: Any) -> None:
    """post_migrate receiver. Auth creates permissions app by app, so act once the last app
    whose permissions reviewers get has been migrated."""
    labels = {name.split(".")[0] for name in REVIEWER_PERMISSIONS}
    last = [config.label for config in django_apps.get_app_configs() if config.label in labels][-1]
    if sender.label == last:
        sync_reviewers_group()
