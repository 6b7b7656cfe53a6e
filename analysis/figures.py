"""Build every figure of an event, byte for byte reproducibly.

``python -m analysis.figures --outdir figures/`` (what ``make figures`` runs)
rebuilds the figures of the bundled event from ``data/raw/``; any folder can
be given. :func:`build_event_figures` does the same for any paragraph table.

Figures are listed in :data:`REGISTRY`: each :class:`FigureSpec` names a file
stem and a ``make`` function that computes its table from the input and draws
it with one function of :mod:`analysis.plots`. Only this module saves files.

Reproducibility: the Agg renderer, the DejaVu Sans font that ships with
matplotlib (:mod:`analysis.style`), a fixed SVG hash salt, no dates or
software versions in the files' metadata (:data:`SAVE_METADATA`) and the
seeds below. Files are written to a temporary sibling folder and moved into
place only when every figure has been drawn, so a failed run leaves the
previous figures intact.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths, plots
from .style import delegation_order, use_style
from .transcript import read_event

__all__ = [
    "FORMATS",
    "RANDOM_STATE",
    "REGISTRY",
    "SAVE_METADATA",
    "FigureContext",
    "FigureError",
    "FigureSkipped",
    "FigureSpec",
    "FigureWarning",
    "build_event_figures",
    "build_figures",
    "expected_files",
    "main",
    "principal_groups",
    "register",
]

# ----------------------------------------------------------------------------
# Settings: every seed and every tuning constant of the figures, in one place.

#: Seed of every random step (bootstrap resamples, NMF initialisation, subsamples).
RANDOM_STATE = 0
#: Bootstrap resamples for the intervals of word shares and topic prevalence.
N_BOOT = 1000
#: Numbers of topics compared by the k-selection diagnostics (select_k's default).
TOPIC_K_VALUES = tuple(range(3, 13))
#: NMF fits on random subsamples per k for stability (select_k's default; about 7 s on the seed).
TOPIC_N_RUNS = 20
#: Terms shown per topic.
N_TOPIC_TERMS = 8
#: Entities shown in the mention figures (the most mentioned).
MAX_ENTITIES = 12
#: Terms labelled on each side of the keyness plot.
N_KEYNESS_LABELS = 6
#: File formats written by default: PNG for screens and slides, PDF for papers.
FORMATS = ("png", "pdf")
#: Metadata passed to ``savefig``: ``None`` removes matplotlib's version and the date.
SAVE_METADATA = {
    "png": {"Software": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
    "svg": {"Creator": None, "Date": None, "Format": None},
}

COLUMN_WIDTH = 3.5  # inches: one column of a two-column paper
PAGE_WIDTH = 7.0  # inches: both columns


class FigureError(ValueError):
    """Input that the figure script cannot draw (e.g. several events at once)."""


class FigureWarning(UserWarning):
    """A figure was left out because the input cannot support it."""


class FigureSkipped(Exception):  # noqa: N818 (a signal, not an error)
    """Raised by a ``make`` function when its input cannot support the figure.

    The build leaves that figure out with a :class:`FigureWarning` carrying
    the message, and goes on with the others.
    """


# ----------------------------------------------------------------------------
# Registry


@dataclass
class FigureContext:
    """What a figure's ``make`` function gets: the input table and shared results.

    Attributes
    ----------
    paragraphs : pandas.DataFrame
        The paragraph table (one event).
    random_state : int
        Seed of every random step.
    cache : dict
        Results shared between figures (e.g. the fitted topic model),
        filled by :meth:`cached`.
    """

    paragraphs: pd.DataFrame
    random_state: int = RANDOM_STATE
    cache: dict = field(default_factory=dict)

    def cached(self, key: str, compute: Callable[[], object]):
        """``compute()`` the first time ``key`` is asked for, the stored value afterwards."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    @property
    def groups(self) -> tuple[str, str] | None:
        """The two delegations compared (see :func:`principal_groups`); None if fewer than two."""
        return self.cached("groups", lambda: principal_groups(self.paragraphs))

    @property
    def labels(self) -> dict:
        """Short speaker names (:func:`analysis.plots.speaker_labels`)."""
        return self.cached("labels", lambda: plots.speaker_labels(self.paragraphs))


