"""Public entry points: text (or HTML) in, contract dicts out.

``extract`` handles one text and raises :class:`ExtractionError` for bad
input; ``extract_batch`` streams many through ``nlp.pipe`` and turns bad
items into ``{"id": ..., "error": ...}`` records, so one bad item never
stops a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc, Span

from vocabulary.events import ARMS_TRANSFER, NON_STATE_ACTORS, SANCTIONS_VIOLATION
from vocabulary.person_names import surname_match

from .cleaning import clean_text
from .country_mentions import names_no_actor, state_organ_countries
from .datelines import dateline_tokens
from .event_officials import officials_by_event
from .gazetteer import COUNTRY_SPANS, ORIGINAL_TEXT_KEY, PUBLISHED_KEY
from .language import detect_language
from .lexicon import load_data, word_set
from .people import officials_of
from .pipeline import load_pipeline, model_name
from .qualify import resolve_event_date
from .recase import recase
from .vessels import vessels_in

RULES_VERSION = "rules-2026.12.8"
MAX_TEXT_CHARS = 1_000_000
# Items validated and parsed together; nlp.pipe batches inside each chunk.
CHUNK_ITEMS = 256
PIPE_BATCH_SIZE = 32

# What a malformed document can make spaCy or the rules raise.
_PIPELINE_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError, RuntimeError, RecursionError)


class ExtractionError(ValueError):
    """Input the pipeline cannot process (empty, too large, not English, not UTF-8)."""


def _model_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


@cache
def extractor_version(model: str | None = None) -> str:
    """Rules version plus the spaCy model and its version: what produced a result."""
    name = model or model_name()
    return f"{RULES_VERSION}+{name}-{_model_version(name)}"


EXTRACTOR_VERSION = extractor_version()


def prepare_text(text: object) -> str:
    """The cleaned text to analyse, or ExtractionError saying why there is none."""
    if not isinstance(text, str):
        raise ExtractionError(f"text must be a string, got {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise ExtractionError(f"text too large: {len(text)} characters (limit {MAX_TEXT_CHARS})")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ExtractionError("text is not valid UTF-8 (undecodable bytes)") from error
    try:
        cleaned = clean_text(text)
    except _PIPELINE_ERRORS as error:  # malformed markup that the HTML extractor chokes on
        raise ExtractionError(f"could not extract the article text: {type(error).__name__}") from error
    if not cleaned.strip():
        raise ExtractionError("text is empty (nothing left after removing whitespace and boilerplate)")
    language = detect_language(cleaned)
    if language not in ("en", ""):  # "": too short to tell, read as English
        raise ExtractionError(f"text is not English (detected language: {language})")
    return cleaned


@dataclass
class _Job:
    """One input item on its way through the batch."""

    id: object
    published: str | None = None
    title: str | None = None
    text: str | None = None
    error: str | None = None


def _job(item: object) -> _Job:
    if not isinstance(item, dict):
        return _Job(id=None, error=f"item must be a JSON object, got {type(item).__name__}")
    job = _Job(id=item.get("id"), published=item.get("published"), title=item.get("title"))
    if "text" not in item or item["text"] is None:
        job.error = "item has no 'text'"
        return job
    if job.published is not None and not isinstance(job.published, str):
        job.published = str(job.published)
    try:
        job.text = prepare_text(item["text"])
    except ExtractionError as error:
        job.error = str(error)
    return job


def _title_doc_text(title: object) -> str | None:
    """Titles add officials named only in the headline; all-capital wire headlines are skipped."""
    if not isinstance(title, str) or not title.strip() or title.isupper() or len(title) > 500:
        return None
    return clean_text(title) or None


def _dated_doc(nlp: Language, text: str, published: str | None) -> Doc:
    """An unprocessed doc carrying its publication date for the rule components. All-capitals copy
    is analysed re-cased (``recase.py``, same length); evidence quotes the text as given."""
    recased = recase(text, nlp)
    doc = nlp.make_doc(recased)
    doc.user_data[PUBLISHED_KEY] = published
    if recased != text:
        doc.user_data[ORIGINAL_TEXT_KEY] = text
    return doc


def result_from_doc(doc: Doc, published: str | None, title_doc: Doc | None = None) -> dict:
    """The contract dict for an annotated doc."""
    persons = doc._.persons or []
    # Job titles and datelines ("SEOUL, Sept 13 --") name no acting country.
    in_titles = {i for p in persons if p.official for i in p.title_token_ids} | dateline_tokens(doc)
    country_tokens = {i for span in doc.spans[COUNTRY_SPANS] for i in range(span.start, span.end)}
    countries = dict.fromkeys(
        span.label_ for span in doc.spans[COUNTRY_SPANS] if _names_actor(span, in_titles, country_tokens)
    )
    countries.update(dict.fromkeys(state_organ_countries(doc, in_titles)))
    events = []
    text = doc.user_data.get(ORIGINAL_TEXT_KEY) or doc.text  # built on each access: read once
    officials = officials_of(doc)
    by_name = {o["name"]: o for o in officials}  # the names the doc's persons have
    headline_officials = officials_of(title_doc, doc._.home_country) if title_doc is not None else []
    _fuller_names_from(headline_officials, officials)
    # Additive key: who speaks about, announces, denies or carries out each event.
    event_officials = officials_by_event(doc, by_name)
    for event, its_officials in zip(doc._.events, event_officials, strict=True):
        for codes in event["roles"].values():
            countries.update((c, None) for c in codes if c not in NON_STATE_ACTORS)
        start, end = event["spans"][0]
        evidence = text[start:end].strip()
        # The primary sentence dates the event; failing that, the first other mention that does.
        when, precision = next(
            (found for s, e in event["spans"] if (found := resolve_event_date(text[s:e], published))[0]),
            (None, None),
        )
        events.append(
            {
                "type": event["type"],
                "roles": event["roles"],
                "items": event["items"],
                "quantity": event["quantity"],
                "status": event["status"],
                "date": when,
                "date_precision": precision,
                "evidence": evidence,
                "evidence_spans": [_span(text, s, e) for s, e in event["spans"]],
                "confidence": event["confidence"],
                "officials": its_officials,
            }
        )
        if event["type"] in (ARMS_TRANSFER, SANCTIONS_VIOLATION):
            # Additive key: named ships of the event's sentences (name, IMO, flag).
            events[-1]["vessels"] = vessels_in(" ".join(text[s:e] for s, e in event["spans"]))
    known = {o["name"] for o in officials}
    officials += [
        o
        for o in headline_officials
        if o["name"] not in known and not any(o["name"] in k or k in o["name"] for k in known)
    ]
    return {"countries": list(countries), "officials": officials, "events": events}


def _fuller_names_from(headline: list[dict], officials: list[dict]) -> None:
    """A body official named by surname only ("Secretary Yellen") takes the full name the headline
    gives ("Secretary of the Treasury Janet L. Yellen")."""
    full_names = [o["name"] for o in headline]
    for official in officials:
        fuller = surname_match(official["name"], full_names)
        if fuller is not None:
            official["name"] = fuller


def _names_actor(span: Span, skipped: set[int], country_tokens: set[int]) -> bool:
    """Whether a country mention presents the country as an actor. Not: inside an official's
    job title (``skipped``), the country part of an address ("Antwerp, Belgium"), or a weapon's
    make ("the German Leopard tank"); event roles add their countries anyway."""
    if any(t.i in skipped for t in span) or names_no_actor(span):
        return False
    doc = span.doc
    features = load_data("actors")["geographic_features"]
    if span.end < len(doc) and doc[span.end].text in features:
        return False  # "the Indian Ocean", "the South China Sea"
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].text in features:
        return False  # "the Sea of Japan"
    if span.start >= 2 and doc[span.start - 1].text == ",":
        place = doc[span.start - 2]
        if place.ent_type_ in ("GPE", "LOC") and place.i not in country_tokens:
            return False
    if span.root.dep_ not in ("amod", "compound"):
        return True
    described = span.root.head
    while described.dep_ in ("compound", "nmod") and described.head.i != described.i:
        described = described.head  # "the German Leopard 2 tank": up to "tank"
    # A make describes a weapon; "Chinese warships patrolled ..." still has China acting.
    is_weapon = described.lemma_.lower() in word_set("events", "arms_strong_words")
    return not is_weapon or described.dep_ in ("nsubj", "nsubjpass")


def _span(text: str, start: int, end: int) -> dict:
    """Character offsets of a sentence without its surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return {"start": start, "end": end, "text": text[start:end]}


