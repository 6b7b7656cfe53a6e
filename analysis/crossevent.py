"""Comparing events: corpus-level tidy tables and their two figures.

The paragraph table of many events (:func:`analysis.corpus.read_corpus`) is
summarised per event and delegation (:func:`event_word_share`) and per period
and side (:func:`mention_rates_over_time`): how often the U.S. principals and
their counterparts name China, Taiwan, Russia or North Korea, quarter by
quarter. Both functions join the corpus metadata (:func:`analysis.corpus.load_corpus`)
on ``event_id`` for dates and page kinds.

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
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .transcript import TableError, check_paragraphs

__all__ = [
    "DEFAULT_ENTITIES",
    "CrossEventError",
    "event_word_share",
    "mention_rates_over_time",
    "plot_event_word_share",
    "plot_mention_rates_over_time",
    "save_corpus_figures",
]

#: Entities followed over time by default (names in ``data/lexicon.toml``).
DEFAULT_ENTITIES = ("China", "Taiwan", "Russia", "North Korea")
_SIDES = ("US", "counterpart")


class CrossEventError(TableError):
    """A table that cannot be summarised across events; the message says why and what to do."""


def _check(table, columns: Sequence[str], caller: str) -> None:
    try:
        check_paragraphs(table, list(columns), caller)
    except TableError as error:
        raise CrossEventError(str(error)) from None


def _metadata(paragraphs: pd.DataFrame, corpus, caller: str) -> pd.DataFrame:
    """``event_id -> date, kind`` for every event of ``paragraphs``."""
    if corpus is None:
        from .corpus import load_corpus

        corpus = load_corpus()
    _check(corpus, ["event_id", "date", "kind"], caller)
    meta = corpus.drop_duplicates("event_id").set_index("event_id")[["date", "kind"]]
    events = pd.Index(paragraphs["event_id"].unique())
    unknown = events.difference(meta.index)
    if len(unknown):
        raise CrossEventError(
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
        - ``share`` : float, ``n_words`` / the event's words (of the selected roles)
        - ``n_delegations`` : int, resolved delegations with words in the event

    Raises
    ------
    CrossEventError
        If a column is missing, the table is empty, or an event is not in
        ``corpus``.

    Examples
    --------
    >>> from analysis.corpus import load_corpus, read_corpus
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
    resolved = table.loc[table["delegation"].notna() & (table["n_words"] > 0)]
    table["n_delegations"] = (
        table["event_id"].map(resolved.groupby("event_id")["delegation"].nunique()).fillna(0).astype("int64")
    )
    table["date"] = table["event_id"].map(meta["date"])
    table["kind"] = table["event_id"].map(meta["kind"]).astype("str")
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
        Coverage of the exact Poisson intervals.

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
        - ``rate_per_1000``, ``rate_low``, ``rate_high`` : float
        - ``n_events`` : int, events of the period with words on that side

    Raises
    ------
    CrossEventError
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
    from .mentions import mention_rates

    _check(paragraphs, ["event_id", "role", "delegation", "n_words", "text"], "mention_rates_over_time")
    meta = _metadata(paragraphs, corpus, "mention_rates_over_time")
    if meta["date"].isna().any():
        raise CrossEventError("mention_rates_over_time: some events have no date; leave them out first.")
    try:
        periods = pd.PeriodIndex(meta["date"], freq=freq)
    except ValueError as error:
        raise CrossEventError(
            f"mention_rates_over_time: freq={freq!r} is not a period alias ({error})."
        ) from None
    selected = _with_side(paragraphs, roles)
    selected = selected.loc[selected["side"].notna()]
    if selected.empty:
        raise CrossEventError(
            "mention_rates_over_time: no paragraphs of the selected roles with a delegation."
        )
    period_of = pd.Series(periods.astype(str), index=meta.index)
    selected = selected.assign(period=selected["event_id"].map(period_of))
    rates = mention_rates(selected, lexicon, by=["period", "side"], roles=None, ci=ci)
    if entities is not None:
        unknown = sorted(set(entities) - set(rates["entity"]))
        if unknown:
            raise CrossEventError(
                f"mention_rates_over_time: entity(ies) {', '.join(map(repr, unknown))} not in the lexicon; "
                f"use some of {', '.join(map(repr, dict.fromkeys(rates['entity'])))}."
            )
        rates = rates.loc[rates["entity"].isin(list(entities))]
    # Every period × side × entity, zeros included (a side may be silent in a period).
    all_periods = sorted(set(period_of))
    entity_order = list(entities) if entities is not None else list(dict.fromkeys(rates["entity"]))
    grid = pd.MultiIndex.from_product(
        [all_periods, list(_SIDES), entity_order], names=["period", "side", "entity"]
    )
    rates = rates.set_index(["period", "side", "entity"]).reindex(grid).reset_index()
    words = selected.groupby(["period", "side"])["n_words"].sum()
    events = selected.loc[selected["n_words"] > 0].groupby(["period", "side"])["event_id"].nunique()
    index = pd.MultiIndex.from_frame(rates[["period", "side"]])
    rates["n_words"] = words.reindex(index).fillna(0).to_numpy(dtype="int64")
    rates["count"] = rates["count"].fillna(0).astype("int64")
    if rates["rate_per_1000"].isna().any():
        from .stats import poisson_interval

        empty = rates["rate_per_1000"].isna()
        low, high = poisson_interval(rates.loc[empty, "count"], ci=ci)
        exposure = rates.loc[empty, "n_words"].to_numpy(dtype=float) / 1000
        with np.errstate(divide="ignore", invalid="ignore"):
            rates.loc[empty, "rate_per_1000"] = np.where(exposure > 0, 0.0, np.nan)
            rates.loc[empty, "rate_low"] = np.where(exposure > 0, low / exposure, np.nan)
            rates.loc[empty, "rate_high"] = np.where(exposure > 0, high / exposure, np.nan)
    rates["n_events"] = events.reindex(index).fillna(0).to_numpy(dtype="int64")
    rates["period_start"] = pd.PeriodIndex(rates["period"], freq=freq).start_time
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
    ]
    return rates[columns].astype({"period": "str", "side": "str", "entity": "str"})


# ----------------------------------------------------------------------------
# Figures


def _axes(ax, figsize):
    if ax is not None:
        return ax
    from matplotlib.figure import Figure

    return Figure(figsize=figsize).add_subplot()


def _side_colors() -> dict:
    from .style import delegation_palette

    return delegation_palette(list(_SIDES))


def plot_event_word_share(table: pd.DataFrame, ax=None, *, delegation: str = "US", title: str | None = None):
    """One delegation's share of principal words, event by event, over time.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`event_word_share`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes otherwise.
    delegation : str, default="US"
        The delegation whose share is shown; events with two or more
        delegations are drawn, the rest left out.
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    CrossEventError
        If the table lacks a column or has no multi-delegation event with
        ``delegation``.
    """
    _check(table, ["event_id", "date", "delegation", "share", "n_delegations"], "plot_event_word_share")
    from .style import delegation_color

    rows = table.loc[(table["delegation"] == delegation) & (table["n_delegations"] >= 2)].sort_values("date")
    if rows.empty:
        raise CrossEventError(f"plot_event_word_share: no event with {delegation!r} and another delegation.")
    ax = _axes(ax, (6.5, 3.0))
    color = delegation_color(delegation)
    ax.axhline(0.5, color="#999999", linewidth=0.8, linestyle=":", zorder=0)
    ax.scatter(rows["date"], rows["share"], s=18, color=color, alpha=0.85, label=f"{delegation}, one event")
    # A rolling median over 7 events shows the drift without hiding the spread.
    median = rows["share"].rolling(7, center=True, min_periods=3).median()
    ax.plot(rows["date"], median, color=color, linewidth=1.5, label="rolling median of 7 events")
    ax.set_ylim(0, 1)
    ax.set_ylabel(f"{delegation} share of principals' words")
    ax.set_xlabel("date of the event")
    ax.yaxis.set_major_formatter(_percent_formatter())
    ax.legend(loc="lower left", frameon=False)
    ax.set_title(
        title if title is not None else f"{delegation} share of principal speech, {len(rows)} events"
    )
    return ax


def _percent_formatter():
    from matplotlib.ticker import PercentFormatter

    return PercentFormatter(xmax=1, decimals=0)


def plot_mention_rates_over_time(
    table: pd.DataFrame, ax=None, *, entity: str = "China", title: str | None = None
):
    """One entity's mention rate per period, U.S. principals against counterparts.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`mention_rates_over_time`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes otherwise.
    entity : str, default="China"
        The entity drawn (one per axes; draw several axes for several).
    title : str, optional
        Defaults to the entity's name.

    Returns
    -------
    matplotlib.axes.Axes
        Points at each period's rate per 1,000 words with their exact 95%
        intervals as bars, joined by lines; periods where a side has no words
        are left out.

    Raises
    ------
    CrossEventError
        If the table lacks a column or does not hold ``entity``.
    """
    _check(
        table,
        ["period", "period_start", "side", "entity", "rate_per_1000", "rate_low", "rate_high"],
        "plot_mention_rates_over_time",
    )
    rows = table.loc[table["entity"] == entity]
    if rows.empty:
        raise CrossEventError(
            f"plot_mention_rates_over_time: no rows for {entity!r}; the table has "
            f"{', '.join(map(repr, dict.fromkeys(table['entity'])))}."
        )
    ax = _axes(ax, (3.5, 2.6))
    colors = _side_colors()
    offsets = {"US": pd.Timedelta(days=-6), "counterpart": pd.Timedelta(days=6)}
    for side in _SIDES:
        part = rows.loc[(rows["side"] == side) & rows["rate_per_1000"].notna()].sort_values("period_start")
        if part.empty:
            continue
        x = part["period_start"] + pd.Timedelta(days=45) + offsets[side]
        ax.errorbar(
            x,
            part["rate_per_1000"],
            yerr=[part["rate_per_1000"] - part["rate_low"], part["rate_high"] - part["rate_per_1000"]],
            color=colors[side],
            marker="o",
            markersize=3,
            linewidth=1.2,
            elinewidth=0.8,
            capsize=0,
            label="U.S. principals" if side == "US" else "counterpart principals",
        )
    ax.set_ylim(bottom=0)
    ax.set_ylabel("mentions per 1,000 words")
    ax.set_title(title if title is not None else entity)
    return ax


def save_corpus_figures(
    tables: dict, outdir: str | Path, *, formats: Sequence[str] = ("png", "pdf")
) -> list[Path]:
    """Draw the two corpus figures from :func:`event_word_share` and :func:`mention_rates_over_time` tables.

    Parameters
    ----------
    tables : dict
        With keys ``"event_word_share"`` and ``"mention_rates_over_time"``.
    outdir : str or Path
        Folder, created if needed.
    formats : sequence of str, default=("png", "pdf")

    Returns
    -------
    list of Path
        The files written.
    """
    from .figures import SAVE_METADATA
    from .style import use_style

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    with use_style():
        for name, figure in (
            ("corpus01_event_word_share", figure_event_word_share(tables["event_word_share"])),
            ("corpus02_mention_rates_over_time", figure_mention_rates(tables["mention_rates_over_time"])),
        ):
            for fmt in formats:
                path = outdir / f"{name}.{fmt}"
                figure.savefig(path, format=fmt, metadata=SAVE_METADATA.get(fmt))
                written.append(path)
    return written


def figure_event_word_share(table: pd.DataFrame):
    """The U.S. share figure as a whole :class:`~matplotlib.figure.Figure` (for the figure registry)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.5, 3.0), layout="constrained")
    plot_event_word_share(table, figure.add_subplot())
    return figure


def figure_mention_rates(table: pd.DataFrame, entities: Sequence[str] | None = None):
    """The mention-rate panels, one per entity, as a :class:`~matplotlib.figure.Figure`."""
    from matplotlib.figure import Figure

    entities = list(dict.fromkeys(table["entity"])) if entities is None else list(entities)
    figure = Figure(figsize=(6.5, 1.0 + 2.2 * ((len(entities) + 1) // 2)), layout="constrained")
    axes = figure.subplots((len(entities) + 1) // 2, 2, sharex=True, squeeze=False).ravel()
    for ax, entity in zip(axes, entities, strict=False):
        plot_mention_rates_over_time(table, ax, entity=entity)
    for ax in axes[len(entities) :]:
        ax.set_visible(False)
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncols=2, frameon=False)
    for ax in axes:
        for label in ax.get_xticklabels():
            label.set_rotation(30)
            label.set_horizontalalignment("right")
    return figure
