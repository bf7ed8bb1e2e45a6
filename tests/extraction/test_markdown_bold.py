"""Markdown bold markers in reposted releases are removed in cleaning, so list entries parse."""

from __future__ import annotations

from extraction import clean_text


def test_bold_markers_around_a_name_are_removed():
    assert clean_text("- **Tun Lin Aung** is the Minister of Border Affairs;") == (
        "- Tun Lin Aung is the Minister of Border Affairs;"
    )


def test_a_lone_pair_of_asterisks_between_spaces_stays():
    assert clean_text("Scores: 3 ** 2 is nine.") == "Scores: 3 ** 2 is nine."


def test_an_official_in_a_bold_list_entry_is_found(analyse):
    text = (
        "OFAC designated the following officials of the Burmese regime today:\n"
        "- **Tun Lin Aung** is the Minister of Border Affairs;\n"
        "- **Mya Thet Win** is the Minister of Commerce."
    )
    assert [o["name"] for o in analyse(text)["officials"]] == ["Tun Lin Aung", "Mya Thet Win"]
