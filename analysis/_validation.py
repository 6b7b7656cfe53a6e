"""Input checks shared by every layer: tables and parameter values.

One place for the checks, so that every function says the same thing about
the same mistake: a missing column is a :class:`~analysis.exceptions.TableError`
that lists the columns and names the function that makes the table; a value
out of range is a :class:`~analysis.exceptions.ParameterError` that names the
parameter.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import pandas as pd

from .exceptions import ParameterError, TableError

__all__ = ["as_columns", "check_fraction", "check_integer", "check_positive", "check_table"]


def check_table(
    table,
    required: Sequence[str],
    caller: str,
    *,
    producer: str = "read_transcript / read_event",
    allow_empty: bool = False,
    error: type[ValueError] = TableError,
) -> None:
    """Check that ``table`` is a DataFrame with the ``required`` columns (and rows).

    Parameters
    ----------
    table : object
        What the caller received.
    required : sequence of str
        Columns the caller needs.
    caller : str
        Name of the calling function, for the message.
    producer : str, default="read_transcript / read_event"
        The function whose output the caller expects, for the message.
    allow_empty : bool, default=False
        Accept a table without rows.
    error : type, default=TableError
        The exception raised.

    Raises
    ------
    TableError
        If ``table`` is not a DataFrame, lacks a column or (unless
        ``allow_empty``) has no rows; the message lists the missing columns.

    Examples
    --------
    >>> check_table(pd.DataFrame({"text": ["a"]}), ["text", "n_words"], "f")
    Traceback (most recent call last):
    ...
    analysis.exceptions.TableError: f: the table lacks column(s) 'n_words'; ...
    """
    if not isinstance(table, pd.DataFrame):
        raise error(
            f"{caller}: expected a pandas DataFrame (the output of {producer}), not {type(table).__name__}."
        )
    missing = [column for column in required if column not in table.columns]
    if missing:
        raise error(
            f"{caller}: the table lacks column(s) {', '.join(map(repr, missing))}; "
            f"pass the output of {producer} (or a table with its columns)."
        )
    if not allow_empty and table.empty:
        raise error(f"{caller}: the table has no rows.")


def as_columns(by) -> list:
    """A column name or a sequence of names, as a list.

    Parameters
    ----------
    by : str or sequence of str

    Returns
    -------
    list of str

    Examples
    --------
    >>> as_columns("speaker"), as_columns(("delegation", "segment"))
    (['speaker'], ['delegation', 'segment'])
    """
    return [by] if isinstance(by, str) else list(by)


def check_integer(value, name: str, *, minimum: int = 0) -> int:
    """``value`` as an int, if it is a whole number ≥ ``minimum``.

    Parameters
    ----------
    value : object
    name : str
        The parameter's name, for the message.
    minimum : int, default=0

    Returns
    -------
    int

    Raises
    ------
    ParameterError

    Examples
    --------
    >>> check_integer(0, "n_boot", minimum=1)
    Traceback (most recent call last):
    ...
    analysis.exceptions.ParameterError: n_boot must be an integer >= 1, not 0.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ParameterError(name, f"{name} must be an integer >= {minimum}, not {value!r}.")
    return int(value)


def check_fraction(value, name: str) -> float:
    """``value`` as a float, if it lies strictly between 0 and 1 (a confidence level).

    Parameters
    ----------
    value : object
    name : str

    Returns
    -------
    float

    Raises
    ------
    ParameterError

    Examples
    --------
    >>> check_fraction(2, "ci")
    Traceback (most recent call last):
    ...
    analysis.exceptions.ParameterError: ci must be a number between 0 and 1 (e.g. 0.95), not 2.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 < value < 1:
        raise ParameterError(name, f"{name} must be a number between 0 and 1 (e.g. 0.95), not {value!r}.")
    return float(value)


def check_positive(value, name: str) -> float:
    """``value`` as a float, if it is a finite number > 0.

    Parameters
    ----------
    value : object
    name : str

    Returns
    -------
    float

    Raises
    ------
    ParameterError
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 < value < float("inf"):
        raise ParameterError(name, f"{name} must be a positive number, not {value!r}.")
    return float(value)
