"""Command line: the tidy tables and figures of any transcript, or of a whole corpus.

``python -m analysis report PATH`` (or the ``pressconf report PATH`` console
script) reads PATH and writes CSV tables and figures to a folder:

* a transcript (``.txt``): speakers are resolved by ``--roster`` (an event
  TOML or roster CSV file) or, by default, inferred from the page title (the
  first line before the first speaker label, or ``--title``) and the known
  U.S. offices;
* an event file (``.toml``, like ``data/events/*.toml``): its transcript and
  roster;
* a corpus (a folder of State Department JSON files, or one such file): every
  transcript-style page, with a progress bar, and the corpus-level tables
  and figures of :mod:`analysis.crossevent`.

Exit status: 0 on success, 1 when the input cannot be read (the message says
what is wrong and what to do), 2 for a bad command line.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from .transcript import (
    Event,
    TranscriptError,
    _label_of,
    _split_paragraphs,
    load_event,
    read_transcript,
    turns,
)

__all__ = ["corpus_tables", "event_tables", "main"]

_FORMATS = ("png", "pdf", "svg")


def _optional(name: str, compute: Callable[[], pd.DataFrame], notes: list[str]) -> pd.DataFrame | None:
    """Run an analysis the input may be too small for; a ValueError becomes a note."""
    try:
        return compute()
    except ValueError as error:
        notes.append(f"{name} left out: {error}")
        return None


def event_tables(
    paragraphs: pd.DataFrame, *, n_boot: int = 1000, random_state: int = 0, notes: list[str] | None = None
) -> dict[str, pd.DataFrame]:
    """Every tidy table of one event, by file stem.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Paragraph table of one event (:func:`analysis.read_transcript`).
    n_boot : int, default=1000
        Bootstrap resamples for the intervals of word and topic shares.
    random_state : int, default=0
        Seed of every random step.
    notes : list of str, optional
        Receives one line per table left out because the input cannot
        support it (e.g. a single delegation has no keyness).

    Returns
    -------
    dict of str to pandas.DataFrame
        ``paragraphs``, ``turns``, ``word_share_speaker``,
        ``word_share_delegation``, ``word_share_segment`` (by delegation and
        segment), ``mentions`` (:func:`analysis.mentions.find_mentions`),
        ``mention_rates``, ``co_mentions``, and when two delegations have
        principal words, ``rate_ratio`` and ``keyness`` (first group = the
        U.S. or the larger); ``topic_terms``, ``document_topics`` and
        ``topic_prevalence`` when a topic model can be fitted.

    Examples
    --------
    >>> from analysis import paths, read_event
    >>> tables = event_tables(read_event(paths.ROOT / "tests/fixtures/tiny_event.toml"), n_boot=0)
    >>> int(tables["word_share_delegation"].set_index("delegation").loc["US", "n_words"])
    26
    """
    from . import keyness, mentions, topics, wordshare
    from .figures import principal_groups

    notes = [] if notes is None else notes
    tables: dict[str, pd.DataFrame] = {"paragraphs": paragraphs, "turns": turns(paragraphs)}
    share = {"n_boot": n_boot, "random_state": random_state}
    tables["word_share_speaker"] = wordshare.word_share(paragraphs, "speaker", **share)
    tables["word_share_delegation"] = wordshare.word_share(paragraphs, "delegation", **share)
    tables["word_share_segment"] = wordshare.word_share(paragraphs, ["delegation", "segment"], **share)
    tables["mentions"] = mentions.find_mentions(paragraphs)
    principals = paragraphs.loc[paragraphs["role"] == "principal"]
    if principals["delegation"].notna().any():
        tables["mention_rates"] = mentions.mention_rates(paragraphs)
    else:
        notes.append("mention_rates left out: no principal has a delegation (pass a roster).")
    tables["co_mentions"] = mentions.co_mentions(paragraphs)
    groups = principal_groups(paragraphs)
    if groups is None:
        notes.append("rate_ratio and keyness left out: fewer than two delegations have principal words.")
    else:
        tables["rate_ratio"] = mentions.rate_ratio(paragraphs, groups=groups)
        found = _optional("keyness", lambda: keyness.keyness(paragraphs, groups=groups), notes)
        if found is not None:
            tables["keyness"] = found
    model = _optional("topics", lambda: topics.fit_topics(paragraphs, random_state=random_state), notes)
    if model is not None:
        tables["topic_terms"] = topics.topic_terms(model)
        tables["document_topics"] = topics.document_topics(model)
        tables["topic_prevalence"] = topics.topic_prevalence(model, paragraphs, "speaker", **share)
    return {name: table for name, table in tables.items() if table is not None}


def corpus_tables(paragraphs: pd.DataFrame, corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The corpus-level tables of :mod:`analysis.crossevent`, by file stem.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Paragraph table of many events (:func:`analysis.corpus.read_corpus`).
    corpus : pandas.DataFrame
        :func:`analysis.corpus.load_corpus`'s table (for dates and kinds).

    Returns
    -------
    dict of str to pandas.DataFrame
        ``event_word_share`` and ``mention_rates_over_time``.
    """
    from . import crossevent

    return {
        "event_word_share": crossevent.event_word_share(paragraphs, corpus),
        "mention_rates_over_time": crossevent.mention_rates_over_time(paragraphs, corpus),
    }


