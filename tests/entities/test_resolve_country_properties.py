"""The country resolvers accept any string without raising."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entities.selectors import resolve_country
from vocabulary.countries import resolve_country as resolve_country_code


@given(st.text(max_size=80))
def test_pipeline_resolver_never_raises(text):
    assert resolve_country_code(text) is None or len(resolve_country_code(text)) == 3


@pytest.mark.django_db
@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_database_resolver_never_raises(text):
    found = resolve_country(text)
    assert found is None or len(found.iso3) == 3


@pytest.mark.django_db
def test_database_resolver_ignores_nul_bytes():
    assert resolve_country("North\x00 Korea").iso3 == "PRK"
    assert resolve_country("\x00") is None
