import pytest

VIOLATION = "sanctions_violation"


@pytest.mark.parametrize(
    ("text", "violator"),
    [
        ("North Korea has repeatedly violated UN sanctions by exporting coal.", "PRK"),
        ("Officials said Syria breached the arms embargo.", "SYR"),
        ("Iran continues to flout Security Council resolutions.", "IRN"),
        ("Prosecutors said Venezuela evaded U.S. sanctions.", "VEN"),
        ("Myanmar circumvented the embargo through front companies.", "MMR"),
    ],
)
def test_violation_verbs_with_sanctions_objects_name_the_subject_as_violator(events_of, text, violator):
    assert next(e for e in events_of(text) if e[0] == VIOLATION)[1]["violator"] == [violator]


def test_in_violation_of_names_the_clause_subject(events_of):
    events = events_of("Eritrea shipped rifles to Somalia in violation of UN resolutions.")
    violation = next(e for e in events if e[0] == VIOLATION)
    assert violation[1] == {"counterparty": ["SOM"], "violator": ["ERI"]}


def test_nominal_transfer_subject_gives_violator_and_counterparty(events_of):
    events = events_of("Armenia's purchases of weapons from Iran would violate UN sanctions.")
    violation = next(e for e in events if e[0] == VIOLATION)
    assert violation[1]["violator"] == ["ARM"]
    assert violation[2] == "alleged"


def test_illegal_exports_are_violations(events_of):
    events = events_of("Police investigated the illegal export of machine tools to Iran by Greece.")
    assert (VIOLATION, {"counterparty": ["IRN"], "violator": ["GRC"]}) in [e[:2] for e in events]


def test_violating_a_charter_is_not_a_sanctions_violation(events_of):
    assert events_of("The invasion of Georgia by Russia is a violation of the UN Charter.") == []


def test_breaches_without_a_violator_are_not_events(events_of):
    assert events_of("Monitors track breaches of these sanctions across the region.") == []


def test_accused_of_breaking_an_embargo_names_the_accused(events_of):
    events = events_of("Britain was accused of breaking the arms embargo against Argentina.")
    assert next(e for e in events if e[0] == VIOLATION)[1]["violator"] == ["GBR"]


def test_a_transfer_described_as_a_violation_names_its_supplier(events_of):
    events = events_of("Iran's supply of drones to Russia is a violation of Security Council Resolution 2231.")
    assert (VIOLATION, {"counterparty": ["RUS"], "violator": ["IRN"]}) in [e[:2] for e in events]


@pytest.mark.parametrize(
    ("text", "violator", "counterparty"),
    [
        ("Turkish banks helped Iran evade sanctions.", ["TUR"], ["IRN"]),
        ("A Chinese company helped Iranian oil traders circumvent U.S. sanctions.", ["CHN"], ["IRN"]),
    ],
)
def test_whoever_helps_another_evade_sanctions_violates_them(events_of, text, violator, counterparty):
    violation = next(e for e in events_of(text) if e[0] == VIOLATION)
    assert violation[1] == {"violator": violator, "counterparty": counterparty}


def test_whose_sanctions_they_are_is_not_a_counterparty(events_of):
    violation = next(e for e in events_of("Syria evaded European Union sanctions.") if e[0] == VIOLATION)
    assert violation[1] == {"violator": ["SYR"]}


def test_getting_around_sanctions_is_evading_them(events_of):
    events = events_of("Moscow built up a shadow fleet of tankers to get around Western sanctions.")
    assert [e for e in events if e[0] == VIOLATION] == [(VIOLATION, {"violator": ["RUS"]}, "reported")]


def test_a_relative_clause_violator_is_its_antecedent(events_of):
    text = "Sudan, which the panel said had committed several violations of the arms embargo, was named."
    violation = next(e for e in events_of(text) if e[0] == VIOLATION)
    assert violation[1] == {"violator": ["SDN"]}


