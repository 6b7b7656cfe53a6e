"""The word-count convention (analysis.parsing.text)."""

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.parsing import text as text_module
from analysis.parsing.text import (
    COMBINING_MARKS,
    IN_ENGLISH_PATTERN,
    INTERPRETED_PATTERN,
    INVISIBLE_CHARACTERS,
    NO_TRANSLATION_PATTERN,
    SPACE_CHARACTERS,
    SPEAKS_ENGLISH_PATTERN,
    STAGE_DIRECTION_PATTERN,
    TOKEN_PATTERN,
    count_words,
    normalize_text,
    strip_stage_directions,
    token_offsets,
    token_spans,
    tokenize,
)

from .fuzzing import TRICKY_CHARACTERS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Curly-apostrophe contractions stay whole: no "ve" or "ll" tokens.
        ("we\u2019ve, we\u2019ll, don\u2019t", ["we've", "we'll", "don't"]),
        # U.S. keeps its periods (never "us"), with or without the final one.
        ("the U.S. and the U.S", ["the", "u.s.", "and", "the", "u.s."]),
        # Hyphens split compounds; both halves are words.
        ("U.S.-Japan Japan-U.S. Indo-Pacific", ["u.s.", "japan", "japan", "u.s.", "indo", "pacific"]),
        ("the 2+2 meeting", ["the", "2+2", "meeting"]),
        # Possessive 's is dropped, also after an abbreviation.
        ("Japan\u2019s and the U.S.'s", ["japan", "and", "the", "u.s."]),
        (
            "10,000 troops, 1.5 percent, G7, 12th, 2027",
            ["10,000", "troops", "1.5", "percent", "g7", "12th", "2027"],
        ),
        # Dashes and symbols are not words.
        ("peace \u2013 and \u2014 $5 50% # # #", ["peace", "and", "5", "50"]),
        ("Washington, D.C. bureau", ["washington", "d.c.", "bureau"]),
        ("\u00c7avu\u015fo\u011flu said", ["\u00e7avu\u015fo\u011flu", "said"]),
    ],
)
def test_tokenize(text, expected):
    assert tokenize(text) == expected


def test_count_words_by_hand():
    # "Japan–U.S. 2+2 – thank you." → japan, u.s., 2+2, thank, you = 5
    assert count_words("Japan\u2013U.S. 2+2 \u2013 thank you.") == 5


def test_normalize_text():
    assert normalize_text("\ufeffwe\u2019ve\u00a0\u201cmet\u201d\r\nok") == 'we\'ve "met"\nok'


def test_token_spans_point_into_normalised_text():
    text = "China\u2019s U.S.-Japan"
    spans = token_spans(text)
    assert [token for token, _, _ in spans] == ["china", "u.s.", "japan"]
    assert [normalize_text(text)[start:end] for _, start, end in spans] == ["China's", "U.S.", "Japan"]


@pytest.mark.parametrize(
    "note",
    [
        "(Via interpreter)",
        "(Via Interpreter.)",
        "(inaudible)",
        "(Laughter.)",
        "(Applause.)",
        "(In Korean.)",
        "(In English)",
        "(Off-mike.)",
        "(A video was played.)",
        "(Cheers and applause.)",
        "(In French via interpreter)",
        "(Via translation)",
    ],
)
def test_stage_directions_are_removed(note):
    assert strip_stage_directions(f"{note} We agree. {note}") == "We agree."


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(["(Via interpreter)", "(Laughter.)", "We agree.", "(PRC)", "  ", "\t", "(", ")", "x"])
    )
)
def test_strip_stage_directions_is_the_substitution_written_out(pieces):
    """Also without a "(" in the text, where the substitution is skipped."""
    value = "".join(pieces)
    expected = re.sub(r"[ \t]{2,}", " ", STAGE_DIRECTION_PATTERN.sub(" ", value)).strip()
    assert strip_stage_directions(value) == expected


_NOTE_PIECES = [
    "(Via interpreter)",
    "(In English.)",
    "(Speaks Ukrainian.)",
    "(No translation provided.)",
    "(as interpreted)",
    "Via interpreter",
    "via an interpreter",
    "In English",
    "Speaks English.",
    "no translation provided",
    ")",
    "(",
    " ",
    "x",
]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_NOTE_PIECES)).map("".join))
def test_interpretation_notes_need_an_opening_parenthesis(value):
    """What lets the parser skip the four note patterns for a paragraph without "("."""
    patterns = (INTERPRETED_PATTERN, NO_TRANSLATION_PATTERN, IN_ENGLISH_PATTERN, SPEAKS_ENGLISH_PATTERN)
    without = value.replace("(", "")
    assert not any(pattern.search(without) for pattern in patterns)


def test_other_parentheses_are_kept():
    assert (
        strip_stage_directions("the (PRC) and (artificial intelligence)")
        == "the (PRC) and (artificial intelligence)"
    )


# --- the fast paths give what the plain definitions give ------------------------
#
# normalize_text skips work for printable text; the tokenizer tries a cheap alternative first
# and tokenizes each run of text between white space once; token_offsets skips tokens. Each is
# checked here against the definition written out plainly, on generated text made of the
# characters each of them treats specially.

_QUOTES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
}


