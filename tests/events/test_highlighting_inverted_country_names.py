"""Highlighting actors in an article: catalogue forms like "Korea, North" never straddle a comma of prose."""

from __future__ import annotations

import pytest

from entities.models import CountryAlias
from events.highlighting import article_highlight_spans
from events.models import Role
from tests.events.factories import ArticleFactory, EventFactory, EvidenceFactory


def country_mentions(text: str) -> list[str]:
    """The country names marked in an article with that text, whose event involves North and South Korea."""
    article = ArticleFactory(text=text)
    event = EventFactory(participants={Role.SUPPLIER: ["PRK"], Role.RECIPIENT: ["KOR"]})
    EvidenceFactory(event=event, article=article, sentence=text, start_char=0, end_char=len(text))
    _, mentions = article_highlight_spans(article)
    return [text[span.start : span.end] for span in sorted(mentions, key=lambda span: span.start)]


@pytest.mark.django_db
def test_the_inverted_form_is_an_alias_the_highlighter_knows():
    assert CountryAlias.objects.filter(country__iso3="PRK", name="Korea, North").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("The talks failed. North Korea, North Korea said, would not return.", ["North Korea", "North Korea"]),
        (
            "Talks resumed: South Korea, North Korean envoys said, wanted calm.",
            ["South Korea", "North Korean"],  # the demonym is one of North Korea's names
        ),
        ("Officials in Korea, North Africa and Europe were told.", []),
    ],
    ids=["repeated name", "demonym after", "capitalised word after"],
)
def test_an_inverted_name_does_not_match_across_a_comma_in_prose(text, marked):
    assert country_mentions(text) == marked


@pytest.mark.django_db
def test_an_inverted_name_in_a_list_is_still_marked():
    text = "The annex names three states: Iran; Korea, North; and Syria."
    assert country_mentions(text) == ["Korea, North"]
