"""Designations made by formal determination (``extraction/determinations.py``): sanctions notices."""

IMPOSITION = "sanctions_imposition"


def impositions(events_of, text: str) -> list[tuple[dict, str]]:
    return [(roles, status) for kind, roles, status in events_of(text) if kind == IMPOSITION]


def test_a_determination_under_a_blocking_order_designates_the_persons_determined(events_of):
    text = (
        'Pursuant to Executive Order 14000, "Blocking Property of Certain Persons Contributing to '
        'Weapons Programs," the Secretary of State has determined that the Syrian Scientific Studies '
        "Center and its director engaged in activities that contributed to missile production."
    )
    assert impositions(events_of, text) == [({"imposer": ["USA"], "target": ["SYR"]}, "confirmed")]


def test_a_determination_under_a_sanctions_act_designates(events_of):
    text = (
        "The State Department has determined, pursuant to the Sanctions Act of 2019, that the "
        "Belarusian firm Minotor Service has knowingly sold parts to a listed person."
    )
    assert impositions(events_of, text) == [({"imposer": ["USA"], "target": ["BLR"]}, "confirmed")]


def test_a_determination_that_names_no_sanctions_order_is_no_designation(events_of):
    text = "The Secretary of State has determined that the Venezuelan government used force against protesters."
    assert impositions(events_of, text) == []


def test_a_determination_to_waive_sanctions_is_no_designation(events_of):
    text = (
        "Under the Sanctions Act, the Secretary of State has determined that Cuba's port authority "
        "should be allowed to waive the fees."
    )
    assert impositions(events_of, text) == []


def test_a_finding_that_someone_broke_sanctions_is_no_designation(events_of):
    text = "The Secretary of State has determined that Iranian banks violated the sanctions on Syria."
    assert all(roles.get("imposer") != ["USA"] for roles, _status in impositions(events_of, text))


def test_determinations_of_one_notice_are_one_action(events_of):
    text = (
        "Pursuant to the Sanctions Act, the Secretary of State has determined that the Iranian "
        "shipping firm Pars Lines and Venezuela's state oil company engaged in oil sales. The Secretary of "
        "State has additionally determined, pursuant to the Sanctions Act, that the Iranian firm Kish Marine "
        "engaged in the same trade."
    )
    assert impositions(events_of, text) == [({"imposer": ["USA"], "target": ["IRN", "VEN"]}, "confirmed")]


def test_sanctions_chosen_to_be_imposed_are_imposed_by_who_chose_them(events_of):
    text = "The Secretary of State has selected certain sanctions to be imposed upon Turkey's procurement agency."
    assert [roles for roles, _status in impositions(events_of, text)] == [{"imposer": ["USA"], "target": ["TUR"]}]


def test_sanctions_to_be_imposed_on_a_firm_introduced_with_its_country_target_that_country(events_of):
    text = (
        "Pursuant to the Sanctions Act, the Secretary of State determined that the Turkish Directorate of "
        "Military Procurement (DMP) had bought Russian radars. The Secretary of State has also selected "
        "certain sanctions to be imposed upon DMP and its director."
    )
    assert [roles for roles, _status in impositions(events_of, text)] == [{"imposer": ["USA"], "target": ["TUR"]}]


def test_the_bare_secretary_of_state_acts_for_the_united_states_but_not_the_british_office(analyse):
    assert "USA" in analyse("The Secretary of State imposed sanctions on Cuba.")["countries"]
    british = analyse("The Secretary of State for Defence said Britain would send tanks to Ukraine.")
    assert "USA" not in british["countries"]
