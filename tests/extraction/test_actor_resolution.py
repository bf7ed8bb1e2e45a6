"""Phrases that stand for a country (extraction/actors.py and its data files)."""

import pytest

from extraction.actors import ActorResolver


def _codes(nlp, text: str, word: str) -> tuple[list[str], ActorResolver, int]:
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    resolver = ActorResolver(doc)
    return resolver.of_phrase(token), resolver, token.i


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("The Bundeswehr bought new rifles.", "Bundeswehr", "DEU"),
        ("The People's Liberation Army held drills.", "Army", "CHN"),
        ("The IRGC launched drones.", "IRGC", "IRN"),
        ("The Tatmadaw seized power.", "Tatmadaw", "MMR"),
        ("The Bureau of Industry and Security added rules.", "Bureau", "USA"),
        ("Seoul's Defense Acquisition Program Administration signed the order.", "Administration", "KOR"),
    ],
)
def test_armed_forces_stand_for_their_state(nlp, text, word, code):
    assert _codes(nlp, text, word)[0] == [code]


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("Rheinmetall will deliver shells.", "Rheinmetall", "DEU"),
        ("Officials praised Hanwha Aerospace for the deal.", "Aerospace", "KOR"),
        ("Baykar sold drones abroad.", "Baykar", "TUR"),
    ],
)
def test_listed_defence_companies_stand_for_their_home_country(nlp, text, word, code):
    assert _codes(nlp, text, word)[0] == [code]


def test_company_executives_are_not_made_officials_by_the_company_list(analyse):
    result = analyse("John Smith, Rheinmetall chief executive, said the order was large.")
    assert "John Smith" not in [o["name"] for o in result["officials"]]


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("The Assad regime received missiles.", "regime", "SYR"),
        ("The Maduro government bought rifles.", "government", "VEN"),
        ("The Biden administration sent shells.", "administration", "USA"),
    ],
)
def test_a_leaders_name_on_a_government_noun_gives_the_leaders_country(nlp, text, word, code):
    assert _codes(nlp, text, word)[0] == [code]


def test_a_titled_leader_takes_the_leaders_country_over_a_nearby_one(nlp):
    codes, _, _ = _codes(nlp, "Chancellor Merz regretted the sale of tanks to Qatar.", "Merz")
    assert codes == ["DEU"]


def test_an_untitled_namesake_is_not_a_state_actor(nlp):
    assert _codes(nlp, "A man named Jim Merz bought a car.", "Merz")[0] == []


def test_the_country_takes_the_one_country_named_before_other_than_the_clause_subject(nlp):
    text = "El Salvador faces a guerrilla war. The United States is supplying the country with helicopters."
    codes, resolver, i = _codes(nlp, text, "country")
    assert codes == ["SLV"]
    assert i in resolver.from_discourse


def test_the_junta_refers_back_to_the_previous_sentence(nlp):
    text = "Myanmar's generals seized power in 2021. The junta has bought jets from abroad."
    assert _codes(nlp, text, "junta")[0] == ["MMR"]


def test_a_definite_description_with_two_candidates_stays_unresolved(nlp):
    text = "Ukraine and Poland met in Warsaw. The country bought rifles."
    assert _codes(nlp, text, "country")[0] == []


def test_the_north_refers_to_the_north_korea_named_earlier(nlp):
    text = "North Korea and Russia signed a treaty. Since then the North has sent shells."
    assert _codes(nlp, text, "North")[0] == ["PRK"]


def test_the_north_without_a_northern_country_named_stays_unresolved(nlp):
    assert _codes(nlp, "Rain fell in the North all week.", "North")[0] == []


def test_a_listed_defence_company_is_known_as_a_company_and_a_country_is_not(nlp):
    doc = nlp("Hanwha signed a deal with Poland.")
    resolver = ActorResolver(doc)
    assert resolver.is_company([doc[0]])
    assert not resolver.is_company([next(t for t in doc if t.text == "Poland")])


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Iran armed Yemen's Huthis.", "Huthis"),
        ("Turkey backed Syrian rebels.", "rebels"),
        ("Officials named the Sudanese militia.", "militia"),
    ],
)
def test_an_armed_group_stands_for_no_country(nlp, text, word):
    assert _codes(nlp, text, word)[0] == []


def test_the_government_refers_back_to_the_country_the_previous_sentence_is_about(nlp):
    text = "Sweden will raise its defence budget. The government also decided to send howitzers abroad."
    codes, resolver, i = _codes(nlp, text, "government")
    assert codes == ["SWE"]
    assert i in resolver.from_discourse


def test_a_demonym_two_states_share_takes_the_one_the_article_names(nlp):
    text = "South Korea's arms exports hit a record. Peru has bought Korean-built patrol boats."
    assert _codes(nlp, text, "Korean")[0] == ["KOR"]


def test_a_shared_demonym_in_an_article_naming_neither_state_stays_unresolved(nlp):
    assert _codes(nlp, "Peru has bought Korean-built patrol boats.", "Korean")[0] == []


def test_a_group_of_states_stands_for_the_members_it_names(events_of):
    events = events_of("Western countries, including Britain and Norway, have supplied rifles to Kyiv.")
    assert [e[1] for e in events] == [{"supplier": ["GBR", "NOR"], "recipient": ["UKR"]}]


def test_a_former_leaders_administration_acts_for_its_state_and_the_bare_surname_does_not(events_of):
    assert [e[1] for e in events_of("The Bush administration agreed to sell 60 F-15 jets to Saudi Arabia.")] == [
        {"supplier": ["USA"], "recipient": ["SAU"]}
    ]
    assert events_of("Bush sold rifles to Saudi Arabia.") == []


def test_a_governing_movement_on_a_government_noun_stands_for_its_state(events_of):
    events = events_of("The Soviet Union shipped tanks to the Sandinista government.", published="1988-05-01")
    assert [e[1] for e in events] == [{"supplier": ["SUN"], "recipient": ["NIC"]}]
