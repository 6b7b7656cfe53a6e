"""One plotting function per figure.

Every function takes the tidy table that a compute function returns (named in
its docstring) as its one positional argument; everything else is
keyword-only. ``ax=None`` draws on :func:`matplotlib.pyplot.gca` (a new
figure of a suitable size when pyplot has none open), so every plot shows
inline in Jupyter; ``**kwargs`` go to the main artist (the bars, points or
heatmap). Each function returns the Axes it drew on. Nothing here computes a
statistic, shows or saves a figure: :mod:`analysis.figures` saves files.

seaborn draws where it is the natural tool: the topic-prevalence heatmap
(:func:`seaborn.heatmap`), the bars of words by segment
(:func:`seaborn.barplot`), and the point-and-interval plots of precomputed
intervals (the objects interface: ``so.Dot`` and ``so.Range``, faceted for
the corpus's mention rates over time). The timeline, the word-share bars
with their hatched interpreted part, the dispersion and keyness plots are
drawn with matplotlib.

What a reader sees follows a few rules. Delegations are spelled by
:func:`analysis.plotting.style.delegation_label` ("U.S.", not "US") and
coloured by :func:`analysis.plotting.style.delegation_palette`. Legends sit
below the x-axis label, never on the data; titles wrap at the figure's edge
rather than being cut. Topics are named by their top terms (the ``label``
column of the topic tables, :func:`topic_names`).

The functions do not apply the project's style themselves; wrap calls in
:func:`analysis.plotting.style.use_style` (as :mod:`analysis.figures` does)
or call ``plt.style.use(STYLE_PATH)`` (as the notebooks do) for the
published look.

Tests read back what was drawn: each docstring says which artists hold the
data (``ax.containers``, ``ax.collections``, ``ax.lines``).
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator, Mapping, Sequence

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import LogLocator, MaxNLocator, NullFormatter, PercentFormatter

from .._validation import check_table
from ..exceptions import TableError
from ..measures.crossevent import SIDES
from ..measures.wordshare import press_as_one
from ..parsing.roster import delegation_order
from .style import (
    INTERPRETED_HATCH,
    MISSING_COLOR,
    MISSING_LABEL,
    delegation_color,
    delegation_label,
    delegation_palette,
)

__all__ = [
    "plot_event_word_share",
    "plot_k_selection",
    "plot_keyness",
    "plot_mention_dispersion",
    "plot_mention_rates",
    "plot_mention_rates_over_time",
    "plot_timeline",
    "plot_topic_prevalence",
    "plot_topic_terms",
    "plot_word_share",
    "plot_words_by_segment",
    "speaker_labels",
    "topic_names",
]

SEGMENT_LABELS = {"statements": "Statements", "qa": "Q&A"}
_ROLE_RANK = {"principal": 0, "moderator": 1, "interpreter": 2, "press": 3}
_NEUTRAL = "#555555"
_NOT_SIGNIFICANT = "#BBBBBB"
#: rcParams groups handed to seaborn's objects interface, so that it draws in the current style.
_THEME_GROUPS = (
    "axes",
    "figure",
    "font",
    "grid",
    "hatch",
    "legend",
    "lines",
    "mathtext",
    "markers",
    "patch",
    "savefig",
    "scatter",
    "xaxis",
    "xtick",
    "yaxis",
    "ytick",
)


def _require(table, columns: Sequence[str], function: str, producer: str) -> None:
    check_table(table, columns, function, producer=producer)


def _axes(ax, figsize):
    """``ax``, or pyplot's current Axes (a new constrained-layout figure of ``figsize`` if none is open)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    if not plt.get_fignums():
        plt.figure(figsize=figsize, layout="constrained")
    return plt.gca()


def _figure(figure, figsize):
    """``figure``, or pyplot's current figure if it is empty, else a new one of ``figsize``."""
    if figure is not None:
        return figure
    import matplotlib.pyplot as plt

    if plt.get_fignums() and not plt.gcf().axes:
        return plt.gcf()
    return plt.figure(figsize=figsize, layout="constrained")


def _theme() -> dict:
    """The rcParams in effect, for seaborn's objects interface (which otherwise applies its own theme)."""
    return {k: v for k, v in matplotlib.rcParams.items() if k.split(".")[0] in _THEME_GROUPS}


@contextlib.contextmanager
def _seaborn_objects() -> Iterator:
    """seaborn's objects interface, without the pandas deprecation warning it raises on pandas >= 3."""
    import seaborn.objects as so

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The copy keyword is deprecated", module="seaborn")
        yield so


def _title(ax, text: str):
    """Set the Axes title, wrapped at the figure's edge instead of cut off."""
    return ax.set_title(text, wrap=True)


def _delegation_rank(delegations: pd.Series) -> pd.Series:
    """Display rank of each row's delegation; a missing delegation comes just before the press."""
    order = delegation_order(delegations)
    rank = {d: float(i) for i, d in enumerate(order)}
    missing = rank.get("press", float(len(order))) - 0.5
    return delegations.map(rank).astype(float).fillna(missing)


def _delegation_handles(palette: Mapping, names, *, missing: bool = False) -> list:
    handles = [Patch(facecolor=palette[d], label=delegation_label(d)) for d in names]
    if missing:
        handles.append(Patch(facecolor=MISSING_COLOR, label=delegation_label(None)))
    return handles


def _interpreted_handle():
    return Patch(facecolor="#777777", hatch=INTERPRETED_HATCH, edgecolor="white", label="interpreted")


def _points(size) -> float:
    return matplotlib.font_manager.FontProperties(size=size).get_size_in_points()


def _below_xaxis(ax) -> float:
    """Height in points of what hangs below the Axes: ticks, tick labels, the x label (all its lines)."""
    rc = matplotlib.rcParams
    height = rc["xtick.major.size"] + rc["xtick.major.pad"]
    labels = [t for t in ax.xaxis.get_ticklabels() if t.get_visible()]
    if rc["xtick.labelbottom"] and (labels or len(ax.get_xticks())):
        size = labels[0].get_fontsize() if labels else _points(rc["xtick.labelsize"])
        height += 1.25 * size
    label = ax.xaxis.label
    if label.get_visible() and label.get_text():
        height += rc["axes.labelpad"] + 1.25 * label.get_fontsize() * (label.get_text().count("\n") + 1)
    return height


