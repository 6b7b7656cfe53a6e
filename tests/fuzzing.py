"""Support of the property-based tests (``tests/test_fuzz.py``): inputs, invariants, time limit, counts.

``make test`` runs a few hundred generated inputs per property, derandomised
(the same inputs on every run). ``make fuzz`` (``PRESSCONF_FUZZ=1``, hypothesis
profile ``fuzz``) runs at least 10,000 per property, randomised, prints the
counts of outcomes and time per input, and writes the smallest input of any
failure to ``tests/fixtures/fuzz/`` (``{target}-{sha256[:12]}.bin``), which
``test_fuzz.py::test_saved_reproducers`` replays in every run after that.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import json
import os
import re
import signal
import statistics
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

import pandas as pd
from hypothesis import strategies as st

import analysis
from analysis import paths
from analysis.exceptions import TranscriptError
from analysis.parsing.files import MAX_INPUT_BYTES
from analysis.parsing.labels import label_of
from analysis.parsing.roster import ROLES
from analysis.parsing.text import tokenize
from analysis.parsing.transcript import PARAGRAPH_COLUMNS

FUZZ = os.environ.get("PRESSCONF_FUZZ") == "1"
REPRODUCERS = Path(__file__).parent / "fixtures" / "fuzz"
#: Seconds one call may take before the test fails as a hang (inputs are a few kilobytes;
#: a parse takes milliseconds).
TIME_LIMIT = 10.0


def examples(normal: int, fuzz: int = 10_000) -> int:
    """Examples of one property: ``normal`` in ``make test``, ``fuzz`` in ``make fuzz``."""
    return fuzz if FUZZ else normal


#: Quotes, line ends, spaces, invisible characters, combining marks (some that NFC folds, some it
#: cannot, some it maps to others), letters that change length when lower-cased, other scripts,
#: digits, and the punctuation the token pattern looks at.
TRICKY_CHARACTERS = [
    *"\u2018\u2019\u201a\u201b\u2032\u02bc\u201c\u201d\u201e",
    *"\r\n\t\x00\x0b\x1f\x7f\x85\u00a0\u1680\u2003\u202f\u3000\u2028\u2029",
    *"\u200b\u200d\u00ad\ufeff\u200e\u202e\u2066\u061c\U000e0041\ud800",
    *"\u0301\u0308\u0332\u0340\u0344\u1ab0\u1dc0\u20dd\ufe20\u0345",
    *"eEaAsSuUzZ\u00e9\u00c9\u0130\u00df\u0131\u03a3\u0939\u093f\u0627\u4e2d\u00b2\u00bd\u0661",
    *"0129 .,'+-_:;()#$",
]

# ----------------------------------------------------------------------------
# Time limit and outcome counts


class HangError(AssertionError):
    """A call took longer than :data:`TIME_LIMIT`."""


@contextlib.contextmanager
def time_limit(seconds: float = TIME_LIMIT):
    """Fail with :class:`HangError` when the block runs longer than ``seconds`` (SIGALRM; main thread)."""

    def alarm(signum, frame):
        raise HangError(f"no result after {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


#: target -> list of (outcome, seconds) per call: filled during generated runs, printed by conftest.
STATS: dict[str, list[tuple[str, float]]] = defaultdict(list)


def record(target: str, outcome: str, seconds: float) -> None:
    STATS[target].append((outcome, seconds))


def summary() -> list[str]:
    """One line per target: calls, outcomes, time per call (median, max)."""
    lines = []
    for target, rows in sorted(STATS.items()):
        counts = defaultdict(int)
        for outcome, _ in rows:
            counts[outcome] += 1
        times = [seconds for _, seconds in rows]
        outcomes = ", ".join(f"{n:,} {name}" for name, n in sorted(counts.items()))
        timing = (
            f"; time per call median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.0f} ms"
            if max(times) > 0
            else ""
        )
        lines.append(f"{target}: {len(rows):,} calls ({outcomes}){timing}")
    return lines


def write_summary(path: Path) -> None:
    """The counts as JSON (``make fuzz`` keeps them for the README)."""
    table = {}
    for target, rows in sorted(STATS.items()):
        times = [seconds for _, seconds in rows]
        outcomes: dict[str, int] = defaultdict(int)
        for outcome, _ in rows:
            outcomes[outcome] += 1
        table[target] = {
            "calls": len(rows),
            "outcomes": dict(sorted(outcomes.items())),
            "median_ms": round(statistics.median(times) * 1000, 2),
            "max_ms": round(max(times) * 1000, 1),
        }
    path.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")


def keep_if_failing(target: str, data: bytes, check) -> None:
    """Run ``check()``; in ``make fuzz``, save ``data`` as a reproducer if the final (shrunk) run fails."""
    try:
        check()
    except BaseException:
        if FUZZ:
            from hypothesis.control import current_build_context

            with contextlib.suppress(Exception):
                if current_build_context().is_final:
                    REPRODUCERS.mkdir(parents=True, exist_ok=True)
                    name = f"{target}-{hashlib.sha256(data).hexdigest()[:12]}.bin"
                    (REPRODUCERS / name).write_bytes(data)
        raise


# ----------------------------------------------------------------------------
# Inputs

#: Characters that must not change who speaks (issue: invisible characters at a label).
ODD_CHARACTERS = [
    "\u00a0",  # no-break space
    "\u2009",  # thin space
    "\u202f",  # narrow no-break space
    "\u3000",  # ideographic space
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u2060",  # word joiner
    "\u00ad",  # soft hyphen
    "\ufeff",  # byte-order mark
    "\x00",  # NUL
    "\x0b",  # vertical tab
    "\x0c",  # form feed
    "\x85",  # next line
    "\u2028",  # line separator
    "\u0301",  # combining acute accent
    "\u0332",  # combining low line
    "\r",
    "\t",
]
#: Longest line a mutation makes, and longest mutated document (characters): long enough for any
#: quadratic pattern to show (100,000 characters take minutes then), short enough for 10,000 inputs.
MAX_LINE = 100_000
MAX_DOCUMENT = 300_000
PUNCTUATION_RUNS = [".", "'", "\u2019", "-", "...", "\u2026", ":", "(", ")", " ", ",", "A.", "# "]


#: Documents the mutations start from: the tiny transcript, the seed, five corpus pages.
N_BASES = 7


@functools.cache
def bases() -> list[list[str]]:
    records = json.loads((paths.CORPUS_DIR / "remarks-page1.json").read_text(encoding="utf-8"))
    pages = sorted((r for r in records if r.get("content")), key=lambda r: r["url"])
    pages = pages[:: max(1, len(pages) // 5)][:5]
    documents = [
        (Path(__file__).parent / "fixtures" / "tiny_transcript.txt").read_text(encoding="utf-8"),
        paths.SEED_TRANSCRIPT.read_text(encoding="utf-8"),
        *(page["content"] for page in pages),
    ]
    assert len(documents) == N_BASES
    return [document.splitlines() for document in documents]


@st.composite
def excerpts(draw) -> list[str]:
    """Up to 40 consecutive lines of the seed, the tiny transcript or a corpus page (labels included)."""
    lines = bases()[draw(st.integers(0, N_BASES - 1))]
    start = draw(st.integers(0, max(0, len(lines) - 1)))
    length = draw(st.integers(1, 40))
    # Half of the excerpts start at the page's first line (title, then labels).
    if draw(st.booleans()):
        start = 0
    return lines[start : start + length]


MUTATIONS = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 10_000)),
    st.tuples(st.just("duplicate"), st.integers(0, 10_000)),
    st.tuples(st.just("swap"), st.integers(0, 10_000), st.integers(0, 10_000)),
    st.tuples(st.just("case"), st.integers(0, 10_000), st.sampled_from(["lower", "upper", "title"])),
    st.tuples(st.just("odd"), st.integers(0, 10_000), st.integers(0, 200), st.sampled_from(ODD_CHARACTERS)),
    st.tuples(
        st.just("run"),
        st.integers(0, 10_000),
        st.integers(0, 200),
        st.sampled_from(PUNCTUATION_RUNS),
        st.integers(1, 3_000),
    ),
    st.tuples(st.just("long"), st.integers(0, 10_000), st.integers(2, 300)),
    st.tuples(st.just("nocolon"), st.integers(0, 10_000)),
    st.tuples(st.just("text"), st.integers(0, 10_000), st.text(max_size=40)),
)
ENCODINGS = st.tuples(
    st.sampled_from(["\n", "\r\n", "\r"]),  # line ends
    st.booleans(),  # byte-order mark
    st.lists(st.tuples(st.integers(0, 100_000), st.binary(min_size=1, max_size=4)), max_size=3),  # bytes
    st.one_of(st.none(), st.integers(0, 100_000)),  # truncation
)


def _apply(lines: list[str], mutation) -> list[str]:
    lines = list(lines) or [""]
    kind, at = mutation[0], mutation[1] % len(lines)
    if kind == "delete":
        del lines[at]
    elif kind == "duplicate":
        lines.insert(at, lines[at])
    elif kind == "swap":
        other = mutation[2] % len(lines)
        lines[at], lines[other] = lines[other], lines[at]
    elif kind == "case":
        lines[at] = getattr(lines[at], mutation[2])()
    elif kind == "odd":
        line = lines[at]
        position = mutation[2] % (len(line) + 1)
        lines[at] = line[:position] + mutation[3] + line[position:]
    elif kind == "run":
        line = lines[at]
        position = mutation[2] % (len(line) + 1)
        lines[at] = line[:position] + mutation[3] * mutation[4] + line[position:]
    elif kind == "long":
        lines[at] = " ".join([lines[at]] * mutation[2])[:MAX_LINE]
    elif kind == "nocolon":
        lines[at] = lines[at].upper().replace(":", "")
    elif kind == "text":
        lines.insert(at, mutation[2])
    return lines


def mutate(lines: list[str], mutations) -> list[str]:
    """``lines`` with each mutation applied in turn; lines halved while the text is too long."""
    for mutation in mutations:
        lines = _apply(lines, mutation)
        while sum(map(len, lines)) > MAX_DOCUMENT:
            lines = [line[: len(line) // 2] for line in lines]
    return lines


def encode(lines: list[str], encoding) -> bytes:
    ending, bom, inserts, cut = encoding
    data = ("\ufeff" if bom else "").encode() + ending.join(lines).encode("utf-8", "surrogatepass")
    for position, chunk in inserts:
        position %= len(data) + 1
        data = data[:position] + chunk + data[position:]
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    return data


@st.composite
def mutated_transcripts(draw) -> bytes:
    """An excerpt of a real transcript, mutated: the issue's generator."""
    lines = mutate(draw(excerpts()), draw(st.lists(MUTATIONS, max_size=6)))
    return encode(lines, draw(ENCODINGS))


