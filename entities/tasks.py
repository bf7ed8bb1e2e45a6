"""Celery tasks for entities: thin wrappers that take ids and call a service."""

from __future__ import annotations

from celery import shared_task

from .sanctions.linking import match_everyone_against_sanctions, match_people_and_organizations


@shared_task(ignore_result=True)
def match_sanctions_for_actors(
    person_ids: list[int], organization_ids: list[int], vessel_ids: list[int] | None = None
) -> str:
    """After an extraction: match the people, organisations and vessels it created or touched."""
    return str(match_people_and_organizations(person_ids, organization_ids, vessel_ids=vessel_ids or ()))


@shared_task(ignore_result=True)
def match_sanctions_entries(entry_ids: list[int] | None = None) -> str:
    """After a list load: match everyone against the added/updated entries (all when None)."""
    return str(match_everyone_against_sanctions(entry_ids))
