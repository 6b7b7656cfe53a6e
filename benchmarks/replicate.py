"""Scaled copies of the State Department corpus, for the scale benchmark.

:func:`replicate_corpus` repeats the corpus table so that the pipeline can be
timed at 2, 4, 8 times its size without a single paragraph text repeating (so
caches keyed by text save no more work than on a real corpus of that size).
Used by ``benchmarks/run.py``; tested in ``tests/test_benchmarks.py``.
"""

from __future__ import annotations

import pandas as pd

from analysis.exceptions import ParameterError

__all__ = ["replicate_corpus"]


def replicate_corpus(corpus: pd.DataFrame, n_copies: int) -> pd.DataFrame:
    """The corpus repeated ``n_copies`` times, each copy with distinct event ids.

    Used to measure how the pipeline scales; copy ``k`` (from 2 on) gets
    ``"~k"`` appended to every ``event_id`` and url, and in its ``content``
    the case of the ``k``-th letter from the end of every line is swapped,
    never reaching back past a colon (so speaker labels stay as they are).
    The words, and so every count, are those of the original, but almost no
    paragraph text repeats an earlier copy's, so caches keyed by text
    (:func:`analysis.tokenize`) save no more work than on a corpus of
    that size.

    Parameters
    ----------
    corpus : pandas.DataFrame
        :func:`analysis.load_corpus`'s table.
    n_copies : int
        At least 1.

    Returns
    -------
    pandas.DataFrame
        ``n_copies * len(corpus)`` rows, the columns of :func:`load_corpus`.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> corpus = load_corpus()
    >>> twice = replicate_corpus(corpus, 2)
    >>> len(twice) == 2 * len(corpus), twice["event_id"].is_unique
    (True, True)
    """
    if isinstance(n_copies, bool) or not isinstance(n_copies, int) or n_copies < 1:
        raise ParameterError("n_copies", f"n_copies must be a positive integer, not {n_copies!r}.")
    copies = [corpus]
    for k in range(2, n_copies + 1):
        copies.append(
            corpus.assign(
                event_id=corpus["event_id"] + f"~{k}",
                url=corpus["url"] + f"~{k}",
                content=corpus["content"].map(lambda text, k=k: _swap_case_from_end(text, k)),
            )
        )
    return pd.concat(copies, ignore_index=True)


def _swap_case_from_end(text: str, k: int) -> str:
    """Swap the case of the ``k``-th letter from the end of each line, after its last colon."""
    if not isinstance(text, str):  # a record without content
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if line.rstrip().endswith(":"):
            continue
        seen = 0
        for position in range(len(line) - 1, -1, -1):
            if line[position] == ":":  # never reach back into a speaker label
                break
            if line[position].isalpha():
                seen += 1
                if seen == k:
                    lines[number] = line[:position] + line[position].swapcase() + line[position + 1 :]
                    break
    return "\n".join(lines)
