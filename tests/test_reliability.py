"""Regression tests for the reliability issue: every reproducer of the 10,000-input fuzz run.

1. hangs (exponential or quadratic regular expressions), under an alarm;
2. invisible characters at or in a speaker label (silent misattribution);
3. untyped errors and wrong line numbers;
4. input accepted silently (now a typed error or a DegenerateInputWarning);
5. the command line (one-line errors, exit statuses, Ctrl-C, a report owns its folder).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import unicodedata
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis import paths
from analysis.cli import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_USAGE, MANIFEST, main
from analysis.exceptions import DegenerateInputWarning, LexiconError, TableError, TranscriptError
from analysis.measures import keyness, mentions, wordshare
from analysis.parsing import files, text
from analysis.parsing.labels import label_of, nonblank_lines
from analysis.parsing.transcript import JOURNALIST_PATTERN

from .conftest import TINY_EVENT, TINY_TRANSCRIPT
from .fuzzing import time_limit

# ----------------------------------------------------------------------------
# 1. Hangs: every pattern on user text runs in time linear in the line

ISSUE_HANGS = [
    b"A" + b"." * 26 + b"!",  # 12 s before
    ("So... " + "we... " * 11 + "think, yes.").encode(),  # 22 s before
    b"MR PRICE" + b"." * 33 + b" 3",  # did not finish in 60 s before
]


@pytest.mark.parametrize("data", ISSUE_HANGS, ids=["dots", "ellipses", "price-dots"])
def test_the_issue_hangs_return_at_once(tmp_path, data):
    path = tmp_path / "t.txt"
    path.write_bytes(data)
    with time_limit(2):
        assert label_of(data.decode()) is None
        for roster in (None, "infer"):
            with pytest.raises(TranscriptError, match="no speaker label"):
                analysis.read_transcript(path, roster=roster)


N = 100_000
ADVERSARIAL_LINES = {
    "dots": "A" + "." * N + "!",
    "apostrophes": "A" + "'" * N,
    "curly apostrophes": "A" + "\u2019" * N,
    "hyphens": "A" + "-" * N + "!",
    "A. pairs": "A. " * (N // 3) + "x",
    "A.A. pairs": "A." * (N // 2) + "!",
    "ellipses": "So... " + "we... " * (N // 6) + "think, yes.",
    "all caps, no colon": "MR PRICE " * (N // 9) + "3",
    "capitals": "A" * N,
    "capitalised words": "Ab Cd-san " * (N // 10),
    "open parenthesis and spaces": "(laughter" + " " * N + "x",
    "open parenthesis and words": "(In Ab" + " " * N + "x",
    "many parentheses": "(Via " * (N // 5),
    "numbers": "1," * (N // 2) + "a",
    "dotted letters": "a." * (N // 2) + "1",
    "spaces": " \t" * (N // 2) + "x:",
}


@pytest.mark.parametrize("line", ADVERSARIAL_LINES.values(), ids=ADVERSARIAL_LINES.keys())
def test_adversarial_lines_take_linear_time(line):
    """Each pattern on a 100,000-character adversarial line: well under a second (quadratic: minutes)."""
    with time_limit(5):
        label_of(line)
        text.strip_stage_directions(line)
        text.INTERPRETED_PATTERN.search(line)
        text.IN_ENGLISH_PATTERN.search(line)
        text.tokenize(line)
        JOURNALIST_PATTERN.search(line)
        analysis.delegations.country_of(line)
        analysis.delegations.infer_roster(["FOREIGN MINISTER AB"], title=line)
        # The whole parser, the line spoken by a moderator before a question (journalist search).
        table = analysis.parse_transcript(f"MODERATOR: {line}\nQUESTION: Why?", roster="infer", title=line)
        assert table["turn"].max() == 2


def test_the_journalist_pattern_still_finds_journalists():
    table = analysis.parse_transcript(
        "MODERATOR: Next, Shaun Tandon of the AFP.\nQUESTION: Hi.\n"
        "MODERATOR: Tajima-san, Asahi Shimbun newspaper.\nQUESTION: Hi.\n"
        "MODERATOR: Jean-Pierre of CNN.\nQUESTION: Hi."
    )
    questions = table.loc[table["role"] == "press"]
    assert questions["journalist"].tolist() == ["Shaun Tandon", "Tajima", "Pierre"]
    assert questions["outlet"].tolist() == ["AFP", "Asahi Shimbun newspaper", "CNN"]


# ----------------------------------------------------------------------------
# 2. Invisible characters at or in a label

REMOVED = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066", "\u2060", "\u00ad",
           "\ufeff", "\x00", "\x1b", "\x7f"]  # fmt: skip
SPACES = ["\u00a0", "\u2009", "\u202f", "\u3000", "\u2007", "\x0b", "\x0c", "\x85", "\u2028"]
LABELLED = "SECRETARY BLINKEN: Hello there."


def _variants(characters, positions):
    for ch in characters:
        for at in positions:
            yield LABELLED[:at] + ch + LABELLED[at:]


@pytest.mark.parametrize(
    "line",
    [
        *_variants(REMOVED, range(len("SECRETARY BLINKEN: ") + 1)),  # anywhere in or around the label
        *_variants(SPACES, [0, 9, 10, 17, 18, 19]),  # where a space can be
        *_variants(["\u0301", "\u0332"], [0, 10, 18, 19]),  # a combining mark on a space or the colon
    ],
)
def test_an_invisible_character_does_not_move_the_turn(line):
    """The label stays a label: the turn is not credited to the previous speaker."""
    table = analysis.parse_transcript("QUESTION: Why?\n" + line)
    assert table["speaker_label"].tolist() == ["QUESTION", "SECRETARY BLINKEN"]
    assert table["n_words"].tolist() == [1, 2]


def test_normalisation_of_each_class():
    assert text.normalize_text("a\u00a0b\u2009c\u3000d\x0be\u2028f") == "a b c d e f"
    assert text.normalize_text("in\u00adter\u200bna\u200ction\u200e\u202e\ufeff\x00al") == "international"
    assert text.normalize_text("e\u0301 \u0301x 1\u0332") == "\u00e9 x 1"
    assert text.normalize_text("a\r\nb\rc\n") == "a\nb\nc\n"
    # Vowel signs of other scripts stay.
    assert (
        text.normalize_text("\u0939\u093f\u0928\u094d\u0926\u0940") == "\u0939\u093f\u0928\u094d\u0926\u0940"
    )
    # A line of invisible characters is blank.
    assert nonblank_lines("A\n\u200b\ufeff\n\u3000\x0b\nB") == [(1, "A"), (4, "B")]


def test_every_format_character_is_removed():
    """The table of Cf characters in parsing.text covers this Python's Unicode database."""
    listed = set(text._expand(text.INVISIBLE_CHARACTERS))
    format_characters = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"}
    missing = sorted(f"U+{ord(c):04X}" for c in format_characters - listed)
    if unicodedata.unidata_version == "14.0.0":
        assert not missing
    else:  # a newer Unicode adds format characters above U+FFFF only; list them when it does
        assert all(int(code[2:], 16) > 0xFFFF for code in missing), missing
    assert all(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in listed)
    spaces = set(text._expand(text.SPACE_CHARACTERS))
    assert all(c.isspace() and c not in " \t\n\r" for c in spaces)
    assert {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs"} - spaces == {" "}


def test_words_of_the_seed_and_corpus_are_unchanged_by_the_normalisation(seed_paragraphs):
    """Headline counts (README): 7,164 words in the seed; the normalisation changed none of them."""
    assert int(seed_paragraphs["n_words"].sum()) == 7164


# ----------------------------------------------------------------------------
# 3. Typed errors, named file and line


def test_a_label_that_folds_to_nothing_is_no_index_error(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(b"\xef\xbe\x9e:\nQUESTION:")
    table = analysis.read_transcript(path, roster="infer")
    assert table["role"].tolist() == ["principal", "press"]


def _loop(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    return tmp_path / "a"


def _fifo(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    return tmp_path / "fifo"


def _file_then(tmp_path):
    (tmp_path / "file.txt").write_text("MR A: Hi.")
    return tmp_path / "file.txt" / "x"


def _big(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(files.MAX_INPUT_BYTES + 1)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_loop, "loop of symbolic links"),
        (_file_then, "is a file, not a folder"),
        (lambda d: d / ("a" * 300), "too long"),
        (lambda d: str(d / "a\x00b"), "NUL character"),
        (lambda d: "/dev/zero", "not a regular file"),
        (_fifo, "not a regular file"),
        (lambda d: d, "this is a folder"),
        (lambda d: d / "missing.txt", "file not found"),
        (_big, "more than the"),
        (lambda d: 3, "must be a string or a pathlib.Path"),
    ],
    ids=["symlink-loop", "under-a-file", "name-too-long", "nul", "dev-zero", "fifo", "folder", "missing",
         "too-big", "int"],
)  # fmt: skip
def test_paths_that_cannot_be_read(tmp_path, make, message):
    path = make(tmp_path)
    with time_limit(5), pytest.raises(TranscriptError, match=message) as info:
        analysis.read_transcript(path)
    assert info.value.path is not None


def test_permission_denied_is_typed(tmp_path, monkeypatch):
    """(The tests run as root, who may read anything: the refusal is simulated at os.open.)"""
    path = tmp_path / "t.txt"
    path.write_text("MR A: Hi.")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "open", refuse)
    with pytest.raises(TranscriptError, match="permission denied"):
        analysis.read_transcript(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            '[entities.Caf\u00e9]\naliases = ["Caf\u00e9"]\n'.encode("cp1252"),
            r"lexicon.toml:1: byte .* not UTF-8",
        ),
        ('version = "1"\n[entities.A]\naliases = ["x"]\n'.encode("utf-16"), "UTF-16"),
        (b"version = 1\n[entities.A]\naliases = ['x']\n", "version must be a string"),
        (b"entities = 3\n", "'entities' must be a table"),
    ],
)
def test_lexicon_files_that_cannot_be_used(tmp_path, data, message):
    path = tmp_path / "lexicon.toml"
    path.write_bytes(data)
    with pytest.raises(LexiconError, match=message):
        mentions.load_lexicon(path)


