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

A report owns its output folder. It writes into a new or empty folder, or
replaces a previous report in that folder whole: files of the old report that
the new one does not write disappear. Each report lists its files in a small
manifest, ``.pressconf-report.json``; a folder that holds anything else (no
manifest, or files the manifest does not list) is refused, and so is anything
under ``data/raw/``. The new report is built in a staging folder beside the
output folder and swapped in only when every table and figure is written, so
an error or Ctrl-C leaves the folder as it was.

A report uses every core: the figures are drawn by forked processes, each
taking the next figure when it is free, and an event's topic-stability fits
(:func:`analysis.topics.select_k`) are shared out the same way; the files are
the same bytes as from one process. A figure that fails inside the package is
left out, with a note that says so, and the rest of the report is written.

Exit status: 0 on success; 1 when the input cannot be read or the output
folder cannot be used (one line says what is wrong and what to do), or when a
corpus page does not parse; 2 for a bad command line; 3 for an error inside the
package (a bug: please report it); 130 when interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import secrets
import shutil
import signal
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from . import paths
from .exceptions import DegenerateInputWarning, ParameterError, ReportError, TranscriptError
from .figures import REGISTRY, SAVE_METADATA, FigureContext, draw_figures, figure_tables, publish
from .measures.tables import corpus_tables
from .parsing.corpus import corpus_rosters, load_corpus, read_corpus_and_report
from .parsing.delegations import draft_roster, infer_roster
from .parsing.files import read_bytes
from .parsing.formats import FORMATS, page_title
from .parsing.roster import Event, load_event
from .parsing.transcript import read_transcript

