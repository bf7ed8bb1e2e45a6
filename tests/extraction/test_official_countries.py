"""An official's country comes from the title, the organisation, a list, the dateline or a leader;
never from the nearest country of the sentence."""

from __future__ import annotations


def countries(analyse, text: str) -> dict[str, str | None]:
    return {o["name"]: o["country"] for o in analyse(text)["officials"]}


def test_a_leader_is_not_given_the_country_his_sentence_mentions(analyse):
    text = "President Lula met ministers angry over the sale of tanks to Chile."
    assert countries(analyse, text) == {"Lula": "BRA"}


def test_a_procurement_chief_takes_the_country_of_the_body_he_heads(analyse):
    text = (
        "The United States imposed sanctions on Turkey's defence procurement agency and its head, "
        "Omer Yalcin, over the purchase of Russian air defence missiles."
    )
    assert countries(analyse, text) == {"Omer Yalcin": "TUR"}


def test_a_turkish_title_gives_turkey_in_a_story_about_russian_arms(analyse):
    text = "Russia delivered the missiles in July. Turkish procurement chief Omer Yalcin said more would follow."
    assert countries(analyse, text)["Omer Yalcin"] == "TUR"


def test_a_us_mayor_is_not_given_jersey(analyse):
    text = (
        "The United States approved the sale of drones to Israel. "
        "Jersey City Mayor Dana Fulton said the port would not load the shipment."
    )
    assert countries(analyse, text)["Dana Fulton"] != "JEY"


def test_a_state_governor_is_not_given_jersey(analyse):
    text = "New Jersey Governor Tom Reilly said the state would not ship arms to Russia."
    assert countries(analyse, text)["Tom Reilly"] != "JEY"


def test_a_title_only_one_government_uses_names_its_country(analyse):
    text = "Foreign Secretary Ann Marlow said sanctions on Iran would stay. China condemned them."
    assert countries(analyse, text) == {"Ann Marlow": "GBR"}


def test_the_secretary_of_state_serves_the_united_states(analyse):
    text = "Secretary of State Paul Grady told China to stop selling oil to North Korea."
    assert countries(analyse, text) == {"Paul Grady": "USA"}


def test_officials_listed_after_a_titled_one_share_its_country(analyse):
    text = (
        "Canadian officials met Ukrainian Prime Minister Ivan Moroz, Ambassador Olena Hrytsak and "
        "Finance Minister Petro Lysenko in Ottawa."
    )
    found = countries(analyse, text)
    assert found["Olena Hrytsak"] == "UKR" and found["Petro Lysenko"] == "UKR"


def test_the_dateline_gives_the_country_of_an_untitled_officials_statement(analyse):
    text = (
        "WASHINGTON - Sanctions on Iran will be expanded, Secretary Helen Brandt said on Monday. "
        "Iran rejected the move."
    )
    assert countries(analyse, text)["Helen Brandt"] == "USA"


def test_a_minister_in_a_us_release_is_not_given_the_united_states(analyse):
    text = (
        "WASHINGTON - The Treasury designated officials of the Burmese junta today. "
        "Aung Min Tun is the Minister of Commerce of the regime that rules Burma."
    )
    assert countries(analyse, text)["Aung Min Tun"] == "MMR"


def test_a_monarch_whose_title_names_no_country_gets_none(analyse):
    text = "Jordan's King Abdullah met Queen Margrethe in Copenhagen."
    assert countries(analyse, text)["Queen Margrethe"] is None


def test_his_deputy_takes_the_country_of_the_official_just_named(analyse):
    text = (
        "US President Dan Hollis met Syrian President Omar Haddad on Monday. "
        "Haddad and his interior minister, Sami Nouri, were removed from a sanctions list."
    )
    assert countries(analyse, text)["Sami Nouri"] == "SYR"


def test_an_untitled_spokesman_serves_the_government_whose_seat_he_speaks_for(analyse):
    text = (
        "North Korea bought oil from ships near Korea. "
        "Beijing has no information about the ships, said a foreign ministry spokesman, Geng Li."
    )
    assert countries(analyse, text) == {"Geng Li": "CHN"}


def test_an_international_bodys_official_is_given_no_guessed_country(analyse):
    text = "NATO Secretary-General Lars Holm said allies would send more air defence to Ukraine."
    assert countries(analyse, text) == {"Lars Holm": None}


def test_a_leaders_spokesman_serves_the_leaders_country(analyse):
    text = "Putin's spokesman Dmitri Sokol declined to comment on the sanctions."
    assert countries(analyse, text)["Dmitri Sokol"] == "RUS"


def test_a_country_named_once_as_an_object_is_no_officials_country(analyse):
    text = "Vice Admiral Reza Talaei said the drones were sold to Russia."
    assert countries(analyse, text) == {"Reza Talaei": None}
