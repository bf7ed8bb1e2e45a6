"""Two-step actions on selected rows: confirm, or choose the survivor of a merge."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpRequest
from django.template.response import TemplateResponse

from ..review import ReviewError


def confirm_selected(model_admin: admin.ModelAdmin, request: HttpRequest, choices: list, **context) -> TemplateResponse:
    """The second step of an action on selected rows (see the template for the context it takes)."""
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "choices": choices,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        **context,
    }
    return TemplateResponse(request, "admin/events/confirm_selected.html", context)


def merge_with_chosen_survivor(
    model_admin: admin.ModelAdmin, request: HttpRequest, objects: list, *, merge, describe, **confirm
) -> TemplateResponse | None:
    """Ask which selected object survives, then merge the others into it: `merge(survivor, objects, by=user)`."""
    survivor = next((o for o in objects if str(o.pk) == request.POST.get("survivor")), None)
    if "apply" not in request.POST or survivor is None:
        choices = [(o.pk, describe(o)) for o in objects]
        return confirm_selected(model_admin, request, choices, choose_survivor=True, **confirm)
    try:
        merge(survivor, objects, by=request.user)
    except ReviewError as exc:
        model_admin.message_user(request, str(exc), messages.ERROR)
        return None
    model_admin.log_change(request, survivor, f"Merged {len(objects) - 1} others into this one.")
    model_admin.message_user(
        request, f"{len(objects) - 1} merged into “{survivor}” (#{survivor.pk}).", messages.SUCCESS
    )
    return None
