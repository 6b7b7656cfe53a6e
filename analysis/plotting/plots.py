"""One plotting function per figure.

Each function takes the tidy table that a compute function returns (named in
its docstring) and an optional matplotlib ``ax``, draws on it (creating a
figure when ``ax`` is None) and returns the Axes. Nothing here computes a
statistic, shows or saves a figure: :mod:`analysis.figures` saves files.

The functions do not apply the project's style themselves; wrap calls in
:func:`analysis.style.use_style` (as :mod:`analysis.figures` and the
notebooks do) for the published look. Delegation colours always come from
:func:`analysis.style.delegation_palette`.

Tests read back what was drawn: each docstring says which artists hold the
data (``ax.containers``, ``ax.collections``, ``ax.images``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, PercentFormatter

from .._validation import check_table
from ..exceptions import TableError
from ..measures.crossevent import SIDES
from ..parsing.roster import delegation_order
from .style import (
    INTERPRETED_HATCH,
    MISSING_COLOR,
    delegation_color,
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
]

SEGMENT_LABELS = {"statements": "Statements", "qa": "Q&A"}
_ROLE_RANK = {"principal": 0, "moderator": 1, "interpreter": 2, "press": 3}
_NEUTRAL = "#555555"
_NOT_SIGNIFICANT = "#BBBBBB"


def _require(table, columns: Sequence[str], function: str, producer: str) -> None:
    check_table(table, columns, function, producer=producer)


def _axes(ax, figsize):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize)
    return ax


def _delegation_rank(delegations: pd.Series) -> pd.Series:
    """Display rank of each row's delegation; a missing delegation comes just before the press."""
    order = delegation_order(delegations)
    rank = {d: float(i) for i, d in enumerate(order)}
    missing = rank.get("press", float(len(order))) - 0.5
    return delegations.map(rank).astype(float).fillna(missing)


def _delegation_handles(palette: Mapping, names, *, missing: bool = False) -> list:
    handles = [Patch(facecolor=palette[d], label=str(d)) for d in names]
    if missing:
        handles.append(Patch(facecolor=MISSING_COLOR, label="delegation unknown"))
    return handles


def _interpreted_handle():
    return Patch(facecolor="#777777", hatch=INTERPRETED_HATCH, edgecolor="white", label="interpreted")


def _legend_below(ax, handles, ncol: int):
    """Legend centred under the x-axis label, whatever the Axes' height."""
    from matplotlib.transforms import offset_copy

    below = offset_copy(ax.transAxes, fig=ax.figure, y=-26, units="points")
    return ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below, ncol=ncol
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


# ----------------------------------------------------------------------------
# Who speaks


