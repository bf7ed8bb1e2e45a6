"""Django's own checks: migrations complete, configuration sound, deploy settings clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


# Each test runs a separate Python process.
pytestmark = pytest.mark.slow


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_models_and_migrations_agree():
    result = manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


def test_system_check_is_clean():
    result = manage("check", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="False",
        SECRET_KEY="k3J!9vQ#p2Lr8Zs@x5Wm0Ty&u7Nc4Hb^e6Df1Ga*o" + "Xq" * 6,
        ALLOWED_HOSTS="events.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("secret", ["", "django-insecure-local-development-key-change-me"])
def test_deploy_check_flags_a_missing_or_default_secret_key(secret):
    env = {"DEBUG": "False", "ALLOWED_HOSTS": "events.example.org"}
    if secret:
        env["SECRET_KEY"] = secret
    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr
