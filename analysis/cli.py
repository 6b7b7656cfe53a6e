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

``--groups A B`` names the two delegations that the rate-ratio and keyness
tables and figures compare (default: the two whose principals speak most);
``rate_ratio.csv`` and ``keyness.csv`` say which is which in ``group_a`` and
``group_b``.

``python -m analysis roster PATH [--title ...] [--out FILE]`` writes a draft
roster of a transcript instead: every speaker label with the person, office,
role and delegation inference gives it and the rule that decided, unresolved
labels marked, in the TOML format ``--roster`` reads. Edit it, then run
``report PATH --roster FILE``.

Exit status: 0 on success, 1 when the input cannot be read (the message says
what is wrong and what to do), 2 for a bad command line.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .exceptions import ParameterError, TranscriptError
from .figures import REGISTRY, SAVE_METADATA, FigureContext, draw_figures, figure_tables, publish
from .measures.tables import corpus_tables
from .parsing.corpus import corpus_rosters, load_corpus, read_corpus_and_report
from .parsing.delegations import draft_roster, infer_roster
from .parsing.formats import FORMATS, page_title
from .parsing.roster import Event, load_event
from .parsing.transcript import read_transcript

__all__ = ["main"]

_FORMATS = tuple(SAVE_METADATA)


def _write_tables(tables: dict[str, pd.DataFrame], folder: Path) -> list[str]:
    names = []
    for name, table in tables.items():
        table.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
        names.append(f"{name}.csv")
    return names


def _write_report(outdir: Path, tables: dict, source: str, formats, notes: list[str]) -> tuple[int, int]:
    """Tables as CSV and, unless ``formats`` is empty, the figures of ``source``, published together."""
    import matplotlib

    matplotlib.use("Agg")
    specs = [spec for spec in REGISTRY if spec.source == source]

    def draw(folder: Path) -> list[str]:
        names = _write_tables(tables, folder)
        if formats:
            (folder / "figures").mkdir()
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                figures = draw_figures(specs, FigureContext(tables, notes), folder / "figures", formats)
            notes.extend(str(w.message) for w in caught if w.category.__name__ == "FigureWarning")
            names += [f"figures/{name}" for name in figures]
        return names

    written = publish(outdir, draw)
    n_tables = sum(1 for path in written if path.suffix == ".csv")
    return n_tables, len(written) - n_tables


def _read_one(args) -> tuple[pd.DataFrame, str]:
    """Paragraph table of a single transcript or event file, and what resolved its speakers."""
    path = args.path
    if path.suffix.lower() == ".toml":
        event = load_event(path)
        if event.transcript is None:
            raise TranscriptError(
                "this file is a roster without a transcript; run `report TRANSCRIPT --roster FILE`.",
                path=path,
            )
        roster = event if args.roster is None else args.roster
        table = read_transcript(
            event.transcript,
            roster=roster,
            event_id=args.event_id or event.event_id,
            title=args.title if args.title is not None else event.title,
            location=args.location or event.place,
            format=args.format,
        )
        return table, "the event file's roster" if args.roster is None else f"roster {args.roster}"
    if args.roster is None or str(args.roster) == "infer":
        title = (
            args.title
            if args.title is not None
            else page_title(
                path.read_text(encoding="utf-8-sig", errors="replace"), args.format, source=str(path)
            )
        )
        table = read_transcript(
            path,
            roster="infer",
            event_id=args.event_id,
            title=title,
            location=args.location,
            format=args.format,
            date=args.date,
        )
        return table, f"inference from the title {title!r}" if title else "inference (no title found)"
    roster = args.roster
    if not Path(roster).exists():
        raise TranscriptError("roster file not found; check the path.", path=roster)
    if Path(roster).suffix.lower() == ".toml":
        roster = load_event(roster)
    event_id = args.event_id or (roster.event_id if isinstance(roster, Event) else None)
    table = read_transcript(path, roster=roster, event_id=event_id, format=args.format)
    return table, f"roster {args.roster}"


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
    groups = None
    if args.groups:
        groups = tuple(args.groups)
        principals = paragraphs.loc[(paragraphs["role"] == "principal") & (paragraphs["n_words"] > 0)]
        known = sorted(set(principals["delegation"].dropna()))
        unknown = [group for group in groups if group not in known]
        if unknown or groups[0] == groups[1]:
            raise ParameterError(
                "groups",
                f"--groups needs two different delegations whose principals speak here, among "
                f"{', '.join(map(repr, known)) or 'none'}; got {', '.join(map(repr, groups))}.",
            )
        say(f"comparing {groups[0]} (group a) with {groups[1]} (group b)")
    tables = figure_tables(
        paragraphs, n_boot=args.n_boot, random_state=args.random_state, notes=notes, groups=groups
    )
    formats = [] if args.no_figures else args.formats
    n_tables, n_figures = _write_report(outdir, tables, "event", formats, notes)
    for note in notes:
        say(f"note: {note}")
    say(f"wrote {n_tables} tables and {n_figures} figure files to {outdir}")
    return 0


