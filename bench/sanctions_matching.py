"""Precision and recall of sanctions matching on a labelled set built from the real list excerpts.

    .venv/bin/python bench/sanctions_matching.py [--data ../shared/data/sanctions] [--dump pairs.jsonl]

The labelled pairs (query name + country + birth year → list entry, same target or not):
- alias variants: each entry's own aliases (up to 6) as queries against the entry *without* that alias,
  split into spelling/word-order variants (sharing a word with another name) and other names/acronyms;
- cross-list: a record's main name against the same target on another list (bench/data/sanctions_labelled.json);
- news-style names ("Kim Jong-un", "Alexander Zakharov", "Rostec") against every entry;
- hard negatives: every pair of different targets whose names share a word ("KIM Yong Chol" / "KIM Tong
  Myong", the Zakharov family, "Bank Sepah" / "Bank Tejarat"), with and without the query's birth year.
It reports precision/recall of automatic links (score ≥ SANCTIONS_AUTO_LINK_THRESHOLD) and of
review candidates (≥ SANCTIONS_REVIEW_THRESHOLD), per pair kind, and a threshold sweep.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402
import pycountry  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from entities.sanctions import PARSERS, ListRecord  # noqa: E402
from entities.sanctions.listed_names import with_joint_listings  # noqa: E402
from entities.sanctions.matching import (  # noqa: E402
    Candidate,
    CandidateIndex,
    Query,
    Scored,
    name_tokens,
    score,
)
from entities.sanctions.targets import exact_birth_year, is_same_target, same_target_components  # noqa: E402

FILES = {
    "un": ("un-xml", "un_consolidated_sample.xml"),
    "ofac-csv": ("ofac-csv", "ofac_sdn_sample.csv"),
    "ofac-xml": ("ofac-xml", "ofac_consolidated_nonsdn_sample.xml"),
    "ftm": ("ftm", "opensanctions_sample.ftm.jsonl"),
}
LABELS = Path(__file__).parent / "data" / "sanctions_labelled.json"
MATCHED_TYPES = ("person", "organization")
MAX_ALIASES_PER_ENTRY = 6


@dataclass
class Pair:
    kind: str
    query: Query
    key: str  # "file:external id" of the entry
    same_target: bool
    result: Scored | None = None


def load_records(data_dir: Path) -> dict[str, ListRecord]:
    records = {}
    for prefix, (file_format, name) in FILES.items():
        for item in PARSERS[file_format](data_dir / name):
            if isinstance(item, ListRecord) and item.entity_type in MATCHED_TYPES:
                records[f"{prefix}:{item.external_id}"] = item
    return records


def candidate(key: str, record: ListRecord, without: str | None = None) -> Candidate:
    names = [n for n in (record.name, *record.aliases) if n != without]
    return Candidate.build(
        hash(key), record.entity_type, names, record.weak_aliases, record.countries, record.birth_dates
    )


def record_query(record: ListRecord, name: str, *, with_birth_year: bool) -> Query:
    return Query(
        entity_type=record.entity_type,
        names=(name,),
        countries=frozenset(record.countries[:1]),
        birth_year=exact_birth_year(record.birth_dates) if with_birth_year else None,
    )


def words(name: str) -> set[str]:
    return {w for w in re.split(r"[^\w]+", name.casefold()) if len(w) >= 3}


def shares_a_word(alias: str, names: list[str]) -> bool:
    """A spelling or word-order variant of another name (not a different name or an acronym)."""
    return any(words(alias) & words(name) for name in names)


def build_pairs(records: dict[str, ListRecord]) -> list[Pair]:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    target = {key: key for key in records}
    for group in labels["same_target"]:
        for key in group:
            target[key] = group[0]
    pairs: list[Pair] = []

    for key, record in records.items():
        latin = [a for a in record.aliases if name_tokens(a, record.entity_type)]
        for alias in latin[:MAX_ALIASES_PER_ENTRY]:
            others = [n for n in (record.name, *record.aliases) if n != alias]
            kind = "alias: spelling/order variant" if shares_a_word(alias, others) else "alias: other name/acronym"
            pairs.append(Pair(kind, record_query(record, alias, with_birth_year=False), key, True))

    for group in labels["same_target"]:
        for a, b in itertools.permutations(group, 2):
            pairs.append(Pair("cross-list", record_query(records[a], records[a].name, with_birth_year=True), b, True))

    for item in labels["news_queries"]:
        query = Query(item["type"], (item["query"],), frozenset([item["country"]]), item.get("birth_year"))
        for key, record in records.items():
            if record.entity_type == item["type"]:
                pairs.append(Pair("news-style", query, key, key in item["matches"]))

    words = defaultdict(set)
    for key, record in records.items():
        for name in (record.name, *record.aliases):
            for token in name_tokens(name, record.entity_type):
                if len(token) >= 3:
                    words[(record.entity_type, token)].add(key)
    sharing = {tuple(sorted(p)) for keys in words.values() for p in itertools.combinations(sorted(keys), 2)}
    for a, b in sorted(sharing):
        if target[a] == target[b]:
            continue
        for query_key, entry_key in ((a, b), (b, a)):
            for with_birth_year in (False, True):
                query = record_query(records[query_key], records[query_key].name, with_birth_year=with_birth_year)
                if with_birth_year and query.birth_year is None:
                    continue
                kind = "hard negative" + (" (birth year known)" if with_birth_year else "")
                pairs.append(Pair(kind, query, entry_key, False))
    return pairs


def score_pairs(pairs: list[Pair], records: dict[str, ListRecord]) -> None:
    for pair in pairs:
        # Alias variants are scored against the entry without the alias used as the query.
        without = pair.query.names[0] if pair.kind.startswith("alias") else None
        pair.result = score(pair.query, candidate(pair.key, records[pair.key], without))


def is_auto(pair: Pair, threshold: float) -> bool:
    return pair.result.score >= threshold and pair.result.may_link_automatically


def metrics(pairs: list[Pair], predicted) -> tuple[int, int, int, float, float]:
    tp = sum(1 for p in pairs if p.same_target and predicted(p))
    fp = sum(1 for p in pairs if not p.same_target and predicted(p))
    positives = sum(1 for p in pairs if p.same_target)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / positives if positives else 1.0
    return tp, fp, positives, precision, recall


@dataclass
class Mention:
    """A news-style name and the list entries it must link to (every record of its target)."""

    query: Query
    expected: set[str]
    split: str
    scores: dict[str, tuple[float, bool]] = field(default_factory=dict)  # entry key -> (score, may auto-link)


def build_mentions(records: dict[str, ListRecord]) -> list[Mention]:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    group_of = {key: set(group) for group in labels["same_target"] for key in group}
    mentions = []
    for item in labels["news_queries"]:
        countries = frozenset([item["country"]]) if item["country"] else frozenset()
        query = Query(item["type"], (item["query"],), countries, item.get("birth_year"))
        expected = set().union(*({key} | group_of.get(key, set()) for key in item["matches"]))
        mentions.append(Mention(query, expected, item["split"]))
    return mentions


def score_mentions_ours(mentions: list[Mention], records: dict[str, ListRecord]) -> None:
    candidates = {key: candidate(key, record) for key, record in records.items()}
    for mention in mentions:
        for key, entry in candidates.items():
            if entry.entity_type == mention.query.entity_type:
                scored = score(mention.query, entry)
                mention.scores[key] = (scored.score, scored.may_link_automatically)


def score_mentions_logic_v2(mentions: list[Mention], records: dict[str, ListRecord]) -> str:
    """Scores by nomenklatura's logic-v2 (yente's default) on the same records as FtM entities."""
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
        from nomenklatura.matching.types import ScoringConfig
    except ImportError:
        return "nomenklatura not installed (pip install 'nomenklatura>=4.17,<5'): logic-v2 column skipped"
    algorithm, config = get_algorithm("logic-v2"), ScoringConfig.defaults()
    schemas = {"person": "Person", "organization": "Organization"}

    def entity(key: str, entity_type: str, names, countries, birth_dates):
        proxy = model.make_entity(schemas[entity_type])
        proxy.id = key
        proxy.add("name", list(names))
        proxy.add("nationality" if entity_type == "person" else "country", [iso3_to_iso2(c) for c in countries])
        if entity_type == "person":
            proxy.add("birthDate", [d.split("/")[0] for d in birth_dates])
        return proxy

    entries = {
        key: entity(key, r.entity_type, [r.name, *r.aliases], r.countries, r.birth_dates) for key, r in records.items()
    }
    for number, mention in enumerate(mentions):
        query = mention.query
        birth = [str(query.birth_year)] if query.birth_year else []
        proxy = entity(f"q{number}", query.entity_type, query.names, query.countries, birth)
        for key, entry in entries.items():
            if records[key].entity_type == query.entity_type:
                mention.scores[key] = (algorithm.compare(proxy, entry, config).score, True)
    return ""


def iso3_to_iso2(code: str) -> str:
    country = pycountry.countries.get(alpha_3=code)
    return country.alpha_2.lower() if country else ""


@dataclass
class MentionMetrics:
    precision: float
    recall: float
    review_recall: float
    negatives_auto: int
    negatives_review: int
    negatives: int
    duplicates_linked: int
    duplicates: int

    def row(self, label: str) -> str:
        return (
            f"{label:60} {self.precision:6.3f} {self.recall:6.3f} {self.review_recall:8.3f}"
            f" {self.negatives_auto:3d}/{self.negatives:<3d} {self.negatives_review:3d}/{self.negatives:<3d}"
            f" {self.duplicates_linked:3d}/{self.duplicates:<3d}"
        )


def mention_metrics(mentions: list[Mention], auto: float, review: float) -> MentionMetrics:
    linked = correct = expected = surfaced = 0
    negatives_auto = negatives_review = duplicates_linked = duplicates = 0
    for mention in mentions:
        auto_keys = {k for k, (s, may) in mention.scores.items() if s >= auto and may}
        review_keys = {k for k, (s, _) in mention.scores.items() if s >= review} - auto_keys
        linked += len(auto_keys)
        correct += len(auto_keys & mention.expected)
        expected += len(mention.expected)
        surfaced += len((auto_keys | review_keys) & mention.expected)
        if not mention.expected:
            negatives_auto += bool(auto_keys)
            negatives_review += bool(review_keys) and not auto_keys
        if len(mention.expected) > 1:
            duplicates += 1
            duplicates_linked += mention.expected <= auto_keys
    negatives = sum(1 for m in mentions if not m.expected)
    return MentionMetrics(
        correct / linked if linked else 1.0,
        correct / expected if expected else 1.0,
        surfaced / expected if expected else 1.0,
        negatives_auto,
        negatives_review,
        negatives,
        duplicates_linked,
        duplicates,
    )


THRESHOLD_GRID = [round(0.70 + 0.01 * i, 2) for i in range(30)]


def choose_thresholds(mentions: list[Mention]) -> tuple[float, float]:
    """On the tuning part: the lowest auto-link threshold with precision >= 0.98 and no negative
    auto-linked, then the lowest review threshold sending at most 7.5% of negatives to review."""
    auto = next(
        (
            t
            for t in THRESHOLD_GRID
            if (m := mention_metrics(mentions, t, t)).precision >= 0.98 and not m.negatives_auto
        ),
        THRESHOLD_GRID[-1],
    )
    review = next(
        (
            t
            for t in THRESHOLD_GRID
            if t <= auto
            and mention_metrics(mentions, auto, t).negatives_review
            <= 0.075 * max(1, mention_metrics(mentions, auto, t).negatives)
        ),
        auto,
    )
    return auto, review


def same_target_groups(records: dict[str, ListRecord]) -> dict[str, str]:
    """{record key: group key} as the app groups entries (entities.sanctions.targets): shared list
    identifiers, or names matching across files with an agreeing birth year / near-identical names."""
    candidates = {key: candidate(key, record) for key, record in records.items()}

    def name_pairs():
        for key, record in records.items():
            query = Query(
                record.entity_type,
                with_joint_listings((record.name, *record.aliases)),
                frozenset(record.countries),
                exact_birth_year(record.birth_dates),
            )
            for other, entry in candidates.items():
                if other.split(":")[0] != key.split(":")[0] and entry.entity_type == record.entity_type:
                    scored = score(query, entry)
                    if scored.score >= settings.SANCTIONS_AUTO_LINK_THRESHOLD and is_same_target(
                        record.entity_type, scored
                    ):
                        yield scored.score, key, other

    return same_target_components(
        {key: key.split(":")[0] for key in records},
        {key: record.same_as for key, record in records.items()},
        name_pairs(),
    )


def decide_per_target(mentions: list[Mention], groups: dict[str, str]) -> list[Mention]:
    """The mentions as the app decides them: each target's best-scoring entry stands for all its entries."""
    members: defaultdict[str, list[str]] = defaultdict(list)
    for key, group in groups.items():
        members[group].append(key)
    decided = []
    for mention in mentions:
        scores = dict(mention.scores)
        for group in {groups[key] for key in mention.scores}:
            present = [mention.scores[key] for key in members[group] if key in mention.scores]
            best = max(present)
            scores.update(dict.fromkeys(members[group], best))
        decided.append(Mention(mention.query, mention.expected, mention.split, scores))
    return decided


