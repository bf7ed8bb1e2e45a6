"""Bad input at every entry point: a clear message, no 500, the article stored when there is one, the batch goes on.

One table of hostile inputs (BAD_INPUTS) is fed to each entry point; each row says what the
ingestion pipeline must do with it: fail with a reason, or store the article (flagged when
it is not English). The good article at the end of each batch proves the batch continued.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from entities.models import SanctionsEntry
from events.models import Article, Event
from extraction import clean_text
from extraction.qualify import parse_published, resolve_event_date
from ingestion.parsing import parse_date
from tasks.models import ExtractionRun
from tests.conftest import Route
from tests.events.factories import EventFactory, EvidenceFactory
from tests.ingestion.test_ingest_command import ARTICLE, run_ingest

ROOT = Path(__file__).resolve().parents[2]
SQL_INJECTION = "Robert'); DROP TABLE events_article;-- \" OR 1=1 --"
HTML_INJECTION = '<script>alert("x")</script><img src=x onerror=alert(1)>'
GERMAN = (
    "Die Bundesregierung hat am Montag neue Sanktionen gegen mehrere Unternehmen verhängt, die Russland "
    "mit Bauteilen für Drohnen beliefert haben sollen. Nach Angaben des Wirtschaftsministeriums wurden die "
    "Lieferungen über Drittstaaten abgewickelt. Die Behörden prüfen weitere Fälle, teilte eine Sprecherin mit."
)


def _article(extra: str) -> str:
    """An English article long enough to be kept, carrying the hostile text in its body."""
    return f"{ARTICLE} {extra} {ARTICLE.replace('Seoul', 'Tokyo')}"


@dataclass(frozen=True)
class BadInput:
    name: str
    data: bytes
    stored: bool  # an article must be stored (else: failed with a reason)
    reason: str  # what the failure or the stored article's note says
    suffix: str = ".txt"


BAD_INPUTS = [
    BadInput("empty", b"", False, "empty input"),
    BadInput("whitespace", b"  \n\t \r\n ", False, "empty input"),
    BadInput("binary", bytes(range(256)) * 8, False, "binary data"),
    BadInput("non_utf8", "Sanktionen gegen Rußland verhängt.".encode("latin-1"), False, "not valid UTF-8 text"),
    BadInput(
        "mixed_encodings",
        _article("Grüße").encode() + " Müller in Köln.".encode("latin-1"),
        False,
        "not valid UTF-8 text",
    ),
    BadInput("non_english", GERMAN.encode(), True, "language 'de': stored, not extracted"),
    BadInput(
        "html_with_scripts",
        (
            f"<html><head><title>Shells</title><script>document.write('{HTML_INJECTION}')</script></head>"
            f"<body><article><p>{ARTICLE}</p><p>{ARTICLE.replace('Seoul', 'Tokyo')}</p>"
            f"<p>{ARTICLE.replace('Seoul', 'Kyiv')}</p></article>"
            f"<script>alert(1)</script></body></html>"
        ).encode(),
        True,
        "",
        ".html",
    ),
    BadInput("malformed_html", b"<html><body><div><p>Unclosed <b>tags <i>and </div></span>&bogus;", False, "", ".html"),
    BadInput(
        "malformed_xml",
        b"<?xml version='1.0'?><rss><channel><item><title>x</item>",
        False,
        "an XML document, not an article",
        ".xml",
    ),
    BadInput("malformed_json", b'{"text": "unterminated', False, "not valid JSON", ".jsonl"),
    BadInput(
        "jsonl_wrong_field_type",
        json.dumps({"text": _article("typed"), "title": 123}).encode(),
        False,
        '"title" must be a string',
        ".jsonl",
    ),
    BadInput("jsonl_nul", json.dumps({"text": _article("nul\x00")}).encode(), False, "NUL character", ".jsonl"),
    BadInput(
        "jsonl_deep_nesting",
        ('{"text": "x", "deep": ' + "[" * 100_000 + "]" * 100_000 + "}").encode(),
        False,
        "nested too deeply",
        ".jsonl",
    ),
    BadInput(
        "xhtml_with_xml_declaration",
        (
            '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
            f"<head><title>Shells</title></head><body><article><p>{ARTICLE.replace('Seoul', 'Minsk')}</p>"
            f"<p>{ARTICLE.replace('Seoul', 'Riga')}</p><p>{ARTICLE.replace('Seoul', 'Oslo')}</p>"
            "</article></body></html>"
        ).encode(),
        True,
        "",
        ".xhtml",
    ),
    BadInput("absurd_dates", _article("It happened on February 31, 99999 and in 0000-00-00.").encode(), True, ""),
    BadInput("unknown_country_codes", _article("Shipments from XXZ and QQ to ZZZ were seen.").encode(), True, ""),
    BadInput("sql_injection", _article(SQL_INJECTION).encode(), True, ""),
    BadInput("html_injection", _article(HTML_INJECTION).encode(), True, ""),
]
TEN_MB = (_article("Padding.") + "\n") * (10 * 1024 * 1024 // len(_article("Padding.")) + 1)


def _file_name(bad: BadInput) -> str:
    return f"{bad.name}{bad.suffix}"


def _label(bad: BadInput, source: str) -> str:
    """How results name the input: JSON Lines failures name the line."""
    return f"{source} line 1" if bad.suffix == ".jsonl" else source


def _assert_outcome(bad: BadInput, failures: str, label: str, *, same_reason: bool = True) -> None:
    """No failure for stored rows (the caller counts the stored articles), else a reason on the failure line."""
    line = next((line for line in failures.splitlines() if f"{label}: " in line), "")
    if bad.stored:
        assert not line, f"{bad.name}: should be stored, got {line}"
    else:
        assert line, f"{bad.name}: no failure reported for {label}"
        assert line.split(f"{label}: ", 1)[1].strip(), f"{bad.name}: failure without a reason"
        if bad.reason and same_reason:
            assert bad.reason in line


@pytest.mark.django_db
def test_ingesting_a_directory_of_bad_files_reports_each_and_keeps_the_good_one(tmp_path, settings):
    for bad in BAD_INPUTS:
        (tmp_path / _file_name(bad)).write_bytes(bad.data)
    (tmp_path / "zz_good.txt").write_text(ARTICLE)

    out, err, error = run_ingest("--no-extract", str(tmp_path))

    print(out, err)
    assert error is not None  # some inputs failed: the command says so with a non-zero exit
    for bad in BAD_INPUTS:
        _assert_outcome(bad, err, _label(bad, str(tmp_path / _file_name(bad))))
    stored = sum(bad.stored for bad in BAD_INPUTS) + 1
    assert f"Ingested {stored}, duplicates 0, failed {len(BAD_INPUTS) + 1 - stored}." in out
    assert Article.objects.filter(text=ARTICLE).exists()
    assert not Article.objects.filter(text__contains="document.write").exists()  # a page's scripts are dropped
    german = Article.objects.get(language="de")
    assert "language 'de': stored, not extracted" in out
    assert not ExtractionRun.objects.filter(article=german).exists()
    stored_injection = Article.objects.get(text__contains="DROP TABLE")
    assert SQL_INJECTION in stored_injection.text  # stored verbatim, as data


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused_by_ingest_and_the_batch_continues(tmp_path):
    (tmp_path / "a_huge.txt").write_text(TEN_MB)
    (tmp_path / "b_good.txt").write_text(ARTICLE)

    out, err, _ = run_ingest("--no-extract", str(tmp_path))

    assert f"{tmp_path / 'a_huge.txt'}: file of {len(TEN_MB.encode())} bytes exceeds the" in err
    assert "Ingested 1, duplicates 0, failed 1." in out


# JSON Lines rows of the right shape with a bad field: reason -> line. Each fails alone.
BAD_JSONL_LINES = {
    '"title" must be a string, not int': json.dumps({"text": _article("title"), "title": 123}),
    '"publisher" must be a string, not int': json.dumps({"text": _article("publisher"), "publisher": 5}),
    '"url" must be a string, not dict': json.dumps({"text": _article("url"), "url": {"href": "https://x.org/"}}),
    '"text" contains a NUL character': json.dumps({"text": _article("nul\x00")}),
    '"title" contains a NUL character': json.dumps({"text": _article("nul title"), "title": "a\x00b"}),
    "url of 2001 characters exceeds the 2000-character limit": json.dumps(
        {"text": _article("long url"), "url": "https://example.org/" + "a" * 1981}
    ),
    "is not an http(s) URL": json.dumps({"text": _article("script"), "url": "javascript:alert(1)//https://x"}),
    '"published" must be a string (a date), not list': json.dumps({"text": _article("date"), "published": [2024]}),
    "not valid JSON: nested too deeply": '{"text": "x", "deep": ' + "[" * 100_000 + "]" * 100_000 + "}",
}


@pytest.mark.django_db
def test_every_bad_jsonl_line_is_reported_with_its_line_number_and_the_rest_are_stored(tmp_path):
    lines = [
        json.dumps({"text": ""}),
        json.dumps({"text": "   \n "}),
        '{"text": "unterminated',
        "[1, 2, 3]",
        json.dumps({"text": 42}),
        json.dumps({"text": GERMAN}),
        json.dumps({"text": _article(SQL_INJECTION), "title": HTML_INJECTION, "publisher": SQL_INJECTION}),
        json.dumps({"text": _article("absurd"), "published": "99999-99-99"}),
        json.dumps({"text": _article("unknown"), "published": "not a date", "url": "https://example.org/unknown"}),
        *BAD_JSONL_LINES.values(),
        json.dumps({"text": ARTICLE}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_bytes("\n".join(lines).encode() + b"\n\xff\xfe broken bytes\n")

    _, err, _ = run_ingest("--no-extract", str(path))

    assert f"{path}: not valid UTF-8 text" in err  # the whole file's encoding is checked first
    path.write_text("\n".join(lines) + "\n")
    out, err, _ = run_ingest("--no-extract", str(path))
    assert f"{path} line 1: empty text" in err
    assert f"{path} line 2: empty text" in err
    assert f"{path} line 3: not valid JSON" in err
    assert f'{path} line 4: not a JSON object with a "text" string' in err
    assert f'{path} line 5: not a JSON object with a "text" string' in err
    for number, reason in enumerate(BAD_JSONL_LINES, start=10):
        [line] = [line for line in err.splitlines() if f"{path} line {number}: " in line]
        assert reason in line
    assert f"Ingested 5, duplicates 0, failed {5 + len(BAD_JSONL_LINES)}." in out
    injected = Article.objects.get(title=HTML_INJECTION)
    assert injected.publisher == SQL_INJECTION
    assert Article.objects.get(text__contains="absurd").published is None


@pytest.mark.django_db
def test_bad_pages_and_feeds_fetched_by_url_are_reported_and_the_rest_are_stored(local_server):
    for bad in BAD_INPUTS:
        kind = {".html": "text/html", ".xml": "application/xml"}.get(bad.suffix, "text/plain")
        local_server.routes[f"/{bad.name}"] = Route(200, bad.data, {"Content-Type": f"{kind}; charset=utf-8"})
    local_server.routes["/good"] = Route(200, ARTICLE.encode(), {"Content-Type": "text/plain"})
    local_server.routes["/feed.xml"] = Route(200, b"<rss><channel><item><title>x</item>", {"Content-Type": "text/xml"})
    urls = [local_server.url(f"/{bad.name}") for bad in BAD_INPUTS]

    _, err, _ = run_ingest("--no-extract", *urls, local_server.url("/good"))
    _, feed_err, feed_error = run_ingest("--no-extract", "--feed", local_server.url("/feed.xml"))

    for bad, url in zip(BAD_INPUTS, urls, strict=True):
        if bad.suffix == ".jsonl":
            continue  # a page is never JSON Lines: served as text, it is a short text
        _assert_outcome(bad, err, url, same_reason=bad.suffix != ".xml")  # XML: not an accepted page type
    assert Article.objects.filter(text=ARTICLE, url=local_server.url("/good")).exists()
    # feedparser recovers the broken item; its empty body is refused.
    assert f"{local_server.url('/feed.xml')} entry 1: empty text" in feed_err
    assert feed_error is not None


@pytest.fixture
def editor(client):
    user = User.objects.create_superuser("editor", password="a-long-enough-password")
    client.force_login(user)
    return client


INGEST_URL = reverse("admin:events_article_ingest")


@pytest.mark.django_db
@pytest.mark.parametrize("bad", BAD_INPUTS, ids=lambda bad: bad.name)
def test_admin_upload_of_bad_files_shows_a_reason_and_never_fails(editor, bad):
    response = editor.post(INGEST_URL, {"file": SimpleUploadedFile(_file_name(bad), bad.data)}, follow=True)

    assert response.status_code == 200
    page = response.content.decode().lower()  # the admin capitalises messages
    if bad.stored:
        assert f"{_file_name(bad)}: created" in page
        assert HTML_INJECTION not in page  # the admin escapes what it echoes
    elif not bad.data.strip():
        assert "the submitted file is empty." in page or "empty input" in page
    else:
        assert f"{_label(bad, _file_name(bad))}: failed: " in page


@pytest.mark.django_db
def test_admin_upload_over_the_size_limit_is_refused_with_the_limit(editor, settings):
    settings.INGEST_MAX_FILE_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("huge.txt", TEN_MB.encode())

    response = editor.post(INGEST_URL, {"file": upload})

    assert response.status_code == 200
    assert "larger than the 1048576-byte limit" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   \n\t  ", "Give exactly one of"),
        (GERMAN, "Pasted text: created: language &#x27;de&#x27;: stored, not extracted"),
        (_article(SQL_INJECTION), "Pasted text: created"),
        (_article(HTML_INJECTION), "Pasted text: created"),
        ("\x00\x01\x02 binary", "Null characters are not allowed."),
    ],
    ids=["whitespace", "non_english", "sql_injection", "html_injection", "nul_bytes"],
)
def test_admin_paste_of_bad_text_shows_a_reason_and_never_fails(editor, text, message):
    response = editor.post(INGEST_URL, {"text": text, "title": HTML_INJECTION}, follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert HTML_INJECTION not in page


@pytest.mark.django_db
def test_admin_paste_of_ten_megabytes_is_refused_without_a_server_error(editor):
    response = editor.post(INGEST_URL, {"text": TEN_MB})

    assert response.status_code == 400  # DATA_UPLOAD_MAX_MEMORY_SIZE: Django's "Bad Request"
    assert not Article.objects.exists()


def test_the_extraction_command_line_answers_every_bad_line_and_continues():
    lines = [
        b"",
        b'{"id": "empty", "text": ""}',
        b'{"id": "blank", "text": "  \\n "}',
        b'{"id": "broken", "text": "unterminated',
        b"\xff\xfe not utf-8",
        b"[1, 2]",
        json.dumps({"id": "german", "text": GERMAN}).encode(),
        json.dumps({"id": "html", "text": f"<html><script>x()</script><p>{ARTICLE}</p></html>"}).encode(),
        json.dumps({"id": "dates", "text": ARTICLE, "published": "99999-99-99"}).encode(),
        json.dumps({"id": "inject", "text": _article(SQL_INJECTION + HTML_INJECTION), "title": SQL_INJECTION}).encode(),
        json.dumps({"id": "huge", "text": TEN_MB}).encode(),
        json.dumps({"id": "good", "text": ARTICLE, "published": "2024-03-04"}).encode(),
    ]
    done = subprocess.run(
        [sys.executable, "-m", "extraction", "--jsonl"],
        input=b"\n".join(lines) + b"\n",
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )

    assert done.returncode == 0, done.stderr.decode()[-2000:]
    results = [json.loads(line) for line in done.stdout.decode().splitlines()]
    by_id = {r.get("id"): r for r in results}
    assert len(results) == len(lines) - 1  # one answer per non-empty line, in order
    assert "empty" in by_id["empty"]["error"]
    assert "empty" in by_id["blank"]["error"]
    assert "line 4 is not valid JSON" in results[2]["error"]  # numbered as in the input, blank lines too
    assert any("not valid UTF-8" in r.get("error", "") for r in results)
    assert any("not a JSON object" in r.get("error", "") for r in results)
    assert "English" in by_id["german"]["error"]
    assert "large" in by_id["huge"]["error"]
    for ok in ("html", "dates", "inject", "good"):
        assert "error" not in by_id[ok], by_id[ok]
    assert "PRK" in by_id["good"]["countries"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("file_format", "data"),
    [
        ("un-xml", b""),
        ("un-xml", b"   \n"),
        ("un-xml", b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>x</INDIVIDUALS>"),
        ("un-xml", bytes(range(256)) * 4),
        ("ftm", b'{"id": "x", "schema": "Person", "properties": {"name": ["' + SQL_INJECTION.encode() + b'"'),
        ("ftm", "Müller".encode("latin-1")),
        ("ofac-csv", b"\x00\x01\x02"),
        ("ofac-xml", b"<sdnList><sdnEntry><uid>1</uid>"),
    ],
    ids=["empty", "whitespace", "malformed_xml", "binary", "malformed_json", "non_utf8", "binary_csv", "bad_xml"],
)
def test_load_sanctions_rejects_bad_files_with_a_reason_and_loads_nothing(tmp_path, file_format, data):
    from entities.sanctions import PARSERS

    assert file_format in PARSERS
    path = tmp_path / "list"
    path.write_bytes(data)

    with pytest.raises(CommandError, match=r"Rejected, nothing loaded: .+"):
        call_command("load_sanctions", str(path), "--format", file_format, stdout=StringIO(), stderr=StringIO())

    assert not SanctionsEntry.objects.exists()


GOOD_FTM_LINE = json.dumps(
    {"id": "good", "schema": "Person", "target": True, "properties": {"name": ["Ivan Good"], "topics": ["sanction"]}}
)


def _ftm(properties: object, **entity: object) -> str:
    return json.dumps({"id": "bad", "schema": "Person", "target": True, "properties": properties, **entity})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "deep", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        (_ftm({"name": [5]}), 'property "name" must be a list of strings'),
        (_ftm({"name": ["Ivan"], "birthDate": [1960]}), 'property "birthDate" must be a list of strings'),
        (_ftm({"name": ["Ivan"], "alias": [{"x": 1}]}), 'property "alias" must be a list of strings'),
        (_ftm({"name": "Ivan"}), 'property "name" must be a list of strings'),
        (_ftm({"name": ["Iv\x00an"]}), "without NUL characters"),
        (_ftm({"name": ["Ivan"]}, caption=["Ivan"]), '"caption" must be a string'),
    ],
    ids=["deep_nesting", "name_number", "birth_date_number", "alias_object", "name_not_list", "nul", "caption_list"],
)
def test_load_sanctions_rejects_a_bad_ftm_line_naming_it(tmp_path, line, reason):
    path = tmp_path / "entities.ftm.json"
    path.write_text(f"{GOOD_FTM_LINE}\n{line}\n")

    with pytest.raises(CommandError) as rejected:
        call_command("load_sanctions", str(path), "--format", "ftm", stdout=StringIO(), stderr=StringIO())

    assert str(rejected.value).startswith(f"Rejected, nothing loaded: {path}, line 2: ")
    assert reason in str(rejected.value)
    assert not SanctionsEntry.objects.exists()


# Any string, or text around the shapes the resolvers look for (month names, years, ISO dates).
DATE_TEXT = st.one_of(
    st.text(),
    st.builds(
        lambda words, number: f"{words} {number}",
        st.sampled_from(["on March", "in February", "on Feb.", "in", "since May", "last", "next", "on Monday"]),
        st.integers(min_value=-99999, max_value=99999).map(str),
    ),
)
PUBLISHED = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.dates().map(str),
    st.sampled_from(["9999-12-31", "0001-01-01", "9999-12", "9999", "0000-00-00", "2024-02-30", "2024-13-01"]),
)


@given(st.text())
@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_cleaner_never_raises_on_any_string(text):
    cleaned = clean_text(text)

    assert isinstance(cleaned, str)
    assert clean_text(cleaned) == cleaned  # cleaning twice changes nothing: evidence offsets stay valid


@given(DATE_TEXT, PUBLISHED)
@hypothesis_settings(max_examples=500, deadline=None)
def test_the_date_resolver_never_raises_and_answers_a_date_with_its_precision(sentence, published):
    value, precision = resolve_event_date(sentence + " yesterday tomorrow next year last month", published)

    assert (value is None) == (precision is None)
    assert precision in (None, "day", "month", "year")


@given(PUBLISHED)
def test_publication_dates_parse_to_a_date_or_nothing(published):
    assert parse_published(published)[0] is None or parse_published(published)[1] in ("day", "month", "year")
    assert parse_date(published) is None or parse_date(published).year >= 1


# Hostile query-string values (already URL-encoded): each reaches every filter of the search page and the API.
BAD_QUERY_VALUES = {
    "empty": "",
    "whitespace": "%20%09%0A",
    "long": "x" * 100_000,
    "binary": "%00%01%02%ff",
    "non_utf8": "%ff%fe%fa",
    "mixed_encodings": "Gr%C3%BC%DFe%fc",
    "non_english": "%D0%A1%D0%B0%D0%BD%D0%BA%D1%86%D0%B8%D0%B8",
    "html_with_scripts": "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "absurd_date": "99999-99-99",
    "unknown_country_code": "XXZ",
    "sql_injection": "%27%3B%20DROP%20TABLE%20events_event%3B--",
}
SEARCH_PARAMETERS = ["q", "country", "role", "type", "certainty", "date_from", "date_to", "person", "status", "sort"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/events/", "/api/events/", "/api/events/export.csv"])
def test_hostile_query_parameters_get_an_answer_never_a_server_error(client, path, no_rate_limit):
    EvidenceFactory(event=EventFactory(review_status=Event.ReviewStatus.APPROVED))
    answers = {}
    for name, value in BAD_QUERY_VALUES.items():
        for parameter in SEARCH_PARAMETERS:
            response = client.get(f"{path}?{parameter}={value}")
            answers[(name, parameter)] = response.status_code
            assert response.status_code in (200, 400), (path, name, parameter, response.status_code)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if response["Content-Type"].startswith("text/html"):
                assert b"<script>alert(1)" not in body  # echoed back escaped, if at all
            elif response.status_code == 400:
                assert parameter.encode() in body  # the error names the parameter
    assert answers[("empty", "q")] == 200
