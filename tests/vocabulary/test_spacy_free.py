"""The shared vocabulary and the web-facing apps load without spaCy: only extraction needs it."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DJANGO_APPS = ("entities", "events", "ingestion", "tasks", "api", "web")

# A fresh interpreter, so modules other tests loaded do not count.
pytestmark = pytest.mark.slow


def modules_loaded_with(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120, check=True
    )
    return set(done.stdout.split())


def test_vocabulary_loads_neither_django_nor_spacy():
    loaded = modules_loaded_with("import vocabulary.countries, vocabulary.events, vocabulary.person_names")
    assert not {"spacy", "django"} & loaded


def test_every_module_of_the_django_apps_loads_without_spacy():
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for app in DJANGO_APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    )
    code = "import django, importlib\ndjango.setup()\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    loaded = modules_loaded_with(
        f"import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings')\n{code}"
    )
    assert "events.storing" in loaded and "entities.reference" in loaded
    assert "spacy" not in loaded


def test_light_extraction_modules_load_without_spacy():
    loaded = modules_loaded_with("import extraction.cleaning, extraction.language")
    assert "spacy" not in loaded