def report_mentions(records: dict[str, ListRecord]) -> None:
    tables: list[tuple[str, list[Mention]]] = []
    ours = build_mentions(records)
    score_mentions_ours(ours, records)
    tables.append(("this project", ours))
    groups = same_target_groups(records)
    linked_groups = sum(1 for group in set(groups.values()) if list(groups.values()).count(group) > 1)
    print(f"one target across lists: {linked_groups} groups of entries found")
    tables.append(("this project, one decision per target", decide_per_target(ours, groups)))
    theirs = build_mentions(records)
    started = time.perf_counter()
    skipped = score_mentions_logic_v2(theirs, records)
    if skipped:
        print(skipped)
    else:
        tables.append(("logic-v2", theirs))
        pairs = sum(len(m.scores) for m in theirs)
        print(f"logic-v2 scored {pairs} pairs in {time.perf_counter() - started:.1f} s")
    print(
        f"\nmention-level ({len(ours)} mentions: {sum(m.split == 'tune' for m in ours)} tuning, "
        f"{sum(m.split == 'heldout' for m in ours)} held out)"
    )
    print(
        f"{'matcher, part (auto / review thresholds)':60} {'auto P':>6} {'auto R':>6} {'a+rev R':>8}"
        f" {'neg auto':>7} {'neg rev':>7} {'dups':>7}"
    )
    configured = (settings.SANCTIONS_AUTO_LINK_THRESHOLD, settings.SANCTIONS_REVIEW_THRESHOLD)
    for label, mentions in tables:
        tune = [m for m in mentions if m.split == "tune"]
        held = [m for m in mentions if m.split == "heldout"]
        auto, review = choose_thresholds(tune)
        print(mention_metrics(tune, auto, review).row(f"{label}, tuning ({auto:.2f} / {review:.2f})"))
        print(mention_metrics(held, auto, review).row(f"{label}, HELD OUT ({auto:.2f} / {review:.2f})"))
        if label == "this project":
            print(
                mention_metrics(held, *configured).row(
                    f"{label}, held out (settings {configured[0]} / {configured[1]})"
                )
            )
        for auto_fixed in (0.80, 0.90):
            if label == "logic-v2":
                print(mention_metrics(held, auto_fixed, 0.70).row(f"{label}, held out ({auto_fixed:.2f} / 0.70)"))
    for mention in ours:
        misses = [k for k in mention.expected if mention.scores.get(k, (0, False))[0] < configured[0]]
        wrong = [k for k, (s, may) in mention.scores.items() if s >= configured[1] and k not in mention.expected]
        if misses or wrong:
            shown = ", ".join(f"{records[k].name!r} {mention.scores.get(k, (0,))[0]:.2f}" for k in misses + wrong)
            print(
                f"  [{mention.split}] {mention.query.names[0]!r} ({','.join(mention.query.countries)}): "
                f"{'missed' if misses else ''} {'wrong' if wrong else ''}: {shown}"
            )


