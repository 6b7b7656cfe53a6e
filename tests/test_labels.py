"""Speaker labels and non-blank lines (analysis.parsing.labels): the shortcuts change no result.

:func:`label_of` answers at once for a line without a colon and can take the line already
normalised; :func:`normalized_lines` gives the normalised lines it found while telling blank
ones. Each is checked against the plain definition.
"""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.parsing.labels import LABEL_PATTERN, label_of, nonblank_lines, normalized_lines
from analysis.parsing.text import normalize_text

from .fuzzing import TRICKY_CHARACTERS

# Labels and their neighbours, the characters normalisation treats specially, and lines.
_PIECES = [
    *TRICKY_CHARACTERS,
    "SECRETARY BLINKEN",
    "MR",
    "PRICE",
    "AMBASSADOR Arg\u00fcello",
    ":",
    ": ",
    "`",
    "\n",
]
_lines = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)


def test_no_character_normalises_to_a_colon():
    """What lets label_of answer without normalising a line that has no colon."""
    for code in range(0x110000):
        ch = chr(code)
        if ch != ":":
            assert ":" not in normalize_text(ch), f"U+{code:04X}"
            # Composition never makes a colon either: it is nobody's decomposition.
            assert ":" not in unicodedata.normalize("NFD", ch), f"U+{code:04X}"


@settings(max_examples=500)
@given(_lines)
def test_label_of_a_normalised_line_and_of_a_line_without_colon(line):
    assert label_of(line, normalize_text(line)) == label_of(line)
    if ":" not in line:
        # The shortcut's premise: the pattern needs a colon (a pattern that took labels ending
        # otherwise, "SECRETARY BLINKEN —", would make this fail).
        assert LABEL_PATTERN.match(normalize_text(line)) is None


@settings(max_examples=300)
@given(st.lists(_lines, max_size=8).map("\n".join))
def test_normalized_lines_are_the_nonblank_lines_normalised(text):
    lines = list(normalized_lines(text))
    assert [(number, line) for number, line, _ in lines] == nonblank_lines(text)
    assert all(normalized == normalize_text(line) for _, line, normalized in lines)
    expected = [
        number for number, line in enumerate(text.split("\n"), start=1) if normalize_text(line).strip(" \t")
    ]
    assert [number for number, _, _ in lines] == expected
