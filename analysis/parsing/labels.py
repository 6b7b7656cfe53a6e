"""Speaker labels: which line opens a turn, and the label's normal form.

A State Department-style transcript opens each turn with an upper-case
speaker label and a colon (``SECRETARY BLINKEN:``). :func:`label_of` decides
whether a line opens a turn; :func:`normalize_label` gives the form under
which a label is looked up in a roster.

A line is matched as :func:`analysis.parsing.text.normalize_text` leaves it:
an invisible character (zero-width space, soft hyphen, direction mark, BOM,
NUL) in or around a label is removed, and an odd space (thin, no-break,
ideographic) is a space, so such a character never turns a label into the
previous speaker's words. The rest of the line is returned as printed.

The label pattern runs in time linear in the line: every quantifier is
possessive and no two of them can match the same characters, so a line of
ten thousand dots or ellipses fails at once instead of backtracking.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .text import normalize_text

__all__ = [
    "END_MARKER",
    "LABEL_PATTERN",
    "label_of",
    "nonblank_lines",
    "normalize_label",
    "normalized_lines",
    "title_before_labels",
]

# A speaker label: upper-case words (letters of any script, periods, hyphens,
# apostrophes), separated by spaces or no-break spaces, then a colon and a
# space, a no-break space or the end of the line. "The bottom line is this:"
# and "To Secretary Blinken:" are not labels: they hold lower-case letters.
# Two printing slips are accepted: a stray backtick before the label
# ("`MR PRICE:") and a surname in title case after an upper-case office
# ("AMBASSADOR Argüello:"); such labels are upper-cased.
# A word is a run of letters, then runs of punctuation each followed by a run
# of letters, then optional punctuation ("U.S.", "JEAN-PIERRE", "O'BRIEN").
_LABEL_WORD = r"[^\W\d_]++(?:[.'\u2019-]++[^\W\d_]++)*+[.'\u2019-]*+"
LABEL_PATTERN = re.compile(
    rf"^[ \t\u00a0]*+`?(?P<label>{_LABEL_WORD}(?:[ \u00a0]++{_LABEL_WORD})*+)[ \u00a0]*+:"
    r"(?:[ \t\u00a0]++|$)(?P<rest>.*)$"
)

#: Offices and forms of address that may precede a title-case surname in a label.
_OFFICE_WORDS = frozenset(
    {"AMBASSADOR", "MINISTER", "SECRETARY", "PRESIDENT", "MR", "MS", "MRS", "DR", "SENATOR", "GOVERNOR"}
)


def label_of(line: str, normalized: str | None = None) -> tuple[str, str] | None:
    """The speaker label that opens ``line``, if any.

    Parameters
    ----------
    line : str
        One line of a transcript.
    normalized : str, optional
        ``normalize_text(line)``, when the caller has it already (as
        :func:`normalized_lines` gives it): the line is not normalised again.

    Returns
    -------
    tuple of (str, str) or None
        ``(label, rest of the line)`` when the line opens a turn, else
        ``None``. The label is normalised (:func:`normalize_text`); the rest
        is the text after the colon as printed, without leading white space.

    Examples
    --------
    >>> label_of("SECRETARY BLINKEN: Good evening.")
    ('SECRETARY BLINKEN', 'Good evening.')
    >>> label_of("MR\u200b PRICE\u200e:\u2009Thank you.")
    ('MR PRICE', 'Thank you.')
    >>> label_of("The bottom line is this: we agree.") is None
    True
    """
    # A label ends at a colon, and normalisation never makes one (a test checks every character):
    # a line without a colon, most of a transcript's, has no label and needs no normalising.
    if ":" not in line:
        return None
    match = LABEL_PATTERN.match(normalize_text(line) if normalized is None else normalized)
    if match is None:
        return None
    # The label holds no colon and normalisation neither adds nor removes one,
    # so the first colon of the line as printed ends the label.
    rest = line.partition(":")[2].lstrip()
    label = match.group("label")
    if any(ch.islower() for ch in label):
        words = label.replace("\u00a0", " ").split()
        head, last = words[:-1], words[-1]
        if not (
            head
            and all(not any(ch.islower() for ch in word) for word in head)
            and head[-1].rstrip(".") in _OFFICE_WORDS
            and last[0].isupper()
        ):
            return None
        label = label.upper()
    return label, rest


#: Paragraphs that end a page rather than continue a turn (``# # #``).
END_MARKER = re.compile(r"^\s*+(?:#\s*+){3}$")


def normalize_label(label: str) -> str:
    """A label as rosters key it: normalised text, single spaces, no outer space.

    Parameters
    ----------
    label : str

    Returns
    -------
    str

    Examples
    --------
    >>> normalize_label("MR\u00a0 PRICE ")
    'MR PRICE'
    """
    return " ".join(normalize_text(label).split())


def nonblank_lines(text: str) -> list[tuple[int, str]]:
    """Non-blank lines of ``text`` with their 1-based line numbers.

    A line is blank when nothing is left of it after
    :func:`normalize_text` but spaces and tabs: white space of any kind and
    invisible characters (zero-width space, BOM, NUL...) only.

    Parameters
    ----------
    text : str
        Text with ``\\n`` line ends.

    Returns
    -------
    list of (int, str)
    """
    return [(number, line) for number, line, _ in normalized_lines(text)]


def normalized_lines(text: str) -> Iterator[tuple[int, str, str]]:
    """The non-blank lines of :func:`nonblank_lines`, each also as :func:`normalize_text` leaves it.

    The normalised line is what telling a blank line costs; a reader that looks for
    labels passes it on to :func:`label_of` rather than normalising the line twice.

    Parameters
    ----------
    text : str
        Text with ``\\n`` line ends.

    Yields
    ------
    tuple of (int, str, str)
        ``(line number, line as printed, normalised line)``, lazily: a reader
        that stops at the first label normalises no line after it.

    Examples
    --------
    >>> list(normalized_lines("MR\\u00a0A: Hi.\\n\\u200b\\nWe\\u2019ve"))
    [(1, 'MR\\xa0A: Hi.', 'MR A: Hi.'), (3, 'We’ve', "We've")]
    """
    for number, line in enumerate(text.split("\n"), start=1):
        normalized = normalize_text(line)
        if normalized.strip(" \t"):
            yield number, line, normalized


def title_before_labels(text: str) -> str:
    """The last non-blank line before the first speaker label: the title, on State Department pages.

    Parameters
    ----------
    text : str
        A transcript.

    Returns
    -------
    str
        The line, stripped; ``""`` when the first line is a label.

    Examples
    --------
    >>> title_before_labels("U.S. Department of State\\nJoint Press Availability\\nMR PRICE: Welcome.")
    'Joint Press Availability'
    """
    title = ""
    for _, line, normalized in normalized_lines(text.replace("\r\n", "\n").replace("\r", "\n")):
        if label_of(line, normalized) is not None:
            break
        title = line.strip()
    return title
