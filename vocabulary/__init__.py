"""Shared vocabulary: plain Python, no Django, no spaCy.

The facts the extraction pipeline and the Django apps must agree on live here once:
country records and aliases (:mod:`vocabulary.countries`), and event types, roles,
certainty statuses and the intergovernmental organisations named by code
(:mod:`vocabulary.events`). Importing them never loads a language model.
"""
