"""Build every figure, byte for byte reproducibly: the figure registry and the one way to save.

``python -m analysis.figures --outdir figures/`` (what ``make figures`` runs)
rebuilds the figures of the bundled event and of the corpus from ``data/raw/``;
:func:`build_event_figures` does the same for any paragraph table.

Figures are listed in :data:`REGISTRY`: each :class:`FigureSpec` names a file
stem and a ``make`` function that takes the tables of one run
(:func:`analysis.measures.tables.event_tables` or ``corpus_tables``) and
draws them with the plotting functions of :mod:`analysis.plotting.plots`. No
figure computes a statistic of its own, so the tables written by
``python -m analysis report`` and its figures describe the same model.

Only this module saves files, and always through :func:`publish`: every file
is written into a temporary sibling folder and moved into place only when all
of them have been written, so a failed or interrupted run leaves the previous
output intact.

Reproducibility: the Agg renderer, the DejaVu Sans font that ships with
matplotlib (:mod:`analysis.plotting.style`), a fixed SVG hash salt, no dates
or software versions in the files' metadata (:data:`SAVE_METADATA`) and the
seeds below.
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import paths
from .buildcache import CACHE_DIR, BuildCache, build_key, event_files
from .exceptions import FigureError, FigureSkipped, FigureWarning

if TYPE_CHECKING:
    import pandas as pd

# pandas, scikit-learn and matplotlib are imported inside the functions that use them, not here:
# ``python -m analysis.figures`` with nothing changed copies the cached build (analysis.buildcache)
# and is done before any of them would have finished importing.

__all__ = [
    "FORMATS",
    "RANDOM_STATE",
    "REGISTRY",
    "SAVE_METADATA",
    "FigureContext",
    "FigureSpec",
    "build_event_figures",
    "build_figures",
    "figure_tables",
    "main",
    "publish",
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
#: NMF fits on random subsamples per k for stability (select_k's default).
TOPIC_N_RUNS = 20
#: Terms shown per topic.
N_TOPIC_TERMS = 8
#: Entities shown in the mention figures (the most mentioned).
MAX_ENTITIES = 12
#: Terms labelled on each side of the keyness plot.
N_KEYNESS_LABELS = 6
#: Page kinds of the corpus figures: the joint press availabilities of the State Department corpus
#: and the joint press conferences of the White House corpus.
CORPUS_KINDS = ("joint press availability", "joint_press_conference")
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


# ----------------------------------------------------------------------------
# Registry


@dataclass
class FigureContext:
    """What a figure's ``make`` function gets: the tables of one run.

    Attributes
    ----------
    tables : dict of str to pandas.DataFrame
        From :func:`analysis.measures.tables.event_tables` (event figures) or
        :func:`~analysis.measures.tables.corpus_tables` (corpus figures).
    notes : list of str
        Why tables are missing (from the function that made them).
    """

    tables: dict
    notes: list = field(default_factory=list)

    def table(self, name: str) -> pd.DataFrame:
        """The table ``name``, or :class:`FigureSkipped` saying why the run has none."""
        if name not in self.tables:
            why = [note for note in self.notes if name in note.split(" left out")[0]]
            raise FigureSkipped(why[0] if why else f"no {name} table for this input")
        return self.tables[name]

    @property
    def paragraphs(self) -> pd.DataFrame:
        """The paragraph table."""
        return self.tables["paragraphs"]

    @property
    def labels(self) -> dict:
        """Short speaker names (:func:`analysis.plotting.plots.speaker_labels`)."""
        from .plotting import plots

        return plots.speaker_labels(self.paragraphs)


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
        ``make(context) -> matplotlib.figure.Figure``; raises
        :class:`~analysis.exceptions.FigureSkipped` when the tables cannot
        support the figure.
    source : {"event", "corpus"}
        What the figure is made from: one event's tables or the corpus's.
    """

    name: str
    title: str
    function: str
    make: Callable[[FigureContext], object]
    source: str = "event"


#: The figures, in order. Add one with :func:`register`.
REGISTRY: list[FigureSpec] = []


