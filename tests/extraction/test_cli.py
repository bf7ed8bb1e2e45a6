"""The command-line contract, run as a subprocess the way tooling runs it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


# Each test runs a separate Python process.
pytestmark = pytest.mark.slow


def run_cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extraction", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_jsonl_mode_answers_every_line_in_order_even_bad_ones():
    lines = [
        json.dumps(
            {
                "id": "a",
                "text": "Spain sent tanks to Ukraine on Monday.",
                "published": "2024-03-14",
                "title": None,
            }
        ).encode(),
        b"this is not json",
        json.dumps({"id": "c"}).encode(),
        b'{"id": "d", "text": "Peru bought \xff rifles"}',
        b"",
        json.dumps({"id": "e", "text": "  "}).encode(),
        json.dumps({"id": "f", "text": "Chile bought two frigates from Britain.", "published": None}).encode(),
    ]
    proc = run_cli("--jsonl", stdin=b"\n".join(lines) + b"\n")
    assert proc.returncode == 0, proc.stderr.decode()
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["a", None, "c", "d", "e", "f"]
    assert out[0]["events"][0]["roles"] == {"supplier": ["ESP"], "recipient": ["UKR"]}
    assert "not valid JSON" in out[1]["error"]
    assert "no 'text'" in out[2]["error"]
    assert "UTF-8" in out[3]["error"]
    assert "empty" in out[4]["error"]
    assert out[5]["events"][0]["roles"] == {"supplier": ["GBR"], "recipient": ["CHL"]}


def test_single_file_mode_prints_one_result(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Norway will deliver air defence systems to Poland, the minister said.", encoding="utf-8")
    proc = run_cli(str(article), "--published", "2024-03-14")
    assert proc.returncode == 0, proc.stderr.decode()
    result = json.loads(proc.stdout)
    assert result["events"][0]["status"] == "planned"
    assert set(result) >= {"id", "countries", "officials", "events"}


def test_single_file_mode_reports_undecodable_files(tmp_path):
    article = tmp_path / "latin1.txt"
    article.write_bytes("Perú compró fusiles a Chile.".encode("latin-1"))
    proc = run_cli(str(article))
    assert proc.returncode == 1
    assert "UTF-8" in json.loads(proc.stdout)["error"]


def test_a_missing_model_is_a_clear_configuration_error():
    proc = subprocess.run(
        [sys.executable, "-m", "extraction", "--jsonl"],
        input=b"",
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
        env={**os.environ, "SPACY_MODEL": "no_such_model"},
    )
    assert proc.returncode == 3
    assert "no_such_model" in proc.stderr.decode()