def _report_corpus(args, say) -> int:
    if args.groups:
        raise ParameterError(
            "groups",
            "--groups applies to one event; a corpus report compares the U.S. with its counterparts.",
        )
    corpus = load_corpus(args.path)
    outdir = args.outdir or Path(f"{args.path.stem}-report")
    kinds = args.kinds or None
    paragraphs, report = read_corpus_and_report(
        corpus, kinds=kinds, n_jobs=args.n_jobs, progress=not args.quiet
    )
    tables = {
        **corpus_tables(paragraphs, corpus),
        "parse_report": report,
        "rosters": corpus_rosters(corpus, kinds=kinds),
    }
    n_errors = int((report["status"] == "error").sum())
    say(
        f"{args.path}: {paragraphs['event_id'].nunique()} events parsed, {n_errors} failed "
        f"(see parse_report.csv), {int(paragraphs['n_words'].sum())} words"
    )
    notes: list[str] = []
    formats = [] if args.no_figures else args.formats
    n_tables, n_figures = _write_report(outdir, tables, "corpus", formats, notes)
    for note in notes:
        say(f"note: {note}")
    say(f"wrote {n_tables} tables and {n_figures} figure files to {outdir}")
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
        help="a transcript (.txt, UTF-8, speaker labels such as 'SECRETARY BLINKEN:', or a White House .md "
        "page with YAML front matter), an event file (.toml with transcript and roster), or a corpus (a "
        "folder of State Department JSON pages or one such file, or a folder of White House .md pages)",
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
        help="page title used to infer delegations (default: a White House page's front-matter title, or "
        "the last line before the first speaker label)",
    )
    report.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="transcript format (default: detected: 'whitehouse' for Markdown with YAML front matter or "
        "hard-wrapped text, 'defense' for a page with the .gov banner, 'state' otherwise)",
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
    report.add_argument(
        "--date",
        default=None,
        help="the event's day, YYYY-MM-DD: tells apart people who share a speaker label (inference)",
    )
    report.add_argument(
        "--groups",
        nargs=2,
        default=None,
        metavar=("A", "B"),
        help="the two delegations the rate-ratio and keyness tables and figures compare, e.g. US Japan "
        "(default: the two whose principals speak the most words); rate_ratio.csv and keyness.csv "
        "name them in group_a and group_b",
    )
    report.add_argument("--quiet", action="store_true", help="no progress bar or summary")

    roster = commands.add_parser(
        "roster",
        help="write a draft speaker roster of a transcript, to check and edit, then use with --roster",
        description=(
            "Infer who each speaker label of a transcript is (person registry, page title, known U.S. "
            "offices, moderators' sides) and write an editable roster file: every label with its name, "
            "office, role, delegation and the rule that resolved it; unresolved labels are marked and "
            "left without a delegation. Edit it, then run `report PATH --roster FILE`."
        ),
    )
    roster.add_argument(
        "path", type=Path, metavar="PATH", help="a transcript (.txt, or a White House .md page; UTF-8)"
    )
    roster.add_argument(
        "--title",
        default=None,
        help="page title used to infer delegations (default: a White House page's front-matter title, or "
        "the last line before the first speaker label)",
    )
    roster.add_argument("--location", default="", help="where the event took place (the host's moderator)")
    roster.add_argument("--date", default=None, help="the event's day, YYYY-MM-DD")
    roster.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        default=None,
        help="the roster file to write (default: PATH's name + '-roster.toml' in the current folder); "
        "an existing file is not overwritten without --force",
    )
    roster.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    roster.add_argument(
        "--no-registry",
        action="store_true",
        help="do not use the person registry (data/people.toml): the rules alone",
    )
    roster.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="transcript format (default: detected; a White House page's front matter gives title and date)",
    )
    roster.add_argument("--quiet", action="store_true", help="no summary")
    return parser


def _roster(args, say) -> int:
    """Write the draft roster of one transcript."""
    path = args.path
    if path.is_dir() or path.suffix.lower() in (".json", ".toml"):
        raise TranscriptError(
            "pass a transcript file (.txt); a corpus or an event file has its own rosters.", path=path
        )
    out = args.out or Path(f"{path.stem}-roster.toml")
    if out.exists() and not args.force:
        raise TranscriptError(
            "the roster file exists; pass --force to overwrite it, or --out another file.", path=out
        )
    table = read_transcript(path, format=args.format)  # labels, turns and interpretation; no roster
    format = table["format"].iloc[0]
    title = (
        args.title
        if args.title is not None
        else page_title(path.read_text(encoding="utf-8-sig", errors="replace"), format, source=str(path))
    )
    date = args.date or table.attrs.get("date")
    inferred = infer_roster(
        list(dict.fromkeys(table["speaker_label"])),
        title,
        location=args.location or table.attrs.get("location", ""),
        interpreted=set(table.loc[table["interpreted"], "speaker_label"]),
        turn_labels=table.drop_duplicates("turn")["speaker_label"].tolist(),
        date=date,
        format=format,
        registry=None if args.no_registry else "default",
    )
    counts = (
        table.groupby("speaker_label", sort=False)
        .agg(n_turns=("turn", "nunique"), n_words=("n_words", "sum"))
        .reset_index()
    )
    text = draft_roster(inferred, title=title, date=date, source=str(path), counts=counts)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    unresolved = inferred.loc[inferred["unresolved"], "speaker_label"].tolist()
    say(f"{path}: {len(inferred)} speaker labels, {len(unresolved)} unresolved; wrote {out}")
    if unresolved:
        say(f"unresolved (write their delegation in {out}): {', '.join(unresolved)}")
    return 0


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
        if args.command == "roster":
            return _roster(args, say)
        if path.is_dir() or path.suffix.lower() == ".json":
            return _report_corpus(args, say)
        return _report_event(args, say)
    except ValueError as error:  # TranscriptError, CorpusError, TableError... all say what to do
        print(f"pressconf: error: {error}", file=sys.stderr)
        return 1
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as error:
        print(f"pressconf: error: {path}: {error}", file=sys.stderr)
        return 1
