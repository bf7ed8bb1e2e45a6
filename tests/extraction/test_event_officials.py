"""Each event lists the officials who speak about, announce, deny or carry it out."""

from __future__ import annotations


def linked(analyse, text: str) -> list[list[tuple[str, str, str]]]:
    """Per event, its officials as (name, role, stance)."""
    return [[(o["name"], o["role"], o["stance"]) for o in e["officials"]] for e in analyse(text)["events"]]


def test_a_spokesman_who_reports_the_transfer_is_its_asserting_source(analyse):
    text = "Foreign Ministry spokeswoman Ingrid Dahl said on Friday that Iran had sold drones to Venezuela."
    assert linked(analyse, text) == [[("Ingrid Dahl", "source", "asserts")]]


def test_the_record_carries_the_officials_country_title_and_sentence(analyse):
    text = "Foreign Ministry spokeswoman Ingrid Dahl said on Friday that Iran had sold drones to Venezuela."
    result = analyse(text)
    (record,) = result["events"][0]["officials"]
    top = {o["name"]: o for o in result["officials"]}["Ingrid Dahl"]
    assert record["country"] == top["country"]
    assert record["title"] == top["title"] == "Foreign Ministry spokeswoman"
    assert record["evidence"] == text


def test_an_ambassador_dismissing_the_reports_in_the_next_sentence_is_a_denying_source(analyse):
    text = (
        "Iran has sold hundreds of drones to Venezuela, officials in Washington said. "
        "Iran's ambassador to the United Nations, Farid Kazemi, dismissed the reports as a smear."
    )
    (officials,) = linked(analyse, text)
    assert ("Farid Kazemi", "source", "denies") in officials


def test_a_later_remark_on_this_sale_is_linked_to_the_sale(analyse):
    text = (
        "Belarus delivered twelve attack helicopters to Mali in March. "
        "Defence Minister Oumar Traore said this delivery would help the army."
    )
    assert linked(analyse, text) == [[("Oumar Traore", "source", "asserts")]]


def test_he_after_a_named_official_is_that_official(analyse):
    text = (
        "Interior Minister Lukas Brenner spoke in Vienna on Monday. "
        "He said Austria had imposed sanctions on Belarus the week before."
    )
    events = analyse(text)["events"]
    assert [o["name"] for o in events[0]["officials"]] == ["Lukas Brenner"]


def test_a_president_who_imposes_sanctions_is_their_actor(analyse):
    text = "French President Claire Morel imposed sanctions on Syria on Tuesday."
    assert linked(analyse, text) == [[("Claire Morel", "actor", "asserts")]]


def test_according_to_an_official_makes_a_source(analyse):
    text = "Algeria bought forty tanks from Russia last year, according to Defence Minister Karim Benali."
    assert [name for name, _, _ in linked(analyse, text)[0]] == ["Karim Benali"]


def test_an_official_who_only_appears_near_the_event_is_not_linked(analyse):
    text = (
        "Foreign Minister Ana Ruiz visited Lima on Monday. Spain sold six patrol boats to Peru last year. "
        "The weather in Lima was mild."
    )
    assert linked(analyse, text) == [[]]


def test_an_article_without_officials_gives_empty_lists(analyse):
    result = analyse("China sold armed drones to Serbia last year.")
    assert [e["officials"] for e in result["events"]] == [[]]


def test_a_spokeswoman_saying_we_deny_is_a_denying_source(analyse):
    text = (
        "Iran sold drones to Venezuela, officials in Bogota said. "
        "Foreign Ministry spokeswoman Leila Samadi said: "
        '"We categorically deny that Iran is selling drones to Venezuela."'
    )
    (officials,) = linked(analyse, text)
    assert ("Leila Samadi", "source", "denies") in officials


def test_he_far_from_the_last_named_official_is_nobody(analyse):
    text = (
        "Interior Minister Lukas Brenner spoke in Vienna on Monday. The weather was cold. "
        "Markets were calm. Trains ran late. He said Austria had imposed sanctions on Belarus."
    )
    assert [e["officials"] for e in analyse(text)["events"]] == [[]]


def test_a_minister_saying_it_did_not_happen_is_a_denying_source(analyse):
    text = (
        "Western officials say Iran has delivered drones to Russia. "
        "Iranian Foreign Minister Ali Karimi said Iran had not sold any drones to Russia."
    )
    assert linked(analyse, text) == [[("Ali Karimi", "source", "denies")]]