LABELS = st.sampled_from(
    ["QUESTION", "MODERATOR", "INTERPRETER", "SECRETARY BLINKEN", "MR PRICE", "FOREIGN MINISTER HAYASHI",
     "AMBASSADOR Argüello", "MS JEAN-PIERRE", "MR O'BRIEN", "A", "Q", "U.S.", "`MR PRICE"]
)  # fmt: skip
SENTENCES = st.sampled_from(
    ["Thank you.", "(Via interpreter) Good evening.", "(In English) Yes.", "(Laughter.)", "China and Russia.",
     "Next, Shaun Tandon of the AFP.", "# # #", "", "The bottom line is this: we agree.", "U.S.-Japan 2+2",
     "We've seen 10,000 troops.", "(inaudible)", "Tajima-san, Asahi Shimbun newspaper."]
)  # fmt: skip


@st.composite
def structured_transcripts(draw) -> str:
    """Transcripts from a small grammar: labelled lines, continuations, blank lines, odd characters."""
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["label", "label", "continue", "blank", "free"]))
        if kind == "label":
            label = draw(LABELS)
            separator = draw(st.sampled_from([": ", ":", ":\u00a0", " : ", ":  "]))
            lines.append(label + separator + draw(SENTENCES))
        elif kind == "continue":
            lines.append(draw(SENTENCES))
        elif kind == "blank":
            lines.append(draw(st.sampled_from(["", " ", "\t", "\u00a0", "\u200b"])))
        else:
            lines.append(draw(st.text(max_size=30)))
    lines = mutate(
        lines, draw(st.lists(MUTATIONS.filter(lambda m: m[0] in ("odd", "run", "case")), max_size=3))
    )
    return draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)


