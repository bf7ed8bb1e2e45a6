"""Imposition roles filled from the rest of the article (``extraction/sanction_context.py``)."""

IMPOSITION = "sanctions_imposition"


def impositions(events_of, text: str) -> list[tuple[str, dict]]:
    return [e[1] for e in events_of(text) if e[0] == IMPOSITION]


def test_concurrent_sanctions_by_other_states_take_the_articles_target(events_of):
    text = (
        "Today, the Treasury Department designated 16 Burmese military officers. "
        "In concurrent actions, Britain and Canada also sanctioned persons in relation to the coup."
    )
    assert impositions(events_of, text) == [
        {"imposer": ["USA"], "target": ["MMR"]},
        {"imposer": ["CAN", "GBR"], "target": ["MMR"]},
    ]


def test_a_passive_without_an_agent_takes_the_articles_imposer(events_of):
    text = "Today, the Treasury Department designated two Cuban officials. Sanctions were imposed on Cuba in 1962."
    assert impositions(events_of, text) == [{"imposer": ["USA"], "target": ["CUB"]}]


def test_no_target_is_filled_when_the_article_names_several(events_of):
    text = (
        "Canada sanctioned three Iranian officials. Japan sanctioned two Syrian banks. "
        "Australia also sanctioned several entities."
    )
    assert {"imposer": ["AUS"]} not in impositions(events_of, text)
    assert all(e["imposer"] != ["AUS"] for e in impositions(events_of, text))


def test_no_target_is_filled_when_the_sanctioned_party_is_a_non_state_group(events_of):
    text = "Today, the Treasury Department designated two Iranian officials. Britain also sanctioned Hamas leaders."
    assert all(e["imposer"] != ["GBR"] for e in impositions(events_of, text))


def test_a_filled_role_lowers_the_confidence(analyse):
    text = (
        "Today, the Treasury Department designated 16 Burmese military officers. "
        "Britain also sanctioned persons in relation to the coup."
    )
    events = {tuple(e["roles"]["imposer"]): e["confidence"] for e in analyse(text)["events"]}
    assert events[("GBR",)] < events[("USA",)]


def test_a_ban_without_a_country_is_not_filled_from_the_article(events_of):
    text = (
        "Today, the Treasury Department designated two Cuban officials. "
        "Spain banned shipments of machine tools to Communist states."
    )
    assert all(e["imposer"] != ["ESP"] for e in impositions(events_of, text))


def test_a_designation_without_nationalities_takes_the_country_the_article_is_about(events_of):
    text = (
        "Iran's defence ministry shipped rockets to Syria. Iran denies it. Iran's ports handled the cargo. "
        "Today, the Treasury Department designated four companies and one individual."
    )
    assert impositions(events_of, text) == [{"imposer": ["USA"], "target": ["IRN"]}]


def test_an_announcement_naming_only_its_imposer_takes_the_target_its_designations_name(events_of):
    text = (
        "Today, the Treasury Department designated three companies and two individuals. "
        "The companies were designated for their ties to Iran's missile programme. "
        "Their director, a Tehran businessman, was also designated."
    )
    assert impositions(events_of, text) == [{"imposer": ["USA"], "target": ["IRN"]}]


def test_another_body_designating_the_same_firm_takes_the_articles_target(events_of):
    text = (
        "Today, the Treasury Department designated four shipping companies. "
        "Two Syrian shipping firms were designated for carrying oil. "
        "The United Nations sanctions committee also designated one of the firms last week."
    )
    assert {"imposer": ["UN"], "target": ["SYR"]} in impositions(events_of, text)


def test_an_apposition_hung_across_the_verb_is_not_the_designees_country(events_of):
    text = (
        "Today, the Treasury Department designated two Iranian airlines. "
        "Qeshm Air is being designated for acting for or on behalf of, directly or indirectly, "
        "the Government of the Russian Federation."
    )
    assert {"imposer": ["USA"], "target": ["RUS"]} not in impositions(events_of, text)