@dataclass(frozen=True)
class FigureSpec:
    """One figure of the registry.

    Attributes
    ----------
    name : str
        File stem, e.g. ``"fig01_word_share"``; one file per format.
    title : str
        What the figure shows (for the README table).
    function : str
        The plotting function that draws it, e.g. ``"plots.plot_word_share"``.
    make : callable
        ``make(context) -> matplotlib.figure.Figure``.
    needs_two_groups : bool
        Left out (with a :class:`FigureWarning`) when the input has fewer
        than two delegations with principal speech.
    source : str
        What the figure is made from: ``"event"`` (a paragraph table) or
        another source registered in :data:`SOURCES`.
    """

    name: str
    title: str
    function: str
    make: Callable[[FigureContext], object]
    needs_two_groups: bool = False
    source: str = "event"


#: The figures, in order. Add one with :func:`register`.
REGISTRY: list[FigureSpec] = []

#: How ``main`` loads the input of each source of figures.
SOURCES: dict[str, Callable[[], pd.DataFrame]] = {"event": read_event}


def register(name: str, title: str, function: str, *, needs_two_groups: bool = False, source: str = "event"):
    """Decorator adding a ``make(context) -> Figure`` function to :data:`REGISTRY`.

    Parameters
    ----------
    name : str
        File stem; must be unique.
    title : str
        What the figure shows.
    function : str
        The plotting function it calls.
    needs_two_groups : bool, default=False
    source : str, default="event"

    Returns
    -------
    callable
        The decorator; it returns the function unchanged.
    """

    def decorator(make):
        if any(spec.name == name for spec in REGISTRY):
            raise FigureError(f"a figure named {name!r} is already registered; pick another name.")
        REGISTRY.append(FigureSpec(name, title, function, make, needs_two_groups, source))
        return make

    return decorator


def principal_groups(paragraphs: pd.DataFrame) -> tuple[str, str] | None:
    """The two delegations whose principals speak the most words.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Paragraph table.

    Returns
    -------
    tuple of two str, or None
        In display order (:func:`analysis.style.delegation_order`: the U.S.
        and Japan first), or None when fewer than two delegations have
        principal words.

    Examples
    --------
    >>> from analysis import read_event
    >>> principal_groups(read_event())
    ('US', 'Japan')
    """
    principals = paragraphs.loc[(paragraphs["role"] == "principal") & paragraphs["delegation"].notna()]
    words = principals.groupby("delegation")["n_words"].sum()
    words = words.loc[words > 0]
    if len(words) < 2:
        return None
    top = sorted(words.index, key=lambda d: (-words[d], str(d)))[:2]
    return tuple(delegation_order(top))


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _qa_start(paragraphs: pd.DataFrame) -> float | None:
    words = paragraphs["n_words"].to_numpy(dtype=float)
    qa = np.flatnonzero((paragraphs["segment"] == "qa").to_numpy())
    if not len(qa) or words.sum() == 0:
        return None
    return float(words[: qa[0]].sum() / words.sum())


# ----------------------------------------------------------------------------
# The event figures


@register("fig01_word_share", "Word share by speaker", "plots.plot_word_share")
def _word_share(context: FigureContext):
    from .wordshare import word_share

    shares = word_share(context.paragraphs, by="speaker", n_boot=N_BOOT, random_state=context.random_state)
    figure = _figure(COLUMN_WIDTH, 0.9 + 0.24 * len(shares))
    plots.plot_word_share(shares, figure.add_subplot(), labels=context.labels)
    return figure


@register("fig02_words_by_segment", "Words by delegation and segment", "plots.plot_words_by_segment")
def _words_by_segment(context: FigureContext):
    from .wordshare import word_share

    counts = word_share(
        context.paragraphs, by=["delegation", "segment"], n_boot=N_BOOT, random_state=context.random_state
    )
    figure = _figure(COLUMN_WIDTH, 2.2)
    plots.plot_words_by_segment(counts, figure.add_subplot())
    return figure


@register("fig03_timeline", "Timeline: who speaks when, Q&A, who called each question", "plots.plot_timeline")
def _timeline(context: FigureContext):
    n_speakers = context.paragraphs["speaker"].nunique()
    figure = _figure(COLUMN_WIDTH, 1.4 + 0.22 * n_speakers)
    plots.plot_timeline(context.paragraphs, figure.add_subplot(), labels=context.labels)
    return figure


