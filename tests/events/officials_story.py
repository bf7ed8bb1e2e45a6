"""A story written for these tests, naming three officials of one arms transfer, and its extraction result
in the contract's shape with the additive ``officials`` key on the event (constructed here, not extracted)."""

from __future__ import annotations

SHIPMENT = "Moscow is buying rockets and artillery shells from North Korea, a US official said on Monday."
ASSERTION = "State Department spokeswoman Jane Holloway said the purchases broke United Nations sanctions."
DENIAL = "Russia's envoy to the United Nations, Pavel Orlov, dismissed the report as a fabrication."
ORDERS = "North Korean Defence Minister Ri Chol Ho signed the shipment orders, according to the officials."
STORY = "\n\n".join([SHIPMENT, ASSERTION, DENIAL, ORDERS])

HOLLOWAY = {
    "name": "Jane Holloway",
    "role": "source",
    "stance": "asserts",
    "country": "USA",
    "title": "State Department spokeswoman",
    "evidence": ASSERTION,
}
ORLOV = {
    "name": "Pavel Orlov",
    "role": "source",
    "stance": "denies",
    "country": "RUS",
    "title": "Russia's envoy to the United Nations",
    "evidence": DENIAL,
}
RI = {
    "name": "Ri Chol Ho",
    "role": "actor",
    "stance": "asserts",
    "country": "PRK",
    "title": "Defence Minister",
    "evidence": ORDERS,
}


def transfer(officials: list[dict] | None = None, **overrides) -> dict:
    """The story's arms transfer; officials=None leaves the key out, as results from before the key do."""
    event = {
        "type": "arms_transfer",
        "roles": {"supplier": ["PRK"], "recipient": ["RUS"]},
        "items": ["rockets", "artillery shells"],
        "status": "alleged",
        "date": "2024-03-04",
        "evidence": SHIPMENT,
        "confidence": 0.8,
    }
    if officials is not None:
        event["officials"] = officials
    return event | overrides


def story_result(*events: dict) -> dict:
    """The whole result: top-level officials as extraction lists them, and the events."""
    top_level = [{k: v for k, v in o.items() if k in ("name", "country", "title")} for o in (HOLLOWAY, ORLOV, RI)]
    return {"countries": ["RUS", "PRK", "USA"], "officials": top_level, "events": list(events)}