def _write_tables(tables: dict[str, pd.DataFrame], outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        path = outdir / f"{name}.csv"
        table.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written


def _title_of(path: Path) -> str:
    """The last non-blank line before the first speaker label: the title, on State Department pages."""
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    title = ""
    for _, line in _split_paragraphs(text.replace("\r\n", "\n")):
        if _label_of(line) is not None:
            break
        title = line.strip()
    return title


def _read_one(args) -> tuple[pd.DataFrame, str]:
    """Paragraph table of a single transcript or event file, and what resolved its speakers."""
    path = args.path
    if path.suffix.lower() == ".toml":
        event = load_event(path)
        roster = event if args.roster is None else args.roster
        table = read_transcript(
            event.transcript,
            roster=roster,
            event_id=args.event_id or event.event_id,
            title=args.title if args.title is not None else event.title,
            location=args.location or event.place,
        )
        return table, "the event file's roster" if args.roster is None else f"roster {args.roster}"
    if args.roster is None or str(args.roster) == "infer":
        title = args.title if args.title is not None else _title_of(path)
        table = read_transcript(
            path, roster="infer", event_id=args.event_id, title=title, location=args.location
        )
        return table, f"inference from the title {title!r}" if title else "inference (no title found)"
    roster = args.roster
    if not Path(roster).exists():
        raise TranscriptError("roster file not found; check the path.", path=roster)
    if Path(roster).suffix.lower() == ".toml":
        roster = load_event(roster)
    event_id = args.event_id or (roster.event_id if isinstance(roster, Event) else None)
    return read_transcript(path, roster=roster, event_id=event_id), f"roster {args.roster}"


def _report_event(args, say) -> int:
    paragraphs, resolved = _read_one(args)
    outdir = args.outdir or Path(f"{args.path.stem}-report")
    n_words = int(paragraphs["n_words"].sum())
    say(f"{args.path}: {len(paragraphs)} paragraphs, {n_words} words; speakers by {resolved}")
    unresolved = paragraphs.loc[paragraphs["delegation"].isna(), "speaker_label"].unique().tolist()
    if unresolved:
        listed = ", ".join(unresolved)
        say(f"unresolved speaker label(s), delegation left empty: {listed} (pass --roster to set them)")
    notes: list[str] = []
    tables = event_tables(paragraphs, n_boot=args.n_boot, random_state=args.random_state, notes=notes)
    written = _write_tables(tables, outdir)
    figures: list[Path] = []
    if not args.no_figures:
        import matplotlib

        from .figures import build_event_figures

        matplotlib.use("Agg")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            figures = build_event_figures(
                paragraphs, outdir / "figures", formats=args.formats, random_state=args.random_state
            )
        notes += [str(w.message) for w in caught if w.category.__name__ == "FigureWarning"]
    for note in notes:
        say(f"note: {note}")
    say(f"wrote {len(written)} tables and {len(figures)} figure files to {outdir}")
    return 0


def _report_corpus(args, say) -> int:
    from .corpus import _read_corpus_and_report, corpus_rosters, load_corpus

    corpus = load_corpus(args.path)
    outdir = args.outdir or Path(f"{args.path.stem}-report")
    kinds = args.kinds or None
    paragraphs, report = _read_corpus_and_report(
        corpus, kinds=kinds, n_jobs=args.n_jobs, progress=not args.quiet
    )
    tables = {
        "paragraphs": paragraphs,
        "parse_report": report,
        "rosters": corpus_rosters(corpus, kinds=kinds),
        **corpus_tables(paragraphs, corpus),
    }
    written = _write_tables(tables, outdir)
    n_errors = int((report["status"] == "error").sum())
    say(
        f"{args.path}: {paragraphs['event_id'].nunique()} events parsed, {n_errors} failed "
        f"(see parse_report.csv), {int(paragraphs['n_words'].sum())} words"
    )
    figures: list[Path] = []
    if not args.no_figures:
        import matplotlib

        matplotlib.use("Agg")
        from . import crossevent

        figures = crossevent.save_corpus_figures(tables, outdir / "figures", formats=args.formats)
    say(f"wrote {len(written)} tables and {len(figures)} figure files to {outdir}")
    return 0 if n_errors == 0 else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pressconf",
        description="Quantitative discourse analytics of diplomatic press conferences.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    report = commands.add_parser(
        "report",
        help="write the tidy tables (CSV) and figures of a transcript or a corpus",
        description=(
            "Write the tidy tables (CSV) and the figure set of one transcript, one event file or a corpus "
            "of State Department pages."
        ),
    )
    report.add_argument(
        "path",
        type=Path,
        metavar="PATH",
        help="a transcript (.txt, UTF-8, speaker labels such as 'SECRETARY BLINKEN:'), an event file "
        "(.toml with transcript and roster), or a corpus (a folder of JSON pages, or one JSON file)",
    )
    report.add_argument(
        "--roster",
        metavar="FILE",
        default=None,
        help="speaker roster: an event .toml file or a .csv with columns speaker_label, speaker, office, "
        "role, delegation; every label of the transcript must be in it. Default: infer roles and "
        "delegations from the title and the known U.S. offices ('infer'); a roster file always wins",
    )
    report.add_argument(
        "--outdir",
        type=Path,
        metavar="DIR",
        default=None,
        help="output folder, created if needed (default: PATH's name + '-report' in the current folder)",
    )
    report.add_argument(
        "--title",
        default=None,
        help="page title used to infer delegations (default: the first line before the first speaker label)",
    )
    report.add_argument(
        "--location", default="", help="where the event took place, e.g. 'London, United Kingdom' (inference)"
    )
    report.add_argument("--event-id", default=None, help="event identifier (default: the file name)")
    report.add_argument(
        "--formats",
        nargs="+",
        choices=_FORMATS,
        default=["png", "pdf"],
        metavar="FMT",
        help="figure formats among png, pdf, svg (default: png pdf)",
    )
    report.add_argument("--no-figures", action="store_true", help="write the tables only")
    report.add_argument(
        "--n-boot",
        type=int,
        default=1000,
        help="bootstrap resamples for share intervals (default: 1000; 0 skips)",
    )
    report.add_argument("--random-state", type=int, default=0, help="seed of every random step (default: 0)")
    report.add_argument(
        "--kinds",
        nargs="+",
        default=None,
        metavar="KIND",
        help="corpus only: keep these page kinds, e.g. 'joint press availability' (default: all)",
    )
    report.add_argument(
        "--n-jobs",
        type=int,
        default=1,
        help="corpus only: processes parsing pages (-1: every core; default: 1)",
    )
    report.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success; 1 when the input cannot be read or a corpus page does
        not parse; 2 for a bad command line (argparse exits).
    """
    args = _parser().parse_args(argv)

    def say(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr)

    path = args.path
    try:
        if not path.exists():
            raise TranscriptError("no such file or folder; check the path.", path=path)
        if path.is_dir() or path.suffix.lower() == ".json":
            return _report_corpus(args, say)
        return _report_event(args, say)
    except ValueError as error:  # TranscriptError, CorpusError, TableError... all say what to do
        print(f"pressconf: error: {error}", file=sys.stderr)
        return 1
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as error:
        print(f"pressconf: error: {path}: {error}", file=sys.stderr)
        return 1
