"""Officials come only from real person names, named without their titles."""

from __future__ import annotations


def names(analyse, text: str) -> list[str]:
    return [o["name"] for o in analyse(text)["officials"]]


def test_weapon_names_after_a_rank_word_make_no_official(analyse):
    text = "The United States delivered 500 General Purpose bombs to Israel in May, officials said."
    assert names(analyse, text) == []


def test_a_general_assembly_or_a_general_license_is_no_general(analyse):
    text = (
        "Foreign Minister Lena Ortiz addressed the UN General Assembly on Monday. "
        "The Treasury issued General License 8 the same day."
    )
    assert names(analyse, text) == ["Lena Ortiz"]


def test_a_judge_or_a_state_alone_is_no_person(analyse):
    text = "The Judge said the State had broken the embargo, and the League condemned the shipment."
    assert names(analyse, text) == []


def test_a_company_tail_is_no_person(analyse):
    text = "Chairman of Hanford Electric Co Marcus Lee said the firm would stop exports to Iran."
    assert all("Electric" not in name and name != "Co" for name in names(analyse, text))


def test_a_chief_executive_is_no_official(analyse):
    text = "Chief Executive Officer of Baltic Trade SIA Janis Ozols denied shipping rifles to Belarus."
    assert names(analyse, text) == []


def test_a_surname_mention_joins_the_full_name(analyse):
    text = (
        "US President Donald Trump said Washington would impose new sanctions on Iran. "
        "Trump added that the measures would take effect in May."
    )
    assert names(analyse, text) == ["Donald Trump"]


def test_spellings_of_one_name_make_one_official(analyse):
    text = (
        "North Korean leader Kim Jong-un inspected a missile factory. "
        "South Korea said Kim Jong Un had ordered more launchers."
    )
    assert names(analyse, text) == ["Kim Jong-un"]


def test_a_rank_before_the_name_is_part_of_the_title(analyse):
    text = "Ukraine's top commander Gen Mykola Petrenko said Poland had sent more tanks."
    assert names(analyse, text) == ["Mykola Petrenko"]


def test_a_knights_title_is_not_part_of_the_name(analyse):
    text = "Prime Minister Sir Alan Whitby said Britain would sell frigates to Norway."
    assert names(analyse, text) == ["Alan Whitby"]


def test_a_monarch_keeps_the_royal_title_before_a_lone_regnal_name(analyse):
    text = "Jordan's King Abdullah met US envoys in Amman to discuss arms purchases."
    assert names(analyse, text) == ["King Abdullah"]


def test_a_middle_initial_stays_in_the_name(analyse):
    text = "“We will act,” said Treasury Secretary Ruth M. Calder on Tuesday."
    assert names(analyse, text) == ["Ruth M. Calder"]


def test_a_hyphenated_given_name_stays_whole(analyse):
    text = "Presidential chief of staff Park Min-jae said Seoul would sell howitzers to Poland."
    assert names(analyse, text) == ["Park Min-jae"]


def test_a_leader_named_without_a_title_is_an_official(analyse):
    text = "Putin said Moscow would keep buying drones from Iran."
    assert names(analyse, text) == ["Putin"]


def test_a_leaders_name_before_a_government_noun_is_no_mention_of_the_person(analyse):
    text = "The Maduro government bought Russian fighter jets last year."
    assert names(analyse, text) == []


def test_editors_in_a_credit_line_are_no_officials(analyse):
    text = "Israel bought F-35 jets from the United States.\n\n(Editing by Ruth Amsel, Larry King)"
    assert names(analyse, text) == []


def test_a_surname_in_the_body_takes_the_full_name_of_the_headline(analyse):
    text = "Secretary Halvorsen met Israeli Foreign Minister Dan Meir on Monday to discuss sanctions on Iran."
    title = "Secretary of the Treasury Anne K. Halvorsen meets Israel's foreign minister"
    found = [o["name"] for o in analyse(text, title=title)["officials"]]
    assert "Anne K. Halvorsen" in found and "Halvorsen" not in found


def test_a_middle_name_used_alone_joins_the_only_full_name_holding_it(analyse):
    text = (
        "Treasury designated Hamid Bagheri Kazemi (Bagheri), an IRGC commander. "
        "Iranian commander Bagheri directed missile shipments to Yemen."
    )
    assert names(analyse, text) == ["Hamid Bagheri Kazemi"]


def test_a_retired_general_now_with_an_arms_maker_is_no_official(analyse):
    text = "Gary Holt, a retired air force general now with fighter manufacturer Skyforge, said Israel needs more jets."
    assert names(analyse, text) == []
