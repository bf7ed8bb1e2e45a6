"""Is an HTML page an article, or a homepage, index, product or status page?

Main-text extraction finds *some* text on nearly any page, so the text alone cannot tell a
news story from a portal's teasers or a server's status page. Pages describe themselves,
though: schema.org JSON-LD (``NewsArticle`` versus ``WebSite``/``CollectionPage``),
Open Graph's ``og:type``, the publication date and author in their metadata; and a listing
shows itself by its many teaser headlines linking elsewhere. ``not_an_article_reason``
combines these; ``bench/article_detection.py`` measures the decision on labelled real pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from htmldate import find_date
from lxml.html import HtmlElement

# schema.org types (and their sub-types) whose page is one piece of writing.
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "askpublicnewsarticle",
        "blogposting",
        "liveblogposting",
        "report",
        "socialmediaposting",
    }
)
# schema.org types that describe a page listing or introducing other things.
LISTING_TYPES = frozenset(
    {"website", "collectionpage", "itemlist", "searchresultspage", "product", "aboutpage", "profilepage"}
)
# Without article markup or a byline, this many teaser headlines per 1,000 characters of
# main text make a listing: homepages measure 8 to 100, stories with a sidebar of related
# links under 1 (bench/article_detection.py).
TEASERS_PER_1000_CHARS = 3.0
TEASER_XPATH = "//h1[.//a] | //h2[.//a] | //h3[.//a] | //h4[.//a]"


@dataclass(frozen=True)
class PageSignals:
    """What a page says about itself, and how it looks."""

    schema_types: frozenset[str]
    og_type: str
    metadata_date: str | None
    has_author: bool
    teasers: int
    article_elements: int

    @property
    def marked_as_article(self) -> bool:
        # One HTML5 <article> element is the page's own piece of writing; many are teasers.
        return bool(self.schema_types & ARTICLE_TYPES) or self.og_type == "article" or self.article_elements == 1

    @property
    def marked_as_listing(self) -> bool:
        # Not og:type "website": many CMSes give it to every page, stories included.
        return not self.marked_as_article and bool(self.schema_types & LISTING_TYPES)


def _json_ld_types(tree: HtmlElement) -> Iterator[str]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            stack = [json.loads(script.text_content())]
        except ValueError:
            continue  # broken JSON-LD is common and says nothing
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                declared = node.get("@type")
                declared = declared if isinstance(declared, list) else [declared]
                yield from (t.casefold() for t in declared if isinstance(t, str))
                # The page's own entity may sit in a graph or as the main entity of a WebPage.
                stack.extend(node[key] for key in ("@graph", "mainEntity") if key in node)


def page_signals(tree: HtmlElement, *, author: str | None, pagetype: str | None) -> PageSignals:
    """Signals of a parsed page; author and pagetype come from trafilatura's metadata."""
    og_types = tree.xpath('//meta[@property="og:type"]/@content')
    og_type = (og_types[0] if og_types else pagetype or "").strip().casefold()
    schema_types = set(_json_ld_types(tree))
    if pagetype and pagetype.casefold() in ARTICLE_TYPES:
        schema_types.add(pagetype.casefold())
    article_elements = len(tree.xpath("//article"))
    teasers = max(len(tree.xpath(TEASER_XPATH)), article_elements)
    # Only the date the page's metadata declares: a date guessed from the text (a server's
    # build date on a status page) says nothing about what kind of page it is.
    date = find_date(tree, extensive_search=False, original_date=True)
    return PageSignals(frozenset(schema_types), og_type, date, bool(author), teasers, article_elements)


def not_an_article_reason(signals: PageSignals, main_text_length: int) -> str | None:
    """Why the page is not an article, or None when it reads as one."""
    if signals.marked_as_article:
        return None
    teaser_density = signals.teasers * 1000 / max(main_text_length, 1)
    if not signals.has_author and teaser_density >= TEASERS_PER_1000_CHARS:
        return (
            f"not an article: a listing of {signals.teasers} teaser headlines with no article markup "
            "or byline (a homepage or section page?)"
        )
    if signals.marked_as_listing and not (signals.metadata_date and signals.has_author):
        kind = ", ".join(sorted(signals.schema_types & LISTING_TYPES))
        return f"not an article: the page describes itself as {kind} (schema.org), with no dated byline"
    if not signals.metadata_date:
        return (
            "not an article: no publication date in the page's metadata and no article markup "
            "(a status, product or about page?)"
        )
    return None