@register(
    "fig04_mention_rates",
    "Mentions per 1,000 words by delegation, with exact Poisson intervals",
    "plots.plot_mention_rates",
    needs_two_groups=True,
)
def _mention_rates(context: FigureContext):
    from .mentions import mention_rates

    rates = mention_rates(context.paragraphs, by="delegation")
    shown = rates.loc[rates["delegation"].isin(context.groups)]
    n_entities = min(int((shown.groupby("entity")["count"].sum() > 0).sum()), MAX_ENTITIES)
    if n_entities == 0:
        raise FigureSkipped(f"neither {' nor '.join(context.groups)} mentions a lexicon entity")
    figure = _figure(COLUMN_WIDTH, 1.0 + 0.24 * n_entities)
    ax = figure.add_subplot()
    plots.plot_mention_rates(rates, ax, groups=context.groups, max_entities=MAX_ENTITIES)
    # mention_rates counts the principals' words only (its default roles).
    ax.set_xlabel("Mentions per 1,000 principals' words\n(95% exact Poisson CI)")
    return figure


@register(
    "fig05_mention_dispersion", "Where each entity is mentioned, by whom", "plots.plot_mention_dispersion"
)
def _mention_dispersion(context: FigureContext):
    from .mentions import find_mentions

    mentions = find_mentions(context.paragraphs)
    if mentions.empty:
        raise FigureSkipped("no lexicon entity is mentioned in this event")
    figure = _figure(COLUMN_WIDTH, 1.3 + 0.2 * min(mentions["entity"].nunique(), MAX_ENTITIES))
    plots.plot_mention_dispersion(
        mentions, figure.add_subplot(), qa_start=_qa_start(context.paragraphs), max_entities=MAX_ENTITIES
    )
    return figure


@register(
    "fig06_keyness",
    "Keyness: log-odds z against frequency, distinctive words labelled",
    "plots.plot_keyness",
    needs_two_groups=True,
)
def _keyness(context: FigureContext):
    from .keyness import keyness

    table = keyness(context.paragraphs, groups=context.groups)
    if table.empty:
        raise FigureSkipped("no term is frequent enough in both groups to compare")
    figure = _figure(COLUMN_WIDTH, 3.2)
    plots.plot_keyness(table, figure.add_subplot(), groups=context.groups, n_labels=N_KEYNESS_LABELS)
    return figure


def _k_selection_table(context: FigureContext) -> pd.DataFrame:
    from .topics import select_k

    return context.cached(
        "select_k",
        lambda: select_k(
            context.paragraphs,
            k_values=TOPIC_K_VALUES,
            n_runs=TOPIC_N_RUNS,
            random_state=context.random_state,
        ),
    )


def _topic_model(context: FigureContext):
    from .topics import fit_topics, recommend_k

    def fit():
        k = recommend_k(_k_selection_table(context))
        return fit_topics(context.paragraphs, n_components=k, random_state=context.random_state)

    return context.cached("topic_model", fit)


def _topics_or_skip(compute: Callable[[], object]):
    """``compute()``, turning a topic model that cannot be fitted into a skipped figure."""
    from .topics import TopicModelError

    try:
        return compute()
    except TopicModelError as error:
        raise FigureSkipped(f"no topic model for this input: {error}") from error


@register("fig07_topic_terms", "Top terms per topic", "plots.plot_topic_terms")
def _topic_terms(context: FigureContext):
    from .topics import topic_terms

    terms = _topics_or_skip(lambda: topic_terms(_topic_model(context), n_terms=N_TOPIC_TERMS))
    topics = sorted(terms["topic"].unique())
    # Up to four topics fit a column; more take the page width, three panels a row.
    n_cols = 2 if len(topics) <= 4 else 3
    n_rows = int(np.ceil(len(topics) / n_cols))
    width = COLUMN_WIDTH if n_cols == 2 else PAGE_WIDTH
    figure = _figure(width, 0.25 + n_rows * (0.35 + 0.12 * N_TOPIC_TERMS))
    axes = figure.subplots(n_rows, n_cols, squeeze=False).ravel()
    for ax, topic in zip(axes, topics, strict=False):
        plots.plot_topic_terms(terms, ax, topics=[topic])
        ax.set_xlabel("")
        ax.set_xlim(0, float(terms["weight"].max()) * 1.05)
    for ax in axes[len(topics) :]:
        ax.set_axis_off()
    figure.supxlabel("Term weight in topic (NMF, arbitrary units)", fontsize=7)
    figure.suptitle("Top terms per topic", fontsize=8, fontweight="bold", x=0.02, ha="left")
    return figure


