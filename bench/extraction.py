"""Throughput of the extraction pipeline against plain ``nlp.pipe`` with the same model.

    .venv/bin/python bench/extraction.py [--articles N] [--repeat R] [--batch-size B] [--gold DIR]

Both measurements run in one process on the same texts: generated wire-style
articles (templates below, written for this benchmark) plus, when present, the
gold corpus read at run time from ``../shared/corpus/dev`` (never copied here).
Prints words per CPU-second for plain ``nlp.pipe``, for ``extraction.extract_batch`` and the
ratio; the target is a ratio of at least 0.80.
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script from a checkout: the package lives in the parent directory.
sys.path.insert(0, str(ROOT))
api = importlib.import_module("extraction.api")
pipeline_module = importlib.import_module("extraction.pipeline")

DEFAULT_GOLD = ROOT.parent / "shared" / "corpus" / "dev"
COUNTRIES = [
    "Iran",
    "Russia",
    "North Korea",
    "Belarus",
    "China",
    "Syria",
    "Venezuela",
    "Ukraine",
    "Sudan",
    "Myanmar",
    "Eritrea",
    "Serbia",
    "Egypt",
    "Turkey",
    "Pakistan",
    "India",
    "Brazil",
    "Chile",
    "Norway",
    "Poland",
]
ITEMS = [
    "artillery shells",
    "drones",
    "ballistic missiles",
    "rifles",
    "tanks",
    "air defence systems",
    "rocket launchers",
    "armoured vehicles",
    "ammunition",
    "attack helicopters",
]
OFFICIALS = [
    ("Defence Minister", "Lena Okafor"),
    ("Foreign Minister", "Tomas Varga"),
    ("deputy spokesman", "Ravi Menon"),
    ("ambassador to the United Nations", "Ines Duarte"),
]
SENTENCES = [
    "{a} has delivered {n} {item} to {b}, {a2} officials said on {day}.",
    "{b} could be buying {item} from {a}, according to intelligence reports.",
    "{title} {name} said {a} would send more {item} to {b} next month.",
    "{name} denied that {a} had sold {item} to {b}.",
    "The European Union imposed new sanctions on {b} over the deliveries.",
    "{b}'s purchases of {item} from {a} would violate UN sanctions, {name} told reporters.",
    "Trade between {a} and {b} grew by {n} percent last year, the statistics office reported.",
    "Analysts said the talks in {c} were unlikely to produce an agreement before the summit.",
    "The ministry said the shipments of {item} had arrived at a port in {b} in {month}.",
    "Officials in {c} said they were monitoring the situation closely and urged restraint.",
]
MONTHS = ["January", "March", "May", "July", "September", "November"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def generated_articles(count: int, seed: int = 7) -> list[str]:
    """Wire-style articles of 8-14 paragraphs built from the templates above."""
    rng = random.Random(seed)
    articles = []
    for _ in range(count):
        a, b, c = rng.sample(COUNTRIES, 3)
        title, name = rng.choice(OFFICIALS)
        paragraphs = []
        for _ in range(rng.randint(8, 14)):
            template = rng.choice(SENTENCES)
            paragraphs.append(
                template.format(
                    a=a,
                    a2=a,
                    b=b,
                    c=c,
                    item=rng.choice(ITEMS),
                    n=rng.randint(2, 500),
                    day=rng.choice(DAYS),
                    title=title,
                    name=name,
                    month=rng.choice(MONTHS),
                )
            )
        articles.append("\n\n".join(paragraphs))
    return articles


def gold_articles(corpus: Path) -> list[str]:
    if not corpus.is_dir():
        return []
    return [json.loads(path.read_text(encoding="utf-8"))["text"] for path in sorted(corpus.glob("*.json"))]


def words_per_second(texts: list[str], run) -> float:
    """Words per second of CPU time: other processes on a shared machine do not skew it."""
    words = sum(len(text.split()) for text in texts)
    start = time.process_time()
    run(texts)
    return words / (time.process_time() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=120, help="generated articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts")
    parser.add_argument("--batch-size", type=int, default=api.PIPE_BATCH_SIZE)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold corpus to add, if present")
    args = parser.parse_args()

    texts = generated_articles(args.articles) + gold_articles(args.gold)
    # Plain nlp.pipe gets the same cleaned text the pipeline parses.
    cleaned = [api.clean_text(text) for text in texts]
    model, pipeline = pipeline_module.load_model(), pipeline_module.load_pipeline()
    items = [{"id": str(n), "text": text, "published": "2024-03-14", "title": None} for n, text in enumerate(texts)]

    def plain(_texts: list[str]) -> None:
        for _doc in model.pipe(cleaned, batch_size=args.batch_size):
            pass

    def full(_texts: list[str]) -> None:
        for _result in api.extract_batch(items, batch_size=args.batch_size):
            pass

    plain(texts[:5])  # warm up both
    full(texts[:5])
    # Alternate the two so that load from other processes hits both alike; the best run counts.
    plain_runs, full_runs = [], []
    for _ in range(args.repeat):
        plain_runs.append(words_per_second(texts, plain))
        full_runs.append(words_per_second(texts, full))
    plain_wps, full_wps = max(plain_runs), max(full_runs)
    words = sum(len(text.split()) for text in texts)
    print(
        f"texts={len(texts)} words={words} model={pipeline.meta['name']}-{pipeline.meta['version']} "
        f"batch_size={args.batch_size}"
    )
    print(
        f"plain_nlp_pipe_words_per_s={plain_wps:.0f} full_pipeline_words_per_s={full_wps:.0f} "
        f"ratio={full_wps / plain_wps:.3f}"
    )


if __name__ == "__main__":
    main()
