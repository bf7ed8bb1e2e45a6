from datetime import date

import pytest

from extraction.qualify import parse_published, resolve_event_date


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Iran sent drones on Tuesday.", ("2022-09-06", "day")),
        ("Iran sent drones on Friday.", ("2022-09-02", "day")),
        ("Iran sent drones last month.", ("2022-08", "month")),
        ("Iran sent drones next month.", ("2022-10", "month")),
        ("Iran sent drones in March.", ("2022-03", "month")),
        ("Iran sent drones in November.", ("2021-11", "month")),
        ("Iran sent drones in February 2020.", ("2020-02", "month")),
        ("Iran sent drones on Aug. 24.", ("2022-08-24", "day")),
        ("Iran sent drones on March 3, 2019.", ("2019-03-03", "day")),
        ("Iran sent drones in 2019.", ("2019", "year")),
        ("Iran sent drones last year.", ("2021", "year")),
        ("Iran sent drones yesterday.", ("2022-09-05", "day")),
        ("Iran sent drones.", (None, None)),
    ],
)
def test_time_expressions_resolve_against_the_publication_date(sentence, expected):
    # 2022-09-06 is a Tuesday.
    assert resolve_event_date(sentence, "2022-09-06") == expected


def test_weekdays_need_a_publication_day():
    assert resolve_event_date("Iran sent drones on Tuesday.", "2022-09") == (None, None)
    assert resolve_event_date("Iran sent drones on Tuesday.", None) == (None, None)


def test_explicit_dates_need_no_publication_date():
    assert resolve_event_date("Iran sent drones in February 2020.", None) == ("2020-02", "month")


@pytest.mark.parametrize(
    ("published", "precision"),
    [
        ("2024-04-18", "day"),
        ("2024-04", "month"),
        ("2024", "year"),
        ("2024-04-18T10:00:00Z", "day"),
        ("not a date", None),
        (None, None),
        ("2024-13-45", None),
    ],
)
def test_publication_dates_are_parsed_with_their_precision(published, precision):
    assert parse_published(published)[1] == precision


def test_events_carry_date_and_precision(analyse):
    event = analyse("Iran sent drones to Russia last month.", "2024-03-14")["events"][0]
    assert (event["date"], event["date_precision"]) == ("2024-02", "month")


def test_an_undated_primary_mention_takes_the_date_of_another_mention(analyse):
    text = "Chile bought frigates from Britain, the ministry said. The frigates were sold to Chile by Britain in May."
    event = analyse(text, "2024-03-14")["events"][0]
    assert (event["date"], event["date_precision"]) == ("2023-05", "month")


def test_a_date_object_works_as_publication_date(analyse):
    result = analyse("Moscow sold tanks to Iraq last month.", date(1987, 6, 1))
    assert result["countries"] == ["SUN", "IRQ"]
    assert result["events"][0]["date"] == "1987-05"
