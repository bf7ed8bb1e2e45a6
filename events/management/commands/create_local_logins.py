"""Create (or reset) the local admin login and print it: for the quickstart, never production."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create or reset the local 'admin' superuser with a fresh random password and print it (DEBUG only)."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("create_local_logins is for local development (DEBUG=true) only.")
        password = secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(username="admin")
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        verb = "Created" if created else "Reset"
        self.stdout.write(self.style.SUCCESS(f"{verb} local admin login — username: admin  password: {password}"))