def register(name: str, title: str, function: str, *, source: str = "event"):
    """Decorator adding a ``make(context) -> Figure`` function to :data:`REGISTRY`.

    Parameters
    ----------
    name : str
        File stem; must be unique.
    title : str
        What the figure shows.
    function : str
        The plotting function it calls.
    source : {"event", "corpus"}, default="event"

    Returns
    -------
    callable
        The decorator; it returns the function unchanged.
    """

    def decorator(make):
        if any(spec.name == name for spec in REGISTRY):
            raise FigureError(f"a figure named {name!r} is already registered; pick another name.")
        REGISTRY.append(FigureSpec(name, title, function, make, source))
        return make

    return decorator


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _qa_start(paragraphs: pd.DataFrame) -> float | None:
    words = paragraphs["n_words"].to_numpy(dtype=float)
    qa = (paragraphs["segment"] == "qa").to_numpy().nonzero()[0]
    if not len(qa) or words.sum() == 0:
        return None
    return float(words[: qa[0]].sum() / words.sum())


def _groups(context: FigureContext) -> tuple[str, str]:
    """The two delegations compared, as named in the rate-ratio or keyness table."""
    for name in ("rate_ratio", "keyness"):
        table = context.tables.get(name)
        if table is not None and not table.empty:
            return str(table["group_a"].iloc[0]), str(table["group_b"].iloc[0])
    raise FigureSkipped(
        "it compares two delegations, and fewer than two delegations have principal speech in this input"
    )


# ----------------------------------------------------------------------------
# The event figures


@register("fig01_word_share", "Word share by speaker", "plots.plot_word_share")
def _word_share(context: FigureContext):
    from .plotting import plots

    shares = context.table("word_share_speaker")
    figure = _figure(COLUMN_WIDTH, 1.3 + 0.24 * len(shares))
    plots.plot_word_share(shares, labels=context.labels, ax=figure.add_subplot())
    return figure


@register("fig02_words_by_segment", "Words by delegation and segment", "plots.plot_words_by_segment")
def _words_by_segment(context: FigureContext):
    from .plotting import plots

    figure = _figure(COLUMN_WIDTH, 2.4)
    plots.plot_words_by_segment(context.table("word_share_segment"), ax=figure.add_subplot())
    return figure


@register("fig03_timeline", "Timeline: who speaks when, Q&A, who called each question", "plots.plot_timeline")
def _timeline(context: FigureContext):
    from .measures.wordshare import press_as_one
    from .plotting import plots

    n_speakers = press_as_one(context.paragraphs)["speaker"].nunique()  # the timeline's rows
    figure = _figure(COLUMN_WIDTH, 1.4 + 0.22 * n_speakers)
    plots.plot_timeline(context.paragraphs, labels=context.labels, ax=figure.add_subplot())
    return figure


@register(
    "fig04_mention_rates",
    "Mentions per 1,000 words by delegation, with exact Poisson intervals",
    "plots.plot_mention_rates",
)
def _mention_rates(context: FigureContext):
    from .plotting import plots

    _groups(context)  # a comparison: at least two delegations with principal words
    rates = context.table("mention_rates")
    # Every delegation whose principals speak (mention_rates counts the principals' words only).
    shown = rates.loc[rates["n_words"] > 0]
    n_entities = min(int((shown.groupby("entity")["count"].sum() > 0).sum()), MAX_ENTITIES)
    if n_entities == 0:
        raise FigureSkipped("no principal mentions a lexicon entity")
    figure = _figure(COLUMN_WIDTH, 1.3 + 0.24 * n_entities)
    plots.plot_mention_rates(
        rates,
        max_entities=MAX_ENTITIES,
        xlabel="Mentions per 1,000 principals' words\n(95% exact Poisson CI)",
        ax=figure.add_subplot(),
    )
    return figure


@register(
    "fig05_mention_dispersion", "Where each entity is mentioned, by whom", "plots.plot_mention_dispersion"
)
def _mention_dispersion(context: FigureContext):
    from .plotting import plots

    mentions = context.table("mentions")
    if mentions.empty:
        raise FigureSkipped("no lexicon entity is mentioned in this event")
    figure = _figure(COLUMN_WIDTH, 1.3 + 0.2 * min(mentions["entity"].nunique(), MAX_ENTITIES))
    plots.plot_mention_dispersion(
        mentions, qa_start=_qa_start(context.paragraphs), max_entities=MAX_ENTITIES, ax=figure.add_subplot()
    )
    return figure


@register(
    "fig06_keyness",
    "Keyness: log-odds z against frequency, distinctive words labelled",
    "plots.plot_keyness",
)
def _keyness(context: FigureContext):
    from .plotting import plots

    groups = _groups(context)
    table = context.table("keyness")
    if table.empty:
        raise FigureSkipped("no term is frequent enough in both groups to compare")
    figure = _figure(COLUMN_WIDTH, 3.2)
    plots.plot_keyness(table, groups=groups, n_labels=N_KEYNESS_LABELS, ax=figure.add_subplot())
    return figure