def test_a_lexicon_folder_is_typed(tmp_path):
    with pytest.raises(LexiconError, match="this is a folder"):
        mentions.load_lexicon(tmp_path)


EVENT = 'event_id = "e"\ntitle = "t"\ndate = 2023-01-01\ntranscript = "x.txt"\n'
ENTRY = '[speakers."MR PRICE"]\nrole = "moderator"\ndelegation = "US"\n'


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (EVENT + "speakers = 3\n", "speakers must be a table", 5),
        (EVENT.replace('"x.txt"', "3") + ENTRY, "transcript must be a string", 4),
        (EVENT + 'sources = "x"\n' + ENTRY, "sources must be a table", 5),
        (EVENT.replace('"t"', '"t\udce9"') + ENTRY, "not UTF-8", 2),
        (EVENT.replace("2023-01-01", '"2023-01-01"') + ENTRY, "date must be a date", 3),
        (EVENT + ENTRY.replace('"US"', '["US"]'), r"delegation \['US'\] \(list\)", 5),
        (EVENT + ENTRY + ENTRY.replace("MR PRICE", "MR  PRICE"), "same label once spaces", 8),
        (EVENT + ENTRY.replace("moderator", "journalist"), "role 'journalist'", 5),
    ],
    ids=["speakers-3", "transcript-3", "sources-x", "not-utf8", "date-string", "delegation-list",
         "duplicate-label", "role"],
)  # fmt: skip
def test_event_files_that_cannot_be_used(tmp_path, data, message, line):
    path = tmp_path / "event.toml"
    path.write_bytes(data.encode("utf-8", "surrogateescape"))
    with pytest.raises(TranscriptError, match=message) as info:
        analysis.load_event(path)
    assert info.value.path == str(path) and info.value.line == line


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"", "the roster file is empty", 1),
        (b"speaker,role,delegation\nMR A,principal,US\n", "lacks column.s. speaker_label", 1),
        (b"speaker_label,role,delegation\nMR A,principal,US\nMR A,press,press\n", "also on line 2", 3),
        (
            b"speaker_label,role,delegation\nMR A,principal,US\nMR B,principal,US,x\n",
            "4 field.s. and the header 3",
            3,
        ),
        (b"speaker_label,role,delegation\nMR A,principal,US\nMR  A,press,press\n", "same label once", 3),
        (b"speaker_label,role,delegation\nMR A,principal,US\n\xff\n", "not UTF-8", 3),
    ],
    ids=["empty", "no-label-column", "duplicate", "ragged", "duplicate-after-normalising", "not-utf8"],
)
def test_csv_rosters_that_cannot_be_used(tmp_path, data, message, line):
    path = tmp_path / "roster.csv"
    path.write_bytes(data)
    with pytest.raises(TranscriptError, match=message) as info:
        analysis.load_roster(path)
    assert info.value.path == str(path) and info.value.line == line


