"""The event review form: items edited as lines of text (one item per line), stored as a JSON list."""

from __future__ import annotations

from typing import Any

from django import forms

from ..models import Event


class ItemLinesField(forms.Field):
    """A list of strings shown as one per line: blank lines and surrounding spaces are dropped,
    and an item repeated (ignoring case) is kept once, where it first appears."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 60, "class": "item-lines"})

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return "" if value is None else str(value)

    def to_python(self, value: Any) -> list[str]:
        lines = value if isinstance(value, list | tuple) else str(value or "").splitlines()
        items: dict[str, str] = {}
        for line in lines:
            item = " ".join(str(line).split())
            if item:
                items.setdefault(item.casefold(), item)
        return list(items.values())

    def has_changed(self, initial: Any, data: Any) -> bool:
        return self.to_python(initial) != self.to_python(data)


class EventReviewForm(forms.ModelForm):
    items = ItemLinesField(required=False, help_text="One item per line, e.g. “artillery shells”.")

    class Meta:
        model = Event
        # The admin passes the fields of its fieldsets; these are the editable ones.
        fields = ["certainty", "event_date", "date_precision", "items", "quantity", "review_note"]
        widgets = {"review_note": forms.Textarea(attrs={"rows": 2, "cols": 40})}
