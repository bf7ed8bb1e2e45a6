"""Arms-transfer frames beyond a trigger's own arguments (extraction/transfer_frames.py)."""

from extraction import transfer_frames
from extraction.qualify import mention_status


def _word(doc, text: str):
    return next(t for t in doc if t.text == text)


def test_a_contract_holder_and_its_with_party_frame_the_supply_verb(nlp):
    doc = nlp("Leonardo won a contract with Chile to supply light attack aircraft.")
    governor, parties = transfer_frames.contract_governor(_word(doc, "supply"))
    assert governor is not None and governor.lemma_ == "win"
    assert [p.text for p in parties] == ["Chile"]


def test_a_contract_attached_to_the_governing_verb_still_gives_its_with_party(nlp):
    doc = nlp("Hanwha signed a contract with Poland to supply K9 howitzers.")
    governor, parties = transfer_frames.contract_governor(_word(doc, "supply"))
    assert governor is not None and governor.lemma_ == "sign"
    assert [p.text for p in parties] == ["Poland"]


def test_an_infinitive_without_a_contract_has_no_contract_frame(nlp):
    doc = nlp("Spain agreed to supply howitzers to Ukraine.")
    assert transfer_frames.contract_governor(_word(doc, "supply")) == (None, [])


def test_a_signed_contracts_terms_are_reported_not_planned(nlp):
    signed = nlp("Hanwha signed a contract with Poland to supply K9 howitzers.")
    agreed = nlp("Spain agreed to supply howitzers to Ukraine.")
    assert mention_status("arms_transfer", _word(signed, "supply")) == "reported"
    assert mention_status("arms_transfer", _word(agreed, "supply")) == "planned"


def test_a_supplier_noun_after_a_copula_makes_the_subject_the_supplier(nlp):
    doc = nlp("Russia is the main weapons supplier to Mali.")
    role, agents, others = transfer_frames.agent_roles(_word(doc, "supplier"))
    assert (role, [a.text for a in agents], [o.text for o in others]) == ("supplier", ["Russia"], ["Mali"])


def test_a_buyer_noun_in_apposition_makes_its_head_the_recipient(nlp):
    doc = nlp("India, the largest buyer of Russian arms, signed a new deal.")
    role, agents, _ = transfer_frames.agent_roles(_word(doc, "buyer"))
    assert (role, [a.text for a in agents]) == ("recipient", ["India"])


def test_an_agent_noun_as_a_plain_object_has_no_frame(nlp):
    doc = nlp("The ministry hired a new supplier.")
    assert transfer_frames.agent_roles(_word(doc, "supplier")) is None


def test_the_possessor_of_an_arsenal_holds_weapons_named_by_origin(nlp):
    doc = nlp("Russian-supplied equipment makes up most of Algeria's arsenal.")
    assert [t.text for t in transfer_frames.origin_holders(_word(doc, "equipment"))] == ["Algeria"]


def test_the_subject_of_a_using_verb_holds_conjoined_weapons(nlp):
    doc = nlp("Ukraine's air force is already using French warplanes as well as US-made F-16s.")
    holders = transfer_frames.origin_holders(_word(doc, "F-16s"))
    assert [t.text for t in holders] == ["force"]


def test_on_behalf_of_names_the_principal(nlp):
    doc = nlp("A trading firm shipped weapons to the Syrian army on behalf of DIO.")
    assert [t.text for t in transfer_frames.principals(_word(doc, "shipped"))] == ["DIO"]


def test_a_verb_without_on_behalf_of_has_no_principal(nlp):
    doc = nlp("A trading firm shipped weapons to the Syrian army on Monday.")
    assert transfer_frames.principals(_word(doc, "shipped")) == []


def test_firing_and_flying_are_fielding_verbs_but_selling_is_not(nlp):
    doc = nlp("Russia fired missiles, flew jets and sold tanks.")
    assert transfer_frames.is_fielding_verb(_word(doc, "fired"))
    assert transfer_frames.is_fielding_verb(_word(doc, "flew"))
    assert not transfer_frames.is_fielding_verb(_word(doc, "sold"))


def test_a_contract_for_goods_gives_its_signer_party_and_goods(nlp):
    doc = nlp("India signed a $3 billion deal with the United States for 31 MQ-9B drones.")
    verb, parties, goods = transfer_frames.contract_for_goods(_word(doc, "deal"))
    assert (verb.lemma_, [p.text for p in parties], [g.text for g in goods]) == ("sign", ["States"], ["drones"])


def test_a_contract_without_goods_is_no_contract_for_goods(nlp):
    doc = nlp("India signed a deal with the United States on trade.")
    assert transfer_frames.contract_for_goods(_word(doc, "deal")) is None


def test_a_transfer_under_consideration_or_requested_is_deliberated(nlp):
    weighed = nlp("Seoul is considering whether to supply Ukraine with weapons.")
    urged = nlp("Kyiv urged Berlin to send more tanks.")
    done = nlp("Seoul said it had supplied Ukraine with weapons.")
    assert transfer_frames.deliberated(_word(weighed, "supply"))
    assert transfer_frames.deliberated(_word(urged, "send"))
    assert not transfer_frames.deliberated(_word(done, "supplied"))


def test_a_purpose_clause_that_helps_names_the_beneficiary(nlp):
    doc = nlp("Iran is shipping drones to help Russia's army.")
    assert [t.text for t in transfer_frames.purpose_beneficiaries(_word(doc, "shipping"))] == ["army"]


def test_a_purpose_clause_that_does_not_help_names_no_beneficiary(nlp):
    doc = nlp("Iran is shipping drones to test Russia's defences.")
    assert transfer_frames.purpose_beneficiaries(_word(doc, "shipping")) == []


def test_a_present_participle_on_a_noun_has_the_noun_as_agent_and_a_past_one_does_not(nlp):
    active = nlp("The report named companies selling drones to Iran.")
    passive = nlp("The tanks sent to Ukraine arrived in May.")
    assert [t.text for t in transfer_frames.participle_agent(_word(active, "selling"))] == ["companies"]
    assert transfer_frames.participle_agent(_word(passive, "sent")) == []


def test_an_infinitive_judged_in_an_it_clause_is_the_judges_act(nlp):
    doc = nlp("Chancellor Merz admitted it was a mistake to sell tanks to Qatar.")
    assert [t.text for t in transfer_frames.extraposed_actor(_word(doc, "sell"))] == ["Merz"]


def test_an_infinitive_without_a_judge_has_no_extraposed_actor(nlp):
    doc = nlp("It was a mistake to sell tanks to Qatar.")
    assert transfer_frames.extraposed_actor(_word(doc, "sell")) == []


def test_a_participle_with_by_on_the_weapons_names_their_source(nlp):
    doc = nlp("Russia used drones supplied by Iran to strike Kyiv.")
    assert [t.text for t in transfer_frames.provenance([_word(doc, "drones")])] == ["Iran"]


def test_weapons_without_a_source_phrase_have_no_provenance(nlp):
    doc = nlp("Russia used drones to strike Kyiv.")
    assert transfer_frames.provenance([_word(doc, "drones")]) == []


def test_a_conjoined_agent_noun_shares_the_first_conjuncts_agent(nlp):
    doc = nlp("Israel is the top buyer of Azerbaijani oil and a major seller of drones to Baku.")
    role, agents, others = transfer_frames.agent_roles(_word(doc, "seller"))
    assert (role, [a.text for a in agents], [o.text for o in others]) == ("supplier", ["Israel"], ["Baku"])