@register("fig08_topic_prevalence", "Topic prevalence by speaker (heatmap)", "plots.plot_topic_prevalence")
def _topic_prevalence(context: FigureContext):
    from .topics import topic_prevalence

    # Principals and the press: a moderator's few floor-giving paragraphs carry no topic of
    # their own (the Japanese moderator's one topical paragraph would show as 94% of one topic).
    speakers = context.paragraphs[context.paragraphs["role"].isin(["principal", "press"])]
    prevalence = _topics_or_skip(
        lambda: topic_prevalence(
            _topic_model(context),
            speakers,
            by="speaker",
            n_boot=N_BOOT,
            random_state=context.random_state,
        )
    )
    figure = _figure(COLUMN_WIDTH, 1.0 + 0.22 * prevalence["speaker"].nunique())
    plots.plot_topic_prevalence(prevalence, figure.add_subplot(), labels=context.labels)
    return figure


@register(
    "fig09_k_selection",
    "Choosing the number of topics: coherence, stability, reconstruction error against k",
    "plots.plot_k_selection",
)
def _k_selection(context: FigureContext):
    selection = _topics_or_skip(lambda: _k_selection_table(context))
    figure = _figure(COLUMN_WIDTH, 4.2)
    axes = figure.subplots(3, 1, sharex=True)
    for ax, metric in zip(axes, ("coherence", "stability", "reconstruction_error"), strict=True):
        plots.plot_k_selection(selection, metric, ax, annotate=ax is axes[0])
        if ax is not axes[-1]:
            ax.set_xlabel("")
    return figure


# ----------------------------------------------------------------------------
# The corpus figures (analysis.crossevent): the joint press availabilities of the corpus


def _joint_press_availabilities() -> pd.DataFrame:
    from .corpus import read_corpus

    return read_corpus(kinds="joint press availability")


SOURCES["corpus"] = _joint_press_availabilities


@register(
    "corpus01_event_word_share",
    "U.S. share of principals' words, joint press availability by joint press availability",
    "crossevent.plot_event_word_share",
    source="corpus",
)
def _corpus_word_share(context: FigureContext):
    from . import crossevent

    return crossevent.figure_event_word_share(crossevent.event_word_share(context.paragraphs))


@register(
    "corpus02_mention_rates_over_time",
    "Mentions of China, Taiwan, Russia, North Korea per quarter: U.S. principals against counterparts",
    "crossevent.plot_mention_rates_over_time",
    source="corpus",
)
def _corpus_mention_rates(context: FigureContext):
    from . import crossevent

    return crossevent.figure_mention_rates(crossevent.mention_rates_over_time(context.paragraphs))


# ----------------------------------------------------------------------------
# Building


def expected_files(formats: Sequence[str] = FORMATS, *, source: str = "event") -> list[str]:
    """File names the registry's figures of ``source`` produce.

    Parameters
    ----------
    formats : sequence of str, default=FORMATS
    source : str, default="event"

    Returns
    -------
    list of str
    """
    return [f"{spec.name}.{fmt}" for spec in REGISTRY if spec.source == source for fmt in formats]


def _check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    formats = tuple(formats)
    unknown = [f for f in formats if f not in SAVE_METADATA]
    if unknown or not formats:
        raise FigureError(
            f"unsupported format(s) {unknown or formats}; use some of {', '.join(SAVE_METADATA)}."
        )
    return formats


def _save(figure, path: Path, fmt: str) -> None:
    figure.savefig(path, format=fmt, metadata=SAVE_METADATA[fmt])


def _draw_into(specs: Sequence[FigureSpec], context: FigureContext, folder: Path, formats) -> list[str]:
    names = []
    with use_style():
        for spec in specs:
            if spec.needs_two_groups and context.groups is None:
                warnings.warn(
                    f"{spec.name} left out: it compares two delegations, and fewer than two "
                    "delegations have principal speech in this input.",
                    FigureWarning,
                    stacklevel=3,
                )
                continue
            try:
                figure = spec.make(context)
            except FigureSkipped as reason:
                message = f"{spec.name} left out: {str(reason).rstrip('.')}."
                warnings.warn(message, FigureWarning, stacklevel=3)
                continue
            for fmt in formats:
                _save(figure, folder / f"{spec.name}.{fmt}", fmt)
                names.append(f"{spec.name}.{fmt}")
    return names


