"""Repeated failed logins lock that username from that address, for a finite time."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [settings.AXES_BACKEND, "django.contrib.auth.backends.ModelBackend"]
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    get_user_model().objects.create_user("reviewer", password=PASSWORD, is_staff=True)


def log_in(client, password: str, ip: str = "203.0.113.7"):
    return client.post("/admin/login/?next=/admin/", {"username": "reviewer", "password": password}, REMOTE_ADDR=ip)


def test_after_too_many_failures_even_the_right_password_is_refused(axes_on, client):
    assert [log_in(client, "wrong").status_code for _ in range(3)] == [200, 200, 429]
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_does_not_spread_to_other_addresses(axes_on, client):
    for _ in range(3):
        log_in(client, "wrong", ip="198.51.100.66")
    response = log_in(client, PASSWORD, ip="203.0.113.7")
    assert response.status_code == 302


def test_lockout_ends_after_the_cool_off(axes_on, client):
    for _ in range(3):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))
    assert log_in(client, PASSWORD).status_code == 302


def test_weak_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("password123", "12345678901234", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak)


def test_attempts_during_a_lockout_do_not_extend_it(axes_on, client):
    for _ in range(3):
        log_in(client, "wrong")
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=10))
    # Five minutes before the end of the lockout, the attacker tries again, and so does the reviewer.
    assert log_in(client, "wrong").status_code == 429
    assert log_in(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=6))
    assert log_in(client, PASSWORD).status_code == 302


def log_in_through_proxy(client, password: str, forwarded_for: str, username: str = "reviewer"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.fixture
def one_trusted_proxy(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


def test_behind_a_trusted_proxy_a_lockout_is_per_client_address(axes_on, one_trusted_proxy, client):
    for _ in range(3):
        log_in_through_proxy(client, "wrong", "198.51.100.66")
    assert log_in_through_proxy(client, PASSWORD, "198.51.100.66").status_code == 429
    assert log_in_through_proxy(client, PASSWORD, "203.0.113.7").status_code == 302


def test_forged_forwarded_for_entries_do_not_escape_a_lockout(axes_on, one_trusted_proxy, client):
    for n in range(3):
        log_in_through_proxy(client, "wrong", f"192.0.2.{n}, 198.51.100.66")
    assert log_in_through_proxy(client, PASSWORD, "192.0.2.99, 198.51.100.66").status_code == 429


def test_an_address_failing_for_many_usernames_is_locked_out_for_all(axes_on, settings, client):
    settings.LOGIN_FAILURES_PER_ADDRESS = 4
    for n in range(4):
        client.post("/admin/login/", {"username": f"guess{n}", "password": "wrong"}, REMOTE_ADDR="198.51.100.66")
    assert log_in(client, PASSWORD, ip="198.51.100.66").status_code == 429
    assert log_in(client, PASSWORD, ip="203.0.113.7").status_code == 302


def test_the_token_endpoint_counts_failures_and_refuses_during_a_lockout(axes_on, client):
    from events.reviewers import sync_reviewers_group

    get_user_model().objects.get(username="reviewer").groups.add(sync_reviewers_group())

    def token(password: str):
        return client.post("/api/token/", {"username": "reviewer", "password": password}, REMOTE_ADDR="203.0.113.7")

    assert [token("wrong").status_code for _ in range(3)] == [400, 400, 400]
    assert token(PASSWORD).status_code == 400  # locked: the right password gets the wrong-password answer
    assert log_in(client, PASSWORD).status_code == 429  # the same lockout as the login form
