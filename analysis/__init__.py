"""Quantitative discourse analytics of diplomatic press conferences.

The package turns a press-conference transcript into a tidy paragraph table
(:func:`read_transcript`) and computes word shares, mentions, keyness and
topics from it. Nothing happens at import: no plotting style, no logging, no
printing, and no module but the exceptions is loaded before it is first used
(``analysis.topics``, ``from analysis import read_event``), so pandas,
scikit-learn and matplotlib are imported only when something needs them.

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

# Everything but the exceptions loads on first use (PEP 562): ``import analysis`` costs no
# pandas, scikit-learn or matplotlib, so a figure build copied from the cache
# (analysis.buildcache) starts in a fraction of a second. ``from analysis import
# read_event`` and ``analysis.topics`` import what they name, once.
_MODULES = {
    "corpus": "analysis.parsing.corpus",
    "crossevent": "analysis.measures.crossevent",
    "delegations": "analysis.parsing.delegations",
    "figures": "analysis.figures",
    "keyness": "analysis.measures.keyness",
    "mentions": "analysis.measures.mentions",
    "people": "analysis.parsing.people",
    "plots": "analysis.plotting.plots",
    "roster": "analysis.parsing.roster",
    "stats": "analysis.measures.stats",
    "style": "analysis.plotting.style",
    "tables": "analysis.measures.tables",
    "text": "analysis.parsing.text",
    "topics": "analysis.measures.topics",
    "transcript": "analysis.parsing.transcript",
    "wordshare": "analysis.measures.wordshare",
}
#: Functions and classes of the top level, by the module that defines them.
_NAMES = {
    "corpus_tables": "analysis.measures.tables",
    "event_tables": "analysis.measures.tables",
    "load_corpus": "analysis.parsing.corpus",
    "parse_report": "analysis.parsing.corpus",
    "read_corpus": "analysis.parsing.corpus",
    "infer_roster": "analysis.parsing.delegations",
    "load_people": "analysis.parsing.people",
    "Event": "analysis.parsing.roster",
    "load_event": "analysis.parsing.roster",
    "load_roster": "analysis.parsing.roster",
    "count_words": "analysis.parsing.text",
    "normalize_text": "analysis.parsing.text",
    "tokenize": "analysis.parsing.text",
    "parse_transcript": "analysis.parsing.transcript",
    "read_event": "analysis.parsing.transcript",
    "read_transcript": "analysis.parsing.transcript",
    "turns": "analysis.parsing.transcript",
}


def __getattr__(name):
    if name in _MODULES:
        value = importlib.import_module(_MODULES[name])
    elif name in _NAMES:
        value = getattr(importlib.import_module(_NAMES[name]), name)
    else:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
