from tests.search_fixtures import fresh_cache, search_data, staff_user, unseen  # noqa: F401
