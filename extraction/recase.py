"""All-capitals wire copy in ordinary case, so that the tagger and the parser can read it.

Translation services and old wire archives ("EL SALVADOR IS SUPPOSED TO RECEIVE 85 MILLION
DOLLARS IN U.S. MILITARY AID") arrive in capitals throughout; the statistical model, trained on
ordinary case, tags most such words as proper nouns and the parse falls apart. A text whose
letters are mostly capitals is re-cased character for character (the same length, so that every
offset still points into the cleaned text):

* names the gazetteer knows (countries, demonyms, capitals, state organisations, leaders) and
  month and day names take their own spelling or capitals ("El Salvador", "Salvadoran", "Moscow");
* words the English lexicon knows (the model's lemmatizer tables and stop words, tried with their
  inflections stripped) are lower-cased; a title ("PRESIDENT", "COMMANDER") before a word the
  lexicon does not know takes capitals ("President Alfredo Cristiani");
* other words are names: up to four letters they stay in capitals (agencies and movements, "EFE",
  "FMLN"), longer ones take an initial capital;
* the first word of each sentence takes an initial capital; dotted abbreviations ("U.S.") stay.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language

from vocabulary.countries import country_records

from .gazetteer import actor_organisations
from .lexicon import load_data, word_set

# A text is all-capitals copy when this share of its letters (and at least this many) are capitals.
_CAPITALS_SHARE = 0.85
_MIN_LETTERS = 40
_MAX_NAME_WORDS = 4
_ACRONYM_LENGTH = 4
_WORD = re.compile(r"[A-Za-z]+(?:\.[A-Za-z]\.?)*")
_SENTENCE_END = re.compile(r"(?:[.!?]|--|\n)\s*[\"'(\[]*\s*$")
_ABBREVIATION_END = re.compile(r"\b(?:[A-Za-z]\.){2,}\s*$")
_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ly", ""))
_SUFFIXES += (("er", ""), ("ers", ""), ("est", ""), ("iest", "y"), ("ion", "e"), ("ions", "e"))


def is_all_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return len(letters) >= _MIN_LETTERS and upper >= _CAPITALS_SHARE * len(letters)


def recase(text: str, nlp: Language | None = None) -> str:
    """``text`` in ordinary case (same length), or unchanged when it is not all-capitals copy."""
    if not is_all_capitals(text):
        return text
    chars = list(text.lower())
    words = list(_WORD.finditer(text))
    lexicon = _lexicon(nlp)
    names = _name_forms()
    titles = _title_phrases()
    function_words = word_set("recase", "function_words")
    i = 0
    while i < len(words):
        match = words[i]
        span = _longest(words, i, names)
        if span:
            form = names[" ".join(w.group().lower() for w in words[i : i + span])]
            _spell(chars, words[i].start(), words[i + span - 1].end(), form)
            i += span
            continue
        title = _longest(words, i, titles)
        lower = match.group().lower()
        if title and i + title < len(words) and not _common(words[i + title].group().lower(), lexicon):
            for w in words[i : i + title]:
                _capitalise(chars, w)
            i += title
            # The name: up to three words, not closed-class words and not inflected ones ("said", "shipped").
            for w in words[i : i + _MAX_NAME_WORDS - 1]:
                lower_w = w.group().lower()
                if lower_w in function_words or (len(lower_w) > 4 and lower_w.endswith(("ed", "ing"))):
                    break
                _capitalise(chars, w)
                i += 1
            continue
        if lower == "i":
            chars[match.start()] = "I"
        elif "." in match.group():
            _spell(chars, match.start(), match.end(), match.group())  # "U.S.", "U.N."
        elif not _common(lower, lexicon) or _bracketed(text, match):
            if len(lower) <= _ACRONYM_LENGTH:
                _spell(chars, match.start(), match.end(), match.group())
            else:
                _capitalise(chars, match)
        i += 1
    for match in words:
        before = text[: match.start()]
        if not before.strip() or (_SENTENCE_END.search(before) and not _ABBREVIATION_END.search(before)):
            _capitalise(chars, match)
    return "".join(chars)


def _bracketed(text: str, match: re.Match[str]) -> bool:
    """A short word alone in brackets is an agency or a movement: "(AFP)", "(FMLN)"."""
    return text[match.start() - 1 : match.start()] == "(" and text[match.end() : match.end() + 1] == ")"


def _spell(chars: list[str], start: int, end: int, form: str) -> None:
    if len(form) == end - start:
        chars[start:end] = list(form)
    else:
        chars[start:end] = list(" ".join(w.capitalize() for w in "".join(chars[start:end]).split(" ")))


def _capitalise(chars: list[str], match: re.Match[str]) -> None:
    chars[match.start()] = chars[match.start()].upper()


def _longest(words: list[re.Match[str]], i: int, phrases: dict | frozenset) -> int:
    for size in range(min(_MAX_NAME_WORDS, len(words) - i), 0, -1):
        window = words[i : i + size]
        contiguous = all(window[k + 1].start() - window[k].end() <= 1 for k in range(size - 1))
        if contiguous and " ".join(w.group().lower() for w in window) in phrases:
            return size
    return 0


def _common(word: str, lexicon: frozenset[str]) -> bool:
    """Whether an English word (or an inflection of one) is in the lexicon."""
    if word in lexicon or word.isdigit():
        return True
    return any(
        word.endswith(suffix) and word[: len(word) - len(suffix)] + restore in lexicon
        for suffix, restore in _SUFFIXES
        if len(word) > len(suffix) + 2
    ) or (len(word) > 4 and word[-3:-2] == word[-4:-3] and word[:-3] in lexicon)  # "shipped"


@cache
def _name_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    names = [n for r in country_records() for n in (r.name, *r.aliases, *r.demonyms, *r.seats) if "," not in n]
    names += [o["name"] for o in actor_organisations()]
    names += [n for group in load_data("leaders")["leaders"].values() for n in group]
    names += load_data("recase")["names"]
    for name in [*names, *load_data("recase")["calendar"]]:
        words = _WORD.findall(name)
        if words and len(words) <= _MAX_NAME_WORDS and (not name.isupper() or len(name) <= _ACRONYM_LENGTH):
            forms.setdefault(" ".join(w.lower() for w in words), name)
    forms.pop("", None)
    return forms


@cache
def _title_phrases() -> frozenset[str]:
    titles = load_data("titles")
    return frozenset(t.lower() for t in [*titles["official"], *titles["generic_heads"], *load_data("recase")["titles"]])


def _lexicon(nlp: Language | None) -> frozenset[str]:
    words = set(word_set("recase", "function_words"))
    if nlp is not None and "lemmatizer" in nlp.pipe_names:
        words |= _lemma_index(nlp)
    return frozenset(words)


_LEMMA_CACHE: dict[int, frozenset[str]] = {}


def _lemma_index(nlp: Language) -> frozenset[str]:
    key = id(nlp)
    if key not in _LEMMA_CACHE:
        lookups = nlp.get_pipe("lemmatizer").lookups
        found: set[str] = set()
        if lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
            for pos in index:
                found.update(w for w in index[pos] if "_" not in w)
        if lookups.has_table("lemma_exc"):
            exceptions = lookups.get_table("lemma_exc")
            for pos in exceptions:
                found.update(exceptions[pos].keys())
        found |= nlp.Defaults.stop_words
        _LEMMA_CACHE[key] = frozenset(found)
    return _LEMMA_CACHE[key]
