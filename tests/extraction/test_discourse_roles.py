"""Arms-transfer roles taken from outside the trigger's sentence (extraction/discourse.py)."""

from extraction.actors import ActorResolver
from extraction.discourse import DISCOURSE_PENALTY, fill_transfer_roles
from extraction.mentions import EventMention
from vocabulary.events import NON_STATE_ACTORS


def _partial(nlp, text: str, trigger: str, roles: dict[str, list[str]]):
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    mention = EventMention("arms_transfer", dict(roles), token, confidence=0.75)
    return mention, ActorResolver(doc)


def test_the_previous_sentences_subject_fills_the_missing_side_with_lower_confidence(nlp):
    mention, actors = _partial(
        nlp, "Cairo turned to Paris. Paris delivered the frigates within a year.", "delivered", {"supplier": ["FRA"]}
    )
    fill_transfer_roles([mention], actors, NON_STATE_ACTORS)
    assert mention.roles["recipient"] == ["EGY"]
    assert mention.confidence == 0.75 - DISCOURSE_PENALTY


def test_the_article_subject_fills_the_side_when_the_previous_sentence_has_no_country_subject(nlp):
    text = (
        "Ukraine needs shells. Ukraine lost many guns. Ukraine asked its partners for help. "
        "The talks lasted two days. Spain said it would send six howitzers."
    )
    mention, actors = _partial(nlp, text, "send", {"supplier": ["ESP"]})
    fill_transfer_roles([mention], actors, NON_STATE_ACTORS)
    assert mention.roles["recipient"] == ["UKR"]


def test_a_non_state_party_in_the_clause_keeps_the_side_empty(nlp):
    text = "The United States tightened its rules. Smugglers shipped rifles to Haiti."
    mention, actors = _partial(nlp, text, "shipped", {"recipient": ["HTI"]})
    fill_transfer_roles([mention], actors, NON_STATE_ACTORS)
    assert "supplier" not in mention.roles


def test_the_named_side_is_never_used_to_fill_the_other(nlp):
    mention, actors = _partial(
        nlp,
        "Paris weighed the request. Paris delivered the frigates within a year.",
        "delivered",
        {"supplier": ["FRA"]},
    )
    fill_transfer_roles([mention], actors, NON_STATE_ACTORS)
    assert "recipient" not in mention.roles


def test_a_mention_that_a_complete_event_absorbs_is_left_alone(nlp):
    text = "Cairo turned to Paris. France sold Egypt jets. Paris delivered the frigates within a year."
    doc = nlp(text)
    actors = ActorResolver(doc)
    sold = EventMention(
        "arms_transfer", {"supplier": ["FRA"], "recipient": ["EGY"]}, next(t for t in doc if t.text == "sold")
    )
    delivered = EventMention("arms_transfer", {"supplier": ["FRA"]}, next(t for t in doc if t.text == "delivered"))
    fill_transfer_roles([sold, delivered], actors, NON_STATE_ACTORS)
    assert "recipient" not in delivered.roles


def test_an_article_without_a_dominant_country_gives_no_subject(nlp):
    text = "Chile and Peru talked. Chile and Peru met. The talks ended. Spain said it would send six howitzers."
    mention, actors = _partial(nlp, text, "send", {"supplier": ["ESP"]})
    fill_transfer_roles([mention], actors, NON_STATE_ACTORS)
    assert "recipient" not in mention.roles


def test_a_group_named_on_what_a_nominal_trigger_moves_keeps_the_side_empty(nlp):
    text = "Washington acted today. Officials cited Iran's provision of missile support to Yemen's Huthis."
    mention, actors = _partial(nlp, text, "provision", {"supplier": ["IRN"]})
    fill_transfer_roles([mention], actors, NON_STATE_ACTORS)
    assert "recipient" not in mention.roles


def test_a_country_commenting_on_the_transfer_blocks_filling_from_discourse(nlp):
    text = "China's foreign ministry warned Washington. It condemned the latest arms sales to Taiwan."
    mention, actors = _partial(nlp, text, "sales", {"recipient": ["TWN"]})
    fill_transfer_roles([mention], actors, NON_STATE_ACTORS)
    assert "supplier" not in mention.roles


def test_the_government_with_no_country_before_it_is_the_datelines(events_of):
    text = "SEOUL, March 3 (Yonhap) -- The government decided to sanction four North Korean hackers on Tuesday."
    assert [e[1] for e in events_of(text)] == [{"imposer": ["KOR"], "target": ["PRK"]}]


def test_we_in_a_datelined_statement_is_the_issuing_government(events_of):
    text = "WASHINGTON -- On June 9, we sanctioned two Iranian generals for human rights abuses."
    assert [e[1] for e in events_of(text)] == [{"imposer": ["USA"], "target": ["IRN"]}]


def test_we_inside_a_quotation_is_not_the_datelines_government(events_of):
    text = 'WASHINGTON -- "We sanctioned two Iranian generals," the envoy complained.'
    assert all(e[1].get("imposer") != ["USA"] for e in events_of(text))


def test_an_unnamed_ministry_in_wire_copy_is_the_datelines(events_of):
    text = "SEOUL, March 3 (Yonhap) -- The foreign ministry imposed sanctions on four North Korean hackers on Tuesday."
    assert [e[1] for e in events_of(text)] == [{"imposer": ["KOR"], "target": ["PRK"]}]


def test_an_unnamed_ministry_after_another_country_is_no_ones(events_of):
    text = (
        "SEOUL, March 3 (Yonhap) -- Japan acted first. "
        "The foreign ministry imposed sanctions on four North Korean hackers."
    )
    assert all(e[1].get("imposer") != ["KOR"] for e in events_of(text))