def _legend_below(ax, handles, ncol: int, **kwargs):
    """Legend under the x-axis label, whatever the Axes' height; set the x label first.

    Centred on the figure when the Axes spans its width (a legend wider than
    the Axes then still fits the page), else on the Axes. At most ``ncol``
    columns, as balanced as the rows allow (4 entries in 3 columns become
    2 x 2).
    """
    from matplotlib.transforms import blended_transform_factory, offset_copy

    below = offset_copy(ax.transAxes, fig=ax.figure, y=-(_below_xaxis(ax) + 3), units="points")
    spec = ax.get_subplotspec()
    whole_width = spec is not None and spec.colspan == range(spec.get_gridspec().ncols)
    across = ax.figure.transSubfigure if whole_width else ax.transAxes
    n_rows = -(-len(handles) // max(ncol, 1))
    options = {"columnspacing": 1.2, "handletextpad": 0.5, **kwargs}
    return ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0),
        bbox_transform=blended_transform_factory(across, below),
        ncol=max(1, -(-len(handles) // max(n_rows, 1))),
        **options,
    )


def _percent(x) -> np.ndarray:
    return 100.0 * np.asarray(x, dtype=float)


def speaker_labels(paragraphs: pd.DataFrame) -> dict:
    """Short display names of the speakers of a paragraph table.

    A principal's or moderator's name is the last word of the printed label
    (``SECRETARY BLINKEN`` → ``Blinken``, ``MR PRICE`` → ``Price``); a
    one-word label (``MODERATOR``) and the press keep the roster name. If two
    speakers would get the same short name, both keep their roster names.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Paragraph table (:func:`analysis.read_event`), with ``speaker``,
        ``speaker_label`` and ``role``.

    Returns
    -------
    dict
        ``{speaker: short name}``.

    Examples
    --------
    >>> from analysis import read_event
    >>> labels = speaker_labels(read_event())
    >>> labels["Antony J. Blinken"], labels["Japanese moderator"]
    ('Blinken', 'Japanese moderator')
    """
    _require(paragraphs, ["speaker", "speaker_label", "role"], "speaker_labels", "analysis.read_event")
    first = paragraphs.drop_duplicates("speaker")
    short = {}
    for row in first.itertuples():
        words = str(row.speaker_label).split()
        if row.role in ("principal", "moderator") and len(words) > 1:
            short[row.speaker] = words[-1].title()
        else:
            short[row.speaker] = str(row.speaker)
    counts = pd.Series(list(short.values())).value_counts()
    return {s: (name if counts[name] == 1 else str(s)) for s, name in short.items()}


def topic_names(table: pd.DataFrame) -> dict:
    """Display name of each topic: its number and its top terms.

    Parameters
    ----------
    table : pandas.DataFrame
        A table with ``topic`` and ``label`` columns:
        :func:`analysis.topics.topic_terms` or
        :func:`analysis.topics.topic_prevalence`.

    Returns
    -------
    dict
        ``{topic: "k: term / term / term"}``; just ``"Topic k"`` when the
        table has no ``label`` column.

    Examples
    --------
    >>> terms = pd.DataFrame({"topic": [1, 1, 2], "label": ["china / taiwan"] * 2 + ["ukraine / russia"]})
    >>> topic_names(terms)
    {1: '1: china / taiwan', 2: '2: ukraine / russia'}
    """
    _require(table, ["topic"], "topic_names", "analysis.topics.topic_terms")
    first = table.drop_duplicates("topic").sort_values("topic", kind="stable")
    if "label" not in first:
        return {int(t): f"Topic {t}" for t in first["topic"]}
    return {int(t): f"{t}: {label}" for t, label in zip(first["topic"], first["label"], strict=True)}


# ----------------------------------------------------------------------------
# Who speaks


def plot_word_share(
    shares: pd.DataFrame,
    *,
    labels: Mapping | None = None,
    title: str | None = None,
    ax=None,
    **kwargs,
):
    """Word share by speaker, coloured by delegation, interpreted words hatched.

    Parameters
    ----------
    shares : pandas.DataFrame
        Output of ``analysis.wordshare.word_share(paragraphs, by="speaker")``:
        ``speaker, delegation, share, share_low, share_high,
        share_interpreted``.
    labels : mapping, optional
        Display name of each speaker (e.g. :func:`speaker_labels`).
    title : str, optional
        Defaults to "Word share by speaker".
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default :func:`matplotlib.pyplot.gca`.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.barh` for the share bars.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.containers[0]`` holds one bar per speaker, top to bottom, of
        length ``100 * share``; ``ax.containers[1]`` the hatched interpreted
        part, ``100 * share * share_interpreted``.
    """
    columns = ["speaker", "delegation", "share", "share_low", "share_high", "share_interpreted"]
    _require(shares, columns, "plot_word_share", "analysis.wordshare.word_share(by='speaker')")
    ax = _axes(ax, (3.5, 0.9 + 0.24 * len(shares)))
    order = delegation_order(shares["delegation"])
    table = shares.assign(_rank=_delegation_rank(shares["delegation"])).sort_values(
        ["_rank", "share"], ascending=[True, False], kind="stable"
    )
    palette = delegation_palette(table["delegation"])
    colors = [palette[d] if isinstance(d, str) else MISSING_COLOR for d in table["delegation"]]
    y = np.arange(len(table))
    share = _percent(table["share"])
    interpreted = share * table["share_interpreted"].fillna(0.0).to_numpy(dtype=float)
    ax.barh(y, share, **{"color": colors, "height": 0.7, **kwargs})
    ax.barh(y, interpreted, color=colors, height=0.7, hatch=INTERPRETED_HATCH, edgecolor="white", linewidth=0)
    low, high = _percent(table["share_low"]), _percent(table["share_high"])
    # A group without an interval (the press, several people) gets no error bar.
    has = ~(np.isnan(low) | np.isnan(high))
    high, low = np.where(has, high, share), np.where(has, low, share)
    ax.errorbar(
        share[has],
        y[has],
        xerr=[(share - low)[has], (high - share)[has]],
        fmt="none",
        ecolor="black",
        elinewidth=0.6,
    )
    for yi, hi, s in zip(y, high, share, strict=True):
        ax.text(hi + 0.8, yi, f"{s:.1f}%" if s < 1 else f"{s:.0f}%", va="center", fontsize=6)
    names = [str((labels or {}).get(s, s)) for s in table["speaker"]]
    ax.set_yticks(y, names)
    ax.set_ylim(len(table) - 0.5, -0.5)
    # Room on the right for the percentage written after the longest interval.
    ax.set_xlim(0, max(high.max(), share.max()) * 1.18)
    ax.set_xlabel("Share of all words (%), 95% CI")
    _title(ax, title or "Word share by speaker")
    handles = _delegation_handles(palette, order, missing=bool(table["delegation"].isna().any()))
    if (interpreted > 0).any():
        handles.append(_interpreted_handle())
    _legend_below(ax, handles, ncol=3)
    return ax


def plot_words_by_segment(counts: pd.DataFrame, *, title: str | None = None, ax=None, **kwargs):
    """Words by delegation in the statements and the Q&A (:func:`seaborn.barplot`).

    Parameters
    ----------
    counts : pandas.DataFrame
        Output of ``analysis.wordshare.word_share(paragraphs,
        by=["delegation", "segment"])``: ``delegation, segment, n_words``.
    title : str, optional
        Defaults to "Words by delegation and segment".
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default :func:`matplotlib.pyplot.gca`.
    **kwargs
        Passed to :func:`seaborn.barplot`.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.containers`` holds one bar group per delegation (in
        :func:`analysis.parsing.roster.delegation_order`), labelled with the
        delegation, one bar per segment (statements, then Q&A) of height
        ``n_words`` (0 where the delegation did not speak).
    """
    import seaborn as sns

    _require(
        counts,
        ["delegation", "segment", "n_words"],
        "plot_words_by_segment",
        "analysis.wordshare.word_share(by=['delegation', 'segment'])",
    )
    ax = _axes(ax, (3.5, 2.4))
    segments = [s for s in SEGMENT_LABELS if s in set(counts["segment"])]
    segments += sorted(set(counts["segment"]) - set(segments))
    # Speakers without a delegation form one grey group, just before the press.
    known = counts["delegation"].notna()
    counts = counts.assign(delegation=counts["delegation"].astype(object).where(known, MISSING_LABEL))
    delegations = delegation_order(counts.loc[known, "delegation"])
    palette = delegation_palette(delegations)
    if not known.all():
        at = delegations.index("press") if "press" in delegations else len(delegations)
        delegations.insert(at, MISSING_LABEL)
        palette[MISSING_LABEL] = MISSING_COLOR
    wide = counts.pivot_table(index="segment", columns="delegation", values="n_words", aggfunc="sum")
    wide = wide.reindex(index=segments, columns=delegations).fillna(0)
    # Every delegation x segment cell, zeros included, so that each delegation has one bar per segment.
    long = pd.DataFrame(
        [(s, d, float(wide.loc[s, d])) for d in delegations for s in segments],
        columns=["segment", "delegation", "n_words"],
    )
    options = {"saturation": 1, "gap": 0.06, "errorbar": None, "legend": False, **kwargs}
    sns.barplot(
        long,
        x="segment",
        y="n_words",
        hue="delegation",
        order=segments,
        hue_order=delegations,
        palette=palette,
        ax=ax,
        **options,
    )
    for container, d in zip(ax.containers, delegations, strict=True):
        container.set_label(str(d))
        heights = [patch.get_height() for patch in container]
        ax.bar_label(container, [f"{h:,.0f}" if h else "" for h in heights], fontsize=5.5, padding=1)
    ax.set_xticks(range(len(segments)), [SEGMENT_LABELS.get(s, s) for s in segments])
    ax.set_xlabel("")
    ax.set_ylabel("Words")
    ax.set_ylim(0, float(wide.to_numpy().max()) * 1.15)
    ax.yaxis.set_major_formatter("{x:,.0f}")
    _title(ax, title or "Words by delegation and segment")
    _legend_below(ax, _delegation_handles(palette, delegations), ncol=4)
    return ax


def plot_timeline(
    paragraphs: pd.DataFrame,
    *,
    labels: Mapping | None = None,
    title: str | None = None,
    ax=None,
    **kwargs,
):
    """Timeline of an event: who speaks when, for how long, and who called each question.

    Time is measured in words: each paragraph is a bar from the number of
    words spoken before it to that number plus its own words (transcripts
    carry no timestamps). Interpreted paragraphs are hatched; a dashed line
    marks the start of the Q&A; a triangle over each question shows, in its
    colour, the delegation whose moderator gave the floor. The press is
    one row (:func:`analysis.measures.wordshare.press_as_one`), whoever
    asked. Drawn with matplotlib (seaborn has no timeline).

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        The paragraph table of one event (:func:`analysis.read_event`).
    labels : mapping, optional
        Display name of each speaker (e.g. :func:`speaker_labels`).
    title : str, optional
        Defaults to "Timeline: who speaks when".
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default :func:`matplotlib.pyplot.gca`.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.barh` for the paragraph bars.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.containers[0]`` holds one bar per paragraph in speaking order
        (``x`` = words before it, ``width`` = ``n_words``); the y tick labels
        name the rows.
    """
    columns = ["event_id", "turn", "speaker", "role", "delegation", "segment", "called_by", "interpreted"]
    _require(paragraphs, [*columns, "n_words"], "plot_timeline", "analysis.read_event")
    if paragraphs["event_id"].nunique() > 1:
        raise TableError("plot_timeline draws one event; select one event_id first.")
    paragraphs = press_as_one(paragraphs)
    ax = _axes(ax, (3.5, 1.4 + 0.22 * paragraphs["speaker"].nunique()))
    table = paragraphs.reset_index(drop=True)
    words = table["n_words"].to_numpy(dtype=float)
    start = np.cumsum(words) - words
    delegations = delegation_order(table["delegation"])
    palette = delegation_palette(table["delegation"])
    speakers = table.drop_duplicates("speaker").assign(
        _d=lambda t: _delegation_rank(t["delegation"]),
        _r=lambda t: t["role"].map(_ROLE_RANK).fillna(9),
        _first=lambda t: t.index,
    )
    speakers = speakers.sort_values(["_d", "_r", "_first"], kind="stable")["speaker"].tolist()
    row = {s: i for i, s in enumerate(speakers)}
    y = table["speaker"].map(row).to_numpy(dtype=float)
    colors = [palette[d] if isinstance(d, str) else MISSING_COLOR for d in table["delegation"]]
    # Edges in the bar's own colour keep the shortest turns visible.
    options = {"height": 0.7, "color": colors, "edgecolor": colors, "linewidth": 0.4, **kwargs}
    ax.barh(y, words, left=start, **options)
    interpreted = table["interpreted"].to_numpy(dtype=bool)
    hatched = np.asarray(colors, dtype=object)[interpreted].tolist()
    ax.barh(
        y[interpreted],
        words[interpreted],
        left=start[interpreted],
        height=0.7,
        color=hatched,
        edgecolor=hatched,
        linewidth=0.4,
        hatch=INTERPRETED_HATCH,
    )
    total = float(words.sum())
    qa = np.flatnonzero((table["segment"] == "qa").to_numpy())
    if len(qa):
        ax.axvline(start[qa[0]], color="black", linestyle="--", linewidth=0.7)
        ax.text(start[qa[0]] + total * 0.008, -0.9, "Q&A", fontsize=6, va="bottom")
    press = table.loc[table["role"] == "press"].drop_duplicates("turn")
    callers = []
    for number, (index, question) in enumerate(press.iterrows(), start=1):
        caller = question["called_by"]
        color = palette.get(caller) if isinstance(caller, str) else None
        color = color or delegation_palette([caller])[caller]
        x = start[index]
        y_marker = row[question["speaker"]] - 0.52
        ax.plot(x, y_marker, marker="v", color=color, markersize=3.5, linestyle="none")
        ax.text(x + total * 0.012, y_marker, f"Q{number}", fontsize=5.5, va="center")
        callers.append(caller)
    names = [str((labels or {}).get(s, s)) for s in speakers]
    ax.set_yticks(range(len(speakers)), names)
    ax.set_ylim(len(speakers) - 0.5, -1.2)
    ax.set_xlim(0, total)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter("{x:,.0f}")
    ax.set_xlabel("Words spoken since the start of the event")
    _title(ax, title or "Timeline: who speaks when")
    handles = _delegation_handles(palette, delegations, missing=bool(table["delegation"].isna().any()))
    if interpreted.any():
        handles.append(_interpreted_handle())
    for caller in dict.fromkeys(c for c in callers if isinstance(c, str)):
        handles.append(
            Line2D(
                [],
                [],
                marker="v",
                linestyle="none",
                color=delegation_palette([caller])[caller] if caller not in palette else palette[caller],
                label=f"question called by {delegation_label(caller)}",
            )
        )
    _legend_below(ax, handles, ncol=2)
    return ax


# ----------------------------------------------------------------------------
# Mentions


def _groups_title(groups) -> str:
    names = [delegation_label(g) for g in groups]
    return " vs ".join(names) if len(names) == 2 else ", ".join(names)


def plot_mention_rates(
    rates: pd.DataFrame,
    *,
    group_col: str = "delegation",
    groups: Sequence[str] | None = None,
    drop_zero: bool = True,
    max_entities: int | None = None,
    ci: float = 0.95,
    xlabel: str | None = None,
    title: str | None = None,
    ax=None,
    **kwargs,
):
    """Mention rates per 1,000 words, by group, with their intervals (seaborn objects: Dot and Range).

    Parameters
    ----------
    rates : pandas.DataFrame
        Output of ``analysis.mentions.mention_rates(paragraphs)``: ``entity,
        count, n_words, rate_per_1000, rate_low, rate_high`` and
        ``group_col``.
    group_col : str, default="delegation"
        Column of ``rates`` that names the groups.
    groups : sequence of str, optional
        Groups to draw, in order; by default every group of the table that
        has words (with the default ``mention_rates``, every delegation whose
        principals speak), in :func:`analysis.parsing.roster.delegation_order`.
    drop_zero : bool, default=True
        Leave out entities no group mentions.
    max_entities : int, optional
        Draw only this many entities, the most mentioned (all groups
        together) first.
    ci : float, default=0.95
        Coverage of the intervals in the table (for the axis label only).
    xlabel : str, optional
        Defaults to "Mentions per 1,000 words (95% exact Poisson CI)".
    title : str, optional
        Defaults to "Mentions per 1,000 words: A vs B" (the groups).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default :func:`matplotlib.pyplot.gca`.
    **kwargs
        Passed to the points' matplotlib artist (``so.Dot(artist_kws=...)``).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.collections[0]`` holds the intervals (a LineCollection, one
        segment ``rate_low``–``rate_high`` per entity and group),
        ``ax.collections[1]`` the points, with offsets ``(rate_per_1000,
        row + dodge)`` and the group's colour; row 0 (the top one) is the
        most mentioned entity, the y tick labels name the rows and each
        group is dodged, in ``groups`` order, from the top of its row down.
    """
    columns = ["entity", group_col, "count", "rate_per_1000", "rate_low", "rate_high"]
    _require(rates, columns, "plot_mention_rates", "analysis.mentions.mention_rates")
    if groups is None:
        present = rates.loc[rates["n_words"] > 0] if "n_words" in rates else rates
        groups = delegation_order(present[group_col].dropna())
    groups = list(groups)
    table = rates.loc[rates[group_col].isin(groups)]
    totals = table.groupby("entity", sort=True)["count"].sum().sort_values(ascending=False, kind="stable")
    if drop_zero:
        totals = totals.loc[totals > 0]
    if max_entities is not None:
        totals = totals.iloc[:max_entities]
    if totals.empty:
        raise TableError("plot_mention_rates: no entity is mentioned by these groups; nothing to draw.")
    entities = totals.index.tolist()
    table = table.loc[table["entity"].isin(entities)]
    ax = _axes(ax, (3.5, 1.0 + 0.24 * len(entities)))
    palette = delegation_palette(groups)
    with _seaborn_objects() as so:
        (
            so.Plot(
                table,
                x="rate_per_1000",
                y="entity",
                color=group_col,
                xmin="rate_low",
                xmax="rate_high",
            )
            .add(so.Range(linewidth=0.8), so.Dodge(), legend=False)
            .add(so.Dot(pointsize=3.5, artist_kws=kwargs), so.Dodge(), legend=False)
            .scale(y=so.Nominal(order=entities), color=so.Nominal(palette, order=groups))
            .theme(_theme())
            .on(ax)
            .plot()
        )
    ax.set_xlim(left=0)
    ax.set_ylabel("")
    ax.grid(axis="x")
    ax.set_axisbelow(True)
    ax.set_xlabel(xlabel or f"Mentions per 1,000 words ({ci:.0%} exact Poisson CI)")
    _title(ax, title or f"Mentions per 1,000 words: {_groups_title(groups)}")
    handles = [
        Line2D([], [], color=palette[g], marker="o", markersize=3.5, linewidth=0.8, label=delegation_label(g))
        for g in groups
    ]
    _legend_below(ax, handles, ncol=4)
    return ax


def plot_mention_dispersion(
    mentions: pd.DataFrame,
    *,
    qa_start: float | None = None,
    max_entities: int | None = None,
    title: str | None = None,
    ax=None,
    **kwargs,
):
    """Where each entity is mentioned across the event, and by whom.

    Parameters
    ----------
    mentions : pandas.DataFrame
        Output of ``analysis.mentions.find_mentions(paragraphs)``:
        ``entity, position, delegation`` (one row per mention).
    qa_start : float, optional
        Position (fraction of the event's words, in [0, 1]) where the Q&A
        starts; drawn as a dashed line.
    max_entities : int, optional
        Draw only this many entities, the most mentioned first.
    title : str, optional
        Defaults to "Where each entity is mentioned".
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default :func:`matplotlib.pyplot.gca`.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.scatter`.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.collections`` holds one scatter per delegation (in
        :func:`analysis.parsing.roster.delegation_order`), with offsets
        ``(100 * position, row)``; row 0 is the most mentioned entity.
    """
    _require(mentions, ["entity", "position", "delegation"], "plot_mention_dispersion", "find_mentions")
    counts = mentions["entity"].value_counts(sort=False)
    entities = sorted(counts.index, key=lambda e: (-counts[e], e))[:max_entities]
    mentions = mentions.loc[mentions["entity"].isin(entities)]
    ax = _axes(ax, (3.5, 1.3 + 0.2 * len(entities)))
    row = {e: i for i, e in enumerate(entities)}
    delegations = delegation_order(mentions["delegation"])
    palette = delegation_palette(delegations)
    groups = [
        (mentions["delegation"] == d, palette[d], f"said by {delegation_label(d)}") for d in delegations
    ]
    unknown = mentions["delegation"].isna()
    if unknown.any():
        groups.append((unknown, MISSING_COLOR, "said by others"))
    for selected, color, label in groups:
        part = mentions.loc[selected]
        options = {"marker": "|", "s": 45, "linewidths": 1.0, **kwargs}
        ax.scatter(
            _percent(part["position"]),
            part["entity"].map(row).to_numpy(dtype=float),
            color=color,
            label=label,
            **options,
        )
    if qa_start is not None:
        ax.axvline(100 * qa_start, color="black", linestyle="--", linewidth=0.7)
        ax.text(100 * qa_start + 0.8, -0.6, "Q&A", fontsize=6, va="bottom")
    ax.set_yticks(range(len(entities)), [f"{e} ({counts[e]})" for e in entities])
    ax.set_ylim(len(entities) - 0.5, -0.9)
    ax.set_xlim(0, 100)
    ax.grid(axis="y")
    ax.set_xlabel("Position in the event (% of words spoken)")
    _title(ax, title or "Where each entity is mentioned")
    _legend_below(ax, list(ax.collections), ncol=4)
    return ax


# ----------------------------------------------------------------------------
# Keyness


def _place_labels(u: np.ndarray, v: np.ndarray, widths: np.ndarray, height: float, box: tuple) -> list:
    """Greedy label placement, in inches on the Axes, without estimated overlaps.

    Each label (in the given order) takes the first candidate offset, right
    of its point, left of it, then higher or lower, whose box overlaps no
    label placed before and stays inside ``box = (width, height)``.

    Returns
    -------
    list of (dx, dy) or None
        Offsets in inches from the point to the label's left-centre; None
        when no candidate is free.
    """
    gap = 0.04
    placed, offsets = [], []
    for x, y, w in zip(u, v, widths, strict=True):
        chosen = None
        for dy in (0.0, 0.11, -0.11, 0.22, -0.22, 0.33, -0.33):
            for dx in (gap, -gap - w):
                left, bottom = x + dx, y + dy - height / 2
                inside = 0 <= left and left + w <= box[0] and 0 <= bottom and bottom + height <= box[1]
                free = all(
                    left + w <= pl or pl + pw <= left or bottom + height <= pb or pb + ph <= bottom
                    for pl, pb, pw, ph in placed
                )
                if inside and free:
                    chosen = (dx, dy)
                    placed.append((left, bottom, w, height))
                    break
            if chosen is not None:
                break
        offsets.append(chosen)
    return offsets


def _keyness_groups(table: pd.DataFrame, groups) -> tuple:
    if groups is None:
        if {"group_a", "group_b"} <= set(table.columns) and len(table):
            groups = (table["group_a"].iloc[0], table["group_b"].iloc[0])
        else:
            raise TableError(
                "plot_keyness: the table does not name its groups (no group_a / group_b columns); "
                "pass groups=(first, second), the groups given to analysis.keyness.keyness."
            )
    if len(groups) != 2:
        raise TableError("plot_keyness compares two groups; pass groups=(first, second).")
    return tuple(groups)


def plot_keyness(
    table: pd.DataFrame,
    *,
    groups: Sequence[str] | None = None,
    n_labels: int = 6,
    alpha: float = 0.05,
    title: str | None = None,
    ax=None,
    **kwargs,
):
    """Keyness of two groups: log-odds z-score against frequency.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of ``analysis.keyness.keyness(paragraphs, groups=groups)``:
        ``term, count_a, count_b, z`` and, if present, ``p_adjusted``.
    groups : sequence of two str, optional
        The groups the table compares (positive z = more typical of the
        first); by default the table's ``group_a`` and ``group_b`` columns
        (:func:`analysis.measures.tables.event_tables` adds them: the two
        delegations whose principals speak most).
    n_labels : int, default=6
        Terms labelled on each side (the largest and the smallest z),
        significant or not; a label with no free place nearby is left out.
    alpha : float, default=0.05
        Terms with ``p_adjusted < alpha`` (Benjamini-Hochberg; or
        ``|z| > 1.96`` without ``p_adjusted``) are coloured by the group
        they are typical of, the others grey.
    title : str, optional
        Defaults to "Keyness: A vs B".
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default :func:`matplotlib.pyplot.gca`.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.scatter`.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.collections[0]`` holds one point per term, in table order, with
        offsets ``(count_a + count_b, z)``; ``ax.texts`` the labelled terms.

    Raises
    ------
    TableError
        If ``groups`` is not two groups, or is None and the table does not
        name them.
    """
    _require(table, ["term", "count_a", "count_b", "z"], "plot_keyness", "analysis.keyness.keyness")
    a, b = _keyness_groups(table, groups)
    ax = _axes(ax, (3.5, 3.2))
    palette = delegation_palette([a, b])
    frequency = (table["count_a"] + table["count_b"]).to_numpy(dtype=float)
    z = table["z"].to_numpy(dtype=float)
    if "p_adjusted" in table:
        significant = table["p_adjusted"].to_numpy(dtype=float) < alpha
    else:
        significant = np.abs(z) > 1.96
    colors = np.where(~significant, _NOT_SIGNIFICANT, np.where(z > 0, palette[a], palette[b]))
    ax.scatter(frequency, z, **{"s": 6, "c": colors.tolist(), "alpha": 0.8, "linewidths": 0, **kwargs})
    ax.set_xscale("log")
    # Plain numbers at 1, 2, 5 x 10^n: readable whatever the range (no 10^n mathtext, no crowded minors).
    ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.xaxis.set_major_formatter("{x:g}")
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.axhline(0, color="black", linewidth=0.5)
    low, high = float(np.nanmin(z)), float(np.nanmax(z))
    span = max(high - low, 1.0)
    ax.set_ylim(low - 0.08 * span, high + 0.08 * span)
    x_max = float(np.nanmax(frequency))
    ax.set_xlim(max(float(np.nanmin(frequency)) / 1.8, 0.5), x_max * 2.5)
    # Label the most distinctive terms of each side, alternating sides, the
    # largest |z| first; positions are estimated in inches on the Axes.
    order = np.argsort(-z, kind="stable")
    top = [i for i in order[:n_labels] if z[i] > 0]
    bottom = [i for i in order[::-1][:n_labels] if z[i] < 0]
    picks = [i for pair in zip(top, bottom, strict=False) for i in pair]
    picks += top[len(bottom) :] + bottom[len(top) :]
    fontsize = 6.0
    width_in, height_in = 2.6, 2.0  # the Axes of a 3.5 x 3.2 in figure
    x_low, x_high = (np.log10(limit) for limit in ax.get_xlim())
    y_low, y_high = ax.get_ylim()
    u = (np.log10(frequency[picks]) - x_low) / (x_high - x_low) * width_in
    v = (z[picks] - y_low) / (y_high - y_low) * height_in
    widths = np.array([0.55 * fontsize / 72 * len(str(table["term"].iloc[i])) for i in picks])
    offsets = _place_labels(u, v, widths, 1.2 * fontsize / 72, (width_in, height_in))
    for i, offset in zip(picks, offsets, strict=True):
        if offset is None:
            continue
        dx, dy = offset
        ax.annotate(
            str(table["term"].iloc[i]),
            xy=(frequency[i], z[i]),
            xytext=(72 * dx, 72 * dy),
            textcoords="offset points",
            fontsize=fontsize,
            ha="left",
            va="center",
            color=colors[i] if significant[i] else _NEUTRAL,
            arrowprops=None
            if dy == 0
            else {"arrowstyle": "-", "color": "#888888", "linewidth": 0.4, "shrinkA": 0, "shrinkB": 1},
        )
    la, lb = delegation_label(a), delegation_label(b)
    ax.set_xlabel(f"Frequency (count in {la} + {lb} words, log scale)")
    ax.set_ylabel(f"Log-odds z-score\n(+ typical of {la}, − of {lb})")
    _title(ax, title or f"Keyness: {la} vs {lb}")
    test = f"q < {alpha:g}" if "p_adjusted" in table else "|z| > 1.96"
    handles = [
        Line2D([], [], marker="o", linestyle="none", markersize=3, color=color, label=label)
        for color, label in [
            (palette[a], f"{la} ({test})"),
            (palette[b], f"{lb} ({test})"),
            (_NOT_SIGNIFICANT, "not significant"),
        ]
    ]
    _legend_below(ax, handles, ncol=3)
    return ax


# ----------------------------------------------------------------------------
# Topics


def plot_topic_terms(
    terms: pd.DataFrame,
    *,
    topics: Sequence[int] | None = None,
    n_terms: int | None = None,
    title: str | None = None,
    ax=None,
    **kwargs,
):
    """Top terms of each topic, as bars of their weights.

    Parameters
    ----------
    terms : pandas.DataFrame
        Output of ``analysis.topics.topic_terms(model)``: ``topic, rank, term,
        weight`` (and ``label``, which names the topics: :func:`topic_names`).
    topics : sequence of int, optional
        Topics to draw (1-based); all by default. With one topic the Axes'
        title names it, which suits small multiples.
    n_terms : int, optional
        Terms per topic; all in the table by default.
    title : str, optional
        Defaults to "Top terms per topic" (or the topic's name for one topic,
        e.g. "2: ukraine / russia / help").
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default :func:`matplotlib.pyplot.gca`.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.containers[0]`` holds one bar per term, topic by topic, rank by
        rank, of length ``weight``; with several topics, ``ax.texts`` holds
        each topic's name above its bars.
    """
    _require(terms, ["topic", "rank", "term", "weight"], "plot_topic_terms", "analysis.topics.topic_terms")
    names = topic_names(terms)
    table = terms.sort_values(["topic", "rank"], kind="stable")
    if topics is not None:
        table = table.loc[table["topic"].isin(list(topics))]
    if n_terms is not None:
        table = table.loc[table["rank"] <= n_terms]
    if table.empty:
        raise TableError("plot_topic_terms: no term left for these topics; check `topics`.")
    chosen = table["topic"].drop_duplicates().tolist()
    single = len(chosen) == 1
    ax = _axes(ax, (3.5, 0.7 + 0.13 * (len(table) + (0 if single else len(chosen)))))
    y, headers, position = [], [], 0.0
    for topic in chosen:
        if not single:
            headers.append((position, topic))
            position += 1
        for _ in range(int((table["topic"] == topic).sum())):
            y.append(position)
            position += 1
        position += 0.4
    ax.barh(y, table["weight"].to_numpy(dtype=float), **{"height": 0.75, "color": _NEUTRAL, **kwargs})
    ax.set_yticks(y, table["term"].tolist())
    ax.tick_params(axis="y", length=0)
    for header_y, topic in headers:
        ax.text(0, header_y, names[int(topic)], fontsize=7, fontweight="bold", va="center")
    ax.set_ylim(position - 0.4, -0.7)
    ax.set_xlabel("Term weight in topic (NMF, arbitrary units)")
    if title is None:
        title = names[int(chosen[0])] if single else "Top terms per topic"
    _title(ax, title)
    return ax


def plot_topic_prevalence(
    prevalence: pd.DataFrame,
    *,
    by: str = "speaker",
    labels: Mapping | None = None,
    title: str | None = None,
    ax=None,
    **kwargs,
):
    """Heatmap of topic prevalence (:func:`seaborn.heatmap`): topics down, speakers across.

    Each cell is the share (%) of the speaker's topic weight on the topic, so
    every column sums to 100. Rows are named, on the right, by the topics'
    top terms (:func:`topic_names`); columns are grouped by delegation
    (separated by white lines, tick labels in the delegation's colour).

    Parameters
    ----------
    prevalence : pandas.DataFrame
        Output of ``analysis.topics.topic_prevalence(model, paragraphs,
        by="speaker")``: ``speaker, delegation, topic, share`` (and
        ``label``).
    by : str, default="speaker"
        Column naming the columns of the heatmap.
    labels : mapping, optional
        Display name of each column (e.g. :func:`speaker_labels`).
    title : str, optional
        Defaults to "Topic prevalence by speaker (%)".
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default :func:`matplotlib.pyplot.gca`.
    **kwargs
        Passed to :func:`seaborn.heatmap` (e.g. ``cbar=True`` for a colour
        bar; every cell is annotated with its value, so there is none by
        default).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.collections[0]`` (a QuadMesh) holds the matrix ``100 * share``,
        one row per topic (1..k, top to bottom) and one column per ``by``
        value (the x tick labels, delegation by delegation); a missing share
        (a speaker with no topic weight) is masked and shown as a dash on
        light grey. ``ax.texts`` holds the cell annotations.
    """
    import seaborn as sns

    _require(
        prevalence,
        [by, "delegation", "topic", "share"],
        "plot_topic_prevalence",
        "analysis.topics.topic_prevalence",
    )
    if prevalence.duplicated([by, "topic"]).any():
        raise TableError(
            f"plot_topic_prevalence: several rows per {by} and topic (several events?); "
            "draw one event at a time or pass by= a column that is unique per row."
        )
    delegations = delegation_order(prevalence["delegation"])
    palette = delegation_palette(delegations)
    columns = prevalence.drop_duplicates(by)[[by, "delegation"]]
    columns = columns.assign(_d=_delegation_rank(columns["delegation"])).sort_values("_d", kind="stable")
    topics = sorted(prevalence["topic"].unique())
    names = topic_names(prevalence)
    # A speaker without topic weight (every term of theirs in the stop list) stays NaN: masked.
    matrix = prevalence.pivot(index="topic", columns=by, values="share")
    matrix = 100 * matrix.reindex(index=topics, columns=columns[by]).astype(float)
    ax = _axes(ax, (3.5, 1.2 + 0.22 * len(topics)))
    vmax = max(float(np.nanmax(matrix.to_numpy())), 1.0) if matrix.notna().to_numpy().any() else 1.0
    options = {
        "annot": True,
        "fmt": ".0f",
        "annot_kws": {"fontsize": 5.5},
        "cmap": "cividis",
        "vmin": 0,
        "vmax": vmax,
        "cbar": False,
        "linewidths": 0,
        **kwargs,
    }
    sns.heatmap(
        matrix,
        ax=ax,
        xticklabels=[str((labels or {}).get(c, c)) for c in columns[by]],
        yticklabels=[names[int(t)] for t in topics],
        **options,
    )
    ax.set_facecolor("#EEEEEE")
    for (i, j), value in np.ndenumerate(matrix.to_numpy()):
        if not np.isfinite(value):
            ax.text(j + 0.5, i + 0.5, "–", ha="center", va="center", fontsize=5.5, color=_NEUTRAL)
    # Topic names on the right: the heatmap (and its title) start at the figure's left edge.
    ax.yaxis.tick_right()
    ax.tick_params(length=0)
    ax.tick_params(axis="y", rotation=0)
    ax.tick_params(axis="x", rotation=40)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right")
        tick.set_rotation_mode("anchor")
    for tick, d in zip(ax.get_xticklabels(), columns["delegation"], strict=True):
        tick.set_color(palette.get(d, "black") if isinstance(d, str) else "black")
    groups = columns["delegation"].fillna("").to_numpy()
    for b in np.flatnonzero(groups[1:] != groups[:-1]):
        ax.axvline(b + 1, color="white", linewidth=1.5)
    ax.set_xlabel("")
    ax.set_ylabel("")
    _title(ax, title or "Topic prevalence by speaker (%)")
    return ax


_K_METRICS = {
    "coherence": ("Topic coherence", "Mean NPMI\nof top terms"),
    "stability": ("Stability across subsamples (± 1 SD)", "Agreement of\ntop terms"),
    "reconstruction_error": ("Reconstruction error", "Frobenius norm\n‖X − WH‖"),
}


def plot_k_selection(
    selection: pd.DataFrame,
    *,
    metric: str = "coherence",
    annotate: bool = True,
    ylabel: str | None = None,
    title: str | None = None,
    ax=None,
    **kwargs,
):
    """One diagnostic of the choice of the number of topics, against k.

    Parameters
    ----------
    selection : pandas.DataFrame
        Output of ``analysis.topics.select_k``: ``k``, the metric column and
        ``recommended`` (and ``stability_sd`` for the stability band).
    metric : {"coherence", "stability", "reconstruction_error"}, default="coherence"
    annotate : bool, default=True
        Say "dashed: recommended k = ..." above the Axes' top right corner.
    ylabel, title : str, optional
        Override the defaults for the metric.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default :func:`matplotlib.pyplot.gca`.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.plot` for the metric's line.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.lines[0]`` holds the metric against k; a dashed vertical line
        marks the recommended k.
    """
    if metric not in _K_METRICS:
        raise TableError(f"plot_k_selection: metric must be one of {', '.join(_K_METRICS)}, not {metric!r}.")
    _require(selection, ["k", metric, "recommended"], "plot_k_selection", "analysis.topics.select_k")
    table = selection.sort_values("k", kind="stable")
    ax = _axes(ax, (3.5, 1.6))
    k = table["k"].to_numpy(dtype=float)
    value = table[metric].to_numpy(dtype=float)
    ax.plot(k, value, **{"marker": "o", "color": _NEUTRAL, "markersize": 3, **kwargs})
    if metric == "stability" and "stability_sd" in table:
        sd = table["stability_sd"].to_numpy(dtype=float)
        ax.fill_between(k, value - sd, value + sd, color=_NEUTRAL, alpha=0.2, linewidth=0)
    recommended = table.loc[table["recommended"].astype(bool), "k"]
    if len(recommended):
        best = float(recommended.iloc[0])
        ax.axvline(best, color="black", linestyle="--", linewidth=0.7)
        if annotate:
            ax.text(
                1.0,
                1.02,
                f"dashed: recommended k = {best:.0f}",
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                fontsize=6,
            )
    ax.set_xticks(k)
    ax.set_xlabel("Number of topics k")
    ax.set_ylabel(ylabel or _K_METRICS[metric][1])
    _title(ax, title or _K_METRICS[metric][0])
    return ax


# ----------------------------------------------------------------------------
# Corpus figures: tables of analysis.measures.crossevent


def _side_colors() -> dict:
    return delegation_palette(list(SIDES))


def _side_label(side: str) -> str:
    return f"{delegation_label('US')} principals" if side == "US" else f"{side} principals"


def plot_event_word_share(
    table: pd.DataFrame, *, delegation: str = "US", title: str | None = None, ax=None, **kwargs
):
    """One delegation's share of principal words, event by event, over time.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`analysis.crossevent.event_word_share`.
    delegation : str, default="US"
        The delegation whose share is shown; events with two or more
        delegations are drawn, the rest left out.
    title : str, optional
        Defaults to "U.S. share of principal speech, n events".
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default :func:`matplotlib.pyplot.gca`.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.scatter`.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.collections[0]`` holds one point per event, ``(date, share)``
        in date order; ``ax.lines`` the 50% line and the rolling median.

    Raises
    ------
    TableError
        If the table lacks a column or has no multi-delegation event with
        ``delegation``.
    """
    _require(
        table,
        ["event_id", "date", "delegation", "share", "n_delegations"],
        "plot_event_word_share",
        "analysis.crossevent.event_word_share",
    )
    rows = table.loc[(table["delegation"] == delegation) & (table["n_delegations"] >= 2)].sort_values("date")
    if rows.empty:
        raise TableError(f"plot_event_word_share: no event with {delegation!r} and another delegation.")
    ax = _axes(ax, (6.5, 3.0))
    color = delegation_color(delegation)
    name = delegation_label(delegation)
    ax.axhline(0.5, color="#999999", linewidth=0.8, linestyle=":", zorder=0)
    options = {"s": 18, "color": color, "alpha": 0.85, "label": f"{name}, one event", **kwargs}
    ax.scatter(rows["date"], rows["share"], **options)
    # A rolling median over 7 events shows the drift without hiding the spread.
    median = rows["share"].rolling(7, center=True, min_periods=3).median()
    ax.plot(rows["date"], median, color=color, linewidth=1.5, label="rolling median of 7 events")
    ax.set_ylim(0, 1)
    ax.set_ylabel(f"{name} share of principals' words")
    ax.set_xlabel("Date of the event")
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    _title(ax, title if title is not None else f"{name} share of principal speech, {len(rows)} events")
    _legend_below(ax, ax.get_legend_handles_labels()[0], ncol=2)
    return ax


def plot_mention_rates_over_time(
    table: pd.DataFrame,
    *,
    entities: Sequence[str] | None = None,
    col_wrap: int = 2,
    title: str | None = None,
    figure=None,
    **kwargs,
):
    """Mention rates per period, U.S. principals against counterparts: one panel per entity.

    Small multiples drawn with seaborn's objects interface (``facet``, with
    ``so.Line`` joining each side's points and ``so.Range`` for the exact
    95% intervals); each panel has its own y scale, the periods are shared.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`analysis.crossevent.mention_rates_over_time`.
    entities : sequence of str, optional
        The entities drawn, one panel each, in this order; default every
        entity of the table, in table order.
    col_wrap : int, default=2
        Panels per row.
    title : str, optional
        Figure title; default "Mentions per 1,000 principals' words, per
        quarter".
    figure : matplotlib.figure.Figure or SubFigure, optional
        Where to draw; default pyplot's current figure if it is empty, else
        a new pyplot figure (so that it shows inline in Jupyter).
    **kwargs
        Passed to the lines' matplotlib artists (``so.Line(artist_kws=...)``).

    Returns
    -------
    list of matplotlib.axes.Axes
        One Axes per entity, titled with its name. In each, ``ax.lines``
        holds one line per side with data (U.S., then counterpart), through
        each period's rate per 1,000 words (x: the middle of the period,
        shifted 6 days left for the U.S. and right for the counterparts so
        that intervals do not hide each other); ``ax.collections[0]`` holds
        the intervals. Periods where a side has no words are left out.

    Raises
    ------
    TableError
        If the table lacks a column or does not hold an entity of
        ``entities``.
    """
    _require(
        table,
        ["period", "period_start", "side", "entity", "rate_per_1000", "rate_low", "rate_high"],
        "plot_mention_rates_over_time",
        "analysis.crossevent.mention_rates_over_time",
    )
    known = list(dict.fromkeys(table["entity"]))
    entities = known if entities is None else list(entities)
    missing = [e for e in entities if e not in known]
    if missing or not entities:
        raise TableError(
            f"plot_mention_rates_over_time: no rows for {', '.join(map(repr, missing)) or 'any entity'}; "
            f"the table has {', '.join(map(repr, known))}."
        )
    n_rows = -(-len(entities) // col_wrap)
    figure = _figure(figure, (6.5, 1.0 + 2.2 * n_rows))
    colors = _side_colors()
    sides = [s for s in SIDES if s in set(table["side"])]
    shift = table["side"].map({"US": -6, "counterpart": 6}).fillna(0).to_numpy() * pd.Timedelta(days=1)
    rows = table.assign(_x=table["period_start"] + pd.Timedelta(days=45) + shift)
    rows = rows.loc[rows["entity"].isin(entities) & rows["rate_per_1000"].notna()]
    with _seaborn_objects() as so:
        (
            so.Plot(rows, x="_x", y="rate_per_1000", color="side", ymin="rate_low", ymax="rate_high")
            .facet(col="entity", order=entities, wrap=col_wrap if len(entities) > col_wrap else None)
            .add(so.Range(linewidth=0.8), legend=False)
            .add(so.Line(marker="o", pointsize=3, linewidth=1.2, artist_kws=kwargs), legend=False)
            .scale(color=so.Nominal(colors, order=sides), x=so.Temporal().label(concise=True))
            .share(x=True, y=False)
            .label(x="", y="Mentions per 1,000 words")
            .theme(_theme())
            .on(figure)
            .plot()
        )
    axes = list(figure.axes[: len(entities)])
    for ax, entity in zip(axes, entities, strict=True):
        ax.set_ylim(bottom=0)
        _title(ax, entity)
    handles = [
        Line2D([], [], color=colors[s], marker="o", markersize=3, linewidth=1.2, label=_side_label(s))
        for s in sides
    ]
    figure.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
    figure.suptitle(
        title if title is not None else "Mentions per 1,000 principals' words, per quarter",
        x=0.01,
        ha="left",
        fontsize=matplotlib.rcParams["axes.titlesize"],
        fontweight=matplotlib.rcParams["axes.titleweight"],
    )
    return axes


# ----------------------------------------------------------------------------
# Ministers' events against leaders' events (two corpora)

__all__ += ["plot_level_mention_rates", "plot_level_word_share", "plot_ministers_vs_leaders"]

#: How the levels of :func:`analysis.crossevent.level_word_share` are labelled.
LEVEL_LABELS = {"ministers": "Ministers\n(State Dept.)", "leaders": "Leaders\n(White House)"}
_LEVEL_MARKERS = {"ministers": "o", "leaders": "s"}


def _levels(table: pd.DataFrame) -> list[str]:
    present = list(dict.fromkeys(table["level"]))
    return [level for level in LEVEL_LABELS if level in present] + [
        level for level in present if level not in LEVEL_LABELS
    ]


def plot_level_word_share(table: pd.DataFrame, *, title: str | None = None, ax=None, **kwargs):
    """Each delegation's share of the delegations' principal words, one bar per level.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`analysis.crossevent.level_word_share`.
    title : str, optional
        Defaults to "Word share, U.S. vs Japan".
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default :func:`matplotlib.pyplot.gca`.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.barh` (the delegations' bars).

    Returns
    -------
    matplotlib.axes.Axes
        One stacked bar per level (ministers on top), one segment per
        delegation in table order: ``ax.containers[2 * i]`` holds level
        ``i``'s segments, widths the shares; the interpreted part of a
        segment is hatched over it; the error bar is the first delegation's
        share interval (events resampled).

    Raises
    ------
    TableError
        If a column is missing or the table is empty.
    """
    columns = ["level", "delegation", "n_events", "n_words", "n_words_interpreted", "share"]
    _require(
        table, [*columns, "share_low", "share_high"], "plot_level_word_share", "crossevent.level_word_share"
    )
    if table.empty:
        raise TableError("plot_level_word_share: the table is empty; no event of the delegations.")
    levels = _levels(table)
    delegations = list(dict.fromkeys(table["delegation"]))
    palette = delegation_palette(delegations)
    ax = _axes(ax, (3.5, 1.8))
    for y, level in enumerate(levels):
        rows = table.loc[table["level"] == level].set_index("delegation").reindex(delegations)
        shares = rows["share"].to_numpy(dtype=float)
        lefts = np.concatenate([[0.0], np.cumsum(shares)[:-1]])
        colors = [palette[d] for d in delegations]
        options = {"height": 0.6, "edgecolor": "white", "linewidth": 0.5, **kwargs}
        ax.barh([y] * len(shares), shares, left=lefts, color=colors, **options)
        interpreted = shares * rows["n_words_interpreted"].to_numpy(dtype=float)
        interpreted /= np.maximum(rows["n_words"].to_numpy(dtype=float), 1.0)
        ax.barh(
            [y] * len(shares),
            interpreted,
            left=lefts + shares - interpreted,
            height=0.6,
            color="none",
            edgecolor="white",
            hatch=INTERPRETED_HATCH,
            linewidth=0,
        )
        for left, share in zip(lefts, shares, strict=True):
            ax.text(left + share / 2, y, f"{share:.0%}", ha="center", va="center", color="white", fontsize=7)
        first = rows.iloc[0]
        if np.isfinite(first["share_low"]):
            ax.errorbar(
                first["share"],
                y,
                xerr=[[first["share"] - first["share_low"]], [first["share_high"] - first["share"]]],
                color="black",
                elinewidth=0.8,
                capsize=2,
            )
    n_events = table.groupby("level")["n_events"].first()
    ax.set_yticks(
        range(len(levels)), [f"{LEVEL_LABELS.get(lv, lv)}\n{int(n_events[lv])} events" for lv in levels]
    )
    ax.set_ylim(len(levels) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.axvline(0.5, color="#999999", linewidth=0.8, linestyle=":", zorder=0)
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    ax.set_xlabel("Share of the principals' words\n(95% CI, events resampled)")
    names = [delegation_label(d) for d in delegations]
    _title(ax, title if title is not None else "Word share, " + " vs ".join(names))
    handles = [Patch(facecolor=palette[d], label=delegation_label(d)) for d in delegations]
    handles.append(_interpreted_handle())
    _legend_below(ax, handles, ncol=len(handles))
    return ax


def plot_level_mention_rates(table: pd.DataFrame, *, title: str | None = None, ax=None, **kwargs):
    """Mentions per 1,000 principal words by entity, level and delegation, with exact intervals.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`analysis.crossevent.level_mention_rates`.
    title : str, optional
        Defaults to "Mentions per 1,000 words".
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default :func:`matplotlib.pyplot.gca`.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.errorbar`.

    Returns
    -------
    matplotlib.axes.Axes
        One row per entity (in table order, top down); ``ax.containers`` holds
        one errorbar container per level × delegation (levels ministers then
        leaders, delegations in table order), its line's x data the rates.
        Colour: delegation; marker: filled circle for ministers, open square
        for leaders.

    Raises
    ------
    TableError
        If a column is missing or the table is empty.
    """
    columns = ["level", "delegation", "entity", "rate_per_1000", "rate_low", "rate_high"]
    _require(table, columns, "plot_level_mention_rates", "crossevent.level_mention_rates")
    if table.empty:
        raise TableError("plot_level_mention_rates: the table is empty; no event of the delegations.")
    levels = _levels(table)
    delegations = list(dict.fromkeys(table["delegation"]))
    entities = list(dict.fromkeys(table["entity"]))
    palette = delegation_palette(delegations)
    ax = _axes(ax, (3.5, 0.8 + 0.45 * len(entities)))
    pairs = [(level, delegation) for level in levels for delegation in delegations]
    step = 0.7 / max(len(pairs), 1)
    y = np.arange(len(entities), dtype=float)
    for j, (level, delegation) in enumerate(pairs):
        part = table.loc[(table["level"] == level) & (table["delegation"] == delegation)]
        part = part.set_index("entity").reindex(entities)
        rate = part["rate_per_1000"].to_numpy(dtype=float)
        err = [rate - part["rate_low"].to_numpy(dtype=float), part["rate_high"].to_numpy(dtype=float) - rate]
        color = palette[delegation]
        options = {
            "fmt": _LEVEL_MARKERS.get(level, "D"),
            "color": color,
            "markersize": 3.5,
            "elinewidth": 0.8,
            "mfc": color if level == levels[0] else "white",
            "label": f"{delegation_label(delegation)}, {level}",
            **kwargs,
        }
        ax.errorbar(rate, y + (j - (len(pairs) - 1) / 2) * step, xerr=err, **options)
    ax.set_yticks(y, entities)
    ax.set_ylim(len(entities) - 0.5, -0.5)
    ax.set_xlim(left=0)
    ax.grid(axis="x")
    ax.set_xlabel("Mentions per 1,000 principal words\n(95% exact Poisson CI)")
    _title(ax, title if title is not None else "Mentions per 1,000 words")
    _legend_below(ax, ax.get_legend_handles_labels()[0], ncol=2)
    return ax


def plot_ministers_vs_leaders(
    word_share: pd.DataFrame, *, mention_rates: pd.DataFrame, title: str | None = None, figure=None
):
    """Ministers' events against leaders' events: word share (left) and mention rates (right).

    Parameters
    ----------
    word_share : pandas.DataFrame
        Output of :func:`analysis.crossevent.level_word_share`.
    mention_rates : pandas.DataFrame
        Output of :func:`analysis.crossevent.level_mention_rates`.
    title : str, optional
        Figure title; default none (each panel has its own).
    figure : matplotlib.figure.Figure or SubFigure, optional
        Where to draw; default pyplot's current figure if it is empty, else
        a new pyplot figure.

    Returns
    -------
    list of matplotlib.axes.Axes
        The word-share Axes (:func:`plot_level_word_share`) and the
        mention-rate Axes (:func:`plot_level_mention_rates`).
    """
    figure = _figure(figure, (7.0, 3.0))
    left, right = figure.subplots(1, 2, width_ratios=[1, 1.15])
    plot_level_word_share(word_share, ax=left)
    plot_level_mention_rates(mention_rates, ax=right)
    if title is not None:
        figure.suptitle(title)
    return [left, right]