@register("fig07_topic_terms", "Top terms per topic", "plots.plot_topic_terms")
def _topic_terms(context: FigureContext):
    from .plotting import plots

    terms = context.table("topic_terms")
    terms = terms.loc[terms["rank"] <= N_TOPIC_TERMS]
    topics = sorted(terms["topic"].unique())
    # Up to four topics fit a column; more take the page width, three panels a row.
    n_cols = 2 if len(topics) <= 4 else 3
    n_rows = math.ceil(len(topics) / n_cols)
    width = COLUMN_WIDTH if n_cols == 2 else PAGE_WIDTH
    figure = _figure(width, 0.25 + n_rows * (0.35 + 0.12 * N_TOPIC_TERMS))
    axes = figure.subplots(n_rows, n_cols, squeeze=False).ravel()
    names = plots.topic_names(terms)
    for ax, topic in zip(axes, topics, strict=False):
        plots.plot_topic_terms(terms, topics=[topic], ax=ax)
        # Each panel is named by its topic's top terms, a size smaller than the figure's title.
        ax.set_title(names[int(topic)], fontsize=7, wrap=True)
        ax.set_xlabel("")
        ax.set_xlim(0, float(terms["weight"].max()) * 1.05)
    for ax in axes[len(topics) :]:
        ax.set_axis_off()
    figure.supxlabel("Term weight in topic (NMF, arbitrary units)", fontsize=7)
    figure.suptitle("Top terms per topic", fontsize=8, fontweight="bold", x=0.02, ha="left")
    return figure


@register("fig08_topic_prevalence", "Topic prevalence by speaker (heatmap)", "plots.plot_topic_prevalence")
def _topic_prevalence(context: FigureContext):
    from .plotting import plots

    prevalence = context.table("topic_prevalence")
    figure = _figure(COLUMN_WIDTH, 1.5 + 0.22 * prevalence["topic"].nunique())
    plots.plot_topic_prevalence(prevalence, labels=context.labels, ax=figure.add_subplot())
    return figure


@register(
    "fig09_k_selection",
    "Choosing the number of topics: coherence, stability, reconstruction error against k",
    "plots.plot_k_selection",
)
def _k_selection(context: FigureContext):
    from .plotting import plots

    selection = context.table("k_selection")
    figure = _figure(COLUMN_WIDTH, 4.2)
    axes = figure.subplots(3, 1, sharex=True)
    for ax, metric in zip(axes, ("coherence", "stability", "reconstruction_error"), strict=True):
        plots.plot_k_selection(selection, metric=metric, annotate=ax is axes[0], ax=ax)
        if ax is not axes[-1]:
            ax.set_xlabel("")
    return figure


# ----------------------------------------------------------------------------
# The corpus figures: joint press availabilities (State Department) and joint press conferences
# (White House), and the ministers' events against the leaders'.


@register(
    "corpus01_event_word_share",
    "U.S. share of principals' words, event by event: State Department joint press availabilities and "
    "White House joint press conferences",
    "plots.plot_event_word_share",
    source="corpus",
)
def _corpus_word_share(context: FigureContext):
    from .plotting import plots

    figure = _figure(6.5, 3.2)
    plots.plot_event_word_share(context.table("event_word_share"), ax=figure.add_subplot())
    return figure


@register(
    "corpus02_mention_rates_over_time",
    "Mentions of China, Taiwan, Russia, North Korea per quarter: U.S. principals against counterparts",
    "plots.plot_mention_rates_over_time",
    source="corpus",
)
def _corpus_mention_rates(context: FigureContext):
    from .plotting import plots

    table = context.table("mention_rates_over_time")
    n_rows = (table["entity"].nunique() + 1) // 2
    figure = _figure(6.5, 1.2 + 2.2 * n_rows)
    plots.plot_mention_rates_over_time(table, col_wrap=2, figure=figure)
    return figure


@register(
    "corpus03_ministers_vs_leaders",
    "U.S. and Japan, ministers' press availabilities (State Department) against leaders' press "
    "conferences (White House): word share, and mentions of China, Taiwan, Russia, North Korea",
    "plots.plot_ministers_vs_leaders",
    source="corpus",
)
def _ministers_vs_leaders(context: FigureContext):
    from .plotting import plots

    figure = _figure(PAGE_WIDTH, 3.2)
    plots.plot_ministers_vs_leaders(
        context.table("level_word_share"), mention_rates=context.table("level_mention_rates"), figure=figure
    )
    return figure


