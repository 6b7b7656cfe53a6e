"""The word-count convention (analysis.parsing.text)."""

import pytest

from analysis.parsing.text import count_words, normalize_text, strip_stage_directions, token_spans, tokenize


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


def test_other_parentheses_are_kept():
    assert (
        strip_stage_directions("the (PRC) and (artificial intelligence)")
        == "the (PRC) and (artificial intelligence)"
    )
