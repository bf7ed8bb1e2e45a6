from tests.events.officials_fixtures import event_with_officials  # noqa: F401
from tests.search_fixtures import fresh_cache, search_data, staff_user, unseen  # noqa: F401
