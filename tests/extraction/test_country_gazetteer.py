import pytest

from extraction import country_records, resolve_country
from extraction.gazetteer import COUNTRY_SPANS, ORGANISATION_SPANS, country_patterns


def codes(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [span.label_ for span in doc.spans[COUNTRY_SPANS]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sweden", "SWE"),
        ("Swedish", "SWE"),
        ("Stockholm", "SWE"),
        ("the Kremlin", "RUS"),
        ("DPRK", "PRK"),
        ("North Korean", "PRK"),
        ("South Korean", "KOR"),
        ("U.S.", "USA"),
        ("Soviet Union", "SUN"),
        ("Kuwaiti", "KWT"),
        ("Dutch", "NLD"),
        ("South African", "ZAF"),
    ],
)
def test_names_demonyms_and_seats_resolve_to_iso3(text, expected):
    assert resolve_country(text) == expected


def test_lower_case_words_are_not_country_codes():
    assert resolve_country("us") is None
    assert resolve_country("in") is None


def test_country_records_keep_the_fields_the_django_side_reads():
    record = next(r for r in country_records() if r.iso3 == "SWE")
    assert (record.iso2, record.name) == ("SE", "Sweden")
    assert "Swedish" in record.demonyms and "Stockholm" in record.seats
    assert {"iso3", "iso2", "name", "official_name", "historic", "aliases", "demonyms", "seats"} <= set(
        record.__dataclass_fields__
    )


def test_every_iso_country_and_historic_states_are_present():
    iso3 = {record.iso3 for record in country_records()}
    assert len(iso3) >= 249
    assert {"SUN", "YUG", "CSK", "DDR"} <= iso3


def test_south_korea_and_north_korea_are_different_countries(rules_nlp):
    assert codes(rules_nlp, "South Korea protested while North Korea tested a missile.") == ["KOR", "PRK"]


def test_seats_of_power_stand_for_their_governments(rules_nlp):
    assert codes(rules_nlp, "Washington and the Kremlin traded accusations, Beijing said.") == [
        "USA",
        "RUS",
        "CHN",
    ]


def test_demonyms_mark_countries(rules_nlp):
    assert codes(rules_nlp, "Chilean officials met Peruvian diplomats.") == ["CHL", "PER"]


def test_capitalised_headlines_still_match(rules_nlp):
    assert codes(rules_nlp, "IRAN BUYS JETS") == ["IRN"]


def test_eu_and_un_bodies_are_organisations_not_countries(rules_nlp):
    doc = rules_nlp("The UN Security Council and the European Union met.")
    assert [span.label_ for span in doc.spans[ORGANISATION_SPANS]] == ["UN", "EU"]
    assert list(doc.spans[COUNTRY_SPANS]) == []


def test_state_departments_act_for_their_country(rules_nlp):
    doc = rules_nlp("The State Department said so.")
    assert [span.label_ for span in doc.spans[ORGANISATION_SPANS]] == ["USA"]


def test_capital_listed_among_ship_names_is_not_a_country(nlp):
    doc = nlp("The fleet's vessels Admiral Kuznetsov, Ankara and Varyag sailed north.")
    assert "TUR" not in [span.label_ for span in doc.spans[COUNTRY_SPANS]]


def test_russian_names_mean_the_soviet_union_before_1992(analyse):
    assert analyse("Moscow sold tanks to Iraq.", "1987-06-01")["countries"] == ["SUN", "IRQ"]
    assert analyse("Moscow sold tanks to Iraq.", "2023-06-01")["countries"] == ["RUS", "IRQ"]


def test_city_comma_country_addresses_are_not_actors(analyse):
    countries = analyse("The parts moved through Antwerp, Belgium, before Iran received them.")["countries"]
    assert "BEL" not in countries


def test_seas_and_oceans_named_after_countries_are_not_actors(analyse):
    countries = analyse("Chinese warships patrolled the South China Sea and the Indian Ocean near the Sea of Japan.")[
        "countries"
    ]
    assert countries == ["CHN"]


def test_a_weapons_make_is_not_an_actor(analyse):
    countries = analyse("Chile bought a modified version of the German Leopard tank from Spain.")["countries"]
    assert "DEU" not in countries


def test_affiliated_bodies_are_kept_apart_from_acting_ones(rules_nlp):
    doc = rules_nlp("The CIA briefed the State Department.")
    assert [(s.text, s.label_) for s in doc.spans["affiliations"]] == [("CIA", "USA")]
    assert [(s.text, s.label_) for s in doc.spans[ORGANISATION_SPANS]] == [("State Department", "USA")]


def test_unparseable_publication_dates_leave_codes_alone(analyse):
    assert analyse("Moscow sold tanks to Iraq.", "12/03/1987")["countries"] == ["RUS", "IRQ"]
    assert analyse("Moscow sold tanks to Iraq.", "1987")["countries"] == ["SUN", "IRQ"]


def test_inverted_catalogue_names_do_not_match_across_a_comma_in_prose(rules_nlp):
    doc = rules_nlp("The talks failed. North Korea, North Korea said, would not return.")
    assert [(span.text, span.label_) for span in doc.spans[COUNTRY_SPANS]] == [
        ("North Korea", "PRK"),
        ("North Korea", "PRK"),
    ]


def test_inverted_catalogue_names_are_not_gazetteer_patterns():
    assert not [form for forms in country_patterns().values() for form in forms if "," in form]


def test_headline_abbreviations_name_their_country(analyse):
    result = analyse("N. Korea has sent weapons to Russia, and S. Korea protested.")
    assert {"PRK", "KOR"} <= set(result["countries"])
    assert {"supplier": ["PRK"], "recipient": ["RUS"]} in [e["roles"] for e in result["events"]]
