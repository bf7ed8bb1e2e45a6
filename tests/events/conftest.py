from tests.search_fixtures import plain_http  # noqa: F401
