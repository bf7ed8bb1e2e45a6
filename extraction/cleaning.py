"""Stage 1: turn scraped HTML or wire copy into clean article text.

Boilerplate patterns live in ``data/boilerplate.json``. Cleaning works per
line (paragraph), so article sentences are never cut in half: a line is
either dropped whole (captions, bylines, subscription prompts) or loses only
a matched fragment ("(RELATED: ...)").
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

import trafilatura

BOILERPLATE_FILE = Path(__file__).parent / "data" / "boilerplate.json"

# Typographic characters normalised so that the parser and the patterns see one form.
_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
        "\ufeff": "",
        "\u00ad": "",
    }
)
_HTML_SIGNS = re.compile(
    r"<\s*(html|body|div|p|article|head|span|a|br|section|h[1-6]|meta|script)\b[^>]*>", re.IGNORECASE
)


@cache
def _patterns() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    data = json.loads(BOILERPLATE_FILE.read_text(encoding="utf-8"))
    drop_line = [re.compile(p, re.IGNORECASE) for p in data["drop_line"]]
    drop_fragment = [re.compile(p, re.IGNORECASE) for p in data["drop_fragment"]]
    return drop_line, drop_fragment


# Paragraph and inline tags that wire archives leave in plain copy ("...PEACE TALKS.</p><p>THE CALL ...").
_FRAGMENT_TAG = re.compile(r"</?\s*(p|br|b|i|em|strong|u)\s*/?>", re.IGNORECASE)
_PARAGRAPH_TAG = re.compile(r"</?\s*(p|br)\s*/?>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?\s*[a-z][a-z0-9]*\b[^>]*>", re.IGNORECASE)


def is_marked_up_copy(text: str) -> bool:
    """Plain copy with paragraph tags only and no page around it: the tags are paragraph breaks, and
    the text before the first tag (often the dateline and lead) is part of the article."""
    tags = _ANY_TAG.findall(text[:20000])
    return bool(tags) and all(_FRAGMENT_TAG.fullmatch(tag) for tag in tags)


def _untag_copy(text: str) -> str:
    return html.unescape(_FRAGMENT_TAG.sub("", _PARAGRAPH_TAG.sub("\n", text)))


def looks_like_html(text: str) -> bool:
    """True when the text carries enough markup to need main-text extraction."""
    head = text[:5000]
    starts_with_tag = head.lstrip().startswith("<") and bool(_HTML_SIGNS.search(head))
    return starts_with_tag or len(_HTML_SIGNS.findall(head)) >= 3


def html_to_text(html: str) -> dict:
    """Main text and metadata of an HTML page: keys text, title, date, publisher (None when not found)."""
    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    if extracted is None:
        return {"text": "", "title": None, "date": None, "publisher": None}
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    publisher = data.get("sitename") or data.get("hostname")
    return {
        "text": data.get("text") or "",
        "title": data.get("title"),
        "date": data.get("date"),
        "publisher": publisher,
    }


# Markdown links kept in scraped copy ("under the[CBW Act](https://...)Directive").
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\((?:https?://|/)[^)\s]*\)")


@cache
def _glued_names() -> re.Pattern[str]:
    """Country names glued to the words around them where link markup was stripped ("sanctions
    were imposed againstLibyaunder IEEPA")."""
    from vocabulary.countries import country_records

    names = {n for r in country_records() for n in (r.name, *r.aliases, *r.seats) if len(n) >= 4 and n[0].isupper()}
    alternatives = "|".join(sorted((re.escape(n) for n in names if "," not in n), key=len, reverse=True))
    return re.compile(rf"(?<=[a-z]{{2}})({alternatives})(?=[a-z]{{2,}}\b|\b)")


def _unglue(line: str) -> str:
    line = _MARKDOWN_LINK.sub(lambda m: _spaced(line, m), line)
    return _glued_names().sub(lambda m: " " + _spaced(line, m).lstrip(), line)


def _spaced(line: str, match: re.Match[str]) -> str:
    """A link's text, set apart from words it was glued to."""
    before = " " if match.start() > 0 and line[match.start() - 1].isalnum() else ""
    after = " " if match.end() < len(line) and line[match.end()].isalnum() else ""
    return before + match.group(1) + after


def _clean_line(line: str) -> str:
    drop_line, drop_fragment = _patterns()
    line = re.sub(r"[ \t]+", " ", _unglue(line)).strip()
    if any(p.search(line) for p in drop_line):
        return ""
    for pattern in drop_fragment:
        line = pattern.sub("", line)
    return line.strip()


def clean_text(text_or_html: str) -> str:
    """Article text without boilerplate; paragraphs separated by blank lines.

    HTML input goes through trafilatura first. Event evidence offsets refer to this string.
    """
    text = text_or_html
    if is_marked_up_copy(text):
        text = _untag_copy(text)
    elif looks_like_html(text):
        text = html_to_text(text)["text"]
    text = text.translate(_CHAR_MAP).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (_clean_line(line) for line in text.split("\n"))
    return "\n\n".join(p for p in paragraphs if p)
