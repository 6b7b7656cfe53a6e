"""Property-based tests: any input gives a result with its invariants or a typed error, in bounded time.

Generated inputs (hypothesis; see ``tests/fuzzing.py`` for the generators and the invariants):
any bytes and any text, mutated excerpts of real transcripts (deleted, duplicated and swapped lines,
label case, invisible and odd characters, runs of punctuation, long lines, CR/CRLF endings, BOMs,
random bytes, truncation), lexicon, roster and event files, and odd but valid paragraph tables for
the measures. ``make test`` runs a bounded, derandomised number of each; ``make fuzz`` 10,000.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis import paths
from analysis.exceptions import (
    DegenerateInputWarning,
    LexiconError,
    ParameterError,
    TableError,
    TopicModelError,
    TranscriptError,
)
from analysis.measures import keyness, mentions, wordshare

from . import fuzzing
from .fuzzing import examples, keep_if_failing, time_limit

# ----------------------------------------------------------------------------
# Transcripts


@settings(max_examples=examples(100))
@given(st.binary(max_size=3_000))
def test_any_bytes(data):
    keep_if_failing(
        "transcript", data, lambda: fuzzing.check_transcript_bytes(data, "read_transcript, any bytes")
    )


@settings(max_examples=examples(150))
@given(fuzzing.mutated_transcripts())
def test_mutated_transcripts(data):
    keep_if_failing(
        "transcript", data, lambda: fuzzing.check_transcript_bytes(data, "read_transcript, mutated pages")
    )


@settings(max_examples=examples(100))
@given(st.text(max_size=2_000))
def test_any_text(text):
    data = text.encode("utf-8", "surrogatepass")
    keep_if_failing("text", data, lambda: fuzzing.check_transcript_text(text, "parse_transcript, any text"))


@settings(max_examples=examples(100))
@given(fuzzing.structured_transcripts())
def test_structured_transcripts(text):
    data = text.encode("utf-8", "surrogatepass")
    keep_if_failing(
        "text", data, lambda: fuzzing.check_transcript_text(text, "parse_transcript, labelled lines")
    )


# ----------------------------------------------------------------------------
# Lexicon, roster and event files


def check_lexicon_bytes(data: bytes) -> None:
    path = fuzzing.scratch() / "lexicon.toml"
    path.write_bytes(data)
    with time_limit():
        try:
            lexicon = mentions.load_lexicon(path)
        except LexiconError as error:
            fuzzing.record("load_lexicon, files", "typed error", 0.0)
            assert str(error).startswith(str(path)), error
            return
    fuzzing.record("load_lexicon, files", "table", 0.0)
    assert lexicon.entities and all(lexicon.aliases[entity] for entity in lexicon.entities)
    frame = lexicon.to_frame()
    assert (frame["n_tokens"] > 0).all()


def check_roster_bytes(data: bytes, suffix: str) -> None:
    path = fuzzing.scratch() / f"roster{suffix}"
    path.write_bytes(data)
    target = "load_roster, CSV files" if suffix == ".csv" else "load_event, TOML files"
    with time_limit():
        try:
            table = analysis.load_roster(path)
        except TranscriptError as error:
            fuzzing.record(target, "typed error", 0.0)
            assert error.path == str(path), error
            if error.line is not None:
                assert 1 <= error.line <= fuzzing.line_count(data), error
            return
    fuzzing.record(target, "table", 0.0)
    assert list(table.columns) == ["speaker_label", "speaker", "office", "role", "delegation"]
    assert table["speaker_label"].is_unique and (table["speaker_label"] != "").all()
    assert table["role"].isin(["principal", "moderator", "press", "interpreter"]).all()
    assert all(pd.isna(d) or isinstance(d, str) for d in table["delegation"])


LEXICON_TEXT = paths.LEXICON.read_text(encoding="utf-8")
CSV_TEXT = (
    "speaker_label,speaker,office,role,delegation\n"
    "SECRETARY SMITH,Jane Smith,Secretary of State,principal,US\n"
    "MINISTER TANAKA,Tanaka Taro,,principal,Japan\n"
    "MODERATOR,,,moderator,Japan\n"
    "QUESTION,,,press,press\n"
)
EVENT_TEXT = (paths.ROOT / "tests" / "fixtures" / "tiny_event.toml").read_text(encoding="utf-8")


@st.composite
def mutated_text(draw, text: str) -> bytes:
    """``text`` with line mutations (as for transcripts), then encoded with odd line ends and bytes."""
    lines = fuzzing.mutate(text.splitlines(), draw(st.lists(fuzzing.MUTATIONS, max_size=5)))
    return fuzzing.encode(lines, draw(fuzzing.ENCODINGS))


@settings(max_examples=examples(100))
@given(st.one_of(st.binary(max_size=2_000), mutated_text(LEXICON_TEXT)))
def test_lexicon_files(data):
    keep_if_failing("lexicon", data, lambda: check_lexicon_bytes(data))


@settings(max_examples=examples(100))
@given(st.one_of(st.binary(max_size=1_000), mutated_text(CSV_TEXT)))
def test_roster_csv_files(data):
    keep_if_failing("roster", data, lambda: check_roster_bytes(data, ".csv"))


@settings(max_examples=examples(100))
@given(st.one_of(st.binary(max_size=1_000), mutated_text(EVENT_TEXT)))
def test_event_files(data):
    keep_if_failing("event", data, lambda: check_roster_bytes(data, ".toml"))


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
ENTRY_KEYS = st.sampled_from(["name", "office", "role", "delegation", "aliases", "exclude", "note", "x"])
ENTRIES = st.dictionaries(
    ENTRY_KEYS,
    st.one_of(VALUES, st.sampled_from(["principal", "press", "US", "Japan"]), st.lists(st.text(max_size=10))),
    max_size=5,
)
KEYS = st.one_of(
    st.text(max_size=15), st.sampled_from(["MR  PRICE", "MR PRICE", " MR\u200bPRICE"]), st.integers()
)


@settings(max_examples=examples(100))
@given(st.dictionaries(KEYS, st.one_of(ENTRIES, VALUES), max_size=4))
def test_roster_and_lexicon_mappings(mapping):
    """Any mapping as a roster and as a lexicon: a table, or the typed error of each."""
    with time_limit():
        try:
            table = analysis.load_roster(mapping)
            fuzzing.record("load_roster, mappings", "table", 0.0)
            assert table["speaker_label"].is_unique
        except TranscriptError:
            fuzzing.record("load_roster, mappings", "typed error", 0.0)
        try:
            mentions.load_lexicon(mapping)
            fuzzing.record("load_lexicon, mappings", "table", 0.0)
        except LexiconError:
            fuzzing.record("load_lexicon, mappings", "typed error", 0.0)


# ----------------------------------------------------------------------------
# The measures on odd but valid tables: a result without unexplained NaN, or a typed error

TYPED = (TableError, ParameterError, TopicModelError, LexiconError, TranscriptError)
TITLE = "Secretary Antony J. Blinken and Japanese Foreign Minister Hayashi Yoshimasa"
#: Columns that name a group (an unresolved delegation is missing there, not a NaN measure).
KEY_COLUMNS = [
    "speaker",
    "delegation",
    "role",
    "segment",
    "speaker_label",
    "called_by",
    "journalist",
    "outlet",
]


def _principal_words(paragraphs: pd.DataFrame, by: list[str]) -> pd.Series:
    words = paragraphs["n_words"].where(paragraphs["role"] == "principal", 0)
    return paragraphs.assign(_w=words).groupby(by, dropna=False, sort=True)["_w"].sum()


def _nan_explained(name: str, result: pd.DataFrame, paragraphs: pd.DataFrame, warned: bool, n_boot: int):
    """Every NaN of ``result`` is documented for this input, or a DegenerateInputWarning said why."""
    floats = result.select_dtypes("float").drop(columns=KEY_COLUMNS, errors="ignore")
    if warned or not floats.isna().to_numpy().any():
        return
    allowed = pd.DataFrame(False, index=floats.index, columns=floats.columns)
    if name.startswith("word_share"):
        intervals = ["share_low", "share_high", "principal_share_low", "principal_share_high"]
        if n_boot == 0:
            allowed[intervals] = True
        allowed["sd_words_per_turn"] = result["n_turns"] == 1
        by = name.split(":")[1:]
        if "speaker" in by:
            # By speaker the press is one group, without an interval by design (word_share's docstring).
            paragraphs = wordshare.press_as_one(paragraphs)
            press = (result["role"] == "press").to_numpy()
            allowed.loc[press, ["share_low", "share_high"]] = True
        no_principal = _principal_words(paragraphs, by).to_numpy() == 0
        for column in ["share_principals", "principal_share_low", "principal_share_high"]:
            allowed[column] |= no_principal
    elif name == "rate_ratio":
        neither = (result["count_a"] + result["count_b"]) == 0
        allowed[["rate_ratio", "ratio_low", "ratio_high"]] = np.repeat(neither.to_numpy()[:, None], 3, axis=1)
    unexplained = floats.isna() & ~allowed
    assert not unexplained.to_numpy().any(), (
        f"{name}: NaN without a DegenerateInputWarning in {list(floats.columns[unexplained.any()])}"
    )


def _run(name, call, paragraphs, n_boot=0):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.simplefilter("error", RuntimeWarning)  # numpy's "invalid value", "divide by zero"
        try:
            result = call()
        except TYPED:
            fuzzing.record("measures", "typed error", 0.0)
            return None
    fuzzing.record("measures", "table", 0.0)
    warned = any(issubclass(w.category, DegenerateInputWarning) for w in caught)
    if isinstance(result, pd.DataFrame):
        _nan_explained(name, result, paragraphs, warned, n_boot)
        floats = result.select_dtypes("float").drop(columns=KEY_COLUMNS, errors="ignore").to_numpy()
        if name != "rate_ratio":
            assert not np.isinf(floats).any(), f"{name}: infinite values"
    return result


@settings(max_examples=examples(40, 1_000))
@given(fuzzing.structured_transcripts(), st.sampled_from([None, "infer"]), st.sampled_from([0, 20]))
def test_measures_on_odd_tables(text, roster, n_boot):
    try:
        paragraphs = analysis.parse_transcript(text, roster=roster, title=TITLE)
    except TranscriptError:
        return
    with time_limit(30):
        for by in (["speaker"], ["delegation"], ["delegation", "segment"]):
            name = "word_share:" + ":".join(by)
            _run(name, lambda by=by: wordshare.word_share(paragraphs, by, n_boot=n_boot), paragraphs, n_boot)
        _run("mention_rates", lambda: mentions.mention_rates(paragraphs, by="delegation"), paragraphs)
        _run(
            "mention_rates", lambda: mentions.mention_rates(paragraphs, by="speaker", roles=None), paragraphs
        )
        _run("find_mentions", lambda: mentions.find_mentions(paragraphs), paragraphs)
        _run("co_mentions", lambda: mentions.co_mentions(paragraphs), paragraphs)
        _run("kwic", lambda: mentions.kwic(paragraphs, "china"), paragraphs)
        _run("turns", lambda: analysis.turns(paragraphs), paragraphs)
        groups = [d for d in paragraphs["delegation"].dropna().unique() if d != "press"][:2]
        if len(groups) == 2:
            _run("rate_ratio", lambda: mentions.rate_ratio(paragraphs, groups=groups), paragraphs)
            for prior in ("uniform", "event"):
                _run(
                    "keyness",
                    lambda prior=prior: keyness.keyness(paragraphs, groups=groups, prior=prior, min_count=1),
                    paragraphs,
                )
        _run(
            "keyness_one_vs_rest",
            lambda: keyness.keyness_one_vs_rest(paragraphs, roles=None, prior="uniform", min_count=1),
            paragraphs,
        )


# ----------------------------------------------------------------------------
# Reproducers found by `make fuzz`, replayed in every run

SAVED = sorted(fuzzing.REPRODUCERS.glob("*.bin"))


@pytest.mark.parametrize("path", SAVED, ids=[p.name for p in SAVED])
def test_saved_reproducers(path):
    data = path.read_bytes()
    target = path.name.split("-", 1)[0]
    if target == "transcript":
        fuzzing.check_transcript_bytes(data, "saved reproducers")
    elif target == "text":
        fuzzing.check_transcript_text(data.decode("utf-8", "surrogatepass"), "saved reproducers")
    elif target == "lexicon":
        check_lexicon_bytes(data)
    elif target in ("roster", "event"):
        check_roster_bytes(data, ".csv" if target == "roster" else ".toml")
    else:
        pytest.fail(f"{path.name}: unknown target {target!r} (transcript, text, lexicon, roster, event)")


def test_there_are_saved_reproducers():
    """The replay above runs on something: the issue's reproducers are kept as files."""
    assert len(SAVED) >= 5