def test_a_csv_roster_with_an_empty_delegation_has_none(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(b"speaker_label,role,delegation\nMR A,principal,\nQUESTION,press,press\n")
    assert analysis.load_roster(path)["delegation"].isna().tolist() == [True, False]


@pytest.mark.parametrize(
    ("roster", "message"),
    [
        ({3: {"role": "press", "delegation": "press"}}, "roster label 3 must be a non-empty string"),
        ({"MR A": {"role": "principal", "delegation": ["US"]}}, "delegation"),
        ({"MR A": {"role": "principal", "delegation": "US", "name": 3}}, "has name 3"),
        (
            pd.DataFrame({"speaker_label": ["A", "A"], "role": ["press"] * 2, "delegation": ["p"] * 2}),
            "several",
        ),
    ],
)
def test_mapping_and_table_rosters_that_cannot_be_used(roster, message):
    with pytest.raises(TranscriptError, match=message):
        analysis.load_roster(roster)


def test_a_non_utf8_byte_in_a_cr_only_file_names_its_line(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(b"Title\rMR A: Hello.\r\rMR B: caf\xe9\r")
    with pytest.raises(TranscriptError, match="not UTF-8") as info:
        analysis.read_transcript(path)
    assert info.value.line == 4
    assert files.line_at(b"a\r\nb\rc\nd", 8) == 4


def test_a_roster_error_names_the_line_of_a_label_alone_on_its_line(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(b"Title\n\nMR NOBODY:\n\nHello there.\n")
    with pytest.raises(TranscriptError, match=r"'MR NOBODY' \(line 3\)") as info:
        analysis.read_transcript(path, roster={"QUESTION": {"role": "press", "delegation": "press"}})
    assert info.value.line == 3


# ----------------------------------------------------------------------------
# 4. Accepted silently before: typed errors, or a warning that says why


def test_keyness_of_a_one_word_vocabulary_is_a_typed_error():
    table = analysis.parse_transcript("MR A: ships ships.\nMR B: ships.")
    with pytest.raises(TableError, match="single word type"):
        keyness.keyness(table, group_col="speaker", groups=("MR A", "MR B"), prior="uniform", min_count=1)


def test_zero_word_tables_warn_and_give_nan_not_inf():
    table = analysis.parse_transcript("MR A: (Laughter.)\nQUESTION: (inaudible)")
    assert table["n_words"].sum() == 0
    with pytest.warns(DegenerateInputWarning, match="no words"):
        shares = wordshare.word_share(table, "speaker", n_boot=10)
    assert shares["share"].isna().all()
    with pytest.warns(DegenerateInputWarning, match="no words"):
        rates = mentions.mention_rates(table, {"China": ["China"]}, by="speaker", roles=None)
    values = rates[["rate_per_1000", "rate_low", "rate_high"]].to_numpy()
    assert np.isnan(values).all() and not np.isinf(values).any()


def test_a_silent_group_of_a_rate_ratio_is_a_typed_error():
    table = analysis.parse_transcript("MR A: China.\nMR B: (Laughter.)")
    with pytest.warns(DegenerateInputWarning), pytest.raises(TableError, match="has no words"):
        mentions.rate_ratio(table, {"China": ["China"]}, group_col="speaker", groups=("MR A", "MR B"))


def test_keyness_one_vs_rest_leaves_out_a_silent_speaker_with_a_warning():
    table = analysis.parse_transcript("MR A: ships port.\nMR B: planes port.\nMR C: (Laughter.)")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.warns(DegenerateInputWarning, match="'MR C' has no words"):
            kw = keyness.keyness_one_vs_rest(table, prior="uniform", min_count=1)
    assert set(kw["group"]) == {"MR A", "MR B"} and np.isfinite(kw["log_ratio"]).all()


def test_ordinary_tables_raise_no_degenerate_warning(seed_paragraphs):
    with warnings.catch_warnings():
        warnings.simplefilter("error", DegenerateInputWarning)
        wordshare.word_share(seed_paragraphs, ["delegation", "segment"], n_boot=10)
        mentions.mention_rates(seed_paragraphs)


# ----------------------------------------------------------------------------
# 5. The command line


@pytest.mark.parametrize(
    ("outdir", "message"),
    [
        (lambda d: Path("/proc/x"), "cannot create the folder"),
        (lambda d: _touch(d / "file"), "this is a file, not a folder"),
        (lambda d: _touch(d / "file") / "sub", "is a file, not a folder"),
        (lambda d: _touch(d / "mine" / "notes.txt").parent, "is not a report"),
        (lambda d: paths.RAW_DIR / "x", "never written to"),
    ],
    ids=["proc", "file", "under-a-file", "not-a-report", "raw"],
)
def test_output_folders_that_cannot_be_used(tmp_path, capsys, outdir, message):
    folder = outdir(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert main(["report", str(TINY_TRANSCRIPT), "--outdir", str(folder), "--no-figures"]) == EXIT_INPUT
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("pressconf: error: ") and message in err[-1]
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert not (paths.RAW_DIR / "x").exists()


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")
    return path


@pytest.mark.parametrize(
    "args",
    [["3"], ["/dev/zero"], ["x\x00y"], [str(TINY_TRANSCRIPT), "--roster", "/dev/zero"]],
    ids=["number", "dev-zero", "nul", "roster-dev-zero"],
)
def test_bad_inputs_exit_1_with_one_line(tmp_path, capsys, args):
    with time_limit(20):
        assert main(["report", *args, "--outdir", str(tmp_path / "out"), "--quiet"]) == EXIT_INPUT
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("pressconf: error: ")


@pytest.mark.parametrize(
    "args",
    [["--n-boot", "-1"], ["--random-state", "-3"], ["--n-jobs", "0"], ["--n-boot", "x"], ["--formats"]],
)
def test_usage_errors_exit_2_with_one_line(capsys, args):
    with pytest.raises(SystemExit) as info:
        main(["report", str(TINY_TRANSCRIPT), *args])
    assert info.value.code == EXIT_USAGE
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "error:" in err[0] and "--help" in err[0]


def test_a_one_line_transcript_gives_a_report(tmp_path, capsys):
    """(ZeroDivisionError in plot_words_by_segment before: now the unknown delegation gets its bars.)"""
    path = tmp_path / "one.txt"
    path.write_text("MR A: Hello China.\n")
    outdir = tmp_path / "out"
    assert main(["report", str(path), "--outdir", str(outdir), "--formats", "png", "--n-boot", "20"]) == 0
    assert pd.read_csv(outdir / "paragraphs.csv")["n_words"].tolist() == [2]
    manifest = json.loads((outdir / MANIFEST).read_text())
    on_disk = {p.relative_to(outdir).as_posix() for p in outdir.rglob("*") if p.is_file()} - {MANIFEST}
    assert set(manifest["files"]) == on_disk and "paragraphs.csv" in on_disk
    assert "figures/fig02_words_by_segment.png" in on_disk


def test_a_second_report_replaces_the_first_whole(tmp_path):
    outdir = tmp_path / "out"
    assert main(["report", str(TINY_EVENT), "--outdir", str(outdir), "--formats", "png", "--n-boot", "0",
                 "--quiet"]) == 0  # fmt: skip
    assert any((outdir / "figures").glob("*.png"))
    assert main(["report", str(TINY_EVENT), "--outdir", str(outdir), "--no-figures", "--quiet"]) == 0
    assert not (outdir / "figures").exists()
    files_now = {p.relative_to(outdir).as_posix() for p in outdir.rglob("*") if p.is_file()}
    assert files_now == {*json.loads((outdir / MANIFEST).read_text())["files"], MANIFEST}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # no staging left behind
    # A file the report did not write: refused, nothing deleted.
    _touch(outdir / "my-notes.txt")
    assert main(["report", str(TINY_EVENT), "--outdir", str(outdir), "--no-figures", "--quiet"]) == EXIT_INPUT
    assert (outdir / "my-notes.txt").exists() and (outdir / "paragraphs.csv").exists()


def test_ctrl_c_inside_the_run_exits_130_and_leaves_the_folder(tmp_path, capsys, monkeypatch):
    outdir = tmp_path / "out"
    assert main(["report", str(TINY_EVENT), "--outdir", str(outdir), "--no-figures", "--quiet"]) == 0
    before = {p: p.read_bytes() for p in outdir.rglob("*") if p.is_file()}

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("analysis.cli.draw_figures", interrupted)
    assert main(["report", str(TINY_EVENT), "--outdir", str(outdir), "--formats", "png", "--quiet"]) == 130
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith("pressconf: interrupted")
    assert {p: p.read_bytes() for p in outdir.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_real_sigint_exits_130_with_one_line(tmp_path):
    """SIGINT to ``python -m analysis report`` once it has read the input (figures of the seed event)."""
    outdir = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "analysis", "report", str(paths.SEED_EVENT), "--outdir", str(outdir),
         "--formats", "png", "pdf", "svg"],
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    first = process.stderr.readline()  # the summary line: the input has been read
    assert "paragraphs" in first
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    rest = process.communicate(timeout=120)[1]
    assert process.returncode == EXIT_INTERRUPTED, rest
    lines = [line for line in rest.splitlines() if line.strip()]
    assert lines[-1].startswith("pressconf: interrupted") and "Traceback" not in rest
    assert not outdir.exists() and list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------------------
# Packaging: hypothesis is a test dependency, pinned


def test_hypothesis_is_declared_and_pinned():
    import tomllib

    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    assert any(re.match(r"hypothesis\b", item) for item in project["optional-dependencies"]["test"])
    lock = (paths.ROOT / "requirements-lock.txt").read_text()
    assert re.search(r"^hypothesis==\S+$", lock, re.MULTILINE)
    assert re.search(r"^\s+- hypothesis", (paths.ROOT / "environment.yml").read_text(), re.MULTILINE)
