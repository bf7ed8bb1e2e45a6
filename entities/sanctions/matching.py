"""Name matching against list entries: pure Python (rapidfuzz), no database access.

Names are reduced to comparison keys — case, accents, Cyrillic script, apostrophes and hyphens
("Ch'oe So'k-min"), common transliteration variants (Aleksandr/Alexander, Lavrentiy/Lavrentii,
Nikolayevna/Nikolaevna) and legal forms ("LLC", "OOO") removed — and compared in any order
("KIM Jong Un" = "Kim Jong-un"). The name score is then adjusted by nationality/country
agreement and by conflicting birth years, and every adjustment is recorded as a feature.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from .listed_names import country_named_in, split_bracketed, with_joint_listings

# Scholarly-ish romanisation of Russian/Ukrainian/Belarusian letters ("_" = silent, cleared below).
CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў"
CYRILLIC_ROMAN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya i i ye g u"
CYRILLIC = dict(zip(CYRILLIC_LETTERS, CYRILLIC_ROMAN.split(), strict=True))
CYRILLIC["ъ"] = CYRILLIC["ь"] = ""
# Letters NFKD does not decompose, and Slavic carons spelled the English way (Vjačeslavovič).
SPECIAL_LETTERS = {
    "ß": "ss",
    "æ": "ae",
    "ø": "o",
    "đ": "d",
    "ł": "l",
    "þ": "th",
    "\u0131": "i",  # dotless i
    "č": "ch",
    "š": "sh",
    "ž": "zh",
}
# ', right/left single quotes, backtick, modifier apostrophes, acute: all spell the same break.
APOSTROPHES = "'\u2019\u2018`\u02bc\u02bb\u00b4"
PERSON_TITLES = "mr mrs ms dr gen general col colonel maj major lt al el"
PERSON_STOPWORDS = frozenset(PERSON_TITLES.split())
# Legal forms carry no identity: "LIMITED LIABILITY COMPANY ZALA AERO" is "Zala Aero".
LEGAL_FORMS = """llc ltd limited liability company co corp corporation inc incorporated
    jsc ojsc pjsc cjsc oao ooo zao pao ao
    joint stock open closed public private plc gmbh ag sa srl bv nv llp kft the of and state
    obshchestvo s ogranichennoy otvetstvennostyu aktsionernoe tovarystvo z obmezhenoyu vidpovidalnistyu"""
ORGANIZATION_STOPWORDS = frozenset(LEGAL_FORMS.split())
PERSON = "person"
# Identifiers matching compares (cross-list ids such as "ofac:…" only group list entries).
MATCHED_IDENTIFIERS = ("imo:",)
VOICING = str.maketrans("gdb", "ktp")
# Legal forms that say two organisations are different companies even under one name (OOO vs AO).
LEGAL_FORM_FAMILIES = {
    "limited liability": {"llc", "ooo", "ltd", "limited", "tov", "gmbh", "kft", "srl"},
    "joint-stock": {"jsc", "ojsc", "pjsc", "cjsc", "oao", "zao", "pao", "ao", "aktsionernoe", "plc", "ag", "sa"},
}


def fold(text: str) -> str:
    """Lower-case ASCII: Cyrillic transliterated, accents and special letters folded."""
    text = text.casefold()
    text = "".join(CYRILLIC.get(ch, SPECIAL_LETTERS.get(ch, ch)) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# Common Arabic names whose romanisations differ in more than a letter (Mohammed/Muhammad, Ahmed/Ahmad).
ARABIC_NAME_VARIANTS = {
    variant: canonical
    for canonical, variants in {
        "muhamad": "mohammed mohamed muhammed mohammad muhammad mohamad mohd",
        "ahmad": "ahmed ahmad",
        "husein": "hussein husein hussain husain hosein hossein husayn",
        "abd": "abdel abdul abdal abd",
        "iusuf": "yusuf yousef youssef yusef yousuf",
        "umar": "omar umar",
        "usama": "osama usama",
    }.items()
    for variant in variants.split()
}


def skeleton(token: str) -> str:
    """One spelling for transliteration variants of a name token."""
    token = ARABIC_NAME_VARIANTS.get(token, token)
    # Persian/Arabic romanisations: Ghasem = Qasem, Hosseini = Husseini, Haniyeh = Haniya.
    token = re.sub(r"^gh", "q", token)
    token = re.sub(r"^hos", "hus", token)
    token = re.sub(r"(?<=[a-z]{3})eh$", "a", token)
    # Korean vowels written o or u after ch/hy (McCune-Reischauer o-breve): Chul = Chol, Hyuk = Hyok.
    token = re.sub(r"(?<=ch|hy)u(?=[lkn])", "o", token)
    token = token.replace("zj", "zh").replace("dzh", "j").replace("kh", "h").replace("ph", "f").replace("x", "ks")
    token = re.sub(r"(?<=[bcdfghklmnprstvz])j(?=[aeiou])", "y", token)  # Vjacheslav = Vyacheslav
    token = re.sub(r"(?<=[aeiou])y(?=[aeiou])", "", token)  # Nikolayevna = Nikolaevna
    # Korean vowels: Woo = U, Yeong = Young = Yong, Eun = Un.
    token = token.replace("woo", "u").replace("eo", "o").replace("ou", "o").replace("eu", "u")
    token = token.replace("y", "i").replace("w", "v")
    # Korean romanisations differ in voicing (McCune-Reischauer "Chong", "Kyu", "Pyong" vs "Jong", "Gyu", "Byong").
    token = token.replace("j", "ch").translate(VOICING)
    return re.sub(r"(.)\1+", r"\1", token)  # Mariia = Maria, Mohammed = Mohamed


def _words(name: str) -> list[str]:
    text = re.sub(f"[{APOSTROPHES}]", "", fold(name))
    return re.sub(r"[^a-z0-9]+", " ", text).split()


def legal_forms(name: str) -> set[str]:
    """The legal-form families a company name states ("limited liability", "joint-stock")."""
    words = set(_words(name))
    return {family for family, forms in LEGAL_FORM_FAMILIES.items() if words & forms}


ACRONYM_SKIPPED_WORDS = frozenset({"of", "the", "and", "for"})
# An acronym ("IRGC" for "Islamic Revolutionary Guard Corps") is evidence enough for a reviewer, never for a link.
ACRONYM_SIMILARITY = 0.85


@lru_cache(maxsize=200_000)
def initials(name: str) -> str:
    """ "Islamic Revolutionary Guard Corps" → "irgc"; "" for one-word names."""
    words = [w for w in _words(name) if w not in ACRONYM_SKIPPED_WORDS]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def is_acronym_of(short: str, long: str) -> bool:
    words = _words(short)
    return len(words) == 1 and 2 <= len(words[0]) <= 6 and words[0] == initials(long)


@lru_cache(maxsize=200_000)
def name_tokens(name: str, entity_type: str) -> tuple[str, ...]:
    """Comparison tokens of a name; words in scripts without a transliteration here (Arabic, CJK, Greek)
    are dropped, so a name written only in them gives ()."""
    raw = [word for word in _words(name) if word.isascii()]
    if not raw:
        return ()
    stopwords = PERSON_STOPWORDS if entity_type == PERSON else ORGANIZATION_STOPWORDS
    kept = [t for t in raw if t not in stopwords] or raw
    return tuple(skeleton(t) for t in kept)


def _token_similarity(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100


def _best_matches(query: tuple[str, ...], entry: tuple[str, ...]) -> list[float]:
    """For each query token, its similarity to its own entry token (entry tokens used once; joined
    neighbours count as one: "Jongun" = "Jong Un")."""
    pool = list(entry) + [a + b for a, b in itertools.pairwise(entry)]
    found = []
    for token in query:
        if not pool:
            found.append(0.0)
            continue
        best = max(pool, key=lambda candidate: _token_similarity(token, candidate))
        found.append(_token_similarity(token, best))
        pool.remove(best)
    return found


def subset_similarity(query: tuple[str, ...], entry: tuple[str, ...]) -> float:
    """How well every query token finds its own entry token ("Vladimir Putin" in "PUTIN, Vladimir
    Vladimirovich"); 0 unless all do."""
    if len(query) < 2 or len(query) >= len(entry):
        return 0.0
    found = _best_matches(query, entry)
    return 0.0 if min(found) < 0.88 else sum(found) / len(found)


# Missing middle names or patronymics cost this much against a full-name match; for organisations,
# a name inside a longer one ("Central Bank of Iran") is only ever a review candidate.
SUBSET_DISCOUNT = {PERSON: 0.92, "organization": 0.85}


def name_similarity(query: tuple[str, ...], entry: tuple[str, ...], entity_type: str) -> tuple[float, str]:
    """0 to 1 similarity of two token tuples and how it was reached ("full" or "subset").

    The whole-name ratio is capped by the worst match of a token of the shorter name: short names
    differing in one syllable are different people ("Kim Yong Chol" is not "Kim Hyok Chol").
    """
    full = fuzz.token_sort_ratio(" ".join(query), " ".join(entry)) / 100
    # Hyphens split names inconsistently ("Agha-Jani" / "AGHAJANI"): compare the letters run together too.
    joined = (
        max(
            fuzz.ratio("".join(sorted(query)), "".join(sorted(entry))),
            fuzz.ratio("".join(query), "".join(entry)),
        )
        / 100
    )
    shorter, longer = sorted((query, entry), key=len)
    worst = min(_best_matches(shorter, longer))
    full = min(max(full, joined), 0.4 + 0.6 * worst)
    subset = SUBSET_DISCOUNT.get(entity_type, 0.0) * subset_similarity(query, entry)
    return (full, "full") if full >= subset else (subset, "subset")


@dataclass(frozen=True)
class Candidate:
    """A list entry reduced to what matching needs."""

    entry_id: int
    entity_type: str
    names: tuple[str, ...]
    weak_names: tuple[str, ...] = ()
    countries: frozenset[str] = frozenset()
    birth_years: tuple[tuple[int, int], ...] = ()
    identifiers: frozenset[str] = frozenset()  # "imo:9187629"
    named_countries: frozenset[str] = frozenset()  # "JSC SBERBANK OF RUSSIA": RUS

    @classmethod
    def build(
        cls,
        entry_id: int,
        entity_type: str,
        names: Iterable[str],
        weak_names: Iterable[str] = (),
        countries: Iterable[str] = (),
        birth_dates: Iterable[str] = (),
        identifiers: Iterable[str] = (),
    ) -> Candidate:
        names, bracketed = split_bracketed(with_joint_listings(names))
        return cls(
            entry_id=entry_id,
            entity_type=entity_type,
            names=names,
            weak_names=(*weak_names, *bracketed),
            countries=frozenset(countries),
            birth_years=tuple(filter(None, (birth_year_range(d) for d in birth_dates))),
            identifiers=frozenset(i for i in identifiers if i.startswith(MATCHED_IDENTIFIERS)),
            named_countries=named_countries(names, entity_type),
        )


def named_countries(names: Iterable[str], entity_type: str) -> frozenset[str]:
    """Countries an organisation's names place it in ("Sberbank of Russia"); people's names place no one."""
    if entity_type == PERSON:
        return frozenset()
    return frozenset(filter(None, map(country_named_in, names)))


@dataclass(frozen=True)
class Query:
    """One of our people or organisations: names (name first, then aliases), countries, birth year."""

    entity_type: str
    names: tuple[str, ...]
    countries: frozenset[str] = frozenset()
    birth_year: int | None = None
    identifiers: frozenset[str] = frozenset()


def birth_year_range(text: str) -> tuple[int, int] | None:
    years = [int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", text or "")]
    return (min(years), max(years)) if years else None


@dataclass(frozen=True)
class Weights:
    country_agrees: float = 0.04
    # Enough to keep a South Korean namesake of a listed North Korean out of review.
    country_conflicts: float = -0.15
    birth_year_agrees: float = 0.02
    birth_year_conflicts: float = -0.25
    legal_form_conflicts: float = -0.1
    # Two IMO numbers that differ are two hulls, whatever the names say.
    identifier_conflicts: float = -0.3


@dataclass
class Scored:
    candidate: Candidate
    score: float
    features: dict[str, Any] = field(default_factory=dict)

    @property
    def may_link_automatically(self) -> bool:
        """Weak aliases, acronyms and one-word person names only ever go to a reviewer."""
        return not (
            self.features.get("weak_alias")
            or self.features.get("single_token_name")
            or self.features.get("name_comparison") == "acronym"
        )


def without_initials(query: tuple[str, ...], entry: tuple[str, ...]) -> tuple[str, ...]:
    """The query's tokens less its initials ("Ivan P. Sidorov" → "ivan sidorof") when each initial is
    the first letter of an entry token ("SIDOROV, Ivan Petrovich"); the query unchanged otherwise."""
    initial_tokens = [t for t in query if len(t) == 1]
    rest = tuple(t for t in query if len(t) > 1)
    if not initial_tokens or len(rest) < 2:
        return query
    first_letters = [t[0] for t in entry]
    for initial in initial_tokens:
        if initial not in first_letters:
            return query
        first_letters.remove(initial)
    return rest


def score(query: Query, candidate: Candidate, weights: Weights = Weights()) -> Scored:
    best = (0.0, "", "", "", False)
    for query_name in query.names:
        query_tokens = name_tokens(query_name, query.entity_type)
        if not query_tokens:
            continue
        for weak, names in ((False, candidate.names), (True, candidate.weak_names)):
            for entry_name in names:
                entry_tokens = name_tokens(entry_name, candidate.entity_type)
                if not entry_tokens:
                    continue
                compared = without_initials(query_tokens, entry_tokens) if query.entity_type == PERSON else query_tokens
                similarity, how = name_similarity(compared, entry_tokens, query.entity_type)
                if (
                    query.entity_type != PERSON
                    and similarity < ACRONYM_SIMILARITY
                    and (is_acronym_of(query_name, entry_name) or is_acronym_of(entry_name, query_name))
                ):
                    similarity, how = ACRONYM_SIMILARITY, "acronym"
                # Prefer strong names on ties: a weak alias should not shadow an equal strong name.
                if (similarity, not weak) > (best[0], not best[4]):
                    best = (similarity, how, query_name, entry_name, weak)
    similarity, how, query_name, entry_name, weak = best
    features: dict[str, Any] = {
        "name_similarity": round(similarity, 4),
        "name_comparison": how,
        "query_name": query_name,
        "entry_name": entry_name,
    }
    if weak:
        features["weak_alias"] = True
    total = similarity
    query_forms, entry_forms = legal_forms(query_name), legal_forms(entry_name)
    if query_forms and entry_forms and not query_forms & entry_forms:
        features["legal_form"] = "conflicts"  # "LLC Zala Aero" is not "JSC Zala Aero"
        total += weights.legal_form_conflicts
    if query.entity_type == PERSON and len(name_tokens(query_name, PERSON)) == 1:
        features["single_token_name"] = True
    if query.countries and candidate.countries:
        agrees = bool(query.countries & candidate.countries)
        # A list country is often an address (a branch abroad) and a news country the article's: the
        # country an organisation's name states ("Sberbank of Russia") overrules a conflict, adding nothing.
        if not agrees and (query.countries | named_countries(query.names, query.entity_type)) & (
            candidate.countries | candidate.named_countries
        ):
            features["country"] = "named"
        else:
            features["country"] = "agrees" if agrees else "conflicts"
            total += weights.country_agrees if agrees else weights.country_conflicts
    if query.birth_year and candidate.birth_years:
        agrees = any(low - 1 <= query.birth_year <= high + 1 for low, high in candidate.birth_years)
        features["birth_year"] = "agrees" if agrees else "conflicts"
        total += weights.birth_year_agrees if agrees else weights.birth_year_conflicts
    if query.identifiers and candidate.identifiers:
        agrees = bool(query.identifiers & candidate.identifiers)
        features["identifier"] = "agrees" if agrees else "conflicts"
        # An IMO number outlives renames and re-flagging: it decides over names and flags.
        total = 1.0 if agrees else total + weights.identifier_conflicts
    return Scored(candidate, round(min(max(total, 0.0), 1.0), 4), features)


def blocking_keys(names: Iterable[str], entity_type: str) -> set[str]:
    """Cheap keys two names must share to be compared at all: 4-letter token prefixes, and for
    organisations acronyms ("=irgc" for both "IRGC" and "Islamic Revolutionary Guard Corps")."""
    keys = set()
    for name in names:
        keys |= {token[:4] for token in name_tokens(name, entity_type) if len(token) >= 2}
        if entity_type != PERSON:
            words = _words(name)
            keys.add("=" + (words[0] if len(words) == 1 else initials(name)))
    return keys - {"="}


class CandidateIndex:
    """Active entries of one list run, blocked by token prefix so each query scores a few entries."""

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        self.by_key: defaultdict[tuple[str, str], list[Candidate]] = defaultdict(list)
        for candidate in candidates:
            keys = blocking_keys((*candidate.names, *candidate.weak_names), candidate.entity_type)
            for key in keys | candidate.identifiers:
                self.by_key[(candidate.entity_type, key)].append(candidate)

    def search(self, query: Query, minimum: float) -> list[Scored]:
        """Entries scoring at least ``minimum`` for the query, best first."""
        seen: dict[int, Candidate] = {}
        for key in blocking_keys(query.names, query.entity_type) | query.identifiers:
            for candidate in self.by_key.get((query.entity_type, key), ()):
                seen.setdefault(candidate.entry_id, candidate)
        results = [score(query, candidate) for candidate in seen.values()]
        return sorted((r for r in results if r.score >= minimum), key=lambda r: -r.score)
