"""Transcript formats: which one a text is, its metadata, and how it splits into paragraphs.

Three formats of press-conference transcripts are read:

``"state"``
    A State Department page: one paragraph per line (blank lines between
    paragraphs optional), a turn opens at an upper-case speaker label and a
    colon (``SECRETARY BLINKEN:``); whatever comes before the first label
    (title, place) is preamble.
``"defense"``
    The same text as printed by defense.gov (the bundled seed transcript):
    it opens with the ".gov" banner ("An official website of the United
    States Government ..."). Read exactly as ``"state"``; the banner is
    preamble.
``"whitehouse"``
    A White House Briefing Room page as Markdown (``data/raw/whitehouse-2021-2025/``):
    YAML front matter between ``---`` lines (title, date, source URL), then
    the body, hard-wrapped at 80 columns. A paragraph is a block of
    consecutive non-blank lines (a line of spaces and no-break spaces is
    blank) whose lines are joined with a space. A turn opens at a speaker
    label (``PRESIDENT BIDEN:``) or at a press question, printed ``Q``
    without a colon (``Q\\xa0\\xa0\\xa0 Thank you``, ``Q And``, glued
    ``QAnd``, ``Q–``, ``Q\\```), but not ``Q&A`` or ``QAnon``. A label or
    ``Q`` line inside a block also opens a turn (turns not separated by a
    blank line) when the file uses that label at the start of a paragraph
    elsewhere, or when it has two words or more and the line before ends a
    sentence; an upper-case word and a colon in a wrapped sentence
    (``...under⏎AUKUS: developing``) is text. A label broken over two
    lines (``... he conveyed MS.⏎PSAKI:``) is mended. Time stamps
    (``1:23 P.M. EDT``), ``END`` lines and ``\\###`` are markers, not speech.
    Markdown is undone before counting (:func:`clean_markdown`) and every
    parenthesised transcriber's note is removed (:func:`strip_notes`).

:func:`detect_format` tells them apart; :func:`split_paragraphs` returns the
paragraphs of any of them with their first line in the file;
:func:`front_matter` and :func:`page_metadata` read the metadata of a White
House page.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
from typing import NamedTuple

import yaml

from ..exceptions import ParameterError, TranscriptError
from .labels import END_MARKER, label_of, normalize_label, normalized_lines, title_before_labels
from .text import normalize_text

__all__ = [
    "FORMATS",
    "NOTE_PATTERN",
    "QUESTION_LABEL",
    "Q_LINE_PATTERN",
    "Paragraph",
    "clean_markdown",
    "detect_format",
    "front_matter",
    "is_marker",
    "page_metadata",
    "page_title",
    "question_of",
    "resolve_format",
    "split_paragraphs",
    "strip_notes",
]

#: The transcript formats (see the module docstring).
FORMATS = ("state", "defense", "whitehouse")

#: The speaker label given to a White House press question (printed ``Q`` without a colon).
QUESTION_LABEL = "Q"

_SPACE = " \t\u00a0"

# ----------------------------------------------------------------------------
# Detection

_FRONT_MATTER_OPEN = re.compile(r"\A---[ \t]*+\n")
_BANNER = re.compile(r"an official website of the united states government", re.IGNORECASE)


def _hard_wrapped(text: str) -> bool:
    """Many short lines, most followed by another line of the same paragraph: a hard-wrapped text."""
    lines = text.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip(_SPACE)]
    if len(nonblank) < 20:
        return False
    short = sum(len(lines[i].rstrip(_SPACE)) <= 80 for i in nonblank)
    continued = sum(
        i + 1 < len(lines) and bool(lines[i + 1].strip(_SPACE)) and label_of(lines[i + 1]) is None
        for i in nonblank
    )
    return short >= 0.9 * len(nonblank) and continued >= 0.5 * len(nonblank)


def _plain_lines(text: str) -> str:
    """``text`` without a leading byte-order mark, every line ending ``\\n``: what each reader here reads."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def detect_format(text: str) -> str:
    """The format of a transcript text.

    Parameters
    ----------
    text : str
        The whole file, as read.

    Returns
    -------
    str
        ``"whitehouse"`` when the text opens with YAML front matter (a
        ``---`` line) or is hard-wrapped (at least 20 non-blank lines, 90 %
        of them at most 80 characters long, half of them continued on the
        next line); ``"defense"`` when the .gov banner ("An official website
        of the United States Government") is in its first 2,000 characters;
        ``"state"`` otherwise.

    Examples
    --------
    >>> detect_format("---\\ntitle: Remarks\\n---\\nQ    Why?\\n")
    'whitehouse'
    >>> detect_format("Joint Press Availability\\n\\nSECRETARY BLINKEN: Good evening.\\n")
    'state'
    """
    text = _plain_lines(text)
    if _FRONT_MATTER_OPEN.match(text):
        return "whitehouse"
    if _BANNER.search(text[:2000]):
        return "defense"
    if _hard_wrapped(text):
        return "whitehouse"
    return "state"


