"""Quantitative discourse analytics of diplomatic press conferences.

The package turns a State Department-style transcript into a tidy paragraph
table (:func:`read_transcript`) and computes word shares, mentions, keyness and
topics from it. Nothing happens at import: no plotting style, no logging, no
printing.

Modules
-------
text
    Normalisation and the one tokenizer (the word-count convention).
transcript
    Transcript → paragraph table; event files and rosters.
wordshare, mentions, keyness, topics
    The analyses; each takes the paragraph table and returns tidy tables.
corpus, delegations, crossevent
    The State Department corpus, delegation inference, cross-event tables.
plots, style, figures
    One plotting function per figure, the palette, the figure script.
"""

from . import corpus, crossevent, delegations, keyness, mentions, stats, text, topics, wordshare
from .corpus import load_corpus, parse_report, read_corpus
from .delegations import infer_roster
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
    "corpus",
    "count_words",
    "crossevent",
    "delegations",
    "infer_roster",
    "keyness",
    "load_corpus",
    "load_event",
    "load_roster",
    "mentions",
    "normalize_text",
    "parse_report",
    "parse_transcript",
    "read_corpus",
    "read_event",
    "read_transcript",
    "stats",
    "text",
    "tokenize",
    "topics",
    "turns",
    "wordshare",
]

__version__ = "0.1.0"
