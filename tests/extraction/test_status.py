import pytest


def status_of(events_of, text: str) -> str:
    return events_of(text)[0][2]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Iran sold drones to Sudan last year.", "reported"),
        ("Chile could buy fighter jets from Sweden.", "alleged"),
        ("Iran may have supplied missiles to Yemen.", "alleged"),
        ("Belarus reportedly received tanks from Russia.", "alleged"),
        ("Iran has delivered drones to Russia, according to Ukrainian intelligence.", "alleged"),
        ("Officials said Laos was on the verge of acquiring rockets from Iran.", "alleged"),
        ("Germany will deliver tanks to Lithuania.", "planned"),
        ("Norway said it would send air defence systems to Ukraine.", "planned"),
        ("The State Department approved the sale of fighter jets to Greece.", "planned"),
        ("Canada agreed to sell armoured vehicles to Qatar.", "planned"),
        ("Serbia denied that it had sold ammunition to Ukraine.", "denied"),
        ("The ministry dismissed reports that Brazil had shipped rifles to Venezuela.", "denied"),
        (
            '"These claims are fake," the spokesman said of reports that Cuba bought rifles from Russia.',
            "denied",
        ),
        ("Pakistan did not sell weapons to Iran.", "denied"),
        ("Norway refused to sell rifles to Chile.", "denied"),
        ("Spain has not yet delivered the tanks to Ukraine.", "planned"),
    ],
)
def test_status_follows_the_modality_around_the_trigger(events_of, text, status):
    assert status_of(events_of, text) == status


def test_no_indication_marks_a_transfer_as_alleged(events_of):
    text = "There is no indication that Sudan has bought drones from Iran, the spokesman said."
    assert status_of(events_of, text) == "alleged"


def test_an_imposition_narrated_by_others_is_reported(events_of):
    assert status_of(events_of, "Australia imposed sanctions on Myanmar on Monday.") == "reported"


@pytest.mark.parametrize(
    "text",
    [
        "Today, the Treasury Department designated three Syrian officials.",
        "Canada stands with Ukraine. We are imposing sanctions on Belarus.",
        "The Security Council voted to impose an arms embargo on Libya.",
        "The Commerce Department is expanding its sanctions against Russia.",
    ],
)
def test_an_imposition_announced_by_the_imposer_is_confirmed(events_of, text):
    assert status_of(events_of, text) == "confirmed"


def test_the_imposers_own_statement_confirms_its_earlier_impositions_in_the_article(events_of):
    text = (
        "Today, the Treasury Department lifted sanctions on Libya. "
        "In 1986, the United States imposed sanctions on Libya. "
        "Today, the Treasury Department also designated two Sudanese officials."
    )
    assert [e[2] for e in events_of(text)] == ["confirmed", "confirmed"]


def test_an_intelligence_service_saying_it_makes_an_allegation(events_of):
    text = "South Korean intelligence says North Korea has shipped artillery shells to Russia."
    assert status_of(events_of, text) == "alleged"


def test_a_denial_elsewhere_in_the_sentence_does_not_deny_the_imposition(events_of):
    text = "Moscow called the charges fake, but the EU imposed sanctions on Russia."
    assert status_of(events_of, text) == "reported"


def test_an_imposition_announced_for_later_is_planned(events_of):
    assert status_of(events_of, "Japan said it would impose sanctions on Syria next month.") == "planned"


def test_violations_said_by_others_are_allegations_unless_denied(events_of):
    assert status_of(events_of, "Officials said Laos violated the embargo.") == "alleged"
    assert status_of(events_of, "Laos denied that it had violated the embargo.") == "denied"


def test_a_violation_stated_as_fact_is_reported(events_of):
    assert status_of(events_of, "Laos violated the arms embargo by importing rifles.") == "reported"


def test_inability_is_not_a_hedge(events_of):
    text = "The president could not recall when Mexico sold the rifles to Honduras."
    assert status_of(events_of, text) == "reported"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Poland's defence ministry said it had delivered 14 jets to Ukraine.", "confirmed"),
        ("Germany announced that it had sent tanks to Lithuania.", "confirmed"),
        ("The newspaper reported that Poland had delivered 14 jets to Ukraine.", "reported"),
        ("Chilean officials said Peru had bought rifles from Spain.", "reported"),
    ],
)
def test_a_party_stating_its_own_transfer_confirms_it(events_of, text, status):
    assert status_of(events_of, text) == status


def test_a_plan_word_elsewhere_in_the_sentence_does_not_make_a_plan(events_of):
    text = "Russia, which had expected a quick victory, bought drones from Iran."
    assert status_of(events_of, text) == "reported"


def test_a_planned_sale_is_planned(events_of):
    assert status_of(events_of, "The planned sale of fighter jets to Egypt by France drew criticism.") == "planned"


def test_a_hedge_word_about_something_else_does_not_hedge_the_transfer(events_of):
    text = "Iran, which denies alleged abuses at home, sold drones to Sudan last year."
    assert status_of(events_of, text) == "reported"


def test_an_announced_weapons_package_is_planned(events_of):
    events = events_of("The Pentagon announced a $400 million weapons package for Ukraine.")
    assert [e[2] for e in events] == ["planned"]


def test_announcing_that_weapons_were_delivered_is_not_a_plan(events_of):
    events = events_of("Poland announced that it had delivered 14 tanks to Ukraine.")
    assert [e[2] for e in events] != ["planned"]


@pytest.mark.parametrize(
    "text",
    [
        "Satellite imagery suggests North Korea has shipped shells to Russia.",
        "Satellite images show that Iran delivered missiles to Russia last month.",
        "The newspaper suggested that Iran had sold drones to Russia.",
        "US officials believe Iran has delivered drones to Russia.",
        "Iran sold missiles to Yemen, according to Western intelligence officials.",
        "Iran is accused of supplying drones to Russia.",
    ],
)
def test_evidence_read_by_intelligence_or_hedged_makes_an_allegation(events_of, text):
    assert status_of(events_of, text) == "alleged"


@pytest.mark.parametrize(
    "text",
    [
        "The Security Council adopted a resolution imposing an arms embargo on Libya.",
        "The EU adopted new sanctions against Russia.",
    ],
)
def test_a_body_adopting_a_measure_enacts_it(events_of, text):
    assert status_of(events_of, text) == "confirmed"


def test_a_resolution_merely_adopted_earlier_enacts_nothing_now(events_of):
    text = "Laos violated the arms embargo, which was adopted in 2019."
    assert status_of(events_of, text) == "reported"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Canada has imposed sanctions on Belarus, the Canadian foreign ministry announced.", "confirmed"),
        ("Belarus was hit with sanctions by Canada, the Belarusian foreign ministry said.", "reported"),
    ],
)
def test_the_imposer_announcing_its_own_sanctions_confirms_them(events_of, text, status):
    assert status_of(events_of, text) == status


def test_a_release_speaking_as_we_confirms_its_governments_impositions(events_of):
    text = (
        "WASHINGTON - The Department of the Treasury designated three Iranian officials. "
        "We will continue to act against Iran's weapons programme."
    )
    assert [e[2] for e in events_of(text)] == ["confirmed"]


def test_a_news_story_quoting_we_does_not_confirm(events_of):
    text = (
        "WASHINGTON - The Department of the Treasury designated three Iranian officials. "
        '"We will continue to act," a spokesman said.'
    )
    assert [e[2] for e in events_of(text)] == ["reported"]