def _corpus_figure_tables() -> dict:
    """The corpus tables of the figure script: both corpora, press conferences and availabilities."""
    from .measures.crossevent import PRESS_CONFERENCE_KINDS
    from .measures.tables import corpus_tables
    from .parsing.corpus import load_corpora, read_corpus

    corpus = load_corpora()
    paragraphs = read_corpus(corpus, kinds=list(PRESS_CONFERENCE_KINDS))
    return corpus_tables(paragraphs, corpus, kinds=CORPUS_KINDS, n_boot=N_BOOT, random_state=RANDOM_STATE)


# ----------------------------------------------------------------------------
# Building


def _check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    formats = tuple(formats)
    unknown = [f for f in formats if f not in SAVE_METADATA]
    if unknown or not formats:
        raise FigureError(
            f"unsupported format(s) {unknown or formats}; use some of {', '.join(SAVE_METADATA)}."
        )
    return formats


def draw_figures(
    specs: Sequence[FigureSpec],
    context: FigureContext,
    folder: Path,
    formats: Sequence[str],
    *,
    n_jobs: int = 1,
    isolate: bool = False,
) -> list[str]:
    """Draw ``specs`` from ``context`` and save them into ``folder``; the names written.

    A figure whose ``make`` raises :class:`~analysis.exceptions.FigureSkipped`
    is left out with a :class:`~analysis.exceptions.FigureWarning`.

    Parameters
    ----------
    specs : sequence of FigureSpec
    context : FigureContext
    folder : Path
        An existing folder (normally :func:`publish`'s staging folder).
    formats : sequence of str
    n_jobs : int, default=1
        Processes drawing the figures (-1: one per core), forked
        (:func:`analysis.processes.map_forked`): each takes the next figure
        when it is free. Each figure is the same bytes whichever process
        draws it; the names and warnings come back in the order of
        ``specs``.
    isolate : bool, default=False
        What an error inside a figure does: with False it is raised (the
        figure script fails, and :func:`publish` writes nothing); with True
        that figure's files are removed and it is left out with a
        :class:`~analysis.exceptions.FigureWarning` that calls it a bug,
        and the other figures are drawn (``python -m analysis report``).
        ``KeyboardInterrupt`` and ``MemoryError`` are always raised.

    Returns
    -------
    list of str
        File names written, figure by figure, format by format.
    """
    from .processes import map_forked, worker_count

    n_workers = worker_count(len(specs), n_jobs)
    job = (specs, context, folder, tuple(formats), isolate)
    if n_workers < 2:
        results = [_draw_one(job, index) for index in range(len(specs))]
    else:
        # Forked workers inherit the context (nothing is pickled but indices and results), and the
        # drawing modules, imported here once rather than by every worker.
        _import_drawing_modules(formats)
        draw = functools.partial(_draw_one, job, record=True)
        results = map_forked(draw, range(len(specs)), n_workers)
    names = []
    for spec_names, caught, left_out in results:
        for message, category in caught:  # a forked worker's warnings, in the order they came
            warnings.warn(message, category, stacklevel=2)
        if left_out is not None:
            warnings.warn(left_out, FigureWarning, stacklevel=2)
        names += spec_names
    return names


def _import_drawing_modules(formats: Sequence[str]) -> None:
    """Import what drawing and saving ``formats`` imports on first use (about 0.3 s).

    pyplot (for the style), seaborn and the backends of ``formats`` (the PDF
    backend brings fontTools' subsetter) are imported by the first figure a
    process draws. Imported before forking, the workers inherit them instead
    of each importing them again. Importing changes no figure: the
    in-process path imports the same modules while drawing its first figure.
    """
    import matplotlib.pyplot  # noqa: F401 - use_style's style context
    import seaborn.objects  # noqa: F401 - the seaborn figures
    from matplotlib.backend_bases import get_registered_canvas_class

    for fmt in formats:
        get_registered_canvas_class(fmt)


