"""One sensible list of items per event: coordinated phrases split, civilian goods and contained
names left out (qualify.describe_items, items.without_contained)."""

import pytest

from extraction import extract, items


def items_of(text: str) -> list[str]:
    return extract(text, "2024-03-14")["events"][0]["items"]


def test_a_coordinated_phrase_keeps_its_military_part_only():
    text = "Washington has approved the sale of ammunition and logistics support for armoured vehicles to Taiwan."
    assert items_of(text) == ["ammunition", "armoured vehicles"]


def test_civilian_goods_beside_weapons_are_no_item():
    assert items_of("Germany sent medical equipment and Leopard tanks to Ukraine.") == ["Leopard tanks"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia sold Su-35 fighter jets and T-90 tanks to Algeria.", ["Su-35 fighter jets", "T-90 tanks"]),
        ("China delivered two Type 054A frigates to Pakistan.", ["Type 054A frigates"]),
        ("Italy sold corvettes and light attack aircraft to Qatar.", ["corvettes", "light attack aircraft"]),
        ("Iran shipped mortar rounds and fuel to Sudan.", ["mortar rounds"]),
        ("Japan exported patrol boats and spare parts to the Philippines.", ["patrol boats"]),
    ],
)
def test_hardware_is_named_with_its_designation_and_without_civilian_goods(text, expected):
    assert items_of(text) == expected


def test_a_weapon_noun_naming_another_weapon_is_no_item_of_its_own():
    assert items_of("Russia sent tank and artillery shells to Syria.") == ["artillery shells"]


def test_an_item_repeated_later_without_its_designation_is_listed_once():
    text = "Poland bought K2 tanks from South Korea. The tanks arrived in Gdynia, and Poland bought more tanks."
    assert items_of(text) == ["K2 tanks"]


@pytest.mark.parametrize(
    ("names", "kept"),
    [
        (["howitzers", "K9 howitzers"], ["K9 howitzers"]),
        (["Strv 122 tanks", "Strv 122 tank", "tank"], ["Strv 122 tanks"]),
        (["UAVs", "UAV components"], ["UAVs", "UAV components"]),
        (["rifles", "ammunition"], ["rifles", "ammunition"]),
    ],
)
def test_a_name_another_one_ends_with_is_dropped(names, kept):
    assert items.without_contained(names) == kept


def test_coordinated_adjectives_all_describe_the_item():
    assert items_of("Germany delivered armoured and mechanised vehicles to Ukraine last week.") == [
        "armoured and mechanised vehicles"
    ]
