import pytest

from tests.events.officials_fixtures import event_with_officials  # noqa: F401
from tests.search_fixtures import fresh_cache, search_data, staff_user, unseen  # noqa: F401


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Lets fixtures see whether the test failed (browser tests save a screenshot then)."""
    outcome = yield
    if call.when == "call":
        item.failed_call = outcome.get_result().failed
