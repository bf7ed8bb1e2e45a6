def test_a_headline_line_never_joins_the_first_sentence(nlp):
    doc = nlp("Peru buys jets\n\nPeru bought six jets from France on Monday.")
    assert [s.text.strip() for s in doc.sents] == [
        "Peru buys jets",
        "Peru bought six jets from France on Monday.",
    ]


def test_paragraph_boundaries_run_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index("paragraph_boundaries") < names.index("parser")
