"""Quantitative discourse analytics of diplomatic press conferences.

The package turns a press-conference transcript into a tidy paragraph table
(:func:`read_transcript`) and computes word shares, mentions, keyness and
topics from it. Nothing happens at import: no plotting style, no logging, no
printing; matplotlib is imported only when a plotting module is first used.

Layers (data and imports flow one way, top to bottom)
-----------------------------------------------------
parsing
    :mod:`~analysis.parsing.text` (normalisation and the one tokenizer),
    :mod:`~analysis.parsing.labels` (speaker labels),
    :mod:`~analysis.parsing.roster` (events and rosters),
    :mod:`~analysis.parsing.people` (the person registry: who is who across events),
    :mod:`~analysis.parsing.delegations` (inference without a roster),
    :mod:`~analysis.parsing.formats` (State Department, defense.gov and White
    House formats),
    :mod:`~analysis.parsing.transcript` (transcript → paragraph table),
    :mod:`~analysis.parsing.corpus` (the State Department and White House
    corpora).
measures
    :mod:`~analysis.measures.wordshare`, :mod:`~analysis.measures.mentions`,
    :mod:`~analysis.measures.keyness`, :mod:`~analysis.measures.topics`,
    :mod:`~analysis.measures.crossevent`: each takes the paragraph table and
    returns tidy tables; :mod:`~analysis.measures.tables` computes all of an
    event's (or a corpus's) tables once.
plotting
    :mod:`~analysis.plotting.plots` (one function per figure: table in, Axes
    out) and :mod:`~analysis.plotting.style` (palette and style file).
figures, cli
    The figure registry and script, and the command line: the only modules
    that write files.

The most used modules are attributes of the package: ``analysis.wordshare``,
``analysis.mentions``, ``analysis.keyness``, ``analysis.topics``,
``analysis.crossevent``, ``analysis.plots``, ``analysis.style``.
"""

import importlib

from . import exceptions
from .exceptions import (
    CorpusError,
    DegenerateInputWarning,
    LexiconError,
    ParameterError,
    RegistryError,
    TableError,
    TopicModelError,
    TranscriptError,
    TranscriptWarning,
)
from .measures import crossevent, keyness, mentions, stats, tables, topics, wordshare
from .measures.tables import corpus_tables, event_tables
from .parsing import corpus, delegations, people, roster, text, transcript
from .parsing.corpus import load_corpus, parse_report, read_corpus
from .parsing.delegations import infer_roster
from .parsing.people import load_people
from .parsing.roster import Event, load_event, load_roster
from .parsing.text import count_words, normalize_text, tokenize
from .parsing.transcript import parse_transcript, read_event, read_transcript, turns

__all__ = [
    "CorpusError",
    "DegenerateInputWarning",
    "Event",
    "LexiconError",
    "ParameterError",
    "RegistryError",
    "TableError",
    "TopicModelError",
    "TranscriptError",
    "TranscriptWarning",
    "corpus",
    "corpus_tables",
    "count_words",
    "crossevent",
    "delegations",
    "event_tables",
    "exceptions",
    "figures",
    "infer_roster",
    "keyness",
    "load_corpus",
    "load_event",
    "load_people",
    "load_roster",
    "mentions",
    "normalize_text",
    "parse_report",
    "parse_transcript",
    "people",
    "plots",
    "read_corpus",
    "read_event",
    "read_transcript",
    "roster",
    "stats",
    "style",
    "tables",
    "text",
    "tokenize",
    "topics",
    "transcript",
    "turns",
    "wordshare",
]

__version__ = "0.1.0"

# Modules that import matplotlib load on first use (PEP 562).
_LAZY = {
    "plots": "analysis.plotting.plots",
    "style": "analysis.plotting.style",
    "figures": "analysis.figures",
}


def __getattr__(name):
    if name in _LAZY:
        return importlib.import_module(_LAZY[name])
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
