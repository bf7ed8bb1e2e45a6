"""Event types, their roles, certainty statuses and the organisations extraction names by code."""

from __future__ import annotations

ARMS_TRANSFER = "arms_transfer"
SANCTIONS_VIOLATION = "sanctions_violation"
SANCTIONS_IMPOSITION = "sanctions_imposition"
EVENT_TYPES = (ARMS_TRANSFER, SANCTIONS_VIOLATION, SANCTIONS_IMPOSITION)

SUPPLIER = "supplier"
RECIPIENT = "recipient"
INTERMEDIARY = "intermediary"
CARRIER = "carrier"  # a vessel that carried the goods (from extraction's ``vessels``)
VIOLATOR = "violator"
COUNTERPARTY = "counterparty"
IMPOSER = "imposer"
TARGET = "target"
# A person who speaks about, announces, denies or carries out an event (from an event's ``officials``):
# allowed in every event type, always a person.
OFFICIAL = "official"

# Every role an event of each type may have, and the core ones that identify it: two mentions
# with the same type and core roles are the same event.
ROLES_BY_TYPE: dict[str, tuple[str, ...]] = {
    ARMS_TRANSFER: (SUPPLIER, RECIPIENT, INTERMEDIARY, CARRIER),
    SANCTIONS_VIOLATION: (VIOLATOR, COUNTERPARTY, CARRIER),
    SANCTIONS_IMPOSITION: (IMPOSER, TARGET),
}
# Roles every event type has besides its own (ROLES_BY_TYPE holds the roles extraction fills with countries).
ROLES_OF_EVERY_TYPE: tuple[str, ...] = (OFFICIAL,)
CORE_ROLES: dict[str, tuple[str, ...]] = {
    ARMS_TRANSFER: (SUPPLIER, RECIPIENT),
    SANCTIONS_VIOLATION: (VIOLATOR,),
    SANCTIONS_IMPOSITION: (IMPOSER, TARGET),
}

# An official's part in an event: they speak about it (source) or carry it out (actor), and
# assert it or deny it. A denial is evidence too: the event shows who denied it.
SOURCE = "source"
ACTOR = "actor"
OFFICIAL_CAPACITIES = {SOURCE: "source (speaks about it)", ACTOR: "actor (carries it out)"}
ASSERTS = "asserts"
DENIES = "denies"
OFFICIAL_STANCES = {ASSERTS: "asserts", DENIES: "denies"}


def roles_for(event_type: str) -> tuple[str, ...]:
    """Every role an event of the type may have: its own, then the roles of every type (official)."""
    return ROLES_BY_TYPE[event_type] + ROLES_OF_EVERY_TYPE


# How certain the text is that an event happened.
CONFIRMED = "confirmed"
REPORTED = "reported"
ALLEGED = "alleged"
DENIED = "denied"
PLANNED = "planned"
CERTAINTIES = (CONFIRMED, REPORTED, ALLEGED, DENIED, PLANNED)

# Non-country actors that extraction names by code in event roles: name and the aliases
# the entities app stores for them.
INTERGOVERNMENTAL_ORGANIZATIONS: dict[str, tuple[str, list[str]]] = {
    "EU": ("European Union", ["EU", "E.U.", "Brussels", "European Commission", "Council of the European Union"]),
    "UN": ("United Nations", ["UN", "U.N.", "UN Security Council", "U.N. Security Council", "Security Council"]),
}
NON_STATE_ACTORS = frozenset(INTERGOVERNMENTAL_ORGANIZATIONS)