# ----------------------------------------------------------------------------
# The invariants of a paragraph table

_SPLIT = re.compile(r"\r\n|\r|\n")
_BLANK_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf", "Cs"}
_GENERIC_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_ALNUM_RUN = re.compile(r"[^\W_]+")


def visible(line: str) -> bool:
    """The line shows something: a character that is not white space, a control, a format character or a
    generic combining mark (an oracle written apart from the parser's normalisation)."""
    return any(
        unicodedata.category(ch) not in _BLANK_CATEGORIES and not _GENERIC_MARKS.match(ch) for ch in line
    )


def check_table(table: pd.DataFrame, text: str) -> None:
    """The invariants of a paragraph table parsed from ``text`` (decoded, BOM removed)."""
    assert list(table.columns) == PARAGRAPH_COLUMNS
    assert len(table) > 0
    assert table["paragraph_id"].is_unique
    turn = table["turn"].to_numpy()
    assert turn[0] == 1 and set(pd.Series(turn).diff().dropna()) <= {0, 1}, "turns must be 1..N in order"
    expected = [1]
    for previous, current in itertools.pairwise(turn):
        expected.append(expected[-1] + 1 if current == previous else 1)
    assert table["paragraph_in_turn"].tolist() == expected
    assert table["line"].is_monotonic_increasing and table["line"].is_unique
    assert set(table["role"]) <= set(ROLES)
    assert set(table["segment"]) <= {"statements", "qa"}
    assert all(isinstance(label, str) and label for label in table["speaker_label"])
    # Words: the one tokenizer on the text column, and bounds counted apart from it.
    for text_value, n_words in zip(table["text"], table["n_words"], strict=True):
        runs = len(_ALNUM_RUN.findall(text_value))
        assert n_words == len(tokenize(text_value))
        assert (n_words > 0) == (runs > 0) and n_words <= runs, (text_value, n_words)
    # Lines: every visible line after the first label is a row, but "# # #" and a label alone on its
    # line that the next line continues; every row is a visible line.
    lines = _SPLIT.split(text)
    rows = set(table["line"])
    first = int(table["line"].iloc[0])
    assert all(visible(lines[number - 1]) for number in rows), "a row for a blank line"
    by_line = table.set_index("line")
    for number in range(first + 1, len(lines) + 1):
        line = lines[number - 1]
        if number in rows or not visible(line) or re.fullmatch(r"\s*(?:#\s*){3}", line):
            continue
        found = label_of(line)
        later = [row for row in rows if row > number]
        assert found is not None and found[1].strip() == "" and later, f"line {number} lost: {line!r}"
        assert by_line.loc[min(later), "paragraph_in_turn"] == 1


