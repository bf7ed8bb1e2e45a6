"""Test-run environment, set before Django reads its settings."""

import os

# The test client speaks plain HTTP; production's HTTPS redirect is tested explicitly.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
