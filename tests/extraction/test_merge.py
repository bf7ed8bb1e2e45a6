from extraction import clean_text

ARTICLE = """Iran has shipped hundreds of drones to Russia, officials said on Monday.

The drones were sent from Iran to Russia by sea, the officials added.

Separately, Belarus bought rifles from China.

Iran's deliveries of drones to Russia began last year."""


def test_repeated_mentions_become_one_event_with_several_evidence_sentences(analyse):
    events = analyse(ARTICLE)["events"]
    iran_russia = [e for e in events if e["roles"]["supplier"] == ["IRN"]]
    assert len(iran_russia) == 1
    assert len(iran_russia[0]["evidence_spans"]) == 3


def test_distinct_role_pairs_stay_distinct_events(analyse):
    events = analyse(ARTICLE)["events"]
    assert sorted(e["roles"]["supplier"][0] for e in events) == ["CHN", "IRN"]


def test_evidence_offsets_point_into_the_cleaned_text(analyse):
    raw = "Join now for FREE unlimited access to Reuters.com\n\n" + ARTICLE.replace("Iran's", "Iran\u2019s")
    cleaned = clean_text(raw)
    for event in analyse(raw)["events"]:
        assert event["evidence_spans"][0]["text"] == event["evidence"]
        for span in event["evidence_spans"]:
            assert cleaned[span["start"] : span["end"]] == span["text"]


def test_confidence_is_between_zero_and_one_and_grows_with_repetition(analyse):
    events = analyse(ARTICLE)["events"]
    by_supplier = {e["roles"]["supplier"][0]: e["confidence"] for e in events}
    assert all(0 <= c <= 1 for c in by_supplier.values())
    assert by_supplier["IRN"] > by_supplier["CHN"]


def test_partial_mentions_join_the_event_they_fit(analyse):
    text = "Laos bought rifles from Vietnam in May. Such purchases of rifles by Laos were expected to continue."
    events = analyse(text)["events"]
    assert len(events) == 1
    assert len(events[0]["evidence_spans"]) == 2
