from tests.search_fixtures import plain_http, search_data, staff_user, unseen  # noqa: F401
