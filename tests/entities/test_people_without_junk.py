"""The People table gains no entry for words that are no person's name, and one person per name."""

from __future__ import annotations

import pytest

from entities.models import Person
from entities.officials import OfficialMention, get_or_create_officials
from extraction import extract
from tests.entities.factories import PersonFactory, country
from tests.events.factories import ArticleFactory
from tests.events.storing import store_one


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Purpose", "General"),
        ("Judge", None),
        ("State", "Secretary of"),
        ("League", "Arab"),
        ("Electric Co", "chairman"),
    ],
)
def test_a_word_that_is_no_persons_name_creates_nobody(name, title):
    assert get_or_create_officials([OfficialMention(name, title=title)]) == [None]
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_refused_names_leave_the_other_mentions_in_place():
    found = get_or_create_officials([OfficialMention("Judge"), OfficialMention("Lena Ortiz", title="spokeswoman")])
    assert found[0] is None and found[1].name == "Lena Ortiz"


@pytest.mark.django_db
def test_a_surname_beside_the_full_name_in_one_article_is_the_same_person():
    article = ArticleFactory()
    found = get_or_create_officials(
        [
            OfficialMention("Donald Trump", country("USA"), "President", article.pk),
            OfficialMention("Trump", country("USA"), "President", article.pk),
        ]
    )
    assert found[0] == found[1]
    assert list(Person.objects.values_list("name", flat=True)) == ["Donald Trump"]


@pytest.mark.django_db
def test_a_surname_joins_the_one_known_person_of_that_country():
    known = PersonFactory(name="Recep Tayyip Erdogan", nationality=country("TUR"))
    [found] = get_or_create_officials([OfficialMention("Erdogan", country("TUR"), "President")])
    assert found == known


@pytest.mark.django_db
def test_a_surname_does_not_join_a_person_of_another_country():
    PersonFactory(name="Maria Lopez", nationality=country("ESP"))
    [found] = get_or_create_officials([OfficialMention("Lopez", country("MEX"), "President")])
    assert found is not None and found.name == "Lopez"


@pytest.mark.django_db
def test_ranks_and_courtesy_titles_stay_off_the_persons_name():
    [found] = get_or_create_officials([OfficialMention("Sir Alan Whitby", country("GBR"), "Prime Minister")])
    assert found.name == "Alan Whitby"


def stored_people(text: str) -> dict[str, str | None]:
    article = ArticleFactory(text=text)
    store_one(article, extract(text, article.published.isoformat()), extractor_version="test")
    return dict(Person.objects.values_list("name", "nationality_id"))


@pytest.mark.django_db
def test_a_stored_story_about_bombs_adds_no_general_purpose_person():
    people = stored_people(
        "WASHINGTON - The United States sold 1,000 General Purpose bombs to Israel, "
        "State Department spokeswoman Lena Ortiz said."
    )
    assert people == {"Lena Ortiz": "USA"}


@pytest.mark.django_db
def test_a_turkish_procurement_chief_is_stored_as_turkish_not_russian():
    people = stored_people(
        "ANKARA - Russia delivered S-400 missiles to Turkey in July. "
        "Turkish procurement chief Omer Yalcin said the Russian systems would be deployed next year."
    )
    assert people["Omer Yalcin"] == "TUR"


@pytest.mark.django_db
def test_a_us_mayor_is_not_stored_as_from_jersey():
    people = stored_people(
        "The United States approved the sale of attack drones to Israel on Monday. "
        "Jersey City Mayor Dana Fulton said the port would not load the shipment."
    )
    assert people["Dana Fulton"] != "JEY"