def report_scale(entries: int = 100_000, queries: int = 200) -> None:
    """Matching one new actor against ``entries`` synthetic list entries through the blocking index."""
    rng = random.Random(15)
    syllables = [
        "kim",
        "park",
        "lee",
        "choi",
        "jong",
        "yong",
        "chol",
        "hyok",
        "ali",
        "reza",
        "hassan",
        "mohammad",
        "sergei",
        "ivan",
        "petro",
        "olga",
        "nina",
    ]
    syllables += ["".join(rng.choice("bcdfghjklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(3000)]

    def name() -> str:
        return " ".join(rng.choice(syllables).capitalize() for _ in range(rng.choice((2, 3, 3, 4))))

    started = time.perf_counter()
    index = CandidateIndex(
        Candidate.build(n, "person", [name()], countries=[rng.choice(["RUS", "PRK", "IRN"])]) for n in range(entries)
    )
    built = time.perf_counter() - started
    sample = [Query("person", (name(),), frozenset({"RUS"})) for _ in range(queries)]
    started = time.perf_counter()
    for query in sample:
        index.search(query, settings.SANCTIONS_REVIEW_THRESHOLD)
    per_query = (time.perf_counter() - started) / queries * 1000
    print(
        f"\nscale: {entries} synthetic entries indexed in {built:.1f} s; one actor matched in {per_query:.1f} ms "
        f"(mean of {queries}; target <= 50 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "sanctions")
    parser.add_argument("--dump", type=Path, help="write every labelled pair with its score as JSON lines")
    parser.add_argument(
        "--pairs", action="store_true", help="also the pair-level tables (alias variants, hard negatives)"
    )
    parser.add_argument("--scale", type=int, default=100_000, help="synthetic entries for the scale measurement")
    args = parser.parse_args()

    records = load_records(args.data)
    report_mentions(records)
    report_scale(args.scale)
    if not args.pairs:
        return
    pairs = build_pairs(records)
    score_pairs(pairs, records)
    auto, review = settings.SANCTIONS_AUTO_LINK_THRESHOLD, settings.SANCTIONS_REVIEW_THRESHOLD

    kinds = Counter(p.kind for p in pairs)
    print(f"{len(records)} person/organisation entries; {len(pairs)} labelled pairs: {dict(kinds)}")
    print(f"thresholds: automatic link >= {auto}, review >= {review}\n")
    print(
        f"{'pairs':34} {'same':>5} {'diff':>5} {'auto TP':>7} {'auto FP':>7} {'auto P':>6} {'auto R':>6}"
        f" {'rev FP':>6} {'rev+auto P':>10} {'rev+auto R':>10}"
    )
    groups = [("all", pairs)] + [(kind, [p for p in pairs if p.kind == kind]) for kind in kinds]
    for label, group in groups:
        tp, fp, positives, precision, recall = metrics(group, lambda p: is_auto(p, auto))
        _, review_fp, _, review_precision, review_recall = metrics(group, lambda p: p.result.score >= review)
        print(
            f"{label:34} {positives:5d} {len(group) - positives:5d} {tp:7d} {fp:7d} {precision:6.3f} {recall:6.3f}"
            f" {review_fp:6d} {review_precision:10.3f} {review_recall:10.3f}"
        )
    print("(same/diff: pairs of the same / different targets; P and R are 1.000 where nothing was predicted/expected)")

    print("\nsweep of the automatic-link threshold (all pairs):")
    for threshold in (0.85, 0.88, 0.90, 0.92, 0.93, 0.94, 0.95, 0.97):
        tp, fp, _, precision, recall = metrics(pairs, lambda p, t=threshold: is_auto(p, t))
        print(f"  >= {threshold:.2f}: precision {precision:.3f}  recall {recall:.3f}  (TP {tp}, FP {fp})")

    # Pairs are scored directly above; in the app, CandidateIndex first blocks by token prefix/acronym.
    surfaced = [p for p in pairs if p.same_target and p.result.score >= review]
    blocked = [p for p in surfaced if not CandidateIndex([p.result.candidate]).search(p.query, review)]
    print(f"\nblocking keeps {len(surfaced) - len(blocked)} of {len(surfaced)} same-target pairs that reach review")
    for p in blocked:
        print(f"  lost by blocking: {p.query.names[0]!r} -> {p.result.features['entry_name']!r}")

    wrong = sorted((p for p in pairs if not p.same_target and is_auto(p, auto)), key=lambda p: -p.result.score)
    missed = sorted((p for p in pairs if p.same_target and p.result.score < review), key=lambda p: p.result.score)
    print(f"\nfalse automatic links ({len(wrong)}):")
    for p in wrong[:15]:
        print(f"  {p.result.score:.3f} {p.kind}: {p.query.names[0]!r} -> {records[p.key].name!r} {p.result.features}")
    print(f"\nsame target below the review threshold ({len(missed)}), lowest first:")
    for p in missed[:15]:
        print(f"  {p.result.score:.3f} {p.kind}: {p.query.names[0]!r} -> {records[p.key].name!r}")

    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for p in pairs:
                row = {
                    "kind": p.kind,
                    "query": p.query.names[0],
                    "country": sorted(p.query.countries),
                    "birth_year": p.query.birth_year,
                    "entry": p.key,
                    "same_target": p.same_target,
                    "score": p.result.score,
                    "features": p.result.features,
                }
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
