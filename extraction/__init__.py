"""Django-free NLP pipeline: article text in, plain data out (see ARCHITECTURE.md)."""

__version__ = "0.1.0"