__all__ = ["EXIT_INPUT", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_USAGE", "MANIFEST", "main"]

_FORMATS = tuple(SAVE_METADATA)

#: Exit statuses: bad input or output folder; bad command line (argparse's); a bug; Ctrl-C.
EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 1, 2, 3, 130
#: The file that marks a folder as a report and lists the report's files.
MANIFEST = ".pressconf-report.json"
_MANIFEST_FORMAT = "pressconf-analysis report"


# ----------------------------------------------------------------------------
# The output folder: owned by the report, replaced whole


def _report_files(outdir: Path) -> set[str]:
    """Files under ``outdir`` (relative, POSIX), the manifest excluded."""
    return {
        path.relative_to(outdir).as_posix()
        for path in outdir.rglob("*")
        if not path.is_dir() and path.name != MANIFEST
    }


def _check_outdir(outdir: Path) -> None:
    """Refuse an output folder the report may not own; see the module docstring."""
    try:
        where = outdir.absolute()
        inside_raw = where.resolve().is_relative_to(paths.RAW_DIR.resolve())
        exists = where.exists()
        if exists and not where.is_dir():
            raise ReportError(f"{outdir}: this is a file, not a folder; choose another --outdir.")
        if not exists:
            # A part of the path that exists must be a folder.
            for parent in where.parents:
                if parent.exists():
                    if not parent.is_dir():
                        raise ReportError(
                            f"{outdir}: {parent} is a file, not a folder; choose another --outdir."
                        )
                    break
        empty = not exists or not any(where.iterdir())
        files = _report_files(where) if exists else set()
        listed = None
        if exists and (where / MANIFEST).is_file():
            try:
                manifest = json.loads((where / MANIFEST).read_text(encoding="utf-8"))
                listed = set(manifest["files"]) if manifest.get("format") == _MANIFEST_FORMAT else None
            except (ValueError, KeyError, TypeError, AttributeError):
                listed = None
    except OSError as error:
        raise ReportError(
            f"{outdir}: cannot use this folder ({error.strerror}); choose another --outdir."
        ) from None
    if inside_raw:
        raise ReportError(
            f"{outdir}: data/raw/ holds the raw inputs and is never written to; choose another --outdir."
        )
    if empty:
        return
    if listed is None:
        raise ReportError(
            f"{outdir}: the folder holds files and is not a report (no {MANIFEST}); a report replaces "
            "its folder whole, so choose a new or empty folder."
        )
    strangers = sorted(files - listed)
    if strangers:
        shown = ", ".join(strangers[:3]) + (", ..." if len(strangers) > 3 else "")
        raise ReportError(
            f"{outdir}: the folder holds a previous report and {len(strangers)} other file(s) ({shown}) that "
            "the report would delete; move them, or choose another folder."
        )


@contextlib.contextmanager
def _uninterrupted():
    """Hold Ctrl-C (SIGINT) until the block is done; deliver it after."""
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return
    received = []
    try:
        previous = signal.signal(signal.SIGINT, lambda number, frame: received.append(number))
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received:
            raise KeyboardInterrupt


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _sibling(where: Path, tag: str) -> Path:
    """A new empty folder beside ``where`` (created with the usual permissions, unlike mkdtemp's 0700)."""
    while True:
        folder = where.parent / f".{where.name}.{tag}-{secrets.token_hex(4)}"
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder


def _publish_report(outdir: Path, draw, source: str) -> list[Path]:
    """Build the report in a staging folder beside ``outdir`` (through :func:`publish`), then swap it in."""
    _check_outdir(outdir)
    where = outdir.absolute()
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        new = _sibling(where, "new")
    except OSError as error:
        raise ReportError(
            f"{outdir}: cannot create the folder ({error.strerror}); choose another --outdir."
        ) from None
    old = None
    try:

        def draw_with_manifest(folder: Path) -> list[str]:
            names = draw(folder)
            manifest = {"format": _MANIFEST_FORMAT, "source": source, "files": sorted(names)}
            (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
            return [*names, MANIFEST]

        written = publish(new, draw_with_manifest)
        with _uninterrupted():
            if where.is_dir() and _exchange(new, where):
                old = new
            else:
                if where.is_dir():
                    old = where.parent / f".{where.name}.old-{secrets.token_hex(4)}"
                    os.replace(where, old)
                os.replace(new, where)
    except OSError as error:
        raise ReportError(
            f"{outdir}: cannot write the report ({error.strerror}); check the folder."
        ) from None
    finally:
        for leftover in (new, old):
            if leftover is not None and leftover.exists() and leftover != where:
                shutil.rmtree(leftover, ignore_errors=True)
    return [outdir / path.relative_to(new) for path in written if path.name != MANIFEST]


def _write_tables(tables: dict[str, pd.DataFrame], folder: Path) -> list[str]:
    names = []
    for name, table in tables.items():
        table.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
        names.append(f"{name}.csv")
    return names


def _draw_each(
    specs, context: FigureContext, folder: Path, formats, notes: list[str], n_jobs: int
) -> list[str]:
    """Draw the figures in ``n_jobs`` processes: a figure that fails is left out with a note."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        names = draw_figures(specs, context, folder, formats, n_jobs=n_jobs, isolate=True)
    notes.extend(str(w.message) for w in caught if w.category.__name__ == "FigureWarning")
    return names


def _write_report(
    outdir: Path, tables: dict, source: str, formats, notes: list[str], input_path: str, n_jobs: int
) -> tuple[int, int]:
    """Tables as CSV and, unless ``formats`` is empty, the figures of ``source``, published together."""
    import matplotlib

    matplotlib.use("Agg")
    specs = [spec for spec in REGISTRY if spec.source == source]

    def draw(folder: Path) -> list[str]:
        names = _write_tables(tables, folder)
        if formats:
            (folder / "figures").mkdir()
            context = FigureContext(tables, notes)
            figures = _draw_each(specs, context, folder / "figures", formats, notes, n_jobs)
            names += [f"figures/{name}" for name in figures]
        return names

    written = _publish_report(outdir, draw, input_path)
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
        title = args.title
        if title is None:
            # read_bytes refuses a FIFO, a device or a huge file before anything waits on it.
            text = read_bytes(path, what="transcript").decode("utf-8-sig", errors="replace")
            title = page_title(text, args.format, source=str(path))
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
    if "\x00" not in roster and not Path(roster).exists():
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
    _check_outdir(outdir)  # before the work, so that a wrong folder fails at once
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
    n_jobs = -1 if args.n_jobs is None else args.n_jobs
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DegenerateInputWarning)
        # select_k's subsample fits in n_jobs processes: the main cost (the same tables for any n_jobs).
        tables = figure_tables(
            paragraphs,
            n_boot=args.n_boot,
            random_state=args.random_state,
            notes=notes,
            groups=groups,
            n_jobs=n_jobs,
        )
    notes.extend(dict.fromkeys(str(w.message) for w in caught if w.category is DegenerateInputWarning))
    formats = [] if args.no_figures else args.formats
    n_tables, n_figures = _write_report(outdir, tables, "event", formats, notes, str(args.path), n_jobs)
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
    _check_outdir(outdir)
    kinds = args.kinds or None
    # Parsing pages in worker processes is slower than in one here (see benchmarks/README.md): one by default.
    n_jobs = 1 if args.n_jobs is None else args.n_jobs
    paragraphs, report = read_corpus_and_report(corpus, kinds=kinds, n_jobs=n_jobs, progress=not args.quiet)
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
    n_tables, n_figures = _write_report(outdir, tables, "corpus", formats, notes, str(args.path), n_jobs)
    for note in notes:
        say(f"note: {note}")
    say(f"wrote {n_tables} tables and {n_figures} figure files to {outdir}")
    return 0 if n_errors == 0 else 1


def _count(text: str) -> int:
    """An integer >= 0 (argparse type)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative; give 0 or more")
    return value


def _seed(text: str) -> int:
    """A seed numpy accepts: 0 <= seed < 2**32 (argparse type)."""
    value = _count(text)
    if value >= 2**32:
        raise argparse.ArgumentTypeError(f"{value} is too large; give a seed below 2**32")
    return value


def _jobs(text: str) -> int:
    """A number of processes: a positive integer or -1 (every core) (argparse type)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value == 0 or value < -1:
        raise argparse.ArgumentTypeError(f"{value} processes: give 1 or more, or -1 for every core")
    return value


class _Parser(argparse.ArgumentParser):
    """argparse, with a bad command line reported on one line (exit status 2)."""

    def error(self, message):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="pressconf",
        description="Quantitative discourse analytics of diplomatic press conferences.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
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
        help="output folder, created if needed (default: PATH's name + '-report' in the current folder). "
        "A report owns its folder: it must be new, empty or a previous report (marked by "
        f"{MANIFEST}), which is replaced whole",
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
        type=_count,
        default=1000,
        help="bootstrap resamples for share intervals (default: 1000; 0 skips)",
    )
    report.add_argument(
        "--random-state", type=_seed, default=0, help="seed of every random step, 0 to 2**32-1 (default: 0)"
    )
    report.add_argument(
        "--kinds",
        nargs="+",
        default=None,
        metavar="KIND",
        help="corpus only: keep these page kinds, e.g. 'joint press availability' (default: all)",
    )
    report.add_argument(
        "--n-jobs",
        type=_jobs,
        default=None,
        help="processes (-1: every core): an event's topic-model fits and figures (default: every core), "
        "a corpus's pages (default: 1)",
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
    if out.absolute().resolve().is_relative_to(paths.RAW_DIR.resolve()):
        raise ReportError(
            f"{out}: data/raw/ holds the raw inputs and is never written to; choose another --out."
        )
    if out.is_dir():
        raise ReportError(f"{out}: this is a folder; pass a file name for the roster.")
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
        0 on success; 1 when the input cannot be read, the output folder
        cannot be used, or a corpus page does not parse; 2 for a bad command
        line (argparse exits); 3 for an error inside the package; 130 when
        interrupted. Every failure prints one line to standard error.
    """
    try:
        args = _parser().parse_args(argv)
    except KeyboardInterrupt:
        print("pressconf: interrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED

    def say(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr)

    path = args.path
    try:
        try:
            exists = path.exists()
        except (OSError, ValueError):
            exists = False
        if not exists:
            raise TranscriptError("no such file or folder; check the path.", path=repr(str(path))[1:-1])
        if args.command == "roster":
            return _roster(args, say)
        if path.is_dir() or path.suffix.lower() == ".json":
            return _report_corpus(args, say)
        return _report_event(args, say)
    except KeyboardInterrupt:
        where = getattr(args, "outdir", None) or getattr(args, "out", None) or "the output folder"
        print(f"pressconf: interrupted (Ctrl-C); nothing partial was written to {where}.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except ValueError as error:  # TranscriptError, CorpusError, TableError, ReportError... all say what to do
        print(f"pressconf: error: {' '.join(str(error).split())}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as error:
        print(f"pressconf: error: {error.filename or path}: {error.strerror or error}", file=sys.stderr)
        return EXIT_INPUT
    except Exception as error:  # one line, not a traceback, for a bug too
        print(
            f"pressconf: internal error: {type(error).__name__}: {' '.join(str(error).split())} "
            "(a bug in pressconf-analysis; please report it with the command line).",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
