"""Turning received bytes into article fields: decoding, HTML main text, feeds, language."""

from __future__ import annotations

import datetime
import hashlib
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

import dateparser
import feedparser
import trafilatura
from django.conf import settings
from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement
from trafilatura.readability_lxml import is_probably_readerable

from .page_kind import not_an_article_reason, page_signals

# Share of control characters above which bytes are binary, not text.
MAX_CONTROL_CHAR_SHARE = 0.01
HTML_SIGNATURE = re.compile(rb"<\s*(!doctype\s+html|html|head|body|article|p|div)\b", re.I)


class ParseError(ValueError):
    """Input that cannot become an article; the message says why."""


@dataclass(frozen=True)
class ParsedArticle:
    text: str
    title: str = ""
    published: datetime.date | None = None
    publisher: str = ""
    language: str = ""


@dataclass(frozen=True)
class ParsedFeedEntry:
    link: str
    title: str
    published: datetime.date | None
    content_html: str


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    entries: list[ParsedFeedEntry]
    warning: str = ""


def decode_text(data: bytes, declared_charset: str | None = None) -> str:
    """Bytes as text: the declared charset, else UTF-8 (with or without BOM).

    Raises ParseError for binary data and for bytes that are not valid in the charset,
    rather than guessing and storing mojibake.
    """
    if not data.strip():
        raise ParseError("empty input")
    if b"\x00" in data[:8192]:
        raise ParseError("binary data (NUL bytes), not text")
    encoding = declared_charset or "utf-8-sig"
    try:
        text = data.decode(encoding)
    except LookupError as exc:
        raise ParseError(f"unknown character encoding {declared_charset!r}") from exc
    except UnicodeDecodeError as exc:
        name = encoding.removesuffix("-sig").upper()
        raise ParseError(f"not valid {name} text (byte {exc.start}: {data[exc.start : exc.start + 1]!r})") from exc
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > MAX_CONTROL_CHAR_SHARE * len(text):
        raise ParseError("binary data (control characters), not text")
    return text


def looks_like_html(data: bytes | str) -> bool:
    head = data[:4096] if isinstance(data, bytes) else data[:4096].encode("utf-8", "ignore")
    return bool(HTML_SIGNATURE.search(head))


def parse_date(value: str | None) -> datetime.date | None:
    """A date from ISO text ("2024-03-01", "2024-03-01T10:00:00Z"), or None."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def article_from_text(text: str, *, title: str = "", published: datetime.date | None = None) -> ParsedArticle:
    """Plain text as an article: cleaned (evidence offsets refer to the cleaned text), language detected."""
    # Imported on use: the extraction package loads spaCy, which web processes never need.
    from extraction import clean_text
    from extraction.language import detect_language

    cleaned = clean_text(text)
    if not cleaned:
        raise ParseError("no text left after removing boilerplate")
    return ParsedArticle(text=cleaned, title=title, published=published, language=detect_language(cleaned))


# A first line is a headline when it is this short and does not end like a sentence or clause.
HEADLINE_MAX_WORDS = 20
HEADLINE_MAX_CHARS = 200
NOT_HEADLINE_ENDINGS = (".", ",", ";", ":")


def split_headline(text: str) -> tuple[str, str]:
    """(title, body) of a plain-text news file whose first non-empty line is its headline.

    The line counts as a headline when it is short, starts with a capital letter or a digit,
    does not end with a full stop (or a comma, semicolon, colon: a sentence that goes on) and
    more text follows; otherwise ("", text): no title is better than a sentence taken for one.
    """
    first, _, rest = text.lstrip().partition("\n")
    first = first.strip()
    looks_like_headline = (
        bool(rest.strip())
        and (first[:1].isupper() or first[:1].isdigit())
        and len(first) <= HEADLINE_MAX_CHARS
        and len(first.split()) <= HEADLINE_MAX_WORDS
        and not first.endswith(NOT_HEADLINE_ENDINGS)
        and not first.endswith("...")
    )
    return (first, rest.strip("\n")) if looks_like_headline else ("", text)


def _without_site_name(title: str, site: str) -> str:
    """ "Headline | Yonhap News Agency" → "Headline" when the suffix is the site's name."""
    for separator in (" | ", " - ", " — ", " :: "):
        head, found, tail = title.rpartition(separator)
        if found and head and site and tail.strip().casefold() == site.casefold():
            return head.strip()
    return title


