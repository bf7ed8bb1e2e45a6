"""Precision and recall of the article / not-an-article decision on labelled real saved pages.

    .venv/bin/python bench/article_detection.py [--shared ../shared/data/ingest/html]

Pages: the gzipped pages in tests/ingestion/pages (labels from its README) and the shared real
pages in ../shared/data/ingest/html (labels from that folder's README: one homepage, the rest
news stories). Each goes through ingestion.parsing.article_from_html, the function every HTML
input goes through; a ParseError starting "not an article" is the decision "not an article".
Reported: per page the label, the decision and the reason; then precision and recall of
"not an article" (the refusals) and of "article" (what is stored). No timing.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from ingestion.parsing import ParseError, article_from_html  # noqa: E402

SAVED_PAGES = ROOT / "tests" / "ingestion" / "pages"
SHARED_PAGES = ROOT.parent / "shared" / "data" / "ingest" / "html"

# Labels as the pages' READMEs give them (True: the page is an article).
SAVED_LABELS = {
    "trafilatura__apache": False,  # server-status page
    "trafilatura__stuttgart.de": False,  # city portal of teasers
    "trafilatura__mozilla.org.firefox.developer": False,  # product page
    "trafilatura__rs-ingenieure.de.tragwerksplanung": False,  # company service page
    "newspaper4k__yahoo_main_site": False,  # news portal homepage
    "trafilatura__blog.python.org": True,  # blog post without article markup
    "newspaper4k__spanish_article": True,  # news story without article markup
    "newspaper4k__ap_meta_refresh": True,  # AP story without og/JSON-LD markup
}
SHARED_NOT_ARTICLES = {"newspaper__cnn_main_site"}  # CNN's homepage; every other shared page is a story


@dataclass(frozen=True)
class Decision:
    name: str
    is_article: bool  # the label
    refused: bool  # the decision: not an article
    reason: str


def labelled_pages(shared: Path) -> list[tuple[str, bool, bytes]]:
    pages = [
        (name, label, gzip.decompress((SAVED_PAGES / f"{name}.html.gz").read_bytes()))
        for name, label in SAVED_LABELS.items()
    ]
    if shared.is_dir():
        for path in sorted(shared.glob("*.html")):
            pages.append((path.stem, path.stem not in SHARED_NOT_ARTICLES, path.read_bytes()))
    else:
        print(f"({shared} not found: the saved pages only)")
    return pages


def decide(name: str, is_article: bool, page: bytes) -> Decision:
    try:
        article_from_html(page)
    except ParseError as exc:
        refused = str(exc).startswith("not an article")
        return Decision(name, is_article, refused, str(exc))
    return Decision(name, is_article, False, "")


def precision_recall(decisions: list[Decision], *, positive_is_article: bool) -> tuple[float, float, int, int, int]:
    """(precision, recall, true positives, predicted positives, actual positives) of one class."""

    def predicted(d: Decision) -> bool:
        return (not d.refused) if positive_is_article else d.refused

    def actual(d: Decision) -> bool:
        return d.is_article if positive_is_article else not d.is_article

    true_positives = sum(predicted(d) and actual(d) for d in decisions)
    predicted_positives = sum(predicted(d) for d in decisions)
    actual_positives = sum(actual(d) for d in decisions)
    precision = true_positives / predicted_positives if predicted_positives else float("nan")
    recall = true_positives / actual_positives if actual_positives else float("nan")
    return precision, recall, true_positives, predicted_positives, actual_positives


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED_PAGES, help="folder of the shared real pages")
    args = parser.parse_args()

    decisions = [decide(name, label, page) for name, label, page in labelled_pages(args.shared)]
    for d in decisions:
        verdict = "refused " if d.refused else "stored  "
        mark = "ok  " if d.refused != d.is_article else "MISS"
        label = "article    " if d.is_article else "not article"
        print(f"{mark} {label} {verdict} {d.name}  {d.reason[:110]}")
    print()
    for articles, name in ((False, "not an article"), (True, "article")):
        precision, recall, hits, predicted, actual = precision_recall(decisions, positive_is_article=articles)
        print(
            f"{name:>15}: precision {precision:.2f} ({hits}/{predicted} decided), "
            f"recall {recall:.2f} ({hits}/{actual} labelled), {len(decisions)} pages"
        )


if __name__ == "__main__":
    main()