def resolve_format(text: str, format: str | None = None) -> str:
    """``format`` checked against :data:`FORMATS`, or the detected format when it is None.

    Parameters
    ----------
    text : str
        The transcript.
    format : str, optional
        One of :data:`FORMATS`; ``None`` or ``"auto"`` detects it.

    Returns
    -------
    str

    Raises
    ------
    ParameterError
        If ``format`` is not one of :data:`FORMATS`.

    Examples
    --------
    >>> resolve_format("MR A: Hello.", "state")
    'state'
    """
    if format is None or format == "auto":
        return detect_format(text)
    if format not in FORMATS:
        raise ParameterError(
            "format", f"format must be one of {', '.join(map(repr, FORMATS))} or None, not {format!r}."
        )
    return format


# ----------------------------------------------------------------------------
# Front matter


class _Loader(yaml.SafeLoader):
    """Safe YAML, with dates and times left as strings (``date: 2024-13-45`` is no crash)."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """:class:`_Loader` on libyaml's parser where PyYAML has it: ten times faster, the same values.

    Only the parser is libyaml's (the constructor and the resolvers are the
    Python ones); its error messages and lines differ, so invalid YAML is read
    again with :class:`_Loader` for the error.
    """


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_yaml(text: str):
    try:
        return yaml.load(text, Loader=_FastLoader)
    except yaml.YAMLError:
        return yaml.load(text, Loader=_Loader)  # raises, with the messages and lines of PyYAML's parser


_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def _key_line(block: list[str], key: str, first: int) -> int:
    for offset, line in enumerate(block):
        if re.match(rf"{re.escape(key)}\s*:", line):
            return first + offset
    return first


def front_matter(text: str, *, source: str = "<string>") -> tuple[dict, int]:
    """The YAML front matter of a White House page and the line where the body starts.

    Parameters
    ----------
    text : str
        The whole file (``\\r\\n`` line ends are read as ``\\n``).
    source : str, default="<string>"
        Name used in error messages.

    Returns
    -------
    metadata : dict
        The front matter's keys, with ``title`` (str; no-break spaces and
        line breaks made single spaces; ``""`` when absent), ``date``
        (:class:`datetime.date` or None), ``source_url`` (str, ``""`` when
        absent); other keys as YAML gives them (times stay strings). Empty
        when the text has no front matter.
    body_line : int
        1-based line of the first body line (1 without front matter).

    Raises
    ------
    TranscriptError
        If the front matter is never closed, is not valid YAML, is not a
        mapping, or has a ``date`` that is not ``YYYY-MM-DD``; the error
        names the file and the line.

    Examples
    --------
    >>> meta, body = front_matter("---\\ndate: '2024-04-10'\\ntitle: \\"A\\\\_B\\"\\n---\\n \\nQ    Why?\\n")
    >>> meta["date"], meta["title"], body
    (datetime.date(2024, 4, 10), 'A B', 5)
    """
    text = _plain_lines(text)
    if not _FRONT_MATTER_OPEN.match(text):
        return {}, 1
    lines = text.split("\n")
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip(" \t") == "---"), None)
    if closing is None:
        raise TranscriptError(
            "the front matter opened by '---' on this line is never closed; add a '---' line after it.",
            path=source,
            line=1,
        )
    block = lines[1:closing]
    try:
        data = _load_yaml("\n".join(block))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = 2 + mark.line if mark is not None else 2
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise TranscriptError(
            f"the front matter is not valid YAML ({problem}); fix it or pass format='state'.",
            path=source,
            line=line,
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise TranscriptError(
            f"the front matter must be a YAML mapping (key: value lines), not a {type(data).__name__}.",
            path=source,
            line=2,
        )
    meta = {str(key): value for key, value in data.items()}
    title = meta.get("title")
    meta["title"] = " ".join(normalize_text(str(title)).split()) if title is not None else ""
    url = meta.get("source_url")
    meta["source_url"] = str(url).strip() if url is not None else ""
    raw_date = meta.get("date")
    meta["date"] = None
    if raw_date is not None:
        match = _DATE.match(str(raw_date))
        try:
            meta["date"] = _dt.date(*(int(part) for part in match.groups())) if match else None
        except ValueError:
            match = None
        if match is None:
            raise TranscriptError(
                f"the front matter's date {raw_date!r} is not a date (YYYY-MM-DD); fix it.",
                path=source,
                line=_key_line(block, "date", 2),
            )
    return meta, closing + 2


# ----------------------------------------------------------------------------
# Paragraphs


class Paragraph(NamedTuple):
    """One paragraph of a transcript, as :func:`split_paragraphs` finds it.

    Attributes
    ----------
    line : int
        1-based line of its first line in the file.
    kind : str
        ``"label"`` (it opens a turn), ``"text"`` (it continues one, or is
        preamble before the first label) or ``"marker"`` (a page-end or time
        mark: ``# # #``, ``END``, ``1:23 P.M. EDT``).
    label : str or None
        The speaker label as printed (``"Q"`` for a press question), for
        ``"label"`` paragraphs.
    text : str
        The paragraph without its label; a White House paragraph's lines
        joined with single spaces.
    """

    line: int
    kind: str
    label: str | None
    text: str


#: A White House press-question line: ``Q`` then spaces or no-break spaces, an
#: escaped backtick, a dash, or a capital starting a word glued to it (``QAnd``);
#: not ``Q&A``, ``QAnon``, ``Quad``.
Q_LINE_PATTERN = re.compile(
    r"^[ \t\u00a0]*+Q(?:[ \t\u00a0]++|\\?`[ \t\u00a0]*+|(?=[\u2013\u2014])|(?!Anon)(?=[A-Z][a-z])|$)"
    r"(?P<rest>.*+)$"
)
_ESCAPED_TICK_AFTER_COLON = re.compile(r"^([^:]{1,120}+):\\`")
_SENTENCE_END = re.compile(r"[.?!\u2014\u2013\"\u201d\u2019):;-][ \t\u00a0]*+$")
_TIME = r"\d{1,2}:\d{2}[ \u00a0]*+[AP]\.?[ \u00a0]*+M\.?(?:[ \u00a0]++[A-Z]{2,5})?"
_MARKER = re.compile(
    rf"^[ \t\u00a0*]*+(?:END(?:[ \t\u00a0]++{_TIME})?|{_TIME}|(?:\\?#[ \t\u00a0]*+){{3}}|"
    r"\(?[A-Z][a-z]+\.? \d{1,2},(?:[ \u00a0]|\\_)*+\d{4}\)?)[ \t\u00a0*]*+$"
)


def question_of(line: str) -> str | None:
    """The text of a White House press question line, or None when the line is no question.

    Parameters
    ----------
    line : str
        One line.

    Returns
    -------
    str or None
        The line after its ``Q`` marker.

    Examples
    --------
    >>> question_of("Q\\u00a0\\u00a0\\u00a0 Thank you.")
    'Thank you.'
    >>> question_of("QAnd then, lastly —"), question_of("Q&A."), question_of("QAnon-type theories")
    ('And then, lastly —', None, None)
    """
    match = Q_LINE_PATTERN.match(line)
    if match is None:
        return None
    return match.group("rest").strip(_SPACE)


def _label(line: str) -> tuple[str, str] | None:
    """``(label, rest)`` of a speaker-label line, tolerating an escaped backtick after the colon."""
    found = label_of(line)
    if found is None and "\\`" in line:
        found = label_of(_ESCAPED_TICK_AFTER_COLON.sub(r"\1: ", line, count=1))
    return found


def _opener(line: str) -> tuple[str, str] | None:
    """``(label, rest)`` when ``line`` opens a White House turn."""
    rest = question_of(line)
    if rest is not None:
        return QUESTION_LABEL, rest
    return _label(line)


def is_marker(text: str) -> bool:
    """A page-end or time mark: ``# # #``, ``\\###``, ``END``, ``END 1:40 P.M. EDT``, ``(May 21, 2022)``.

    Parameters
    ----------
    text : str
        A paragraph.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_marker("\\u00a0END\\u00a0\\u00a0 4:44 P.M. EET"), is_marker("\\\\# \\\\# \\\\#")
    (True, True)
    >>> is_marker("END of story.")
    False
    """
    return bool(_MARKER.match(text)) or bool(END_MARKER.match(text))


def _blank(line: str) -> bool:
    # Spacer lines hold spaces, no-break spaces, even a narrow no-break space.
    return not line.strip()


def _join(parts: list[str]) -> str:
    return " ".join(part.strip() for part in parts if part.strip())


def _whitehouse_paragraphs(lines: list[str], first: int) -> list[Paragraph]:
    blocks: list[list[list]] = []
    current: list[list] = []
    for offset, line in enumerate(lines):
        if _blank(line):
            if current:
                blocks.append(current)
                current = []
        else:
            current.append([first + offset, line])
    if current:
        blocks.append(current)
    # Labels that open a paragraph somewhere in the file: inside a block, they open a turn.
    known = {QUESTION_LABEL}
    for block in blocks:
        found = _opener(block[0][1])
        if found is not None:
            known.add(normalize_label(found[0]))

    paragraphs: list[Paragraph] = []
    for block in blocks:
        starts = [0]
        for i in range(1, len(block)):
            line, previous = block[i][1], block[i - 1][1]
            found = _opener(line)
            if found is not None:
                label = normalize_label(found[0])
                if label in known or (len(label.split()) >= 2 and _SENTENCE_END.search(previous)):
                    starts.append(i)
                    continue
                # A label broken over two lines: "... he conveyed MS.⏎PSAKI: Well, ..."
                words = previous.rstrip(_SPACE).rsplit(None, 1)
                if len(words) == 2 and normalize_label(f"{words[1]} {found[0]}") in known:
                    block[i - 1][1] = words[0]
                    block[i][1] = f"{words[1]} {line.lstrip(_SPACE)}"
                    starts.append(i)
        starts.append(len(block))
        for start, end in itertools.pairwise(starts):
            number, head = block[start]
            parts = [line for _, line in block[start + 1 : end]]
            found = _opener(head)
            if found is not None:
                paragraphs.append(Paragraph(number, "label", found[0], _join([found[1], *parts])))
                continue
            text = _join([head, *parts])
            kind = "marker" if is_marker(text) or not clean_markdown(text).strip(_SPACE) else "text"
            paragraphs.append(Paragraph(number, kind, None, text))
    return paragraphs


#: White House pages whose paragraphs :func:`split_paragraphs` keeps (the texts are the keys; a
#: page that cannot be split raises and is not kept). More than the 145 pages of the bundled corpus.
_WHITEHOUSE_SPLITS_KEPT = 256
_WHITEHOUSE_SPLITS: dict[str, tuple[Paragraph, ...]] = {}


def split_paragraphs(text: str, format: str, *, source: str = "<string>") -> list[Paragraph]:
    """The paragraphs of a transcript, labels found, with their first lines in the file.

    Parameters
    ----------
    text : str
        The whole file (a byte-order mark is ignored, ``\\r\\n`` read as ``\\n``).
    format : {"state", "defense", "whitehouse"}
        See the module docstring.
    source : str, default="<string>"
        Name used in error messages.

    Returns
    -------
    list of Paragraph
        In order; preamble paragraphs (before the first label) included.

    Raises
    ------
    TranscriptError
        For White House front matter that cannot be read.

    Examples
    --------
    >>> text = "---\\ntitle: T\\n---\\n \\nRose Garden\\n\\nPRESIDENT BIDEN:  Hello,\\nfolks.\\nQ    Why?\\n"
    >>> for paragraph in split_paragraphs(text, "whitehouse"):
    ...     print(tuple(paragraph))
    (5, 'text', None, 'Rose Garden')
    (7, 'label', 'PRESIDENT BIDEN', 'Hello, folks.')
    (9, 'label', 'Q', 'Why?')
    """
    text = _plain_lines(text)
    if format == "whitehouse":
        # A White House page is split when the corpus is loaded (its labels), when its preamble is
        # checked and when it is parsed: the unwrapping is done once and kept for the later calls.
        known = _WHITEHOUSE_SPLITS.get(text)
        if known is None:
            _, body_line = front_matter(text, source=source)
            known = tuple(_whitehouse_paragraphs(text.split("\n")[body_line - 1 :], body_line))
            _WHITEHOUSE_SPLITS[text] = known
            if len(_WHITEHOUSE_SPLITS) > _WHITEHOUSE_SPLITS_KEPT:
                del _WHITEHOUSE_SPLITS[next(iter(_WHITEHOUSE_SPLITS))]  # the oldest page
        return list(known)
    paragraphs = []
    for number, line, normalized in normalized_lines(text):
        found = label_of(line, normalized)
        if found is not None:
            paragraphs.append(Paragraph(number, "label", found[0], found[1]))
        elif END_MARKER.match(line):
            paragraphs.append(Paragraph(number, "marker", None, line))
        else:
            paragraphs.append(Paragraph(number, "text", None, line))
    return paragraphs


# ----------------------------------------------------------------------------
# Markdown and transcriber's notes (White House pages)

_STRUCK = re.compile(r"<(s|del|strike)>.*?</\1>", re.IGNORECASE | re.DOTALL)
_HTML_BLOCK = re.compile(
    r"<(figure|script|style|table|iframe|video|audio|svg)\b[^>]*+>.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]*+>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*+(?:\s[^<>]*+)?/?>")
_MARKDOWN_LINK = re.compile(r"!?\[([^\[\]]*+)\]\([^()\s]*+\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~\"'])")
_BRACKET_NOTE = re.compile(r"\[\s*(?:sic|ph|inaudible|redacted|unintelligible)\s*\.?\s*\]", re.IGNORECASE)


def clean_markdown(text: str) -> str:
    """A White House paragraph with its Markdown and HTML undone, as it was said.

    Removed: struck-through words (``<s>in</s>``: the word was not said),
    HTML blocks (``<figure>…</figure>``), autolinks (``<https://…>``) and
    other tags (the content of ``<sub>2</sub>`` stays), link targets, and
    the editorial notes ``[sic]``, ``[ph]``, ``[inaudible]``,
    ``[redacted]``. Markdown escapes (``\\[``, ``\\*``, ``\\_``, ``\\#``, ``\\```)
    lose their backslash, and the brackets of editorial insertions go
    (``Republic <s>in</s> \\[of\\]`` → ``Republic of``; ``American\\[s\\]`` →
    ``Americans``): an insertion is the transcriber's record of what was said.

    Parameters
    ----------
    text : str
        A paragraph (normalised by :func:`analysis.normalize_text`).

    Returns
    -------
    str
        The paragraph, runs of spaces made one.

    Examples
    --------
    >>> clean_markdown("the Republic <s>in</s> \\\\[of\\\\] Korea, CO<sub>2</sub> \\\\[sic\\\\] \\\\*")
    'the Republic of Korea, CO2 *'
    """
    if "<" in text:
        text = _STRUCK.sub("", text)
        text = _HTML_BLOCK.sub(" ", text)
        text = _AUTOLINK.sub(" ", text)
        text = _TAG.sub("", text)
    if "](" in text:
        text = _MARKDOWN_LINK.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "[" in text:
        text = _BRACKET_NOTE.sub(" ", text)
        text = text.replace("[", "").replace("]", "")
    return re.sub(r"[ \t]{2,}", " ", text)


#: A transcriber's note of a White House page: any parenthesised text without
#: digits holding a word of two letters or more: ``(Laughs.)``, ``(Clears
#: throat.)``, ``(The leaders shake hands.)``, ``(cellphone disruption)``.
#: Speech on these pages holds no parentheses; ``Section 1(f)`` keeps its ``(f)``.
NOTE_PATTERN = re.compile(r"\((?=[^()\d]*?[^\W\d_]{2})[^()\d]{1,200}+\)")


def strip_notes(text: str) -> str:
    """Remove the transcriber's parenthesised notes of a White House paragraph.

    Parameters
    ----------
    text : str
        A paragraph after :func:`clean_markdown`.

    Returns
    -------
    str
        The paragraph without notes (see :data:`NOTE_PATTERN`), spaces tidied.

    Examples
    --------
    >>> strip_notes("Don’t stay. (Laughs.) (President Biden offers a toast.) Section 1(f).")
    'Don’t stay. Section 1(f).'
    """
    if "(" not in text:
        return text
    return re.sub(r"[ \t]{2,}", " ", NOTE_PATTERN.sub(" ", text)).strip()


# ----------------------------------------------------------------------------
# Page metadata


_MARKER_IN_PLACE = re.compile(r"\([A-Z][a-z]+\.? \d{1,2}, *\d{4}\)")
_NOT_PLACE = re.compile(
    r"^(?:THE WHITE HOUSE|Office of (?:the )?Communications|FOR IMMEDIATE RELEASE|[_\\\s]+)$", re.IGNORECASE
)


def page_metadata(text: str, *, source: str = "<string>", format: str | None = None) -> dict:
    """Event metadata of a transcript page: title, date, source URL, venue and location.

    Parameters
    ----------
    text : str
        The whole file.
    source : str, default="<string>"
        Name used in error messages.
    format : str, optional
        The format (detected when None).

    Returns
    -------
    dict
        ``format``; for White House pages also ``title``, ``date``
        (:class:`datetime.date` or None), ``source_url`` (from the front
        matter), ``venue`` (the first place line before the first label,
        e.g. "Rose Garden") and ``location`` (the title's part after "|", or
        the last place line that holds a comma, e.g. "Tokyo, Japan"; ``""``
        when none does).

    Raises
    ------
    TranscriptError
        For front matter that cannot be read.

    Examples
    --------
    >>> text = "---\\ntitle: Remarks\\ndate: '2022-05-23'\\n---\\n \\nAkasaka Palace  \\nTokyo, Japan\\n\\n"
    >>> meta = page_metadata(text + "2:16 P.M. JST\\n\\nPRIME MINISTER KISHIDA:  Well.\\n")
    >>> meta["venue"], meta["location"], str(meta["date"])
    ('Akasaka Palace', 'Tokyo, Japan', '2022-05-23')
    """
    text = _plain_lines(text)
    format = resolve_format(text, format)
    meta: dict = {"format": format}
    if format != "whitehouse":
        return meta
    front, body_line = front_matter(text, source=source)
    meta.update(title=front.get("title", ""), date=front.get("date"), source_url=front.get("source_url", ""))
    places: list[str] = []
    for line in text.split("\n")[body_line - 1 :]:
        if _opener(line) is not None:
            break
        if _blank(line) or is_marker(line):
            continue
        place = re.sub(r"[*_]+", "", clean_markdown(normalize_text(line)))
        place = _MARKER_IN_PLACE.sub("", place).strip()
        if place and not _NOT_PLACE.match(place) and not (place.isupper() and len(place) > 30):
            places.append(" ".join(place.split()))
    title = meta["title"]
    location = title.split("|", 1)[1].strip() if "|" in title else ""
    if not location:
        location = next((place for place in reversed(places) if "," in place), "")
    meta.update(venue=places[0] if places else "", location=location)
    return meta


def page_title(text: str, format: str | None = None, *, source: str = "<string>") -> str:
    """The title of a transcript page, for inferring its speakers.

    Parameters
    ----------
    text : str
        The whole file.
    format : str, optional
        The format (detected when None).
    source : str, default="<string>"
        Name used in error messages.

    Returns
    -------
    str
        A White House page's front-matter title; otherwise the last line before
        the first speaker label (:func:`analysis.parsing.labels.title_before_labels`).

    Raises
    ------
    TranscriptError
        For front matter that cannot be read.

    Examples
    --------
    >>> page_title("---\\ntitle: Remarks by President Biden\\n---\\nQ    Why?\\n")
    'Remarks by President Biden'
    >>> page_title("Joint Press Availability\\nMR PRICE: Welcome.")
    'Joint Press Availability'
    """
    text = _plain_lines(text)
    if resolve_format(text, format) == "whitehouse":
        return front_matter(text, source=source)[0].get("title", "")
    return title_before_labels(text)
