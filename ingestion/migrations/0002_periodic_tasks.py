"""The periodic tasks beat runs: feed polling and the extraction sweep.

Created once here (not from settings, which beat would re-apply on every start),
so their schedules stay editable in the admin (Periodic tasks).
"""

from django.db import migrations

PERIODIC_TASKS = [
    # (name, task, minutes between runs)
    ("Poll active feeds", "ingestion.tasks.poll_active_feeds", 15),
    ("Sweep extraction runs (re-enqueue lost or stuck ones)", "tasks.tasks.sweep_extraction_runs", 10),
]


def create_periodic_tasks(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, minutes in PERIODIC_TASKS:
        schedule, _ = IntervalSchedule.objects.get_or_create(every=minutes, period="minutes")
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "interval": schedule})


def delete_periodic_tasks(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[name for name, _, _ in PERIODIC_TASKS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ingestion", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_periodic_tasks, delete_periodic_tasks)]
