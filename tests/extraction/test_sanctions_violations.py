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
