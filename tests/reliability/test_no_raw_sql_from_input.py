"""No SQL text is built from values: raw SQL calls take a literal string and pass values as parameters."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RAW_SQL_CALLS = {"execute", "executemany", "raw", "extra", "RawSQL"}
# Application code only: tests and benchmarks may build SQL from their own constants.
SKIPPED_DIRS = {".venv", "tests", "bench", "migrations", "node_modules", ".git"}
# SQL built from what the code itself controls, never from input (file: why).
ALLOWED_BUILT_SQL = {
    "events/fake_data.py": "ANALYZE of the models' own table names",
    "events/aggregates.py": "upserts into the aggregate models' own tables and key columns, values as parameters",
    "events/review_queue.py": "EXPLAIN of SQL the ORM compiled, with its parameters passed separately",
}


def _built_sql_calls(path: Path) -> list[int]:
    """Lines where a raw SQL call's first argument is an f-string, a concatenation or a %/format() result."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        sql = node.args[0]
        built = isinstance(sql, (ast.JoinedStr, ast.BinOp)) or (
            isinstance(sql, ast.Call) and isinstance(sql.func, ast.Attribute) and sql.func.attr == "format"
        )
        if name in RAW_SQL_CALLS and built:
            lines.append(node.lineno)
    return lines


def test_no_application_code_builds_sql_text_from_values():
    offenders = {}
    scanned = 0
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if SKIPPED_DIRS.intersection(relative.parts) or str(relative) in ALLOWED_BUILT_SQL:
            continue
        scanned += 1
        if lines := _built_sql_calls(path):
            offenders[str(relative)] = lines
    assert scanned > 20
    assert not offenders, f"SQL built from values (use parameters): {offenders}"


def test_the_check_finds_sql_built_with_an_f_string(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f(cursor, name):\n    cursor.execute(f\"SELECT * FROM t WHERE name = '{name}'\")\n")

    assert _built_sql_calls(sample) == [2]
