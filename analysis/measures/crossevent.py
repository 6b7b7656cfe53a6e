"""Comparing events: corpus-level tidy tables.

The paragraph table of many events (:func:`analysis.corpus.read_corpus`) is
summarised per event and delegation (:func:`event_word_share`) and per period
and side (:func:`mention_rates_over_time`): how often the U.S. principals and
their counterparts name China, Taiwan, Russia or North Korea, quarter by
quarter. Both functions join the corpus metadata (:func:`analysis.corpus.load_corpus`)
on ``event_id`` for dates, page kinds and sources; a table of both sources
(``load_corpus(sources=("state", "whitehouse"))``) is summarised the same way.

:func:`level_word_share` and :func:`level_mention_rates` compare two levels of
diplomacy for two delegations (by default the U.S. and Japan): the ministers'
press availabilities of the State Department corpus against the leaders'
press conferences of the White House corpus.

Conventions
-----------
* Only principals' words count (``roles=("principal",)``): moderators and the
  press are not what a delegation says.
* The *side* of a principal is ``"US"`` or ``"counterpart"`` (any other
  resolved delegation); principals of unresolved delegation are left out and
  counted in ``n_words_unresolved``.
* Rates are mentions per 1,000 words with exact Poisson intervals
  (:func:`analysis.mentions.mention_rates`); a period × side with few words
  has a wide interval, and the figures show it.

Which events: :func:`analysis.parsing.corpus.events_with` keeps the events in
which given delegations (or speakers) take part, e.g. the U.S.–Japan events,
before anything is pooled.

Two kinds of interval for pooled rates
--------------------------------------
A rate pooled over events (:func:`pooled_mention_rates`,
:func:`pooled_rate_ratio`, :func:`mention_rates_over_time`) comes with two
intervals:

* ``rate_low``, ``rate_high`` (and ``ratio_low``, ``ratio_high``): exact
  Poisson intervals, which treat every word as an independent chance to
  mention the entity at one rate. They answer "how precisely do these words
  measure the rate at which these speakers, at these events, named it?" and
  are right for one event, or for events that do not differ in what they are
  about.
* ``rate_low_cluster``, ``rate_high_cluster`` (``ratio_low_cluster``,
  ``ratio_high_cluster``): a cluster bootstrap that resamples whole events
  (:func:`event_bootstrap`; ``n_boot`` resamples, ``random_state``). Events
  differ (one is about a missile launch, the next about trade), so mentions
  come in bunches and the Poisson interval is too narrow for the question
  "what rate would other events like these give?". The event bootstrap
  answers that question; it needs enough events to mean anything (with fewer
  than about ten, its interval is coarse and too short), and it says nothing
  about events unlike the ones selected.

When most mentions come from one event (``top_event_share`` near 1), the two
disagree most: the Poisson interval is narrow, the cluster interval wide. When
no event mentions the entity at all, the cluster interval is [0, 0] (resampling
silent events cannot show that others might speak): read the Poisson upper
bound there.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .._validation import check_fraction, check_integer, check_table
from ..exceptions import DegenerateInputWarning, TableError
from ..parsing.corpus import load_corpus
from .mentions import load_lexicon, mention_rates
from .stats import (
    bootstrap_indices,
    check_random_state,
    draw_counts,
    percentile_interval,
    poisson_interval,
    rate_ratio_interval,
)

__all__ = [
    "DEFAULT_ENTITIES",
    "LEVELS",
    "PRESS_CONFERENCE_KINDS",
    "SIDES",
    "event_bootstrap",
    "event_word_share",
    "level_events",
    "level_mention_rates",
    "level_word_share",
    "mention_rates_over_time",
    "pooled_mention_rates",
    "pooled_rate_ratio",
]

#: Entities followed over time by default (names in ``data/lexicon.toml``).
DEFAULT_ENTITIES = ("China", "Taiwan", "Russia", "North Korea")
#: The two sides of a cross-event comparison: the U.S. principals and everyone else's.
SIDES = ("US", "counterpart")


def _check(table, columns: Sequence[str], caller: str) -> None:
    check_table(table, list(columns), caller, producer="read_corpus / load_corpus")


def _metadata(paragraphs: pd.DataFrame, corpus, caller: str) -> pd.DataFrame:
    """``event_id -> date, kind`` for every event of ``paragraphs``."""
    if corpus is None:
        corpus = load_corpus()
    _check(corpus, ["event_id", "date", "kind"], caller)
    if "source" not in corpus.columns:
        corpus = corpus.assign(source="state")
    meta = corpus.drop_duplicates("event_id").set_index("event_id")[["date", "kind", "source"]]
    events = pd.Index(paragraphs["event_id"].unique())
    unknown = events.difference(meta.index)
    if len(unknown):
        raise TableError(
            f"{caller}: {len(unknown)} event(s) not in the corpus table, e.g. {unknown[0]!r}; pass the "
            "load_corpus() table the paragraphs were read from."
        )
    return meta.loc[events]


def _with_side(paragraphs: pd.DataFrame, roles) -> pd.DataFrame:
    selected = paragraphs if roles is None else paragraphs.loc[paragraphs["role"].isin(list(roles))]
    side = pd.Series(np.where(selected["delegation"] == "US", "US", "counterpart"), index=selected.index)
    return selected.assign(side=side.where(selected["delegation"].notna()).astype("str"))


def event_word_share(paragraphs: pd.DataFrame, corpus=None, *, roles=("principal",)) -> pd.DataFrame:
    """Each delegation's share of its event's words.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Paragraph table of one or many events.
    corpus : pandas.DataFrame, optional
        :func:`analysis.corpus.load_corpus`'s table (default: the bundled
        corpus), for each event's ``date`` and ``kind``.
    roles : sequence of str or None, default=("principal",)
        Roles whose words count; ``None`` counts everyone.

    Returns
    -------
    pandas.DataFrame
        One row per event × delegation (unresolved delegations are one row
        with ``delegation`` ``<NA>``), sorted by date, event and words, with
        columns

        - ``event_id`` : str
        - ``date`` : datetime64
        - ``kind`` : str
        - ``delegation`` : str
        - ``side`` : str, ``"US"`` or ``"counterpart"`` (``<NA>`` when unresolved)
        - ``n_words``, ``n_turns`` : int
        - ``share`` : float, ``n_words`` / the event's words (of the selected
          roles; NaN, with a :class:`~analysis.exceptions.DegenerateInputWarning`,
          for an event without such words)
        - ``n_delegations`` : int, resolved delegations with words in the event
        - ``source`` : str, the corpus of the event (``"state"``, ``"whitehouse"``)

    Raises
    ------
    TableError
        If a column is missing, the table is empty, or an event is not in
        ``corpus``.

    Examples
    --------
    >>> from analysis import load_corpus, read_corpus
    >>> corpus = load_corpus()
    >>> joint = read_corpus(corpus, kinds="joint press availability")
    >>> table = event_word_share(joint, corpus)
    >>> seed = table.loc[table["event_id"].str.startswith("2023-01-11-secretary-antony-j-blinken-secretary")]
    >>> seed[["delegation", "n_words", "n_delegations"]].values.tolist()
    [['US', 3886, 2], ['Japan', 2427, 2]]
    """
    _check(paragraphs, ["event_id", "turn", "role", "delegation", "n_words"], "event_word_share")
    meta = _metadata(paragraphs, corpus, "event_word_share")
    selected = _with_side(paragraphs, roles)
    keys = [selected["event_id"], selected["delegation"].fillna("\x00unresolved")]
    grouped = selected.groupby(keys, sort=False)
    table = pd.DataFrame(
        {
            "n_words": grouped["n_words"].sum(),
            "n_turns": grouped["turn"].nunique(),
            "side": grouped["side"].first(),
        }
    ).reset_index()
    table.columns = ["event_id", "delegation", "n_words", "n_turns", "side"]
    table["delegation"] = table["delegation"].replace("\x00unresolved", np.nan).astype("str")
    totals = table.groupby("event_id")["n_words"].transform("sum")
    table["share"] = np.where(totals > 0, table["n_words"] / totals.where(totals > 0, 1), np.nan)
    if (totals == 0).any():
        silent = sorted(set(table.loc[totals == 0, "event_id"]))
        warnings.warn(
            f"event_word_share: event(s) {', '.join(silent[:5])} have no words of the selected roles, so "
            "their shares are undefined (NaN).",
            DegenerateInputWarning,
            stacklevel=2,
        )
    resolved = table.loc[table["delegation"].notna() & (table["n_words"] > 0)]
    table["n_delegations"] = (
        table["event_id"].map(resolved.groupby("event_id")["delegation"].nunique()).fillna(0).astype("int64")
    )
    table["date"] = table["event_id"].map(meta["date"])
    table["kind"] = table["event_id"].map(meta["kind"]).astype("str")
    table["source"] = table["event_id"].map(meta["source"]).astype("str")
    table = table.sort_values(["date", "event_id", "n_words"], ascending=[True, True, False], kind="stable")
    columns = [
        "event_id",
        "date",
        "kind",
        "delegation",
        "side",
        "n_words",
        "n_turns",
        "share",
        "n_delegations",
        "source",
    ]
    return table[columns].reset_index(drop=True)


def mention_rates_over_time(
    paragraphs: pd.DataFrame,
    corpus=None,
    lexicon=None,
    *,
    entities: Sequence[str] | None = DEFAULT_ENTITIES,
    freq: str = "Q",
    roles=("principal",),
    ci: float = 0.95,
    n_boot: int = 1000,
    random_state=0,
) -> pd.DataFrame:
    """Mention rates per period, U.S. principals against their counterparts.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Paragraph table of many events.
    corpus : pandas.DataFrame, optional
        :func:`analysis.corpus.load_corpus`'s table (default: the bundled
        corpus), for each event's date.
    lexicon : None, str, Path, dict or Lexicon, default=None
        See :func:`analysis.mentions.load_lexicon`.
    entities : sequence of str or None, default=DEFAULT_ENTITIES
        Entities kept (``None``: every entity of the lexicon).
    freq : str, default="Q"
        Period length, a pandas period alias: ``"Q"`` (quarters), ``"M"``,
        ``"Y"``.
    roles : sequence of str or None, default=("principal",)
        Roles whose words count.
    ci : float, default=0.95
        Coverage of the exact Poisson and the event-bootstrap intervals.
    n_boot : int, default=1000
        Resamples of the period's events for the cluster intervals (``0``:
        none, NaN).
    random_state : None, int or numpy.random.Generator, default=0
        Seed of the resampling (periods in order, one generator).

    Returns
    -------
    pandas.DataFrame
        One row per period × side × entity, zeros included, with columns

        - ``period`` : str, e.g. ``"2023Q1"``
        - ``period_start`` : datetime64, first day of the period
        - ``side`` : str, ``"US"`` or ``"counterpart"``
        - ``entity`` : str
        - ``count`` : int, mentions
        - ``n_words`` : int, words of the side's principals in the period
        - ``rate_per_1000``, ``rate_low``, ``rate_high`` : float (NaN, with a
          :class:`~analysis.exceptions.DegenerateInputWarning`, for a side
          without words in the period)
        - ``n_events`` : int, events of the period with words on that side
        - ``rate_low_cluster``, ``rate_high_cluster`` : float, percentile
          interval of the period's pooled rate over resamples of the period's
          whole events (see the module docstring for when each interval
          applies)

    Raises
    ------
    TableError
        If a column is missing, an event is not in ``corpus``, or an entity
        is not in the lexicon.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis import paths, read_event
    >>> tiny = read_event(paths.ROOT / "tests/fixtures/tiny_event.toml")
    >>> meta = pd.DataFrame({"event_id": ["tiny"], "date": [pd.Timestamp("2023-01-01")], "kind": ["x"]})
    >>> rates = mention_rates_over_time(tiny, meta, entities=["China", "North Korea"])
    >>> rates[["side", "entity", "count", "n_words"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['US', 'China', 1, 26], ['US', 'North Korea', 0, 26],
     ['counterpart', 'China', 0, 17], ['counterpart', 'North Korea', 3, 17]]
    """
    _check(paragraphs, ["event_id", "role", "delegation", "n_words", "text"], "mention_rates_over_time")
    meta = _metadata(paragraphs, corpus, "mention_rates_over_time")
    if meta["date"].isna().any():
        raise TableError("mention_rates_over_time: some events have no date; leave them out first.")
    try:
        periods = pd.PeriodIndex(meta["date"], freq=freq)
    except ValueError as error:
        raise TableError(f"mention_rates_over_time: freq={freq!r} is not a period alias ({error}).") from None
    selected = _with_side(paragraphs, roles)
    selected = selected.loc[selected["side"].notna()]
    if selected.empty:
        raise TableError("mention_rates_over_time: no paragraphs of the selected roles with a delegation.")
    period_of = pd.Series(periods.astype(str), index=meta.index)
    selected = selected.assign(period=selected["event_id"].map(period_of))
    rates = mention_rates(selected, lexicon, by=["period", "side"], roles=None, ci=ci)
    if entities is not None:
        unknown = sorted(set(entities) - set(rates["entity"]))
        if unknown:
            raise TableError(
                f"mention_rates_over_time: entity(ies) {', '.join(map(repr, unknown))} not in the lexicon; "
                f"use some of {', '.join(map(repr, dict.fromkeys(rates['entity'])))}."
            )
        rates = rates.loc[rates["entity"].isin(list(entities))]
    # Every period × side × entity, zeros included (a side may be silent in a period).
    all_periods = sorted(set(period_of))
    entity_order = list(entities) if entities is not None else list(dict.fromkeys(rates["entity"]))
    grid = pd.MultiIndex.from_product(
        [all_periods, list(SIDES), entity_order], names=["period", "side", "entity"]
    )
    rates = rates.set_index(["period", "side", "entity"]).reindex(grid).reset_index()
    words = selected.groupby(["period", "side"])["n_words"].sum()
    events = selected.loc[selected["n_words"] > 0].groupby(["period", "side"])["event_id"].nunique()
    index = pd.MultiIndex.from_frame(rates[["period", "side"]])
    rates["n_words"] = words.reindex(index).fillna(0).to_numpy(dtype="int64")
    rates["count"] = rates["count"].fillna(0).astype("int64")
    if rates["rate_per_1000"].isna().any():
        empty = rates["rate_per_1000"].isna()
        low, high = poisson_interval(rates.loc[empty, "count"], ci=ci)
        exposure = rates.loc[empty, "n_words"].to_numpy(dtype=float) / 1000
        with np.errstate(divide="ignore", invalid="ignore"):
            rates.loc[empty, "rate_per_1000"] = np.where(exposure > 0, 0.0, np.nan)
            rates.loc[empty, "rate_low"] = np.where(exposure > 0, low / exposure, np.nan)
            rates.loc[empty, "rate_high"] = np.where(exposure > 0, high / exposure, np.nan)
    silent = rates.loc[rates["n_words"] == 0, ["period", "side"]].drop_duplicates()
    if len(silent):
        listed = ", ".join(f"{period} {side}" for period, side in silent.to_numpy()[:5])
        warnings.warn(
            f"mention_rates_over_time: {listed} ({len(silent)} period-side pair(s) in all) have no words, "
            "so their rates are undefined (NaN).",
            DegenerateInputWarning,
            stacklevel=2,
        )
    rates["n_events"] = events.reindex(index).fillna(0).to_numpy(dtype="int64")
    rates["period_start"] = pd.PeriodIndex(rates["period"], freq=freq).start_time
    rates["rate_low_cluster"], rates["rate_high_cluster"] = np.nan, np.nan
    n_boot = check_integer(n_boot, "n_boot", minimum=0)
    if n_boot > 0:
        ids, sides, entity_order, words, counts = _per_event(
            paragraphs, lexicon, "side", roles, entity_order, "mention_rates_over_time"
        )
        rng = check_random_state(random_state)
        per_event = np.concatenate([words[:, :, None], counts], axis=2)
        event_period = period_of.reindex(ids).to_numpy()
        position = {
            key: i for i, key in enumerate(zip(rates["period"], rates["side"], rates["entity"], strict=True))
        }
        low_column, high_column = (
            rates.columns.get_loc("rate_low_cluster"),
            rates.columns.get_loc("rate_high_cluster"),
        )
        for period in all_periods:
            members = np.flatnonzero(event_period == period)
            if not len(members):
                continue
            totals = event_bootstrap(per_event[members], n_boot, rng)
            with np.errstate(divide="ignore", invalid="ignore"):
                replicates = 1000.0 * totals[:, :, 1:] / totals[:, :, :1]
            low, high = _quantiles(replicates, ci)
            for g, side in enumerate(sides):
                for k, entity in enumerate(entity_order):
                    row = position[(period, side, entity)]
                    rates.iat[row, low_column], rates.iat[row, high_column] = low[g, k], high[g, k]
    columns = [
        "period",
        "period_start",
        "side",
        "entity",
        "count",
        "n_words",
        "rate_per_1000",
        "rate_low",
        "rate_high",
        "n_events",
        "rate_low_cluster",
        "rate_high_cluster",
    ]
    return rates[columns].astype({"period": "str", "side": "str", "entity": "str"})


# ----------------------------------------------------------------------------
# Ministers and leaders

#: The level of diplomacy of an event, by the corpus it comes from.
LEVELS = {"state": "ministers", "whitehouse": "leaders"}
#: Page kinds with press questions, in both corpora: the State Department's
#: (joint) press availabilities and the White House's (joint) press conferences.
PRESS_CONFERENCE_KINDS = (
    "joint press availability",
    "press availability",
    "joint_press_conference",
    "press_conference",
)


def level_events(
    paragraphs: pd.DataFrame,
    corpus=None,
    *,
    delegations: Sequence[str] = ("US", "Japan"),
    kinds: Sequence[str] | None = PRESS_CONFERENCE_KINDS,
) -> pd.DataFrame:
    """The events where each of ``delegations`` has principal words, with their level.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Paragraph table of many events (both corpora).
    corpus : pandas.DataFrame, optional
        :func:`analysis.corpus.load_corpus`'s table of the same events (default:
        the State Department corpus), for each event's date, kind and source.
    delegations : sequence of str, default=("US", "Japan")
        Every one of them must have principal words in an event.
    kinds : sequence of str or None, default=PRESS_CONFERENCE_KINDS
        Page kinds kept (``None``: all).

    Returns
    -------
    pandas.DataFrame
        One row per event, sorted by level (ministers first) and date, with
        columns ``event_id``, ``date``, ``kind``, ``source``, ``level``
        (:data:`LEVELS`: ``"ministers"`` for State Department pages,
        ``"leaders"`` for White House pages), and one column of principal
        words per delegation, named after it.

    Raises
    ------
    TableError
        If a column is missing or an event is not in ``corpus``.
    """
    _check(paragraphs, ["event_id", "role", "delegation", "n_words"], "level_events")
    delegations = list(delegations)
    if len(delegations) < 2:
        raise TableError("level_events: name at least two delegations to compare.")
    meta = _metadata(paragraphs, corpus, "level_events")
    principals = paragraphs.loc[
        (paragraphs["role"] == "principal") & paragraphs["delegation"].isin(delegations)
    ]
    words = principals.groupby(["event_id", "delegation"])["n_words"].sum().unstack(fill_value=0)
    words = words.reindex(columns=delegations, fill_value=0)
    words = words.loc[(words > 0).all(axis=1)]
    table = meta.loc[words.index].join(words)
    if kinds is not None:
        table = table.loc[table["kind"].isin(list(kinds))]
    table["level"] = table["source"].map(LEVELS).fillna(table["source"]).astype("str")
    table = table.reset_index(names="event_id")
    order = {level: rank for rank, level in enumerate(LEVELS.values())}
    table = table.sort_values(
        ["level", "date", "event_id"], key=lambda c: c.map(order) if c.name == "level" else c, kind="stable"
    )
    for delegation in delegations:
        table[delegation] = table[delegation].astype("int64")
    columns = ["event_id", "date", "kind", "source", "level", *delegations]
    return table[columns].astype({"event_id": "str", "kind": "str", "source": "str"}).reset_index(drop=True)


def level_word_share(
    paragraphs: pd.DataFrame,
    corpus=None,
    *,
    delegations: Sequence[str] = ("US", "Japan"),
    kinds: Sequence[str] | None = PRESS_CONFERENCE_KINDS,
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state=0,
) -> pd.DataFrame:
    """Each delegation's share of the delegations' principal words, ministers' events against leaders'.

    Only the principals of ``delegations`` count: the press, moderators and any
    third delegation (South Korea at Camp David, India and Australia at a Quad
    meeting) are left out, so the shares of one level sum to 1. Interpreted
    words are counted as printed (the interpreter's English) and reported
    apart.

    Parameters
    ----------
    paragraphs, corpus, delegations, kinds
        As for :func:`level_events`.
    n_boot : int, default=1000
        Bootstrap resamples of the *events* of a level (0: no interval).
    ci : float, default=0.95
        Coverage of the percentile interval.
    random_state : None, int or numpy.random.Generator, default=0

    Returns
    -------
    pandas.DataFrame
        One row per level × delegation, with columns

        - ``level`` : str, ``"ministers"`` or ``"leaders"``
        - ``delegation`` : str
        - ``n_events`` : int, events of the level
        - ``n_words`` : int, the delegation's principal words in them
        - ``n_words_interpreted`` : int, of which interpreted
        - ``share`` : float, ``n_words`` / the delegations' words of the level
          (pooled over its events)
        - ``share_low``, ``share_high`` : float, percentile interval of the
          pooled share over resamples of the level's events
        - ``mean_event_share`` : float, the mean of the per-event shares

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis import parse_transcript
    >>> one = parse_transcript("MR A: China is big.\\n\\nMR B: Yes.", event_id="e1", roster={
    ...     "MR A": {"role": "principal", "delegation": "US"},
    ...     "MR B": {"role": "principal", "delegation": "Japan"}})
    >>> meta = pd.DataFrame({"event_id": ["e1"], "date": [pd.Timestamp("2024-01-01")],
    ...                      "kind": ["press_conference"], "source": ["whitehouse"]})
    >>> level_word_share(one, meta, n_boot=0)[["level", "delegation", "n_words", "share"]].values.tolist()
    [['leaders', 'US', 3, 0.75], ['leaders', 'Japan', 1, 0.25]]
    """
    events = level_events(paragraphs, corpus, delegations=delegations, kinds=kinds)
    delegations = list(delegations)
    selected = paragraphs.loc[
        paragraphs["event_id"].isin(events["event_id"])
        & (paragraphs["role"] == "principal")
        & paragraphs["delegation"].isin(delegations)
    ]
    flags = selected["interpreted"] if "interpreted" in selected.columns else False
    interpreted_words = (
        selected["n_words"].where(flags, 0).groupby([selected["event_id"], selected["delegation"]]).sum()
    )
    rows = []
    for level, group in events.groupby("level", sort=False):
        words = group[delegations].to_numpy(dtype=float)  # events × delegations
        totals = words.sum()
        per_event = words / words.sum(axis=1, keepdims=True)
        if n_boot > 0:
            index = bootstrap_indices(len(group), n_boot, random_state)
            sums = words[index].sum(axis=1)  # n_boot × delegations
            low, high = percentile_interval(sums / sums.sum(axis=1, keepdims=True), ci=ci)
        else:
            low = high = np.full(len(delegations), np.nan)
        for j, delegation in enumerate(delegations):
            rows.append(
                {
                    "level": level,
                    "delegation": delegation,
                    "n_events": len(group),
                    "n_words": int(words[:, j].sum()),
                    "n_words_interpreted": int(
                        sum(interpreted_words.get((event, delegation), 0) for event in group["event_id"])
                    ),
                    "share": words[:, j].sum() / totals,
                    "share_low": float(low[j]),
                    "share_high": float(high[j]),
                    "mean_event_share": float(per_event[:, j].mean()),
                }
            )
    columns = [
        "level",
        "delegation",
        "n_events",
        "n_words",
        "n_words_interpreted",
        "share",
        "share_low",
        "share_high",
        "mean_event_share",
    ]
    return pd.DataFrame(rows, columns=columns).astype({"level": "str", "delegation": "str"})


def level_mention_rates(
    paragraphs: pd.DataFrame,
    corpus=None,
    lexicon=None,
    *,
    delegations: Sequence[str] = ("US", "Japan"),
    entities: Sequence[str] | None = DEFAULT_ENTITIES,
    kinds: Sequence[str] | None = PRESS_CONFERENCE_KINDS,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Mentions per 1,000 principal words by level and delegation, with exact Poisson intervals.

    Parameters
    ----------
    paragraphs, corpus, delegations, kinds
        As for :func:`level_events`.
    lexicon : None, str, Path, dict or Lexicon, default=None
        See :func:`analysis.mentions.load_lexicon`.
    entities : sequence of str or None, default=DEFAULT_ENTITIES
        Entities kept (``None``: every entity of the lexicon).
    ci : float, default=0.95

    Returns
    -------
    pandas.DataFrame
        One row per level × delegation × entity (levels ministers then
        leaders, delegations in the given order, entities in the given order),
        with columns ``level``, ``delegation``, ``entity``, ``count``,
        ``n_words``, ``rate_per_1000``, ``rate_low``, ``rate_high`` and
        ``n_events``. Events pool within a level; they cluster, so the real
        uncertainty is larger than the Poisson interval.

    Raises
    ------
    TableError
        If an entity is not in the lexicon, a column is missing or an event
        is not in ``corpus``.
    """
    events = level_events(paragraphs, corpus, delegations=delegations, kinds=kinds)
    delegations = list(delegations)
    level_of = events.set_index("event_id")["level"]
    selected = paragraphs.loc[
        paragraphs["event_id"].isin(events["event_id"])
        & (paragraphs["role"] == "principal")
        & paragraphs["delegation"].isin(delegations)
    ]
    selected = selected.assign(level=selected["event_id"].map(level_of).astype("str"))
    rates = mention_rates(selected, lexicon, by=["level", "delegation"], roles=None, ci=ci)
    if entities is not None:
        unknown = sorted(set(entities) - set(rates["entity"]))
        if unknown:
            raise TableError(
                f"level_mention_rates: entity(ies) {', '.join(map(repr, unknown))} not in the lexicon."
            )
        rates = rates.loc[rates["entity"].isin(list(entities))]
    entity_order = list(entities) if entities is not None else list(dict.fromkeys(rates["entity"]))
    levels = [level for level in LEVELS.values() if level in set(events["level"])]
    grid = pd.MultiIndex.from_product(
        [levels, delegations, entity_order], names=["level", "delegation", "entity"]
    )
    rates = rates.set_index(["level", "delegation", "entity"]).reindex(grid).reset_index()
    n_events = events.groupby("level")["event_id"].nunique()
    rates["n_events"] = rates["level"].map(n_events).fillna(0).astype("int64")
    columns = [
        "level",
        "delegation",
        "entity",
        "count",
        "n_words",
        "rate_per_1000",
        "rate_low",
        "rate_high",
        "n_events",
    ]
    return rates[columns].astype({"level": "str", "delegation": "str", "entity": "str"})


# --------------------------------------------------------------------------------------------
# Pooling over events: Poisson and event-bootstrap intervals


def event_bootstrap(per_event, n_boot: int = 1000, random_state=0, *, indices=None) -> np.ndarray:
    """Totals over resamples of whole events (a cluster bootstrap).

    Parameters
    ----------
    per_event : array-like of shape (n_events, ...)
        One row per event: its words, its mentions... of each group.
    n_boot : int, default=1000
        Resamples, each of ``n_events`` events drawn with replacement
        (:func:`analysis.stats.bootstrap_indices`).
    random_state : None, int or numpy.random.Generator, default=0
    indices : array-like of shape (n_resamples, n_events), optional
        The resamples themselves, as event indices (e.g. every one of the
        ``n_events ** n_events`` ordered resamples, to check the bootstrap by
        enumeration); ``n_boot`` and ``random_state`` are then not used.

    Returns
    -------
    numpy.ndarray of shape (n_resamples, ...)
        The sum of ``per_event`` over the events of each resample.

    Examples
    --------
    >>> event_bootstrap([[1.0], [10.0]], indices=[[0, 0], [0, 1], [1, 1]]).ravel().tolist()
    [2.0, 11.0, 20.0]
    """
    values = np.asarray(per_event, dtype=float)
    n_events = values.shape[0]
    if indices is None:
        n_boot = check_integer(n_boot, "n_boot", minimum=1)
        indices = bootstrap_indices(n_events, n_boot, random_state)
    indices = np.asarray(indices, dtype=np.int64)
    # How often each event is drawn in each resample (n_resamples × n_events), times its values.
    return np.tensordot(draw_counts(indices, n_events), values, axes=1)


def _quantiles(replicates: np.ndarray, ci: float, *, interpolate: bool = True):
    """Percentile interval along axis 0, leaving out undefined (NaN) replicates."""
    alpha = (1.0 - ci) / 2.0
    method = "linear" if interpolate else "inverted_cdf"
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns give NaN
        return (
            np.nanquantile(replicates, alpha, axis=0, method=method),
            np.nanquantile(replicates, 1.0 - alpha, axis=0, method=method),
        )


def _per_event(paragraphs, lexicon, by: str, roles, entities, caller: str):
    """Words (events × groups) and mentions (events × groups × entities) of the selected paragraphs."""
    check_table(paragraphs, ["event_id", "role", "delegation", "text", "n_words"], caller)
    if by not in ("delegation", "side"):
        raise TableError(f"{caller}: by must be 'delegation' or 'side', not {by!r}.")
    selected = _with_side(paragraphs, roles)
    selected = selected.loc[selected[by].notna()]
    if selected.empty:
        raise TableError(f"{caller}: no paragraphs of the selected roles with a delegation.")
    lexicon = load_lexicon(lexicon)
    with np.errstate(divide="ignore", invalid="ignore"):  # groups of 0 words: their rates are not used
        rates = mention_rates(selected, lexicon, by=["event_id", by], roles=None)
    if entities is not None:
        unknown = sorted(set(entities) - set(lexicon.entities))
        if unknown:
            raise TableError(
                f"{caller}: entity(ies) {', '.join(map(repr, unknown))} not in the lexicon; "
                f"use some of {', '.join(map(repr, lexicon.entities))}."
            )
        rates = rates.loc[rates["entity"].isin(list(entities))]
    events = sorted(selected["event_id"].unique())
    groups = sorted(selected[by].unique())
    entity_order = list(entities) if entities is not None else list(lexicon.entities)
    counts = (
        rates.pivot_table(
            index="event_id", columns=[by, "entity"], values="count", aggfunc="sum", fill_value=0
        )
        .reindex(index=events, columns=pd.MultiIndex.from_product([groups, entity_order]), fill_value=0)
        .to_numpy(dtype=float)
        .reshape(len(events), len(groups), len(entity_order))
    )
    words = (
        selected.groupby(["event_id", by])["n_words"]
        .sum()
        .unstack(fill_value=0)
        .reindex(index=events, columns=groups, fill_value=0)
        .to_numpy(dtype=float)
    )
    return events, groups, entity_order, words, counts


def pooled_mention_rates(
    paragraphs: pd.DataFrame,
    lexicon=None,
    *,
    by: str = "delegation",
    entities: Sequence[str] | None = DEFAULT_ENTITIES,
    roles=("principal",),
    ci: float = 0.95,
    n_boot: int = 1000,
    random_state=0,
) -> pd.DataFrame:
    """Mention rates pooled over events, with Poisson and event-bootstrap intervals.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Paragraph table of the events to pool (e.g. the U.S.–Japan events,
        :func:`analysis.parsing.corpus.events_with`).
    lexicon : None, str, Path, dict or Lexicon, default=None
        See :func:`analysis.mentions.load_lexicon`.
    by : {"delegation", "side"}, default="delegation"
        Pool per delegation, or per side (``"US"`` / ``"counterpart"``).
    entities : sequence of str or None, default=DEFAULT_ENTITIES
        Entities kept (``None``: every entity of the lexicon).
    roles : sequence of str or None, default=("principal",)
        Roles whose words count.
    ci : float, default=0.95
        Coverage of both intervals.
    n_boot : int, default=1000
        Event resamples of the cluster bootstrap.
    random_state : None, int or numpy.random.Generator, default=0

    Returns
    -------
    pandas.DataFrame
        One row per group × entity (groups sorted, entities in the given
        order), with columns

        - ``delegation`` or ``side`` : str
        - ``entity`` : str
        - ``count``, ``n_words`` : int, pooled over the events
        - ``n_events`` : int, events in which the group has words
        - ``top_event_share`` : float, the largest share of ``count`` that
          one event holds (NaN without mentions)
        - ``rate_per_1000`` : float, ``1000 * count / n_words``
        - ``rate_low``, ``rate_high`` : float, exact Poisson interval (words
          independent)
        - ``rate_low_cluster``, ``rate_high_cluster`` : float, percentile
          interval of the pooled rate over resamples of whole events (every
          event of the table is resampled; the groups of one resample come
          from the same events)

    Raises
    ------
    TableError
        For a missing column, an unknown entity or ``by``, or no paragraph
        with a delegation.
    ParameterError
        For ``n_boot`` < 1 or ``ci`` outside (0, 1).

    Notes
    -----
    See the module docstring for which interval answers which question.
    """
    ci = check_fraction(ci, "ci")
    n_boot = check_integer(n_boot, "n_boot", minimum=1)
    _, groups, entity_order, words, counts = _per_event(
        paragraphs, lexicon, by, roles, entities, "pooled_mention_rates"
    )
    total_words = words.sum(axis=0)  # (groups,)
    total_counts = counts.sum(axis=0)  # (groups, entities)
    per_event = np.concatenate([words[:, :, None], counts], axis=2)  # (events, groups, 1 + entities)
    totals = event_bootstrap(per_event, n_boot, random_state)  # (n_boot, groups, 1 + entities)
    with np.errstate(divide="ignore", invalid="ignore"):
        replicates = 1000.0 * totals[:, :, 1:] / totals[:, :, :1]
        top = np.where(total_counts > 0, counts.max(axis=0) / total_counts, np.nan)
        rate = 1000.0 * total_counts / total_words[:, None]
    c_low, c_high = _quantiles(replicates, ci)
    p_low, p_high = poisson_interval(total_counts, ci=ci)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = 1000.0 / total_words[:, None]
    n_events = (words > 0).sum(axis=0)
    rows = []
    for g, group in enumerate(groups):
        for k, entity in enumerate(entity_order):
            rows.append(
                {
                    by: group,
                    "entity": entity,
                    "count": int(total_counts[g, k]),
                    "n_words": int(total_words[g]),
                    "n_events": int(n_events[g]),
                    "top_event_share": top[g, k],
                    "rate_per_1000": rate[g, k],
                    "rate_low": p_low[g, k] * scale[g, 0],
                    "rate_high": p_high[g, k] * scale[g, 0],
                    "rate_low_cluster": c_low[g, k],
                    "rate_high_cluster": c_high[g, k],
                }
            )
    return pd.DataFrame(rows).astype({by: "str", "entity": "str"})


def pooled_rate_ratio(
    paragraphs: pd.DataFrame,
    lexicon=None,
    *,
    groups: Sequence[str] = ("US", "Japan"),
    by: str = "delegation",
    entities: Sequence[str] | None = DEFAULT_ENTITIES,
    roles=("principal",),
    ci: float = 0.95,
    n_boot: int = 1000,
    random_state=0,
) -> pd.DataFrame:
    """Rate ratio of two groups' mentions pooled over events, with Poisson and event-bootstrap intervals.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Paragraph table of the events to pool; usually the events in which
        both groups take part (:func:`analysis.parsing.corpus.events_with`),
        so that the ratio compares the two sides at the same events.
    lexicon, by, entities, roles, ci, n_boot, random_state
        As in :func:`pooled_mention_rates`.
    groups : pair of str, default=("US", "Japan")
        Group *a* and group *b* (values of ``by``).

    Returns
    -------
    pandas.DataFrame
        One row per entity, with columns ``entity``, ``group_a``,
        ``group_b``, ``count_a``, ``n_words_a``, ``count_b``, ``n_words_b``,
        ``n_events`` (events of the table), ``rate_ratio``
        (``(count_a / n_words_a) / (count_b / n_words_b)``), ``ratio_low``,
        ``ratio_high`` (exact conditional Poisson interval,
        :func:`analysis.stats.rate_ratio_interval`), ``ratio_low_cluster``,
        ``ratio_high_cluster`` (percentiles of the ratio over resamples of
        whole events, both groups from the same resampled events; without
        interpolation, since a resample can give an infinite ratio).

    Raises
    ------
    TableError
        As :func:`pooled_mention_rates`, or when a group has no words.
    """
    ci = check_fraction(ci, "ci")
    n_boot = check_integer(n_boot, "n_boot", minimum=1)
    if len(groups) != 2:
        raise TableError(f"pooled_rate_ratio: groups must be two values of {by!r}, not {groups!r}.")
    events, found, entity_order, words, counts = _per_event(
        paragraphs, lexicon, by, roles, entities, "pooled_rate_ratio"
    )
    missing = [group for group in groups if group not in found]
    if missing:
        raise TableError(
            f"pooled_rate_ratio: no words of {', '.join(map(repr, missing))}; "
            f"groups here: {', '.join(map(repr, found))}."
        )
    a, b = found.index(groups[0]), found.index(groups[1])
    per_event = np.stack(
        [words[:, a], words[:, b], *counts[:, a, :].T, *counts[:, b, :].T], axis=1
    )  # (events, 2 + 2 * entities)
    totals = event_bootstrap(per_event, n_boot, random_state)
    n = len(entity_order)
    with np.errstate(divide="ignore", invalid="ignore"):
        replicates = (totals[:, 2 : 2 + n] / totals[:, :1]) / (totals[:, 2 + n :] / totals[:, 1:2])
    c_low, c_high = _quantiles(replicates, ci, interpolate=False)
    count_a, count_b = counts[:, a, :].sum(axis=0), counts[:, b, :].sum(axis=0)
    words_a, words_b = words[:, a].sum(), words[:, b].sum()
    ratio, low, high = rate_ratio_interval(count_a, words_a, count_b, words_b, ci=ci)
    table = pd.DataFrame(
        {
            "entity": entity_order,
            "group_a": groups[0],
            "group_b": groups[1],
            "count_a": count_a.astype("int64"),
            "n_words_a": int(words_a),
            "count_b": count_b.astype("int64"),
            "n_words_b": int(words_b),
            "n_events": len(events),
            "rate_ratio": ratio,
            "ratio_low": low,
            "ratio_high": high,
            "ratio_low_cluster": c_low,
            "ratio_high_cluster": c_high,
        }
    )
    return table.astype({"entity": "str", "group_a": "str", "group_b": "str"})
