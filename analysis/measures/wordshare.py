"""Who spoke how much: word share per speaker, delegation, segment or event.

Words are counted with the project tokenizer (the ``n_words`` column of the
paragraph table). Shares come with percentile bootstrap intervals that
resample *turns* (keyed by ``event_id`` and ``turn``): a turn is the unit a
speaker controls, and paragraphs within a turn are not independent. Every
group's share is computed from the same resample, so the shares of one
replicate add up to 1.

Interpreted speech
------------------
The Japanese ministers at a U.S.-Japan press conference usually speak Japanese;
the transcript prints the interpreter's English (marked ``(Via interpreter)``).
Their word counts therefore measure the interpreter's rendering, not their own
words: consecutive interpretation condenses, drops hedges and repetitions and
adds its own phrasing, and the time it takes comes out of the same press
conference. A lower Japanese word share is partly a property of interpretation
rather than of the ministers' speaking. :func:`word_share` keeps interpreted
words apart (``n_words_interpreted``, ``share_interpreted``) so that a
comparison of the U.S. and Japanese ministers can be read, or restricted, with
that in mind.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd
from scipy import sparse

from .._validation import as_columns, check_fraction, check_integer, check_table
from ..exceptions import DegenerateInputWarning, TableError
from ..parsing.text import tokenize
from .stats import bootstrap_indices, check_random_state, draw_counts, percentile_interval

__all__ = ["PRESS_GROUP", "press_as_one", "word_share"]

#: The speaker name of all press turns taken together (:func:`press_as_one`).
PRESS_GROUP = "Journalists"


def press_as_one(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The paragraph table with every press paragraph's speaker set to :data:`PRESS_GROUP`.

    The paragraph table gives each journalist whom the moderator names a
    speaker of his or her own ("Shaun Tandon (AFP)"); tables and figures by
    speaker show the press as one group instead, since one or two questions
    per journalist say little about any of them.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        With ``speaker`` and ``role``.

    Returns
    -------
    pandas.DataFrame
        A copy; the input is not changed.
    """
    check_table(paragraphs, ["speaker", "role"], "press_as_one", allow_empty=True)
    press = paragraphs["role"] == "press"
    return paragraphs.assign(speaker=paragraphs["speaker"].where(~press, PRESS_GROUP).astype("str"))


