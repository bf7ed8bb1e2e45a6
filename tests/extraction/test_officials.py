from extraction.gazetteer import TITLE_SPANS


def officials(analyse, text: str, title: str | None = None) -> dict[str, tuple]:
    return {o["name"]: (o["country"], o["title"]) for o in analyse(text, title=title)["officials"]}


def test_title_marker_labels_official_and_press_titles(rules_nlp):
    doc = rules_nlp("The spokesman and a senior reporter spoke.")
    assert [(s.text, s.label_) for s in doc.spans[TITLE_SPANS]] == [
        ("spokesman", "official"),
        ("reporter", "non_official"),
    ]


def test_title_before_the_name_gives_name_country_and_title(analyse):
    found = officials(analyse, "Norwegian Defence Minister Kari Lundberg said Oslo would send rifles to Ukraine.")
    assert found == {"Kari Lundberg": ("NOR", "Norwegian Defence Minister")}


def test_agency_title_gives_the_agencys_country(analyse):
    found = officials(analyse, "State Department deputy spokeswoman Lena Ortiz told reporters the talks had failed.")
    assert found["Lena Ortiz"][0] == "USA"


def test_appositive_title_after_the_name(analyse):
    found = officials(analyse, "Omar Haddad, Jordan's ambassador to the United Nations, rejected the claim.")
    assert found == {"Omar Haddad": ("JOR", "Jordan's ambassador to the United Nations")}


def test_appositive_title_before_the_name_fixes_ner_mistakes(analyse):
    text = "Chile's ambassador to the United Nations, Valdis Orrantia, said the vote was delayed."
    assert officials(analyse, text) == {"Valdis Orrantia": ("CHL", "Chile's ambassador to the United Nations")}


def test_surname_mentions_join_the_full_name(analyse):
    text = "Finnish Foreign Minister Eeva Rantanen said Helsinki would act. Rantanen added that the decision was final."
    result = analyse(text)["officials"]
    assert [(o["name"], o["mentions"]) for o in result] == [("Eeva Rantanen", 2)]


def test_first_name_mentions_join_the_full_name(analyse):
    text = "Polish government spokesman Piotr Zalewski spoke on Monday. Piotr said the shipment left on time."
    assert [o["name"] for o in analyse(text)["officials"]] == ["Piotr Zalewski"]


def test_a_surname_only_official_keeps_the_only_form_the_article_gives(analyse):
    found = officials(analyse, "President Mendoza said Peru would buy helicopters from Italy.")
    assert found == {"Mendoza": ("PER", "President")}


def test_journalists_are_not_officials(analyse):
    text = "Senior correspondent Maya Collins reported that Iran sold drones to Venezuela."
    assert officials(analyse, text) == {}


def test_company_executives_are_not_officials(analyse):
    text = "Acme Corp senior vice-president Jonas Weber said the company would not export the machines."
    assert officials(analyse, text) == {}


def test_named_people_without_titles_are_not_officials(analyse):
    text = "Laura Field of the Arms Control Association said the reports were plausible."
    assert officials(analyse, text) == {}


def test_headline_officials_take_the_articles_country(analyse):
    text = "The United States imposed new sanctions on Syria. The United States acted with its partners."
    found = officials(analyse, text, title="Statement from President Alma Reyes on Syria")
    assert found == {"Alma Reyes": ("USA", "President")}


def test_country_only_in_a_job_title_is_not_an_actor(analyse):
    result = analyse("Britain's ambassador to Chile, Tom Hale, visited Peru.")
    assert "GBR" not in result["countries"] and "CHL" not in result["countries"]
    assert "PER" in result["countries"]


def test_heads_of_private_bodies_are_not_officials(analyse):
    text = "Dana Keller, director of the Institute for Arms Studies, said Iran sold drones to Sudan."
    assert officials(analyse, text) == {}


def test_heads_of_state_bodies_are_officials(analyse):
    text = "Sam Ortega, head of the Chilean National Security Council, said the deal was signed."
    assert "Sam Ortega" in officials(analyse, text)


def test_datelines_are_not_part_of_titles(analyse):
    found = officials(analyse, "LIMA, May 4 - Peruvian Foreign Minister Rosa Quispe said the talks had ended.")
    assert found == {"Rosa Quispe": ("PER", "Peruvian Foreign Minister")}


def test_hyphenated_titles_stay_whole(analyse):
    text = "Delta Corp vice-president Ana Ruiz said the firm would not export the parts."
    assert officials(analyse, text) == {}


def test_his_deputy_belongs_to_the_previous_officials_country(analyse):
    text = (
        "Chilean Defence Minister Pablo Rojas said the deal was off. His deputy, Marta Vidal, agreed. "
        "Peruvian President Luis Soto and Bolivian Foreign Minister Ana Mamani met in Lima."
    )
    assert officials(analyse, text)["Marta Vidal"][0] == "CHL"


def test_its_head_belongs_to_the_country_named_before(analyse):
    text = "Washington sanctioned Chile's arms agency and its head, Tomas Reyes, on Monday."
    assert officials(analyse, text)["Tomas Reyes"][0] == "CHL"


def test_opposition_and_rebel_leaders_are_not_officials(analyse):
    text = "Opposition leader Maria Solano and rebel commander Tomas Grell criticised the deal."
    assert officials(analyse, text) == {}
