"""Vessels named by extraction: the contract's ``vessels`` lists read, and rows found or created."""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.db import transaction
from django.db.models import Q

from .models import Country, Vessel

NAME_MAX_LENGTH = Vessel._meta.get_field("name").max_length


@dataclass(frozen=True)
class VesselMention:
    """One vessel of an extraction result: its name, IMO number and flag (ISO3), as reported."""

    name: str
    imo: str | None = None
    flag: str | None = None

    @property
    def key(self) -> tuple[str, str | None]:
        """The same hull: its IMO number, else its name under its flag."""
        return ("imo", self.imo) if self.imo else (self.name.casefold(), self.flag)


def vessel_mentions(reported: Any) -> list[VesselMention]:
    """The well-formed items of an extraction result's ``vessels`` list (others are skipped)."""
    mentions = []
    for item in reported if isinstance(reported, list) else []:
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name.strip():
            continue
        imo = item.get("imo") if isinstance(item.get("imo"), str) and re.fullmatch(r"\d{7}", item["imo"]) else None
        flag = item.get("flag") if isinstance(item.get("flag"), str) else None
        mentions.append(VesselMention(" ".join(name.split())[:NAME_MAX_LENGTH], imo, flag))
    return mentions


def get_or_create_vessels(mentions: Iterable[VesselMention]) -> dict[tuple[str, str | None], Vessel]:
    """{mention key: vessel} for these mentions, creating the vessels not known yet (by IMO number, else
    by name under their flag); new vessels are matched against sanctions lists after commit."""
    mentions = {mention.key: mention for mention in mentions}
    if not mentions:
        return {}
    flags = set(
        Country.objects.filter(iso3__in={m.flag for m in mentions.values() if m.flag}).values_list("iso3", flat=True)
    )
    numbered = {m.imo for m in mentions.values() if m.imo}
    found: dict[tuple[str, str | None], Vessel] = {
        ("imo", vessel.imo): vessel for vessel in Vessel.objects.filter(imo__in=numbered)
    }
    names = {m.name.casefold() for m in mentions.values() if not m.imo}
    same_names = reduce(operator.or_, (Q(name__iexact=name) for name in names), Q(pk__in=[]))
    for vessel in Vessel.objects.filter(same_names, imo__isnull=True):
        found.setdefault((vessel.name.casefold(), vessel.flag_id), vessel)
    created = []
    for key, mention in mentions.items():
        if key not in found:
            flag = mention.flag if mention.flag in flags else None
            found[key] = Vessel.objects.create(name=mention.name, imo=mention.imo, flag_id=flag)
            created.append(found[key].pk)
    if created:
        from .tasks import match_sanctions_for_actors  # tasks import the services

        transaction.on_commit(lambda: match_sanctions_for_actors.delay([], [], created))
    return found