def line_count(data: bytes) -> int:
    return len(_SPLIT.split(data.decode("utf-8", "replace")))


# ----------------------------------------------------------------------------
# Running read_transcript in every roster mode


@functools.cache
def modes() -> dict:
    """The roster modes: none, inferred, the bundled event's roster."""
    return {"no roster": None, "infer": "infer", "bundled roster": analysis.load_event()}


@functools.cache
def scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="pressconf-fuzz-"))


def check_transcript_bytes(data: bytes, target: str = "read_transcript") -> None:
    """``read_transcript`` on ``data`` in every roster mode: a table with its invariants, or a
    TranscriptError naming the file and a line of it; in bounded time; the same twice."""
    path = scratch() / "input.txt"
    path.write_bytes(data)
    for mode, roster in modes().items():
        with time_limit():
            started = time.perf_counter()
            try:
                table = analysis.read_transcript(path, roster=roster, event_id="fuzz")
            except TranscriptError as error:
                record(target, "typed error", time.perf_counter() - started)
                assert error.path == str(path), (mode, error)
                if len(data) > MAX_INPUT_BYTES:  # about the whole file, not a line
                    assert "more than the" in error.message and error.line is None, (mode, error)
                    continue
                assert error.line is not None and 1 <= error.line <= line_count(data), (mode, error)
                continue
            record(target, "table", time.perf_counter() - started)
            again = analysis.read_transcript(path, roster=roster, event_id="fuzz")
        check_table(table, data.decode("utf-8-sig"))
        pd.testing.assert_frame_equal(table, again)


def check_transcript_text(text: str, target: str = "parse_transcript") -> None:
    """``parse_transcript`` on a string in every roster mode (same contract as the bytes)."""
    for mode, roster in modes().items():
        with time_limit():
            started = time.perf_counter()
            try:
                table = analysis.parse_transcript(text, roster=roster, source="<fuzz>")
            except TranscriptError as error:
                record(target, "typed error", time.perf_counter() - started)
                assert error.path == "<fuzz>" and error.line is not None, (mode, error)
                assert 1 <= error.line <= len(_SPLIT.split(text)), (mode, error)
                continue
            record(target, "table", time.perf_counter() - started)
            again = analysis.parse_transcript(text, roster=roster, source="<fuzz>")
        check_table(table, text[1:] if text.startswith("\ufeff") else text)
        pd.testing.assert_frame_equal(table, again)