def test_an_illegal_sale_that_appears_in_photographs_is_alleged(events_of):
    text = "Satellite photos appear to show Chinese ships illegally selling oil to North Korea."
    violation = next(e for e in events_of(text) if e[0] == VIOLATION)
    assert violation[1:] == ({"violator": ["CHN"], "counterparty": ["PRK"]}, "alleged")


def test_an_accusation_in_violation_of_sanctions_names_the_accused(events_of):
    text = "The senator accused Syria of exporting oil to North Korea, in violation of UN sanctions."
    violation = next(e for e in events_of(text) if e[0] == VIOLATION)
    assert violation[1:] == ({"violator": ["SYR"], "counterparty": ["PRK"]}, "alleged")


def test_a_later_denial_leaves_an_accusation_alleged(events_of):
    text = (
        "Ukraine accused Belarus of breaking the arms embargo on Sudan. "
        "Minsk denied that it had broken the embargo on Sudan."
    )
    assert [e[2] for e in events_of(text) if e[0] == VIOLATION] == ["alleged"]


@pytest.mark.parametrize(
    "text",
    [
        "Japan seized a Panama-flagged tanker on suspicion that it illegally transferred oil to North Korea.",
        "A Panama-flagged tanker illegally sold oil to North Korea.",
    ],
)
def test_a_ships_flag_or_its_seizer_is_not_the_violator(events_of, text):
    assert [e[1].get("violator") for e in events_of(text) if e[0] == VIOLATION] in ([], [[]])


def test_the_un_is_never_a_violator(events_of):
    text = "Libya, which the UN Security Council said had committed violations of the arms embargo, was named."
    assert all("UN" not in e[1]["violator"] for e in events_of(text) if e[0] == VIOLATION)


def test_smuggling_to_a_country_is_a_violation_and_a_conviction_confirms_it(events_of):
    events = events_of("A Singaporean businessman was convicted of smuggling luxury goods to North Korea.")
    assert (VIOLATION, {"violator": ["SGP"], "counterparty": ["PRK"]}, "confirmed") in events


def test_a_charge_of_violating_sanctions_is_an_allegation(events_of):
    events = events_of("A Chinese company was charged with violating export controls by shipping chips to Iran.")
    assert [e[2] for e in events if e[0] == VIOLATION] == ["alleged"]


def test_smuggling_to_a_group_is_no_sanctions_violation(events_of):
    text = "Terrorist groups were smuggling Soviet-made rifles from Nicaragua to urban commandos."
    assert [e for e in events_of(text) if e[0] == VIOLATION] == []


def test_a_transfer_which_is_banned_under_sanctions_is_a_violation(events_of):
    text = "Iran has shipped drones to Russia, which is banned under UN Security Council resolutions."
    assert (VIOLATION, {"violator": ["IRN"], "counterparty": ["RUS"]}, "reported") in events_of(text)


def test_a_transfer_beside_an_unrelated_ban_is_no_violation(events_of):
    text = "Iran has shipped drones to Russia, which was banned from the Olympics."
    assert [e for e in events_of(text) if e[0] == VIOLATION] == []


def test_trading_improperly_with_a_country_is_an_alleged_violation(events_of):
    events = events_of("Prosecutors said two Chinese firms were suspected of improperly trading with North Korea.")
    assert (VIOLATION, {"counterparty": ["PRK"], "violator": ["CHN"]}, "alleged") in events


def test_trading_with_a_country_is_no_violation_by_itself(events_of):
    assert events_of("Chinese firms have traded with North Korea for decades.") == []


def test_ship_to_ship_transfers_in_an_article_about_sanctions_are_violations(events_of):
    text = (
        "North Korea is under UN sanctions. Chinese ships carried out ship-to-ship transfers with North Korean tankers."
    )
    assert (VIOLATION, {"counterparty": ["PRK"], "violator": ["CHN"]}, "reported") in events_of(text)