def _draw_one(job, index: int, *, record: bool = False) -> tuple[list[str], list, str | None]:
    """Draw figure ``index`` of ``job``: ``(names written, warnings met, why it was left out or None)``.

    With ``record`` (in a forked worker) the warnings met are returned as
    ``(message, category)`` pairs for the parent to issue, as if it had drawn
    the figure itself; otherwise they are issued here and the list is empty.
    """
    from .plotting.style import use_style

    specs, context, folder, formats, isolate = job
    spec = specs[index]
    names = []
    with warnings.catch_warnings(record=record) as caught, use_style():
        try:
            figure = spec.make(context)
            for fmt in formats:
                figure.savefig(folder / f"{spec.name}.{fmt}", format=fmt, metadata=SAVE_METADATA[fmt])
                names.append(f"{spec.name}.{fmt}")
            left_out = None
        except FigureSkipped as reason:
            left_out = f"{spec.name} left out: {str(reason).rstrip('.')}."
        except MemoryError:
            raise
        except Exception as error:  # a bug in one figure: with isolate, the others are still drawn
            if not isolate:
                raise
            for fmt in formats:  # the files written, and one perhaps half-written
                (folder / f"{spec.name}.{fmt}").unlink(missing_ok=True)
            names = []
            left_out = (
                f"{spec.name} left out: drawing it failed inside the package ({type(error).__name__}: "
                f"{error}); this is a bug, please report it."
            )
    caught = [(str(w.message), w.category) for w in caught or ()]
    return names, caught, left_out


