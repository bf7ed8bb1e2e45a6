"""Matching runs as Celery tasks on a real worker and broker: after a list load, and for given ids."""

import time

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker

from config.celery import app as project_app
from entities.models import SanctionsMatch
from entities.sanctions.loading import load_sanctions_list
from entities.tasks import match_sanctions_for_actors
from tests.entities.factories import OrganizationFactory, PersonFactory, country

from .sanctions_files import FIXTURES

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker(redis_url):
    """A real worker thread on Redis, with its own current Celery app.

    A fresh app, not config.celery's: that one may already hold a producer pool for the eager
    (no broker) configuration from earlier tests. ``shared_task`` functions follow the current app.
    """
    broker_app = Celery("sanctions-task-tests", set_as_current=True)
    broker_app.config_from_object("django.conf:settings", namespace="CELERY")
    broker_app.conf.update(broker_url=redis_url, task_always_eager=False)
    with broker_app.connection_for_write() as connection:
        connection.default_channel.client.flushdb()  # our own Redis db: no stale tasks
    try:
        with start_worker(broker_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        project_app.set_current()


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_loading_a_list_queues_matching_that_links_a_listed_person(worker):
    pak = PersonFactory(name="Pak Tae-song", nationality=country("PRK"))
    load_sanctions_list(FIXTURES / "un_v1.xml", "un-xml")
    assert wait_for(lambda: SanctionsMatch.objects.filter(person=pak).exists())
    match = SanctionsMatch.objects.get(person=pak)
    assert (match.entry.external_id, match.state) == ("KPi.901", SanctionsMatch.State.AUTO_LINKED)


def test_extraction_can_queue_matching_for_the_people_and_organisations_it_created(worker):
    load_sanctions_list(FIXTURES / "un_v1.xml", "un-xml", match_afterwards=False)
    pak = PersonFactory(name="PAK Tae Song", nationality=country("PRK"))
    trading = OrganizationFactory(name="Koryo Test Trading Corp", country=country("PRK"))
    match_sanctions_for_actors.delay([pak.pk], [trading.pk])
    assert wait_for(lambda: SanctionsMatch.objects.count() == 2)
    assert set(SanctionsMatch.objects.values_list("entry__external_id", flat=True)) == {"KPi.901", "KPe.901"}
