from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Articles and events"

    def ready(self) -> None:
        from . import reviewers

        # The Reviewers group exists, with exactly its permissions, after every migrate (and test flush).
        post_migrate.connect(reviewers.sync_reviewers_group_after_migrate, dispatch_uid="events.reviewers_group")