def publish(outdir: str | Path, draw: Callable[[Path], list[str]]) -> list[Path]:
    """Run ``draw(staging)`` in a temporary sibling of ``outdir``, then move its files into ``outdir``.

    The one way the package writes output files: nothing reaches ``outdir``
    unless ``draw`` returns, so an error or Ctrl-C leaves ``outdir`` as it
    was, and the staging folder is removed either way.

    Parameters
    ----------
    outdir : str or Path
        Folder, created if needed.
    draw : callable
        ``draw(staging) -> list of names`` writes files (names relative to
        ``staging``, subfolders allowed) into ``staging``.

    Returns
    -------
    list of Path
        The files now in ``outdir``.
    """
    outdir = Path(outdir)
    outdir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.building-", dir=outdir.parent))
    try:
        names = draw(staging)
        outdir.mkdir(parents=True, exist_ok=True)
        for name in names:
            (outdir / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, outdir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [outdir / name for name in names]


def build_figures(
    specs: Sequence[FigureSpec],
    tables: dict,
    outdir: str | Path,
    *,
    formats: Sequence[str] = FORMATS,
    notes: Sequence[str] = (),
) -> list[Path]:
    """Draw the given figures from the tables of one run and write them to ``outdir``.

    Parameters
    ----------
    specs : sequence of FigureSpec
        Figures to draw (e.g. from :data:`REGISTRY`).
    tables : dict of str to pandas.DataFrame
        Their input (:func:`figure_tables`, or ``event_tables`` /
        ``corpus_tables`` of :mod:`analysis.measures.tables`).
    outdir : str or Path
        Folder, created if needed. Files are moved there only when every
        figure has been drawn.
    formats : sequence of {"png", "pdf", "svg"}, default=("png", "pdf")
    notes : sequence of str, default=()
        The notes of the function that made ``tables`` (why a table is
        missing), repeated in the warning of a figure left out.

    Returns
    -------
    list of Path
        The files written, figure by figure, format by format.
    """
    formats = _check_formats(formats)
    context = FigureContext(tables, list(notes))
    return publish(Path(outdir), lambda folder: draw_figures(specs, context, folder, formats))


def _check_event(paragraphs) -> None:
    from ._validation import check_table

    check_table(
        paragraphs,
        ["event_id", "speaker", "role", "delegation", "n_words"],
        "the figure script",
        producer="analysis.read_transcript",
        allow_empty=True,
        error=FigureError,
    )
    if paragraphs["event_id"].nunique() != 1:
        raise FigureError(
            f"the table holds {paragraphs['event_id'].nunique()} events; "
            "select one, e.g. paragraphs[paragraphs['event_id'] == ...]."
        )
    if paragraphs["n_words"].sum() == 0:
        raise FigureError("the paragraph table has no words; there is nothing to draw.")


def figure_tables(
    paragraphs: pd.DataFrame, *, random_state: int = RANDOM_STATE, notes: list | None = None, **options
) -> dict:
    """The tables of one event with the figure script's settings.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Paragraph table of one event.
    random_state : int, default=RANDOM_STATE
    notes : list, optional
        Receives why tables are left out.
    **options
        Passed to :func:`analysis.measures.tables.event_tables`, overriding
        :data:`N_BOOT`, :data:`TOPIC_K_VALUES` and :data:`TOPIC_N_RUNS`.

    Returns
    -------
    dict of str to pandas.DataFrame

    Raises
    ------
    FigureError
        If the table holds several events, no words, or lacks columns.
    """
    from .measures.tables import event_tables

    _check_event(paragraphs)
    settings = {"n_boot": N_BOOT, "k_values": TOPIC_K_VALUES, "n_runs": TOPIC_N_RUNS, **options}
    return event_tables(paragraphs, random_state=random_state, notes=notes, **settings)


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
        are those whose principals speak most
        (:func:`analysis.measures.tables.principal_groups`); figures that
        compare them are left out, with a
        :class:`~analysis.exceptions.FigureWarning`, when there are fewer
        than two.
    outdir : str or Path
        Folder, created if needed. A failed run leaves it as it was.
    formats : sequence of {"png", "pdf", "svg"}, default=("png", "pdf")
    random_state : int, default=RANDOM_STATE

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    FigureError
        If the table holds several events, no words, or lacks columns.
    """
    formats = _check_formats(formats)
    notes: list[str] = []
    tables = figure_tables(paragraphs, random_state=random_state, notes=notes)
    specs = [spec for spec in REGISTRY if spec.source == "event"]
    return build_figures(specs, tables, outdir, formats=formats, notes=notes)


def _corpus_figure_inputs() -> dict:
    """The corpus tables the corpus figures draw (without the paragraph table, which they do not use)."""
    return {name: table for name, table in _corpus_figure_tables().items() if name != "paragraphs"}


def _figure_context(event: Path | None, n_jobs: int) -> FigureContext:
    """The tables of the event and of the corpus, the corpus's in a forked process meanwhile, in one context.

    One context lets one pool of processes draw all the figures, each worker taking the next
    figure when it is free: the corpus figures fill the time a worker would otherwise wait for
    the last event figure. Every figure reads its tables by name, and the names differ.
    """
    from .parsing.transcript import read_event
    from .processes import frozen_heap, worker_count

    notes: list[str] = []
    if worker_count(2, n_jobs) < 2:
        event_tables = figure_tables(read_event() if event is None else read_event(event), notes=notes)
        corpus = _corpus_figure_inputs()
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")
        with frozen_heap(), ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            pending = pool.submit(_corpus_figure_inputs)
            event_tables = figure_tables(read_event() if event is None else read_event(event), notes=notes)
            # The corpus tables take longer: meanwhile, what every drawing worker would import.
            _import_drawing_modules(tuple(SAVE_METADATA))
            corpus = pending.result()
    shared = sorted(set(event_tables) & set(corpus))
    if shared:
        raise FigureError(f"the event and the corpus both have tables named {', '.join(shared)}; rename one.")
    return FigureContext({**event_tables, **corpus}, notes)


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
        prog="python -m analysis.figures",
        description="Rebuild every figure of the bundled event and of the corpus.",
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
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="build from scratch, neither reading nor writing the cache of built figure sets",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=CACHE_DIR,
        help="folder of cached builds (default: .cache/figures/ in the repository)",
    )
    parser.add_argument(
        "--n-jobs",
        type=int,
        default=-1,
        help="processes computing and drawing side by side (-1, the default: one per core; 1: none)",
    )
    args = parser.parse_args(argv)
    formats = _check_formats(args.formats)
    started = time.perf_counter()
    # A build is cached under a digest of every input, source file, setting and library version
    # (analysis.buildcache): with nothing changed, the previous build is copied, not computed again.
    settings = {"formats": list(formats), "event": None if args.event is None else str(args.event)}
    key = build_key(settings, event_files(args.event))
    cache = None if args.no_cache else BuildCache(args.cache_dir)
    cached = None if cache is None else cache.files(key)

    def draw(folder: Path) -> list[str]:
        if cached is not None:
            return cache.copy_to(key, cached, folder)
        import matplotlib

        matplotlib.use("Agg")
        context = _figure_context(args.event, args.n_jobs)
        names = draw_figures(REGISTRY, context, folder, formats, n_jobs=args.n_jobs)
        if cache is not None:
            cache.store(key, names, folder)
        return names

    written = publish(args.outdir, draw)
    elapsed = time.perf_counter() - started
    how = "copied from the cache" if cached is not None else "built"
    print(f"wrote {len(written)} files to {args.outdir} in {elapsed:.1f} s ({how})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