def plot_word_share(
    shares: pd.DataFrame, ax=None, *, labels: Mapping | None = None, title: str | None = None
):
    """Word share by speaker, coloured by delegation, interpreted words hatched.

    Parameters
    ----------
    shares : pandas.DataFrame
        Output of ``analysis.wordshare.word_share(paragraphs, by="speaker")``:
        ``speaker, delegation, share, share_low, share_high,
        share_interpreted``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when None.
    labels : mapping, optional
        Display name of each speaker (e.g. :func:`speaker_labels`).
    title : str, optional
        Defaults to "Word share by speaker".

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.containers[0]`` holds one bar per speaker, top to bottom, of
        length ``100 * share``; ``ax.containers[1]`` the hatched interpreted
        part, ``100 * share * share_interpreted``.
    """
    columns = ["speaker", "delegation", "share", "share_low", "share_high", "share_interpreted"]
    _require(shares, columns, "plot_word_share", "analysis.wordshare.word_share(by='speaker')")
    ax = _axes(ax, (3.5, 2.4))
    order = delegation_order(shares["delegation"])
    table = shares.assign(_rank=_delegation_rank(shares["delegation"])).sort_values(
        ["_rank", "share"], ascending=[True, False], kind="stable"
    )
    palette = delegation_palette(table["delegation"])
    colors = [palette[d] if isinstance(d, str) else MISSING_COLOR for d in table["delegation"]]
    y = np.arange(len(table))
    share = _percent(table["share"])
    interpreted = share * table["share_interpreted"].fillna(0.0).to_numpy(dtype=float)
    ax.barh(y, share, color=colors, height=0.7)
    ax.barh(y, interpreted, color=colors, height=0.7, hatch=INTERPRETED_HATCH, edgecolor="white", linewidth=0)
    low, high = _percent(table["share_low"]), _percent(table["share_high"])
    ax.errorbar(share, y, xerr=[share - low, high - share], fmt="none", ecolor="black", elinewidth=0.6)
    for yi, hi, s in zip(y, high, share, strict=True):
        ax.text(hi + 0.8, yi, f"{s:.1f}%" if s < 1 else f"{s:.0f}%", va="center", fontsize=6)
    names = [str((labels or {}).get(s, s)) for s in table["speaker"]]
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlim(0, max(high.max(), share.max()) * 1.15)
    ax.set_xlabel("Share of all words (%), 95% CI")
    ax.set_title(title or "Word share by speaker")
    handles = _delegation_handles(palette, order, missing=bool(table["delegation"].isna().any()))
    if (interpreted > 0).any():
        handles.append(_interpreted_handle())
    ax.legend(handles=handles, loc="lower right")
    return ax


def plot_words_by_segment(counts: pd.DataFrame, ax=None, *, title: str | None = None):
    """Words by delegation in the statements and the Q&A.

    Parameters
    ----------
    counts : pandas.DataFrame
        Output of ``analysis.wordshare.word_share(paragraphs,
        by=["delegation", "segment"])``: ``delegation, segment, n_words``.
    ax : matplotlib.axes.Axes, optional
    title : str, optional
        Defaults to "Words by delegation and segment".

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.containers`` holds one bar group per delegation (in
        :func:`analysis.roster.delegation_order`), one bar per segment
        (statements, then Q&A) of height ``n_words``.
    """
    _require(
        counts,
        ["delegation", "segment", "n_words"],
        "plot_words_by_segment",
        "analysis.wordshare.word_share(by=['delegation', 'segment'])",
    )
    ax = _axes(ax, (3.5, 2.2))
    segments = [s for s in SEGMENT_LABELS if s in set(counts["segment"])]
    segments += sorted(set(counts["segment"]) - set(segments))
    delegations = delegation_order(counts["delegation"])
    palette = delegation_palette(delegations)
    wide = counts.pivot_table(index="segment", columns="delegation", values="n_words", aggfunc="sum")
    wide = wide.reindex(index=segments, columns=delegations).fillna(0)
    width = 0.8 / len(delegations)
    x = np.arange(len(segments))
    for j, d in enumerate(delegations):
        offset = (j - (len(delegations) - 1) / 2) * width
        heights = wide[d].to_numpy(dtype=float)
        bars = ax.bar(x + offset, heights, width * 0.95, color=palette[d], label=str(d))
        ax.bar_label(bars, [f"{h:,.0f}" if h else "" for h in heights], fontsize=5.5, padding=1)
    ax.set_xticks(x, [SEGMENT_LABELS.get(s, s) for s in segments])
    ax.set_ylabel("Words")
    ax.set_ylim(0, float(wide.to_numpy().max()) * 1.15)
    ax.yaxis.set_major_formatter("{x:,.0f}")
    ax.set_title(title or "Words by delegation and segment")
    ax.legend(title="Delegation", loc="upper right")
    return ax