def test_ship_to_ship_transfers_without_sanctions_in_the_article_are_no_violation(events_of):
    assert events_of("Greek tankers carried out ship-to-ship transfers with Maltese vessels.") == []


def test_smuggling_as_a_noun_towards_an_embargoed_country_is_a_violation(events_of):
    text = "The UN embargo on Libya is ignored. The navy intercepted the smuggling of rifles from Turkey to Libya."
    assert (VIOLATION, {"counterparty": ["LBY"], "violator": ["TUR"]}) in [e[:2] for e in events_of(text)]


def test_drug_smuggling_is_no_sanctions_violation(events_of):
    assert events_of("Police stopped the smuggling of cocaine from Colombia to Spain.") == []


@pytest.mark.parametrize(
    ("text", "violator"),
    [
        ("A Greek shipping company helped Syria bypass the oil embargo.", "GRC"),
        ("Russian traders sidestepped Western sanctions by shipping oil through Dubai.", "RUS"),
    ],
)
def test_bypassing_and_sidestepping_sanctions_are_violations(events_of, text, violator):
    assert next(e for e in events_of(text) if e[0] == VIOLATION)[1]["violator"] == [violator]


def test_importing_arms_despite_an_embargo_makes_the_importer_the_violator(events_of):
    events = events_of("Eritrea imported rifles from Iran despite the UN arms embargo.")
    assert (VIOLATION, {"counterparty": ["IRN"], "violator": ["ERI"]}) in [e[:2] for e in events]


def test_selling_arms_in_spite_of_sanctions_makes_the_seller_the_violator(events_of):
    events = events_of("Belarus sold rifles to Sudan in spite of the sanctions.")
    assert (VIOLATION, {"counterparty": ["SDN"], "violator": ["BLR"]}) in [e[:2] for e in events]


def test_goods_sold_in_violation_of_sanctions_in_the_passive_name_their_origin(events_of):
    events = events_of("Iranian oil was sold to China in violation of US sanctions.")
    assert (VIOLATION, {"counterparty": ["CHN"], "violator": ["IRN"]}) in [e[:2] for e in events]


def test_a_country_engaged_in_sanctions_evasion_violates(events_of):
    events = events_of("Belarus has been engaged in sanctions evasion for years.")
    assert [e[1]["violator"] for e in events if e[0] == VIOLATION] == [["BLR"]]


def test_a_transfer_that_violates_resolutions_makes_its_supplier_the_violator(events_of):
    events = events_of("The transfer of rifles from Belarus to Sudan violates several Security Council resolutions.")
    assert (VIOLATION, {"counterparty": ["SDN"], "violator": ["BLR"]}) in [e[:2] for e in events]


def test_a_relative_clause_hung_on_the_recipient_still_refers_to_the_transfer(events_of):
    text = "Norway condemned Iran's drone deliveries to Sudan, which violate UN Security Council resolutions."
    assert (VIOLATION, {"counterparty": ["SDN"], "violator": ["IRN"]}) in [e[:2] for e in events_of(text)]


def test_evading_penalties_in_an_article_about_sanctions_is_a_violation(events_of):
    text = (
        "The West imposed sanctions on Iran's oil trade. "
        "To get round these penalties, Tehran built up a fleet of tankers."
    )
    assert [e[1]["violator"] for e in events_of(text) if e[0] == VIOLATION] == [["IRN"]]


def test_evading_penalties_without_sanctions_in_the_article_is_no_violation(events_of):
    text = "To get round these penalties, the club sold two players."
    assert events_of(text) == []


@pytest.mark.parametrize(
    ("text", "violator"),
    [
        ("Investigators mapped Iran's sanctions evasion network.", "IRN"),
        ("Russia's sanctions-evasion schemes rely on third countries.", "RUS"),
    ],
)
def test_a_sanctions_evasion_scheme_belongs_to_its_owner(events_of, text, violator):
    assert [e[1]["violator"] for e in events_of(text) if e[0] == VIOLATION] == [[violator]]
