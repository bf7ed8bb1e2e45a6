"""Titles found where the parser splits them: long titles before the name, after "is", after a colon."""

from __future__ import annotations

from extraction.gazetteer import TITLE_SPANS


def titles(analyse, text: str) -> dict[str, str | None]:
    return {o["name"]: o["title"] for o in analyse(text)["officials"]}


def test_title_marker_knows_minister_of_state_counselor_and_short_ranks(rules_nlp):
    doc = rules_nlp("The Minister of State, a counselor and Gen Ruiz spoke.")
    assert [(s.text, s.label_) for s in doc.spans[TITLE_SPANS]] == [
        ("Minister of State", "official"),
        ("counselor", "official"),
        ("Gen", "official"),
    ]


def test_title_marker_labels_company_officers_as_not_officials(rules_nlp):
    doc = rules_nlp("The chief executive officer and the managing director resigned.")
    assert {s.label_ for s in doc.spans[TITLE_SPANS]} == {"non_official"}


def test_a_long_title_with_of_and_for_before_the_name(analyse):
    text = "“We will act,” said Deputy Secretary of the Treasury Maria Lund on Friday."
    assert titles(analyse, text) == {"Maria Lund": "Deputy Secretary of the Treasury"}


def test_a_long_title_before_a_comma_and_the_name(analyse):
    text = "“We will act,” said Under Secretary for Export Controls and Finance, Maria Lund."
    assert titles(analyse, text) == {"Maria Lund": "Under Secretary for Export Controls and Finance"}


def test_a_name_after_a_title_of_an_organisation(analyse):
    text = "Pravda printed Deputy Chairman of the Security Council Oleg Marin's letter to Iran."
    assert "Oleg Marin" in titles(analyse, text)


def test_a_title_after_is_makes_an_official(analyse):
    text = "The Treasury designated four people today. Tun Lin Aung is the Minister of Border Affairs of Burma."
    assert titles(analyse, text) == {"Tun Lin Aung": "Minister of Border Affairs of Burma"}


def test_an_adult_child_of_a_minister_is_no_official(analyse):
    text = "Mya Hnin is the adult child of Minister of Commerce Tun Lin Aung, whom Treasury designated."
    assert "Mya Hnin" not in titles(analyse, text)


def test_a_title_after_a_colon_in_a_list_of_designations(analyse):
    text = (
        "OFAC designated the following individuals today:\n\n"
        "Carlos Ruiz Mendez (“Toro”): a senior officer of Venezuela's army who arranged arms sales."
    )
    assert titles(analyse, text) == {"Carlos Ruiz Mendez": "senior officer of Venezuela's army"}


def test_a_central_bank_governor_is_an_official(analyse):
    text = "Bank of England Governor Tom Hale said the sanctions on Russian banks would hold."
    assert titles(analyse, text) == {"Tom Hale": "Bank of England Governor"}


def test_a_national_security_advisor_is_no_private_body(analyse):
    text = "National Security Advisor Jane Cole said Britain would send missiles to Ukraine."
    assert titles(analyse, text) == {"Jane Cole": "National Security Advisor"}


def test_abbreviated_us_titles_make_officials_of_the_united_states(analyse):
    text = "Sen. Ann Cole (D-Ore.) and Rep. Tom Vick, chairman of the House Armed Services Committee, spoke."
    found = {o["name"]: (o["country"], o["title"]) for o in analyse(text)["officials"]}
    assert found == {"Ann Cole": ("USA", "Sen."), "Tom Vick": ("USA", "Rep.")}


def test_a_title_does_not_reach_across_another_person_of_a_list(analyse):
    text = "British Prime Minister Alan Whitby and French President Claire Morel agreed to send missiles."
    assert titles(analyse, text) == {"Alan Whitby": "British Prime Minister", "Claire Morel": "French President"}


def test_a_title_in_a_relative_clause_after_the_name(analyse):
    text = "Reza Talaei, who is Iran's deputy defence minister, said the drones were sold to Russia."
    assert titles(analyse, text) == {"Reza Talaei": "Iran's deputy defence minister"}


def test_a_counterpart_of_an_official_is_an_official(analyse):
    text = "Russian Defence Minister Ivan Orlov met his North Korean counterpart Ri Chol Su in Pyongyang."
    assert "Ri Chol Su" in titles(analyse, text)


def test_a_title_ending_in_and_belongs_to_someone_else(analyse):
    text = "Gazaryan acted as an intermediary between a Russian government official and Ashot Melikyan."
    assert "Ashot Melikyan" not in titles(analyse, text)
