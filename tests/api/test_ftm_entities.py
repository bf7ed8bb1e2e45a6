"""FtM entities built without a proxy per entity equal what the followthemoney proxy builds."""

import pytest
from followthemoney import model, registry
from followthemoney.exc import InvalidData
from followthemoney.util import sanitize_text
from hypothesis import given
from hypothesis import strategies as st

from api import ftm

AWKWARD = {
    "Event": {
        "name": ["  North Korea → Russia: shells  ", "Cafe\u0301", "", "\x00\x01"],
        "date": ["2024-03", "2024-13-45", "5 March", "2024-03-05", 2023],
        "country": ["kp", "KP", "xx", "ru", "kp"],
        "sourceUrl": ["https://News.Example.org/a b", "not a url", "https://news.example.org/a b"],
        "keywords": ["arms_transfer", "reported", "arms_transfer", "   "],
        "involved": ["sedb-person-1", "bad id!", "sedb-org-2"],
        "notes": ["supplier: North Korea; recipient: Russia"],
    },
    "Article": {"name": ["T"], "fileName": ["article-1.txt"], "language": ["eng", "xx"], "publishedAt": ["2024"]},
    "Person": {"name": ["Kim Yo Jong"], "alias": ["Kim Yo-jong", "Kim Yo Jong"], "nationality": ["kp"]},
}


def proxy_dict(schema: str, id_: str, properties: dict) -> dict:
    proxy = model.make_entity(schema)
    proxy.id = id_
    for name, values in properties.items():
        proxy.add(name, values)
    return proxy.to_dict()


@pytest.mark.parametrize("schema", list(AWKWARD))
def test_entities_equal_the_proxy_built_ones_twice_over(schema):
    for _ in range(2):  # the second time from the cleaned-value cache
        assert ftm._entity(schema, "sedb-x-1", **AWKWARD[schema]) == proxy_dict(schema, "sedb-x-1", AWKWARD[schema])


def test_unknown_properties_and_self_references_raise_as_the_proxy_does():
    with pytest.raises(InvalidData):
        ftm._entity("Event", "sedb-event-1", colour=["red"])
    with pytest.raises(InvalidData):
        ftm._entity("Documentation", "sedb-evidence-1", entity=["sedb-evidence-1"])
    with pytest.raises(InvalidData):
        ftm._entity("NoSuchSchema", "sedb-x-1")


def test_the_cleaned_value_cache_stays_bounded(monkeypatch):
    monkeypatch.setattr(ftm, "CLEANED_VALUES_KEPT", 10)
    monkeypatch.setattr(ftm, "_cleaned", {})
    for n in range(50):
        # A space at the end: not a plain value, so cleaned once and cached.
        entity = ftm._entity("Event", f"sedb-event-{n}", name=["event"], keywords=[f"keyword {n} "])
        assert entity["properties"]["keywords"] == [f"keyword {n}"]
        assert 0 < len(ftm._cleaned) <= 10


@given(st.text(alphabet=st.characters(max_codepoint=0x80)) | st.text())
def test_text_is_sanitised_as_followthemoney_sanitises_it(text):
    assert ftm._sanitized(text) == sanitize_text(text)


@given(st.from_regex(ftm.PLAIN_URL, fullmatch=True))
def test_urls_taken_as_they_are_are_those_followthemoney_leaves_unchanged(url):
    assert registry.url.clean_text(url) == url
    assert ftm._entity("Article", "sedb-article-1", sourceUrl=[url]) == proxy_dict(
        "Article", "sedb-article-1", {"sourceUrl": [url]}
    )


@given(st.from_regex(ftm.PLAIN_NAME, fullmatch=True), st.from_regex(ftm.PLAIN_TEXT, fullmatch=True))
def test_names_and_texts_taken_as_they_are_are_those_followthemoney_leaves_unchanged(name, text):
    properties = {"name": [name], "summary": [text], "keywords": [text]}
    assert ftm._entity("Event", "sedb-event-1", **properties) == proxy_dict("Event", "sedb-event-1", properties)
    assert ftm._entity("Event", "sedb-event-1", **properties)["properties"]["name"] == [name]


@given(st.from_regex(ftm.PLAIN_ENTITY_ID, fullmatch=True))
def test_entity_ids_taken_as_they_are_are_those_followthemoney_leaves_unchanged(id_):
    properties = {"entity": [id_], "document": [id_]}
    assert ftm._entity("Documentation", "sedb-evidence-1", **properties) == proxy_dict(
        "Documentation", "sedb-evidence-1", properties
    )


@pytest.mark.parametrize("name", ['"Quoted"', "'Quoted'", "Two  spaces", " Leading", "Trailing ", "Tab\there"])
def test_names_followthemoney_would_change_are_not_taken_as_they_are(name):
    assert not ftm.PLAIN_NAME.fullmatch(name)
    built = ftm._entity("Person", "sedb-person-1", name=[name])
    assert built == proxy_dict("Person", "sedb-person-1", {"name": [name]})