def _publish(outdir: Path, draw: Callable[[Path], list[str]]) -> list[Path]:
    """Run ``draw(tmp)`` in a temporary sibling of ``outdir``, then move its files into ``outdir``."""
    outdir = Path(outdir)
    outdir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.building-", dir=outdir.parent))
    try:
        names = draw(staging)
        outdir.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(staging / name, outdir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [outdir / name for name in names]


def build_figures(
    specs: Sequence[FigureSpec],
    data: pd.DataFrame,
    outdir: str | Path,
    *,
    formats: Sequence[str] = FORMATS,
    random_state: int = RANDOM_STATE,
) -> list[Path]:
    """Draw the given figures from one input table and write them to ``outdir``.

    Parameters
    ----------
    specs : sequence of FigureSpec
        Figures to draw (e.g. from :data:`REGISTRY`).
    data : pandas.DataFrame
        Their input.
    outdir : str or Path
        Folder, created if needed. Files are moved there only when every
        figure has been drawn.
    formats : sequence of {"png", "pdf", "svg"}, default=("png", "pdf")
    random_state : int, default=RANDOM_STATE

    Returns
    -------
    list of Path
        The files written, figure by figure, format by format.
    """
    formats = _check_formats(formats)
    context = FigureContext(data, random_state=random_state)
    return _publish(Path(outdir), lambda folder: _draw_into(specs, context, folder, formats))


def _check_event(paragraphs) -> None:
    if not isinstance(paragraphs, pd.DataFrame):
        raise FigureError(
            f"paragraphs must be a DataFrame (analysis.read_event()), not {type(paragraphs).__name__}."
        )
    missing = [c for c in ("event_id", "speaker", "role", "delegation", "n_words") if c not in paragraphs]
    if missing:
        raise FigureError(
            f"the paragraph table lacks column(s) {', '.join(missing)}; "
            "build it with analysis.read_transcript."
        )
    if paragraphs["event_id"].nunique() != 1:
        raise FigureError(
            f"the table holds {paragraphs['event_id'].nunique()} events; "
            "select one, e.g. paragraphs[paragraphs['event_id'] == ...]."
        )
    if paragraphs["n_words"].sum() == 0:
        raise FigureError("the paragraph table has no words; there is nothing to draw.")


def build_event_figures(
    paragraphs: pd.DataFrame,
    outdir: str | Path,
    *,
    formats: Sequence[str] = FORMATS,
    random_state: int = RANDOM_STATE,
) -> list[Path]:
    """Build the event figure set for any paragraph table.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Paragraph table of one event (:func:`analysis.read_event`,
        :func:`analysis.read_transcript`). The two delegations compared
        are those whose principals speak most (:func:`principal_groups`);
        figures that compare them are left out, with a
        :class:`FigureWarning`, when there are fewer than two.
    outdir : str or Path
        Folder, created if needed. A failed run leaves it as it was.
    formats : sequence of {"png", "pdf", "svg"}, default=("png", "pdf")
    random_state : int, default=RANDOM_STATE

    Returns
    -------
    list of Path
        The files written (see :func:`expected_files`).

    Raises
    ------
    FigureError
        If the table holds several events, no words, or lacks columns.
    """
    _check_event(paragraphs)
    specs = [spec for spec in REGISTRY if spec.source == "event"]
    return build_figures(specs, paragraphs, outdir, formats=formats, random_state=random_state)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m analysis.figures --outdir DIR``.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status.
    """
    parser = argparse.ArgumentParser(
        prog="python -m analysis.figures", description="Rebuild every figure of the bundled event."
    )
    parser.add_argument(
        "--outdir", type=Path, default=paths.FIGURES_DIR, help="output folder (default: figures/)"
    )
    parser.add_argument(
        "--formats", nargs="+", default=list(FORMATS), choices=sorted(SAVE_METADATA), help="file formats"
    )
    parser.add_argument(
        "--event", type=Path, default=None, help="event TOML file (default: the bundled event)"
    )
    args = parser.parse_args(argv)

    import matplotlib

    matplotlib.use("Agg")
    formats = _check_formats(args.formats)
    started = time.perf_counter()
    by_source: dict[str, list[FigureSpec]] = {}
    for spec in REGISTRY:
        by_source.setdefault(spec.source, []).append(spec)

    def draw(folder: Path) -> list[str]:
        names = []
        for source, specs in by_source.items():
            if source == "event":
                data = read_event() if args.event is None else read_event(args.event)
                _check_event(data)
            else:
                data = SOURCES[source]()
            names += _draw_into(specs, FigureContext(data, random_state=RANDOM_STATE), folder, formats)
        return names

    written = _publish(args.outdir, draw)
    elapsed = time.perf_counter() - started
    print(f"wrote {len(written)} files to {args.outdir} in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