def extract(text: str, published: str | None = None, title: str | None = None, *, model: str | None = None) -> dict:
    """Countries, officials and events of one article (text or HTML).

    Raises ExtractionError for empty, oversized, non-UTF-8 or non-English input.
    Evidence offsets refer to ``clean_text(text)``. ``model``: the spaCy model (default: SPACY_MODEL).
    """
    cleaned = prepare_text(text)
    nlp = load_pipeline(model)
    title_text = _title_doc_text(title)
    title_doc = nlp(_dated_doc(nlp, title_text, published)) if title_text else None
    return result_from_doc(nlp(_dated_doc(nlp, cleaned, published)), published, title_doc)


def extract_batch(
    items: Iterable[dict], batch_size: int = PIPE_BATCH_SIZE, *, model: str | None = None
) -> Iterator[dict]:
    """Results for dicts with id/text/published/title, in input order: the contract dict with
    its "id", or ``{"id": ..., "error": ...}`` for an item that cannot be processed.
    ``model``: the spaCy model (default: SPACY_MODEL)."""
    nlp = load_pipeline(model)
    iterator = iter(items)
    while chunk := [_job(item) for item in islice(iterator, CHUNK_ITEMS)]:
        yield from _run_chunk(nlp, chunk, batch_size)


def _run_chunk(nlp: Language, jobs: list[_Job], batch_size: int) -> Iterator[dict]:
    """One chunk through nlp.pipe; if a document breaks the pipeline, the chunk is redone item by
    item so that only the culprit reports an error."""
    try:
        results = _analyse(nlp, jobs, batch_size)
    except _PIPELINE_ERRORS:
        results = []
        for job in jobs:
            try:
                results += _analyse(nlp, [job], batch_size)
            except _PIPELINE_ERRORS as error:
                results.append({"id": job.id, "error": f"extraction failed: {type(error).__name__}: {error}"})
    yield from results


def _analyse(nlp: Language, jobs: list[_Job], batch_size: int) -> list[dict]:
    ready = [job for job in jobs if job.error is None]
    titles = list(dict.fromkeys((t, job.published) for job in ready if (t := _title_doc_text(job.title))))
    # Bodies and headlines in one nlp.pipe pass: one set of batches rather than two.
    texts = [(job.text, job.published) for job in ready] + titles
    docs = list(nlp.pipe((_dated_doc(nlp, text, published) for text, published in texts), batch_size=batch_size))
    doc_of = {id(job): doc for job, doc in zip(ready, docs, strict=False)}
    title_docs = dict(zip(titles, docs[len(ready) :], strict=True))
    results = []
    for job in jobs:
        if job.error is not None:
            results.append({"id": job.id, "error": job.error})
            continue
        title_doc = title_docs.get((_title_doc_text(job.title), job.published))
        results.append({"id": job.id, **result_from_doc(doc_of[id(job)], job.published, title_doc)})
    return results
