"""Quantitative discourse analytics of diplomatic press conferences.

The package turns a State Department-style transcript into a tidy paragraph
table (:func:`read_transcript`) and computes word shares, mentions, keyness and
topics from it. Nothing happens at import: no plotting style, no logging, no
printing.
"""

from .text import count_words, normalize_text, tokenize
from .transcript import (
    Event,
    TranscriptError,
    load_event,
    load_roster,
    parse_transcript,
    read_event,
    read_transcript,
    turns,
)

__all__ = [
    "Event",
    "TranscriptError",
    "count_words",
    "load_event",
    "load_roster",
    "normalize_text",
    "parse_transcript",
    "read_event",
    "read_transcript",
    "tokenize",
    "turns",
]

__version__ = "0.1.0"