def plot_timeline(
    paragraphs: pd.DataFrame, ax=None, *, labels: Mapping | None = None, title: str | None = None
):
    """Timeline of an event: who speaks when, for how long, and who called each question.

    Time is measured in words: each paragraph is a bar from the number of
    words spoken before it to that number plus its own words (transcripts
    carry no timestamps). Interpreted paragraphs are hatched; a dashed line
    marks the start of the Q&A; a triangle over each question shows, in its
    colour, the delegation whose moderator gave the floor.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        The paragraph table of one event (:func:`analysis.read_event`).
    ax : matplotlib.axes.Axes, optional
    labels : mapping, optional
        Display name of each speaker (e.g. :func:`speaker_labels`).
    title : str, optional
        Defaults to "Timeline: who speaks when".

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
    ax = _axes(ax, (3.5, 2.6))
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
    ax.barh(y, words, left=start, height=0.7, color=colors, edgecolor=colors, linewidth=0.4)
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
    ax.set_title(title or "Timeline: who speaks when")
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
                label=f"question called by {caller}",
            )
        )
    _legend_below(ax, handles, ncol=2)
    return ax


# ----------------------------------------------------------------------------
# Mentions


def plot_mention_rates(
    rates: pd.DataFrame,
    ax=None,
    *,
    group_col: str = "delegation",
    groups: Sequence[str] | None = None,
    drop_zero: bool = True,
    max_entities: int | None = None,
    ci: float = 0.95,
    title: str | None = None,
):
    """Mention rates per 1,000 words, by group, with their intervals.

    Parameters
    ----------
    rates : pandas.DataFrame
        Output of ``analysis.mentions.mention_rates(paragraphs)``: ``entity,
        count, rate_per_1000, rate_low, rate_high`` and ``group_col``.
    ax : matplotlib.axes.Axes, optional
    group_col : str, default="delegation"
        Column of ``rates`` that names the groups.
    groups : sequence of str, optional
        Groups to draw, in order; by default every group in the table.
    drop_zero : bool, default=True
        Leave out entities no group mentions.
    max_entities : int, optional
        Draw only this many entities, the most mentioned (all groups
        together) first.
    ci : float, default=0.95
        Coverage of the intervals in the table (for the axis label only).
    title : str, optional
        Defaults to "Mentions per 1,000 words, A vs B".

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.containers`` holds one errorbar container per group, in
        ``groups`` order; its line's x data are the rates, one per entity
        from the top row down.
    """
    columns = ["entity", group_col, "count", "rate_per_1000", "rate_low", "rate_high"]
    _require(rates, columns, "plot_mention_rates", "analysis.mentions.mention_rates")
    groups = list(groups) if groups is not None else delegation_order(rates[group_col].dropna())
    table = rates.loc[rates[group_col].isin(groups)]
    totals = table.groupby("entity", sort=True)["count"].sum().sort_values(ascending=False, kind="stable")
    if drop_zero:
        totals = totals.loc[totals > 0]
    if max_entities is not None:
        totals = totals.iloc[:max_entities]
    if totals.empty:
        raise TableError("plot_mention_rates: no entity is mentioned by these groups; nothing to draw.")
    entities = totals.index.tolist()
    ax = _axes(ax, (3.5, 0.6 + 0.22 * len(entities)))
    palette = delegation_palette(groups)
    y = np.arange(len(entities), dtype=float)
    step = 0.6 / max(len(groups), 1)
    for j, g in enumerate(groups):
        part = table.loc[table[group_col] == g].set_index("entity").reindex(entities)
        rate = part["rate_per_1000"].to_numpy(dtype=float)
        err = [rate - part["rate_low"].to_numpy(dtype=float), part["rate_high"].to_numpy(dtype=float) - rate]
        ax.errorbar(
            rate,
            y + (j - (len(groups) - 1) / 2) * step,
            xerr=err,
            fmt="o",
            color=palette[g],
            markersize=3,
            elinewidth=0.8,
            label=str(g),
        )
    ax.set_yticks(y, entities)
    ax.set_ylim(len(entities) - 0.5, -0.5)
    ax.set_xlim(left=0)
    ax.grid(axis="x")
    ax.set_xlabel(f"Mentions per 1,000 words ({ci:.0%} exact Poisson CI)")
    ax.set_title(title or "Mentions per 1,000 words, " + " vs ".join(map(str, groups)))
    ax.legend(loc="lower right")
    return ax


def plot_mention_dispersion(
    mentions: pd.DataFrame,
    ax=None,
    *,
    qa_start: float | None = None,
    max_entities: int | None = None,
    title: str | None = None,
):
    """Where each entity is mentioned across the event, and by whom.

    Parameters
    ----------
    mentions : pandas.DataFrame
        Output of ``analysis.mentions.find_mentions(paragraphs)``:
        ``entity, position, delegation`` (one row per mention).
    ax : matplotlib.axes.Axes, optional
    qa_start : float, optional
        Position (fraction of the event's words, in [0, 1]) where the Q&A
        starts; drawn as a dashed line.
    max_entities : int, optional
        Draw only this many entities, the most mentioned first.
    title : str, optional
        Defaults to "Where each entity is mentioned".

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.collections`` holds one scatter per delegation (in
        :func:`analysis.roster.delegation_order`), with offsets
        ``(100 * position, row)``; row 0 is the most mentioned entity.
    """
    _require(mentions, ["entity", "position", "delegation"], "plot_mention_dispersion", "find_mentions")
    counts = mentions["entity"].value_counts(sort=False)
    entities = sorted(counts.index, key=lambda e: (-counts[e], e))[:max_entities]
    mentions = mentions.loc[mentions["entity"].isin(entities)]
    ax = _axes(ax, (3.5, 0.7 + 0.2 * len(entities)))
    row = {e: i for i, e in enumerate(entities)}
    delegations = delegation_order(mentions["delegation"])
    palette = delegation_palette(delegations)
    groups = [(d, mentions["delegation"] == d, palette[d], f"said by {d}") for d in delegations]
    unknown = mentions["delegation"].isna()
    if unknown.any():
        groups.append((None, unknown, MISSING_COLOR, "said by others"))
    for _, selected, color, label in groups:
        part = mentions.loc[selected]
        ax.scatter(
            _percent(part["position"]),
            part["entity"].map(row).to_numpy(dtype=float),
            marker="|",
            s=45,
            linewidths=1.0,
            color=color,
            label=label,
        )
    if qa_start is not None:
        ax.axvline(100 * qa_start, color="black", linestyle="--", linewidth=0.7)
        ax.text(100 * qa_start + 0.8, -0.6, "Q&A", fontsize=6, va="bottom")
    ax.set_yticks(range(len(entities)), [f"{e} ({counts[e]})" for e in entities])
    ax.set_ylim(len(entities) - 0.5, -0.9)
    ax.set_xlim(0, 100)
    ax.grid(axis="y")
    ax.set_xlabel("Position in the event (% of words spoken)")
    ax.set_title(title or "Where each entity is mentioned")
    _legend_below(ax, ax.collections, ncol=4)
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


def plot_keyness(
    table: pd.DataFrame,
    ax=None,
    *,
    groups: Sequence[str] = ("US", "Japan"),
    n_labels: int = 6,
    alpha: float = 0.05,
    title: str | None = None,
):
    """Keyness of two groups: log-odds z-score against frequency.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of ``analysis.keyness.keyness(paragraphs, groups=groups)``:
        ``term, count_a, count_b, z`` and, if present, ``p_adjusted``.
    ax : matplotlib.axes.Axes, optional
    groups : sequence of two str, default=("US", "Japan")
        The groups the table compares (positive z = more typical of the first).
    n_labels : int, default=6
        Terms labelled on each side (the largest and the smallest z),
        significant or not; a label with no free place nearby is left out.
    alpha : float, default=0.05
        Terms with ``p_adjusted < alpha`` (Benjamini-Hochberg; or
        ``|z| > 1.96`` without ``p_adjusted``) are coloured by the group
        they are typical of, the others grey.
    title : str, optional
        Defaults to "Keyness: A vs B".

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.collections[0]`` holds one point per term, in table order, with
        offsets ``(count_a + count_b, z)``; ``ax.texts`` the labelled terms.
    """
    _require(table, ["term", "count_a", "count_b", "z"], "plot_keyness", "analysis.keyness.keyness")
    if len(groups) != 2:
        raise TableError("plot_keyness compares two groups; pass groups=(first, second).")
    a, b = groups
    ax = _axes(ax, (3.5, 3.0))
    palette = delegation_palette(groups)
    frequency = (table["count_a"] + table["count_b"]).to_numpy(dtype=float)
    z = table["z"].to_numpy(dtype=float)
    if "p_adjusted" in table:
        significant = table["p_adjusted"].to_numpy(dtype=float) < alpha
    else:
        significant = np.abs(z) > 1.96
    colors = np.where(~significant, _NOT_SIGNIFICANT, np.where(z > 0, palette[a], palette[b]))
    ax.scatter(frequency, z, s=6, c=colors.tolist(), alpha=0.8, linewidths=0)
    ax.set_xscale("log")
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
    width_in, height_in = 2.6, 2.0  # the Axes of a 3.5 x 3 in figure
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
    ax.set_xlabel(f"Frequency (count in {a} + {b} words, log scale)")
    ax.set_ylabel(f"Log-odds z-score\n(+ typical of {a}, − of {b})")
    ax.set_title(title or f"Keyness: {a} vs {b}")
    test = f"q < {alpha:g}" if "p_adjusted" in table else "|z| > 1.96"
    handles = [
        Line2D([], [], marker="o", linestyle="none", markersize=3, color=color, label=label)
        for color, label in [
            (palette[a], f"{a} ({test})"),
            (palette[b], f"{b} ({test})"),
            (_NOT_SIGNIFICANT, "not significant"),
        ]
    ]
    _legend_below(ax, handles, ncol=3)
    return ax


# ----------------------------------------------------------------------------
# Topics


def plot_topic_terms(
    terms: pd.DataFrame,
    ax=None,
    *,
    topics: Sequence[int] | None = None,
    n_terms: int | None = None,
    title: str | None = None,
):
    """Top terms of each topic, as bars of their weights.

    Parameters
    ----------
    terms : pandas.DataFrame
        Output of ``analysis.topics.topic_terms(model)``: ``topic, rank, term,
        weight, label``.
    ax : matplotlib.axes.Axes, optional
    topics : sequence of int, optional
        Topics to draw (1-based); all by default. With one topic the Axes'
        title names it, which suits small multiples.
    n_terms : int, optional
        Terms per topic; all in the table by default.
    title : str, optional
        Defaults to "Top terms per topic" (or "Topic k" for one topic).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.containers[0]`` holds one bar per term, topic by topic, rank by
        rank, of length ``weight``.
    """
    _require(terms, ["topic", "rank", "term", "weight"], "plot_topic_terms", "analysis.topics.topic_terms")
    table = terms.sort_values(["topic", "rank"], kind="stable")
    if topics is not None:
        table = table.loc[table["topic"].isin(list(topics))]
    if n_terms is not None:
        table = table.loc[table["rank"] <= n_terms]
    if table.empty:
        raise TableError("plot_topic_terms: no term left for these topics; check `topics`.")
    chosen = table["topic"].drop_duplicates().tolist()
    single = len(chosen) == 1
    ax = _axes(ax, (3.5, 0.5 + 0.13 * (len(table) + (0 if single else len(chosen)))))
    y, headers, position = [], [], 0.0
    for topic in chosen:
        if not single:
            headers.append((position, topic))
            position += 1
        for _ in range(int((table["topic"] == topic).sum())):
            y.append(position)
            position += 1
        position += 0.4
    ax.barh(y, table["weight"].to_numpy(dtype=float), height=0.75, color=_NEUTRAL)
    ax.set_yticks(y, table["term"].tolist())
    ax.tick_params(axis="y", length=0)
    for header_y, topic in headers:
        ax.text(0, header_y, f"Topic {topic}", fontsize=7, fontweight="bold", va="center")
    ax.set_ylim(position - 0.4, -0.7)
    ax.set_xlabel("Term weight in topic (NMF, arbitrary units)")
    if title is None:
        title = f"Topic {chosen[0]}" if single else "Top terms per topic"
    ax.set_title(title)
    return ax


def plot_topic_prevalence(
    prevalence: pd.DataFrame,
    ax=None,
    *,
    by: str = "speaker",
    labels: Mapping | None = None,
    title: str | None = None,
):
    """Heatmap of topic prevalence by speaker, delegations grouped.

    Parameters
    ----------
    prevalence : pandas.DataFrame
        Output of ``analysis.topics.topic_prevalence(model, paragraphs,
        by="speaker")``: ``speaker, delegation, topic, share`` (and ``label``).
    ax : matplotlib.axes.Axes, optional
    by : str, default="speaker"
        Column naming the rows.
    labels : mapping, optional
        Display name of each row (e.g. :func:`speaker_labels`).
    title : str, optional
        Defaults to "Topic prevalence by speaker".

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.images[0]`` holds the matrix ``100 * share`` (rows as the y tick
        labels, columns topics 1..k); a missing share (a speaker with no
        topic weight) is masked, drawn light grey with a dash.
    """
    _require(
        prevalence,
        [by, "delegation", "topic", "share"],
        "plot_topic_prevalence",
        "analysis.topics.topic_prevalence",
    )
    delegations = delegation_order(prevalence["delegation"])
    palette = delegation_palette(delegations)
    rows = prevalence.drop_duplicates(by)[[by, "delegation"]]
    rows = rows.assign(_d=_delegation_rank(rows["delegation"]))
    rows = rows.sort_values("_d", kind="stable")
    topics = sorted(prevalence["topic"].unique())
    if prevalence.duplicated([by, "topic"]).any():
        raise TableError(
            f"plot_topic_prevalence: several rows per {by} and topic (several events?); "
            "draw one event at a time or pass by= a column that is unique per row."
        )
    # A row without topic weight (its paragraphs lost every term to the stop list) stays NaN.
    matrix = prevalence.pivot(index=by, columns="topic", values="share")
    matrix = _percent(matrix.reindex(index=rows[by], columns=topics).to_numpy(dtype=float))
    ax = _axes(ax, (3.5, 0.9 + 0.22 * len(rows)))
    cmap = matplotlib.colormaps["cividis"].with_extremes(bad="#EEEEEE")
    vmax = max(float(np.nanmax(matrix)), 1.0) if np.isfinite(matrix).any() else 1.0
    image = ax.imshow(np.ma.masked_invalid(matrix), aspect="auto", cmap=cmap, vmin=0, vmax=vmax)
    threshold = 0.6 * image.norm.vmax
    for (i, j), value in np.ndenumerate(matrix):
        if np.isfinite(value):
            color = "black" if value > threshold else "white"
            ax.text(j, i, f"{value:.0f}", ha="center", va="center", fontsize=5.5, color=color)
        else:
            ax.text(j, i, "–", ha="center", va="center", fontsize=5.5, color=_NEUTRAL)
    ax.set_xticks(range(len(topics)), [str(t) for t in topics])
    ax.set_xlabel("Topic")
    ax.set_yticks(range(len(rows)), [str((labels or {}).get(r, r)) for r in rows[by]])
    for tick, d in zip(ax.get_yticklabels(), rows["delegation"], strict=True):
        tick.set_color(palette.get(d, "black") if isinstance(d, str) else "black")
    groups = rows["delegation"].fillna("").to_numpy()
    boundaries = np.flatnonzero(groups[1:] != groups[:-1])
    for b in boundaries:
        ax.axhline(b + 0.5, color="white", linewidth=1.5)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    colorbar = ax.figure.colorbar(image, ax=ax, fraction=0.05, pad=0.02)
    colorbar.set_label("Share of the speaker's topic weight (%)", fontsize=6.5)
    colorbar.ax.tick_params(labelsize=6)
    ax.set_title(title or "Topic prevalence by speaker")
    return ax


_K_METRICS = {
    "coherence": ("Topic coherence", "Mean NPMI\nof top terms"),
    "stability": ("Stability across subsamples (± 1 SD)", "Agreement of\ntop terms"),
    "reconstruction_error": ("Reconstruction error", "Frobenius norm\n‖X − WH‖"),
}


def plot_k_selection(
    selection: pd.DataFrame,
    metric: str = "coherence",
    ax=None,
    *,
    annotate: bool = True,
    ylabel: str | None = None,
    title: str | None = None,
):
    """One diagnostic of the choice of the number of topics, against k.

    Parameters
    ----------
    selection : pandas.DataFrame
        Output of ``analysis.topics.select_k``: ``k``, the metric column and
        ``recommended`` (and ``stability_sd`` for the stability band).
    metric : {"coherence", "stability", "reconstruction_error"}, default="coherence"
    ax : matplotlib.axes.Axes, optional
    annotate : bool, default=True
        Say "dashed: recommended k = ..." above the Axes' top right corner.
    ylabel, title : str, optional
        Override the defaults for the metric.

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
    ax.plot(k, value, marker="o", color=_NEUTRAL, markersize=3)
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
    ax.set_title(title or _K_METRICS[metric][0])
    return ax


# ----------------------------------------------------------------------------
# Corpus figures: tables of analysis.measures.crossevent


def _side_colors() -> dict:
    return delegation_palette(list(SIDES))


def plot_event_word_share(table: pd.DataFrame, ax=None, *, delegation: str = "US", title: str | None = None):
    """One delegation's share of principal words, event by event, over time.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`analysis.crossevent.event_word_share`.
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
    return PercentFormatter(xmax=1, decimals=0)


def plot_mention_rates_over_time(
    table: pd.DataFrame, ax=None, *, entity: str = "China", title: str | None = None
):
    """One entity's mention rate per period, U.S. principals against counterparts.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`analysis.crossevent.mention_rates_over_time`.
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
    TableError
        If the table lacks a column or does not hold ``entity``.
    """
    _require(
        table,
        ["period", "period_start", "side", "entity", "rate_per_1000", "rate_low", "rate_high"],
        "plot_mention_rates_over_time",
        "analysis.crossevent.mention_rates_over_time",
    )
    rows = table.loc[table["entity"] == entity]
    if rows.empty:
        raise TableError(
            f"plot_mention_rates_over_time: no rows for {entity!r}; the table has "
            f"{', '.join(map(repr, dict.fromkeys(table['entity'])))}."
        )
    ax = _axes(ax, (3.5, 2.6))
    colors = _side_colors()
    offsets = {"US": pd.Timedelta(days=-6), "counterpart": pd.Timedelta(days=6)}
    for side in SIDES:
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


# ----------------------------------------------------------------------------
# Ministers' events against leaders' events (two corpora)

__all__ += ["plot_level_mention_rates", "plot_level_word_share"]

#: How the levels of :func:`analysis.crossevent.level_word_share` are labelled and marked.
LEVEL_LABELS = {"ministers": "Ministers\n(State Dept.)", "leaders": "Leaders\n(White House)"}
_LEVEL_MARKERS = {"ministers": "o", "leaders": "s"}


def _levels(table: pd.DataFrame) -> list[str]:
    present = list(dict.fromkeys(table["level"]))
    return [level for level in LEVEL_LABELS if level in present] + [
        level for level in present if level not in LEVEL_LABELS
    ]


def plot_level_word_share(table: pd.DataFrame, ax=None, *, title: str | None = None):
    """Each delegation's share of the delegations' principal words, one bar per level.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`analysis.crossevent.level_word_share`.
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
        One stacked bar per level (ministers on top), one segment per
        delegation in table order, its interpreted part hatched; the error bar
        is the first delegation's share interval (events resampled).

    Raises
    ------
    TableError
        If a column is missing or the table is empty.
    """
    columns = ["level", "delegation", "n_events", "n_words", "n_words_interpreted", "share"]
    _require(table, [*columns, "share_low", "share_high"], "plot_level_word_share", "level_word_share")
    if table.empty:
        raise TableError("plot_level_word_share: the table is empty; no event of the delegations.")
    levels = _levels(table)
    delegations = list(dict.fromkeys(table["delegation"]))
    palette = delegation_palette(delegations)
    ax = _axes(ax, (3.5, 1.6))
    for y, level in enumerate(levels):
        rows = table.loc[table["level"] == level].set_index("delegation").reindex(delegations)
        left = 0.0
        for delegation, row in rows.iterrows():
            share = float(row["share"])
            interpreted = share * float(row["n_words_interpreted"]) / max(float(row["n_words"]), 1.0)
            ax.barh(
                y, share, left=left, height=0.6, color=palette[delegation], edgecolor="white", linewidth=0.5
            )
            if interpreted > 0:
                ax.barh(
                    y,
                    interpreted,
                    left=left + share - interpreted,
                    height=0.6,
                    color="none",
                    edgecolor="white",
                    hatch=INTERPRETED_HATCH,
                    linewidth=0,
                )
            ax.text(left + share / 2, y, f"{share:.0%}", ha="center", va="center", color="white", fontsize=7)
            left += share
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
    labels = [f"{LEVEL_LABELS.get(level, level)}, {int(n_events[level])} events" for level in levels]
    ax.set_yticks(range(len(levels)), labels)
    ax.set_ylim(len(levels) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.axvline(0.5, color="#999999", linewidth=0.8, linestyle=":", zorder=0)
    ax.xaxis.set_major_formatter(_percent_formatter())
    ax.set_xlabel("share of the principals' words (95% CI, events resampled)")
    handles = _delegation_handles(palette, delegations)
    handles.append(_interpreted_handle())
    _legend_below(ax, handles, ncol=len(handles))
    ax.set_title(title if title is not None else "Word share, " + " vs ".join(delegations))
    return ax


def plot_level_mention_rates(table: pd.DataFrame, ax=None, *, title: str | None = None):
    """Mentions per 1,000 principal words by entity, level and delegation, with exact intervals.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`analysis.crossevent.level_mention_rates`.
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
        One row per entity; within it one point per level × delegation
        (colour: delegation; marker: circle for ministers, square for leaders).

    Raises
    ------
    TableError
        If a column is missing or the table is empty.
    """
    columns = ["level", "delegation", "entity", "rate_per_1000", "rate_low", "rate_high"]
    _require(table, columns, "plot_level_mention_rates", "level_mention_rates")
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
        ax.errorbar(
            rate,
            y + (j - (len(pairs) - 1) / 2) * step,
            xerr=err,
            fmt=_LEVEL_MARKERS.get(level, "D"),
            color=palette[delegation],
            markersize=3.5,
            elinewidth=0.8,
            mfc=palette[delegation] if level == levels[0] else "white",
            label=f"{delegation}, {level}",
        )
    ax.set_yticks(y, entities)
    ax.set_ylim(len(entities) - 0.5, -0.5)
    ax.set_xlim(left=0)
    ax.grid(axis="x")
    ax.set_xlabel("mentions per 1,000 principal words (95% exact CI)")
    _legend_below(ax, ax.get_legend_handles_labels()[0], ncol=2)
    ax.set_title(title if title is not None else "Mentions, ministers' and leaders' events")
    return ax
