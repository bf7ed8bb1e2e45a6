from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EntitiesConfig(AppConfig):
    name = "entities"
    verbose_name = "Countries, people and organisations"

    def ready(self) -> None:
        from . import reference

        # After every migrate (and test-database flush) the reference data is complete.
        post_migrate.connect(reference.sync_reference_data_after_migrate, sender=self)
