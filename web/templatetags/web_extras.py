from django import template

from entities.selectors import sanctions_list_names
from events.models import Event, EventType, Role

register = template.Library()

DATE_FORMATS = {Event.DatePrecision.YEAR: "%Y", Event.DatePrecision.MONTH: "%b %Y"}


@register.filter
def event_date(event: Event) -> str:
    """The event's date at the precision the sources support."""
    if event.event_date is None:
        return "undated"
    return event.event_date.strftime(DATE_FORMATS.get(event.date_precision, "%-d %b %Y"))


@register.filter
def lookup(mapping: dict, key: object) -> object:
    return mapping.get(key, "") if mapping else ""


@register.simple_tag
def role_groups(event: Event) -> list[tuple[str, list]]:
    """Participants grouped by role, in role order (participants prefetched)."""
    groups: dict[str, list] = {}
    for participant in event.participants.all():
        groups.setdefault(participant.get_role_display(), []).append(participant)
    return list(groups.items())


@register.filter
def web_link(url: str | None) -> str:
    """The URL if it is http(s), else "" (source URLs come from outside: no javascript: links)."""
    return url if url and url.lower().startswith(("https://", "http://")) else ""


@register.filter
def type_label(value: str) -> str:
    return EventType(value).label if value in EventType.values else value


@register.filter
def role_label(value: str) -> str:
    return Role(value).label if value in Role.values else value


@register.filter
def list_names(sanctions_entries: list[dict]) -> str:
    """ "UN SC Consolidated, US OFAC SDN" from sanctions entries (entities.selectors.sanctions_for_*)."""
    return ", ".join(sanctions_list_names(sanctions_entries))
