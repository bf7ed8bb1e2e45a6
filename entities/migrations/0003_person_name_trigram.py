"""Trigram index on people's names for fuzzy name search (PostgreSQL only; SQLite uses icontains)."""

from django.db import migrations


def create_trigram_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm;")
        # Serves event search by an official's name: WHERE name %> ? (word_similarity,
        # Django's trigram_word_similar) — typo- and word-order-tolerant.
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS person_name_trgm_idx ON entities_person USING gin (name gin_trgm_ops);"
        )


def drop_trigram_index(apps, schema_editor) -> None:
    # The extension stays: other objects may depend on it.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_name_trgm_idx;")


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0002_sanctions_matches"),
    ]

    operations = [
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