def word_share(
    paragraphs: pd.DataFrame,
    by="speaker",
    *,
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state=0,
    stratify="speaker",
) -> pd.DataFrame:
    """Words, turns and word shares per group, with bootstrap intervals.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        The paragraph table (:func:`analysis.read_transcript`), one event or a
        concatenation of many keyed by ``event_id``.
    by : str or list of str, default="speaker"
        Grouping column(s): ``"speaker"``, ``"delegation"``,
        ``["delegation", "segment"]``, ``"event_id"``...
    n_boot : int, default=1000
        Bootstrap resamples of the turns; ``0`` skips the intervals (NaN).
    ci : float, default=0.95
        Coverage of the percentile intervals.
    random_state : None, int or numpy.random.Generator, default=0
        Seed of the resampling (:func:`analysis.stats.bootstrap_indices`).
    stratify : str or None, default="speaker"
        A column constant within each turn (``"speaker"``, ``"delegation"``,
        ``"role"``). Each stratum's turns are resampled among themselves, so
        every replicate keeps the number of turns each speaker actually had:
        at a press availability that number is set by protocol (statements in
        order, questions alternating between the sides), so the interval
        reflects how long each speaker spoke, not how many turns they were
        given. ``None`` resamples all turns together, which also lets the
        number of turns vary and gives much wider intervals (on the bundled
        event, U.S. share of the principals' words 0.616 with
        [0.439, 0.773] stratified, [0.335, 0.882] unstratified). With
        ``"speaker"``, the press turns are one stratum (:data:`PRESS_GROUP`):
        the number of questions is set by protocol, their lengths vary from
        journalist to journalist, and a stratum per journalist (most ask once)
        would freeze the press's words.

    Returns
    -------
    pandas.DataFrame
        One row per group, sorted by the ``by`` columns, with columns

        - the ``by`` column(s); when ``by`` includes ``"speaker"`` also
          ``delegation`` and ``role`` (of the speaker's first paragraph), and
          the press is one group, speaker :data:`PRESS_GROUP` (see
          :func:`press_as_one`)
        - ``n_speakers`` : int, distinct speakers in the group (journalists
          named by the moderator count one each)
        - ``n_words`` : int, words (project tokenizer)
        - ``n_turns`` : int, turns with at least one paragraph in the group
        - ``n_paragraphs`` : int
        - ``share`` : float, ``n_words`` / all words in the table (NaN,
          with a :class:`~analysis.exceptions.DegenerateInputWarning`, when
          the table has no words)
        - ``share_low``, ``share_high`` : float, percentile bootstrap interval
          of ``share``, resampling turns (keyed by ``event_id``, ``turn``;
          within strata when ``stratify`` is given). NaN for the press group
          of a table by speaker: it is several people, and an interval from
          resampling their turns as one speaker's would describe a speaker
          who does not exist (the by-delegation table has the press's
          interval, for the press as a side).
        - ``share_principals`` : float, the group's principals' words / all
          principals' words (``role == "principal"``); NaN for a group with
          no principal words
        - ``principal_share_low``, ``principal_share_high`` : float, its
          bootstrap interval, from the same resamples
        - ``mean_words_per_turn``, ``sd_words_per_turn`` : float, over the
          group's turns (sample standard deviation, ``ddof=1``; NaN for one
          turn)
        - ``n_types`` : int, distinct tokens
        - ``n_words_interpreted`` : int, words in paragraphs that reached the
          transcript through an interpreter (``interpreted`` column)
        - ``share_interpreted`` : float, ``n_words_interpreted / n_words``
          (NaN, with a :class:`~analysis.exceptions.DegenerateInputWarning`,
          for a group without words)

    Raises
    ------
    TableError
        If a required column is missing, the table is empty, or ``n_boot`` or
        ``ci`` is out of range.

    Notes
    -----
    For interpreted speakers the words are the interpreter's; see the module
    docstring before comparing them with speakers who spoke English.

    Examples
    --------
    >>> from analysis import parse_transcript
    >>> table = parse_transcript("MR A: One two three.\\n\\nMS B: Four.\\n\\nMR A: Five six.")
    >>> word_share(table, n_boot=0)[["speaker", "n_words", "n_turns", "share"]].values.tolist()
    [['MR A', 5, 2, 0.8333333333333334], ['MS B', 1, 1, 0.16666666666666666]]
    """
    by = as_columns(by)
    check_table(
        paragraphs,
        [*by, "event_id", "turn", "paragraph_id", "role", "delegation", "interpreted", "text", "n_words"],
        "word_share",
    )
    n_boot = check_integer(n_boot, "n_boot", minimum=0)
    ci = check_fraction(ci, "ci")
    named = paragraphs["speaker"] if "speaker" in paragraphs else pd.Series("", index=paragraphs.index)
    if "speaker" in by or stratify == "speaker":
        paragraphs = press_as_one(paragraphs)
    unit_strata = None
    if stratify is not None:
        check_table(paragraphs, [stratify], "word_share")
        per_unit = paragraphs.groupby(["event_id", "turn"], sort=True)[stratify]
        varying = per_unit.nunique(dropna=False) > 1
        if varying.any():
            event, turn = varying[varying].index[0]
            raise TableError(
                f"word_share: stratify={stratify!r} changes within turn {turn} of {event!r}; "
                "stratify by a column that is constant within turns (speaker, delegation, role)."
            )
        unit_strata = per_unit.first().astype(str).to_numpy()

    frame = paragraphs.assign(
        _principal_words=paragraphs["n_words"].where(paragraphs["role"] == "principal", 0),
        _interpreted_words=paragraphs["n_words"].where(paragraphs["interpreted"].astype(bool), 0),
        _named=named,
    )
    grouped = frame.groupby(by, dropna=False, sort=True)
    table = grouped.agg(
        n_words=("n_words", "sum"),
        n_paragraphs=("paragraph_id", "size"),
        _principal_words=("_principal_words", "sum"),
        n_words_interpreted=("_interpreted_words", "sum"),
        n_speakers=("_named", "nunique"),
    )
    if "speaker" in by:
        first = grouped[["delegation", "role"]].first()
        table = table.join(first[[c for c in ("delegation", "role") if c not in by]])

    # Words of each group in each turn (the bootstrap unit).
    per_turn = frame.groupby([*by, "event_id", "turn"], dropna=False, sort=True)[
        ["n_words", "_principal_words"]
    ].sum()
    turn_stats = per_turn["n_words"].groupby(level=list(range(len(by))), dropna=False, sort=True)
    table["n_turns"] = turn_stats.size()
    table["mean_words_per_turn"] = turn_stats.mean()
    table["sd_words_per_turn"] = turn_stats.std(ddof=1)
    table["n_types"] = grouped["text"].agg(
        lambda texts: len(set(itertools.chain.from_iterable(map(tokenize, texts))))
    )

    total = table["n_words"].sum()
    principal_total = table["_principal_words"].sum()
    table["share"] = table["n_words"] / total if total else np.nan
    has_principals = table["_principal_words"] > 0
    table["share_principals"] = (table["_principal_words"] / principal_total).where(has_principals)
    table["share_interpreted"] = (table["n_words_interpreted"] / table["n_words"]).where(table["n_words"] > 0)
    if total == 0:
        warnings.warn(
            "word_share: the paragraphs hold no words (n_words sums to 0), so every share, interval and "
            "share_interpreted is undefined (NaN).",
            DegenerateInputWarning,
            stacklevel=2,
        )
    elif (table["n_words"] == 0).any():
        silent = ", ".join(map(str, table.index[table["n_words"] == 0][:5]))
        warnings.warn(
            f"word_share: group(s) {silent} have no words, so their share_interpreted is undefined (NaN).",
            DegenerateInputWarning,
            stacklevel=2,
        )

    low = high = p_low = p_high = np.full(len(table), np.nan)
    if n_boot > 0:
        low, high, p_low, p_high = _bootstrap_shares(
            per_turn, table.index, len(by), n_boot, ci, random_state, unit_strata
        )
    if "speaker" in by:
        # The press group is several people: no interval pretends they are one speaker.
        several = (grouped["role"].first() == "press").to_numpy()
        low, high = np.where(several, np.nan, low), np.where(several, np.nan, high)
    table["share_low"], table["share_high"] = low, high
    table["principal_share_low"] = np.where(has_principals, p_low, np.nan)
    table["principal_share_high"] = np.where(has_principals, p_high, np.nan)

    columns = [
        *(["delegation", "role", "n_speakers"] if "speaker" in by else []),
        "n_words",
        "n_turns",
        "n_paragraphs",
        "share",
        "share_low",
        "share_high",
        "share_principals",
        "principal_share_low",
        "principal_share_high",
        "mean_words_per_turn",
        "sd_words_per_turn",
        "n_types",
        "n_words_interpreted",
        "share_interpreted",
    ]
    columns = [c for c in columns if c not in by or c in ("n_words",)]
    table = table.reset_index()
    table = table[[*by, *[c for c in columns if c not in by]]]
    integers = ("n_words", "n_turns", "n_paragraphs", "n_types", "n_words_interpreted", "n_speakers")
    return table.astype({c: "int64" for c in integers if c in table})


