"""Name normalisation and scoring (pure functions): variants match, different people do not."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entities.sanctions.matching import Candidate, CandidateIndex, Query, name_tokens, score


def person(*names, countries=(), birth_year=None):
    return Query("person", names, frozenset(countries), birth_year)


def entry(*names, entity_type="person", weak=(), countries=(), birth_dates=(), entry_id=1):
    return Candidate.build(entry_id, entity_type, names, weak, countries, birth_dates)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("KIM Jong Un", "Kim Jong-un"),
        ("KIM, Jong Un", "Jong Un Kim"),
        ("CH'OE SO\u2019K MIN", "Choe Sok Min"),
        ("Захаров Александр Вячеславович", "Zakharov Aleksandr Vyacheslavovich"),
        ("Aleksandr Vjačeslavovič ZACHAROV", "Aleksandr Vyacheslavovich Zacharov"),
        ("Lavrentiy ZAKHAROV", "Lavrentii Zakharov"),
        ("Svetlana Nikolayevna", "Svetlana Nikolaevna"),
        ("Kim Chong-un", "Kim Jong Un"),
        ("Pak Il-Gyu", "Pak Il Kyu"),
        ("Kim Jong-eun", "Kim Jong Un"),
        ("Ahmed Fuad Salim", "Ahmad Fuad Salim"),
        ("Mohammed Hussein", "Muhammad Husain"),
        ("Kim Yong Chul", "KIM YONG CHOL"),
        ("Ri Hyuk", "Ri Hyok"),
        ("Ali Hosseini", "Ali Husseini"),
        ("Ghasem Rezaei", "Qasem Rezaei"),
        ("Fatemeh Ahmadi", "Fatema Ahmadi"),
    ],
)
def test_spelling_order_accent_script_and_transliteration_variants_share_tokens(a, b):
    assert sorted(name_tokens(a, "person")) == sorted(name_tokens(b, "person"))


def test_legal_forms_are_ignored_in_organisation_names():
    assert name_tokens("LIMITED LIABILITY COMPANY ZALA AERO", "organization") == ("zala", "aero")
    assert name_tokens('Общество С Ограниченной Ответственностью "Зала Аэро"', "organization") == ("zala", "aero")  # noqa: RUF001


def test_names_in_untransliterated_scripts_give_no_tokens():
    assert name_tokens("صدام حسين التكريتي", "person") == ()


def test_name_order_and_hyphenation_do_not_lower_the_score():
    result = score(person("Kim Jong-un"), entry("KIM, Jong Un"))
    assert result.score == 1.0 and result.features["name_comparison"] == "full"


def test_names_split_differently_by_hyphens_still_match():
    assert score(person("Azim Agha-Jani"), entry("AZIM AGHAJANI")).score >= 0.93


def test_a_name_without_patronymic_matches_as_a_discounted_subset():
    result = score(person("Vladimir Putin"), entry("PUTIN, Vladimir Vladimirovich"))
    assert result.features["name_comparison"] == "subset"
    assert 0.85 < result.score < 0.95


def test_one_different_syllable_keeps_short_names_apart():
    result = score(person("Kim Yong Chol", countries=["PRK"]), entry("Kim Hyok Chol", countries=["PRK"]))
    assert result.score < 0.93


def test_agreeing_nationality_raises_the_score_and_a_conflicting_one_lowers_it():
    base = score(person("Vladimir Putin"), entry("PUTIN, Vladimir Vladimirovich", countries=["RUS"])).score
    agreeing = score(
        person("Vladimir Putin", countries=["RUS"]), entry("PUTIN, Vladimir Vladimirovich", countries=["RUS"])
    )
    conflicting = score(
        person("Vladimir Putin", countries=["USA"]), entry("PUTIN, Vladimir Vladimirovich", countries=["RUS"])
    )
    assert agreeing.score > base > conflicting.score
    assert (agreeing.features["country"], conflicting.features["country"]) == ("agrees", "conflicts")


def test_a_conflicting_birth_year_separates_namesakes():
    listed = entry("ZAKHAROVA, Mariya Vladimirovna", "Mariya Zakharova", birth_dates=["1975-12-24"])
    namesake = score(person("Mariya Zakharova", birth_year=1988), listed)
    same = score(person("Mariya Zakharova", birth_year=1975), listed)
    assert namesake.features["birth_year"] == "conflicts" and namesake.score < 0.8
    assert same.features["birth_year"] == "agrees" and same.score == 1.0


def test_a_birth_year_range_accepts_years_inside_it():
    result = score(
        person("Mohammad Reza Naqdi", birth_year=1952), entry("NAQDI, Mohammad Reza", birth_dates=["1951/1953"])
    )
    assert result.features["birth_year"] == "agrees"


def test_conflicting_legal_forms_keep_a_company_from_linking_to_its_namesake():
    query = Query("organization", ("LIMITED LIABILITY COMPANY ZALA AERO",))
    result = score(query, entry("ZALA AERO JSC", entity_type="organization"))
    assert result.features["legal_form"] == "conflicts" and result.score < 0.93


def test_weak_aliases_and_one_word_names_may_only_go_to_review():
    weak = score(person("Comrade Pak"), entry("PAK TAE SONG", weak=["Comrade Pak"]))
    assert weak.score == 1.0 and weak.features["weak_alias"] and not weak.may_link_automatically
    one_word = score(person("Putin"), entry("Putin"))
    assert one_word.features["single_token_name"] and not one_word.may_link_automatically
    assert score(person("Kim Jong Un"), entry("KIM, Jong Un")).may_link_automatically


def test_the_index_finds_matches_above_the_minimum_best_first():
    index = CandidateIndex(
        [
            entry("KIM, Jong Un", entry_id=1),
            entry("KIM Yong Chol", entry_id=2),
            entry("PUTIN, Vladimir", entry_id=3),
            entry("KIM JONG UN TRADING", entity_type="organization", entry_id=4),
        ]
    )
    found = index.search(person("Kim Jong-un"), minimum=0.5)
    assert [r.candidate.entry_id for r in found][:1] == [1]
    assert 3 not in {r.candidate.entry_id for r in found} and 4 not in {r.candidate.entry_id for r in found}


def test_an_organisation_acronym_is_a_review_candidate_never_an_automatic_link():
    index = CandidateIndex([entry("ISLAMIC REVOLUTIONARY GUARD CORPS", entity_type="organization")])
    [found] = index.search(Query("organization", ("IRGC",)), minimum=0.8)
    assert found.features["name_comparison"] == "acronym" and found.score == 0.85
    assert not found.may_link_automatically


def test_a_bracketed_short_name_counts_as_a_weak_alias():
    listed = entry("DAEDONG CREDIT BANK (DCB)", entity_type="organization")
    assert listed.names == ("DAEDONG CREDIT BANK",) and listed.weak_names == ("DCB",)
    assert score(Query("organization", ("Daedong Credit Bank",)), listed).score == 1.0
    assert not score(Query("organization", ("DCB",)), listed).may_link_automatically


@given(st.text(max_size=60), st.text(max_size=60), st.sampled_from(["person", "organization"]))
def test_any_two_names_score_between_zero_and_one_without_error(a, b, entity_type):
    assert all(token.isascii() for token in name_tokens(a, entity_type))
    result = score(Query(entity_type, (a,)), entry(b, entity_type=entity_type))
    assert 0.0 <= result.score <= 1.0


def test_initials_agreeing_with_the_listed_names_count_as_those_names():
    listed = entry("SIDOROV, Ivan Petrovich", countries=["RUS"])
    assert score(person("Ivan P. Sidorov", countries=["RUS"]), listed).score >= 0.9
    assert score(person("Ivan K. Sidorov", countries=["RUS"]), listed).score < 0.8


def test_a_south_korean_namesake_of_a_listed_north_korean_stays_below_review():
    listed = entry("KIM YONG CHOL", countries=["PRK"], birth_dates=["1962-02-18"])
    assert score(person("Kim Yong-chul", countries=["PRK"]), listed).score >= 0.95
    assert score(person("Kim Yong-chul", countries=["KOR"]), listed).score < 0.86
