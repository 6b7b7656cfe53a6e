"""Every error and warning type of the package, in one place.

All errors are :class:`ValueError` subclasses (bad input, not a bug), so
``except ValueError`` catches any of them; each message says what is wrong
and what to do. The figure script's :class:`FigureSkipped` is a signal, not an
error.

=============  =========================================================
type                   raised for
=====================  =========================================================
:class:`TranscriptError`  a transcript, event file or roster that cannot be read
                          (names the file and line)
:class:`LexiconError`     a mention lexicon that cannot be used (names the entry)
:class:`RegistryError`    a person registry that cannot be used (names the entry)
:class:`CorpusError`      a corpus, or one of its pages, that cannot be read
:class:`TableError`       a table without the columns or rows a function needs
:class:`ParameterError`   a parameter value out of its range (names the parameter)
:class:`TopicModelError`  a topic model that cannot be fitted or summarised
:class:`FigureError`      input the figure script cannot draw
:class:`TranscriptWarning`  (a warning) a transcript that parses but whose structure
                            looks wrong (names the file and lines)
=====================  =========================================================
=======
============================  ==================================================
type                          raised for
============================  ==================================================
:class:`TranscriptError`      a transcript, event file or roster that cannot be
                              read (names the file and line)
:class:`LexiconError`         a mention lexicon that cannot be used (names the
                              entry)
:class:`RegistryError`        a person registry that cannot be used (names the
                              entry)
:class:`CorpusError`          a corpus, or one of its pages, that cannot be read
:class:`TableError`           a table without the columns or rows a function
                              needs
:class:`ParameterError`       a parameter value out of its range (names the
                              parameter)
:class:`TopicModelError`      a topic model that cannot be fitted or summarised
:class:`FigureError`          input the figure script cannot draw
:class:`ReportError`          an output folder a report cannot write or may not
                              own
============================  ==================================================

Warnings: :class:`TranscriptWarning` when a transcript parses but its
structure looks wrong (names the file and lines); :class:`DegenerateInputWarning`
when a measure returns NaN (or leaves a value undefined) because the input
cannot define it, e.g. shares of a table without words; :class:`FigureWarning`
when a figure is left out.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "CorpusError",
    "DegenerateInputWarning",
    "FigureError",
    "FigureSkipped",
    "FigureWarning",
    "LexiconError",
    "ParameterError",
    "RegistryError",
    "ReportError",
    "TableError",
    "TopicModelError",
    "TranscriptError",
    "TranscriptWarning",
]


class TranscriptError(ValueError):
    """A transcript, event file or roster that cannot be read as it is.

    Parameters
    ----------
    message : str
        What is wrong and what to do about it.
    path : str or Path, optional
        The file (or source name) concerned.
    line : int, optional
        The 1-based line in that file.

    Attributes
    ----------
    path, line, message
        As given; ``str(error)`` reads ``"path:line: message"``.
    """

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        where = ""
        if self.path is not None:
            where = self.path + (f":{line}" if line is not None else "") + ": "
        super().__init__(where + message)


class TranscriptWarning(UserWarning):
    """A transcript that parses but whose structure looks wrong; the message names the file and lines.

    Raised as a warning (:func:`warnings.warn`) for question-like paragraphs
    inside a principal's turn (a press question whose ``Q`` marker was not
    recognised is credited to the speaker before it), or for a page whose
    title says "press conference" but which has no press question.

    Parameters
    ----------
    message : str
        What looks wrong and what to check.
    path : str or Path, optional
        The file (or source name).
    lines : sequence of int, default=()
        The 1-based lines concerned.

    Attributes
    ----------
    path, lines, message
        As given; ``str(warning)`` reads ``"path: lines 12, 40: message"``.
    """

    def __init__(self, message: str, *, path: str | Path | None = None, lines=()):
        self.message = message
        self.path = None if path is None else str(path)
        self.lines = tuple(int(line) for line in lines)
        where = ""
        if self.path is not None:
            where = self.path + ": "
        if self.lines:
            where += "line" + ("s " if len(self.lines) > 1 else " ") + ", ".join(map(str, self.lines)) + ": "
        super().__init__(where + message)


class LexiconError(ValueError):
    """A lexicon that cannot be used as it is; the message names the entry."""


class RegistryError(ValueError):
    """A person registry (``data/people.toml``) that cannot be used as it is; the message names the entry."""


class CorpusError(ValueError):
    """The corpus, or one of its pages, cannot be read; the message names the file or page."""


class TableError(ValueError):
    """A table that lacks the columns, rows or values a function needs."""


class ParameterError(ValueError):
    """A parameter value outside its range.

    Parameters
    ----------
    parameter : str
        The parameter's name, as the function spells it.
    message : str
        What is wrong and which values are allowed.

    Attributes
    ----------
    parameter : str
    """

    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(message)


class TopicModelError(ValueError):
    """Input that a topic model cannot be fitted or summarised on.

    The message names what is wrong and what to do (fewer topics, a lower
    ``min_df``, the missing column...).
    """


class FigureError(ValueError):
    """Input that the figure script cannot draw (e.g. several events at once)."""


class DegenerateInputWarning(UserWarning):
    """A measure's result holds NaN because the input cannot define it.

    Raised (as a warning) with a message that names the function, the values
    left undefined and why: e.g. ``word_share`` of a table whose paragraphs
    hold no words (every share is 0 / 0), or ``mention_rates`` of a group
    without words (a rate per 1,000 words of nothing). NaN that a function
    documents as part of its normal output (no interval with ``n_boot=0``, no
    standard deviation of a single turn) raises no warning.
    """


class ReportError(ValueError):
    """An output folder that ``python -m analysis report`` cannot write, or may not own.

    A report owns its folder: it writes into a new or empty folder, or
    replaces a previous report whole; it refuses a file, a path under a file,
    a folder it cannot create, a folder that holds anything but a previous
    report, and anything under ``data/raw/``.
    """


class FigureWarning(UserWarning):
    """A figure or table was left out because the input cannot support it."""


class FigureSkipped(Exception):  # noqa: N818 (a signal, not an error)
    """Raised by a figure's ``make`` function when its input cannot support the figure.

    The build leaves that figure out with a :class:`FigureWarning` carrying
    the message, and goes on with the others.
    """
