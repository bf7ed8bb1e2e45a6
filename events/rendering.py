"""HTML for the admin: article text with marked spans, always escaped."""

from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .highlighting import Span


def _inside(span: Span, outer: list[Span]) -> bool:
    return any(o.start <= span.start and span.end <= o.end for o in outer) or not any(
        o.start < span.end and span.start < o.end for o in outer
    )


def _merged(spans: list[Span]) -> list[Span]:
    """Overlapping spans of one kind joined, so marks never cross."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end), span.label)
        else:
            merged.append(span)
    return merged


def render_marked_text(text: str, evidence: list[Span], mentions: list[Span]) -> SafeString:
    """The text as HTML: evidence in <mark>, mentions in labelled <span>s, every character escaped.

    Mentions that straddle an evidence boundary are left unmarked so the elements nest properly.
    """
    evidence = _merged(evidence)
    mentions = [m for m in _merged(mentions) if _inside(m, evidence)]
    tags: list[tuple[int, int, str]] = []  # (offset, order at that offset, html)
    for span in evidence:
        tags += [(span.start, 1, '<mark class="evidence">'), (span.end, 0, "</mark>")]
    for span in mentions:
        opening = format_html('<span class="entity entity-{}" title="{}">', span.label, span.label)
        tags += [(span.start, 2, opening), (span.end, -1, "</span>")]
    html, position = [], 0
    for offset, _, tag in sorted(tags, key=lambda t: (t[0], t[1])):
        html += [escape(text[position:offset]), tag]
        position = offset
    html.append(escape(text[position:]))
    return mark_safe("".join(html))  # noqa: S308 - every piece of text above went through escape()
