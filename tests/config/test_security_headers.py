"""Every response carries the security headers; production redirects to HTTPS."""

import pytest

pytestmark = pytest.mark.django_db


def test_pages_carry_a_content_security_policy_that_forbids_foreign_scripts(client):
    response = client.get("/admin/login/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy


def test_pages_cannot_be_framed_or_sniffed(client):
    response = client.get("/admin/login/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_production_redirects_plain_http_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/admin/login/")
    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://")


def test_https_requests_get_hsts_in_production(client, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    response = client.get("/admin/login/", secure=True)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=3600")
