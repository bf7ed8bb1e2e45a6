"""The layout rules of the README: small modules, imports that never go round in a circle."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPLICATION = ("vocabulary", "extraction", "entities", "events", "tasks", "ingestion", "api", "web", "config")
MAX_LINES = 400


def application_modules() -> dict[str, Path]:
    modules = {}
    for package in APPLICATION:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def module_level_imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The application modules `name` imports when it is loaded or type-checked; imports inside
    functions are late (a task queued on commit) and do not count."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    body = ast.parse(path.read_text(encoding="utf-8")).body
    type_checking = [
        n for node in body if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test) for n in node.body
    ]
    for node in [*body, *type_checking]:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.add(target if target in modules else base)
    return found & modules.keys()


def test_no_application_module_is_over_the_line_limit():
    long = {
        name: n for name, path in application_modules().items() if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_module_imports_itself_through_others_when_loaded():
    modules = application_modules()
    graph = {name: module_level_imports(name, path, modules) - {name} for name, path in modules.items()}
    circles = []
    for start in graph:
        # Depth-first from each module: a path back to the start is a circle.
        stack, seen = [(start, (start,))], set()
        while stack:
            current, trail = stack.pop()
            for target in graph[current]:
                if target == start:
                    circles.append(trail)
                elif target not in seen:
                    seen.add(target)
                    stack.append((target, (*trail, target)))
    assert circles == []
