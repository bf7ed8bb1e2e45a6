from tests.search_fixtures import search_data, staff_user, unseen  # noqa: F401
