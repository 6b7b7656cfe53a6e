"""Paragraph table → tidy tables: word share, mentions, keyness, topics, cross-event comparisons.

Imports only from :mod:`analysis.parsing` (and the package's exceptions,
validation and paths), never from :mod:`analysis.plotting` or the figure
script.
"""