def _bootstrap_shares(
    per_turn: pd.DataFrame, groups: pd.Index, n_by: int, n_boot, ci, random_state, unit_strata=None
):
    """Percentile intervals of the shares, resampling (event_id, turn) units.

    Builds a groups × units matrix of words (and of principal words), draws
    ``n_boot`` resamples of the units with :func:`bootstrap_indices` (within
    each stratum, strata in sorted order, when ``unit_strata`` gives one label
    per unit in (event_id, turn) order), and computes every group's share from
    the same resample.
    """
    flat = per_turn.reset_index()
    group_keys = list(flat.columns[:n_by])
    unit_index = pd.MultiIndex.from_frame(flat[["event_id", "turn"]]).unique().sort_values()
    unit_codes = unit_index.get_indexer(pd.MultiIndex.from_frame(flat[["event_id", "turn"]]))
    group_codes = groups.get_indexer(
        pd.MultiIndex.from_frame(flat[group_keys]) if n_by > 1 else pd.Index(flat[group_keys[0]])
    )
    n_units = len(unit_index)
    # Words of each group in each unit, groups × units; sparse, as a turn is mostly one group's.
    shape = (len(groups), n_units)
    words = sparse.csr_array((flat["n_words"].to_numpy(dtype=float), (group_codes, unit_codes)), shape=shape)
    principal = sparse.csr_array(
        (flat["_principal_words"].to_numpy(dtype=float), (group_codes, unit_codes)), shape=shape
    )
    rng = check_random_state(random_state)
    if unit_strata is None:
        strata = [np.arange(n_units)]
    else:
        # The units of each stratum, strata in sorted order, units in table order.
        codes = np.unique(unit_strata, return_inverse=True)[1].ravel()
        order = np.argsort(codes, kind="stable")
        strata = np.split(order, np.cumsum(np.bincount(codes))[:-1]) if len(codes) else []
    # Each stratum's units are resampled among themselves. How often each unit is drawn in each
    # resample is written stratum by stratum into one units × resamples matrix: no index matrix
    # of every draw and no copies of it are made (hundreds of megabytes to allocate at the
    # corpus's 5,000 turns). Counts and words are whole numbers, so the totals (resamples ×
    # groups) are exact, whatever the order of the sums.
    draws = np.zeros((n_units, n_boot))
    for members in strata:
        draws[members] = draw_counts(bootstrap_indices(len(members), n_boot, rng), len(members)).T
    totals = (words @ draws).T
    principal_totals = (principal @ draws).T
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = totals / totals.sum(axis=1, keepdims=True)
        principal_shares = principal_totals / principal_totals.sum(axis=1, keepdims=True)
    # A resample without any (principal) words has no shares: it is left out.
    low, high = _interval(shares, totals.sum(axis=1) > 0, ci)
    p_low, p_high = _interval(principal_shares, principal_totals.sum(axis=1) > 0, ci)
    return low, high, p_low, p_high


def _interval(replicates: np.ndarray, defined: np.ndarray, ci: float):
    if not defined.any():
        nan = np.full(replicates.shape[1], np.nan)
        return nan, nan
    return percentile_interval(replicates[defined], ci=ci, axis=0)