def _normalize_plainly(text: str) -> str:
    """The module docstring's table, one step after the other."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(_QUOTES.get(ch, ch) for ch in text)
    text = re.sub(f"[{SPACE_CHARACTERS}]", " ", text)
    text = re.sub(f"[{INVISIBLE_CHARACTERS}]", "", text)
    return re.sub(f"[{COMBINING_MARKS}]", "", unicodedata.normalize("NFC", text))


# The token pattern without its first, fast alternative.
_PLAIN_TOKEN_PATTERN = re.compile(
    r"""
    (?:[^\W\d_]\.)+[^\W\d_](?![^\W_])\.?(?:'s)?
  | \d+(?:\+\d+)+(?![^\W_])
  | \d+(?:[.,]\d+)+(?![^\W_])
  | [^\W_]+(?:'[^\W\d_]+)*
    """,
    re.VERBOSE,
)


def _tokenize_plainly(text: str) -> list[str]:
    tokens = []
    for token in _PLAIN_TOKEN_PATTERN.findall(normalize_text(text).lower()):
        if token.endswith("'s"):
            token = token[:-2]
        if "." in token and not token[0].isdigit():
            token = token.rstrip(".") + "."
        tokens.append(token)
    return tokens


_tricky_text = st.text(alphabet=st.sampled_from(TRICKY_CHARACTERS), max_size=40)


@settings(max_examples=500)
@given(st.one_of(_tricky_text, st.text(max_size=40)))
def test_normalize_text_is_the_plain_normalisation(text):
    assert normalize_text(text) == _normalize_plainly(text)
    assert normalize_text(normalize_text(text)) == normalize_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "we\u2019ve \u201cmet\u201d",  # printable, quotes only
        "a\u00a0b\u2019c",  # a no-break space and a quote: printable once the space is replaced
        "a\u00a0b\u200bc\u2019d",  # a no-break space and an invisible character
        "a\u00a0\u0301b",  # a mark left on a space
        "line\r\nend\u00a0\u2019",
        "e\u0301\u00a0\u0130",
        "\u0939\u093f\u00a0\u0332",
    ],
)
def test_normalize_text_on_mixed_special_characters(text):
    assert normalize_text(text) == _normalize_plainly(text)


def test_every_character_normalize_text_replaces_or_removes_is_unprintable_but_quotes():
    """What lets a printable text skip the replacement of spaces and invisible characters."""
    changed = SPACE_CHARACTERS + INVISIBLE_CHARACTERS
    for code in range(0x110000):
        ch = chr(code)
        if re.fullmatch(f"[{changed}]", ch):
            assert not ch.isprintable(), f"U+{code:04X}"
    assert all(quote.isprintable() for quote in _QUOTES)
    assert not "\r".isprintable() and not "\n".isprintable()


@settings(max_examples=500)
@given(st.one_of(_tricky_text, st.text(max_size=40)))
def test_tokenize_is_the_plain_tokenizer(text):
    assert tokenize(text) == _tokenize_plainly(text)
    # Upper-case text too: the first alternative of the pattern only ever finds what the others would.
    assert TOKEN_PATTERN.findall(text) == _PLAIN_TOKEN_PATTERN.findall(text)


def test_tokenize_of_the_seed_is_the_plain_tokenizer(seed_paragraphs):
    for value in seed_paragraphs["raw_text"]:
        assert tokenize(value) == _tokenize_plainly(value)


def test_the_table_of_runs_starts_afresh_when_full(monkeypatch):
    text_module.clear_token_cache()
    monkeypatch.setattr(text_module, "_RUNS_LIMIT", 3)
    texts = ["Japan\u2019s U.S alliance", "one two three four five", "the U.S.'s 2+2 talks", "Japan's"]
    for value in texts:
        assert tokenize(value) == _tokenize_plainly(value)
        assert len(text_module._RUNS) <= 3 + len(value.split())
    text_module.clear_token_cache()


def test_long_runs_are_tokenized_but_not_kept():
    text_module.clear_token_cache()
    run = "-".join(["U.S", "Japan's", "10,000", "we\u2019ve"] * 20)
    assert len(run) > text_module._RUN_LENGTH
    assert tokenize(f"the {run} alliance") == _tokenize_plainly(f"the {run} alliance")
    assert set(text_module._RUNS) == {"the", "alliance"}
    text_module.clear_token_cache()


def test_clear_token_cache_empties_the_table_of_runs():
    tokenize("The U.S.-Japan alliance")
    text_module.clear_token_cache()
    assert len(text_module._RUNS) == 0
    assert tokenize("The U.S.-Japan alliance") == ["the", "u.s.", "japan", "alliance"]


@settings(max_examples=300)
@given(st.one_of(_tricky_text, st.text(max_size=60)), st.data())
def test_token_offsets_are_those_of_token_spans(text, data):
    spans = [(start, end) for _, start, end in token_spans(text)]
    assert token_offsets(text, range(len(spans))) == spans
    if spans:
        indices = sorted(data.draw(st.lists(st.integers(0, len(spans) - 1), max_size=6)))
        assert token_offsets(text, indices) == [spans[i] for i in indices]


def test_token_offsets_of_matched_words():
    text = "The East China Sea, China\u2019s U.S.-Japan talks"
    # Tokens: the east china sea china u.s. japan talks
    assert token_offsets(text, [1, 3, 4, 4, 5]) == [(4, 8), (15, 18), (20, 27), (20, 27), (28, 32)]
    assert normalize_text(text)[20:27] == "China's"
    assert token_offsets(text, []) == []


@pytest.mark.parametrize(
    ("indices", "error"), [([2, 1], ValueError), ([8], IndexError), ([-1], IndexError), ([0, 9], IndexError)]
)
def test_token_offsets_errors(indices, error):
    with pytest.raises(error):
        token_offsets("The East China Sea, China\u2019s U.S.-Japan talks", indices)
