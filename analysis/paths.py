"""The one place that knows where the project's files are.

Paths are built from this file's location, never from the working directory,
so the package behaves the same from a notebook, a test or ``make``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BACKGROUND_COUNTS",
    "CORPUS_DIR",
    "DATA_DIR",
    "EVENTS_DIR",
    "FIGURES_DIR",
    "LEXICON",
    "PEOPLE",
    "RAW_DIR",
    "ROOT",
    "SEED_EVENT",
    "SEED_TRANSCRIPT",
    "WHITEHOUSE_DIR",
]

#: Repository root (the folder holding ``pyproject.toml``).
ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
#: Raw inputs, byte-identical to their sources. Nothing in the package writes here.
RAW_DIR = DATA_DIR / "raw"
#: Event metadata files: one TOML file per event, with its speaker roster.
EVENTS_DIR = DATA_DIR / "events"
#: The bundled event: the U.S.-Japan "2+2" joint press availability, 11 January 2023.
SEED_EVENT = EVENTS_DIR / "2023-01-11_us-japan-2plus2.toml"
SEED_TRANSCRIPT = RAW_DIR / "2023-01-11_us-japan-2plus2_joint-press-availability.txt"
#: The State Department "Remarks" corpus (three overlapping JSON files).
CORPUS_DIR = RAW_DIR / "state-gov-remarks-2021-2023"
#: The White House transcripts (Markdown with YAML front matter, and MANIFEST.csv).
WHITEHOUSE_DIR = RAW_DIR / "whitehouse-2021-2025"
#: Word counts of the State Department corpus (the keyness prior), made from CORPUS_DIR by
#: ``make background-counts`` and committed; a test recounts them.
BACKGROUND_COUNTS = DATA_DIR / "derived" / "state-gov-term-counts.tsv"
#: The versioned mention lexicon.
LEXICON = DATA_DIR / "lexicon.toml"
#: The person registry: who speaks under which label, with canonical name and delegation.
PEOPLE = DATA_DIR / "people.toml"
FIGURES_DIR = ROOT / "figures"
