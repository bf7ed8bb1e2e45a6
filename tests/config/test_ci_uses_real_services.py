import pytest

from tests.conftest import IN_CI


@pytest.mark.skipif(not IN_CI, reason="only CI promises PostgreSQL")
def test_ci_runs_the_suite_against_postgresql(db):
    from django.db import connection

    assert connection.vendor == "postgresql", "CI must set DATABASE_URL to PostgreSQL"