# lxml refuses a str that declares its encoding (XHTML pages start so): the text is decoded already.
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _html_tree(markup: bytes | str, parse: Callable[[bytes | str], HtmlElement]) -> HtmlElement:
    """lxml's parse of markup (a str without its XML declaration); ParseError when lxml cannot read it."""
    if isinstance(markup, str):
        markup = XML_DECLARATION.sub("", markup, count=1)
    try:
        return parse(markup)
    except (ValueError, etree.LxmlError) as exc:
        raise ParseError(f"unreadable HTML: {exc}") from exc


def article_from_html(page: bytes | str) -> ParsedArticle:
    """Main text, title, date and publisher of an HTML page; ParseError when it holds no article."""
    tree = _html_tree(page, lxml_html.fromstring)
    readerable = is_probably_readerable(tree)
    # Read before extraction, which prunes the tree it is given.
    metadata = trafilatura.extract_metadata(tree)
    signals = page_signals(
        tree, author=metadata.author if metadata else None, pagetype=metadata.pagetype if metadata else None
    )
    extracted = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    data = {} if extracted is None else extracted.as_dict() if not isinstance(extracted, dict) else extracted
    main_text = (data.get("text") or "").strip()
    if not readerable or len(main_text) < settings.INGEST_MIN_ARTICLE_CHARS:
        raise ParseError(
            f"not an article: the page has no main article text ({len(main_text)} characters found; "
            "a homepage, index or paywall page?)"
        )
    reason = not_an_article_reason(signals, len(main_text))
    if reason:
        raise ParseError(reason)
    publisher = data.get("sitename") or data.get("hostname") or ""
    title = _without_site_name(data.get("title") or "", publisher)
    parsed = article_from_text(main_text, title=title, published=parse_date(data.get("date")))
    return ParsedArticle(
        text=parsed.text,
        title=parsed.title,
        published=parsed.published,
        publisher=publisher,
        language=parsed.language,
    )


def html_fragment_to_text(fragment: str) -> str:
    """Text of an HTML snippet (a feed entry's summary or content)."""
    if not fragment.strip():
        return ""
    if "<" not in fragment:
        return html.unescape(fragment)
    tree = _html_tree(fragment, lambda markup: lxml_html.fragment_fromstring(markup, create_parent="div"))
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = [" ".join(el.text_content().split()) for el in tree.iter("p", "li", "h1", "h2", "h3", "blockquote")]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else " ".join(tree.text_content().split())


def _entry_date(entry: feedparser.FeedParserDict) -> datetime.date | None:
    date_tuple = entry.get("published_parsed") or entry.get("updated_parsed")
    if date_tuple:
        return datetime.date(*date_tuple[:3])
    # feedparser reads RFC 822 dates in English only ("Seg, 24 Set 2018" is Portuguese).
    written = entry.get("published") or entry.get("updated")
    parsed = dateparser.parse(written, settings={"RETURN_AS_TIMEZONE_AWARE": False}) if written else None
    return parsed.date() if parsed else None


def parse_feed(data: bytes, *, base_url: str = "") -> ParsedFeed:
    """Entries of an RSS 0.9x/1.0/2.0 or Atom document; ParseError when it is not a feed at all."""
    parsed = feedparser.parse(data, response_headers={"content-location": base_url} if base_url else None)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS or Atom elements"
        raise ParseError(f"not a feed: {reason}")
    warning = f"feed is malformed but readable: {parsed.bozo_exception}" if parsed.get("bozo") else ""
    # Relative entry links (Atom) resolve against the feed's address, else its alternate link.
    base = base_url or parsed.feed.get("link", "")
    entries = []
    for entry in parsed.entries:
        content = entry.get("content") or []
        body = max((c.get("value", "") for c in content), key=len, default="") or entry.get("summary", "")
        # FeedBurner wraps links in tracking redirects and keeps the publisher's own link aside.
        link = entry.get("feedburner_origlink") or entry.get("link") or ""
        entries.append(
            ParsedFeedEntry(
                link=urljoin(base, link) if link else "",
                title=html.unescape(entry.get("title", "")),
                published=_entry_date(entry),
                content_html=body,
            )
        )
    return ParsedFeed(title=parsed.feed.get("title", ""), entries=entries, warning=warning)


def content_hash(text: str) -> str:
    """sha256 of the text with case, accents' composition and whitespace normalised.

    The same article re-published with different spacing or line breaks hashes the same.
    """
    normalised = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
