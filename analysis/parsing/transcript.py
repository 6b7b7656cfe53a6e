"""Transcript → tidy paragraph table.

A State Department-style transcript is a sequence of paragraphs; a paragraph
that starts with an upper-case speaker label (``SECRETARY BLINKEN:``) opens a
new turn, any other paragraph continues the current one. Everything before the
first label (page banner, title line) is preamble and contributes no words.

:func:`read_transcript` (a file) and :func:`parse_transcript` (a string) return
one row per paragraph; :func:`turns` derives the one-row-per-turn view from it.
:func:`parse_columns` and :func:`paragraph_frame` are the two halves of
:func:`parse_transcript`, for readers of many events (:mod:`analysis.parsing.corpus`)
that build one table at the end.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .. import paths
from ..exceptions import TranscriptError
from .delegations import infer_speakers
from .files import decode_utf8, read_bytes
from .labels import END_MARKER, label_of, nonblank_lines, normalize_label
from .roster import Event, default_speaker, load_event, load_roster
from .text import (
    IN_ENGLISH_PATTERN,
    INTERPRETED_PATTERN,
    normalize_text,
    strip_stage_directions,
    tokenize,
)

__all__ = [
    "PARAGRAPH_COLUMNS",
    "paragraph_frame",
    "parse_columns",
    "parse_transcript",
    "read_event",
    "read_transcript",
    "turns",
]

PARAGRAPH_COLUMNS = [
    "event_id",
    "paragraph_id",
    "line",
    "turn",
    "paragraph_in_turn",
    "speaker_label",
    "speaker",
    "role",
    "delegation",
    "interpreted",
    "segment",
    "called_by",
    "journalist",
    "outlet",
    "reply_to",
    "raw_text",
    "text",
    "n_words",
]

# Callers' phrasing for a journalist: "Shaun Tandon of the AFP",
# "Ryo Kiyomiya from Asahi Shimbun", "Tajima-san, Asahi Shimbun newspaper".
# A name starts at the start of a word and its runs are possessive, so a
# search over a long run of capitals is linear in the text, not quadratic.
_NAME = r"(?<![\w'\u2019])[A-Z][\w'\u2019]++(?:-san)?(?: [A-Z][\w'\u2019-]++(?:-san)?){0,2}"
_OUTLET = (
    r"[A-Z][\w.&'\u2019-]*+(?: (?:[A-Z][\w.&'\u2019-]*+|newspaper|company|news|"
    r"television|radio|agency))*+"
)
JOURNALIST_PATTERN = re.compile(rf"(?P<name>{_NAME})(?:,| of| from) (?:the )?(?P<outlet>{_OUTLET})")
_NOT_NAMES = {
    "Next",
    "Our",
    "We",
    "This",
    "And",
    "The",
    "Thank",
    "Thanks",
    "Last",
    "First",
    "Finally",
    "So",
    "Well",
    "Oh",
    "Hey",
    "Now",
    "Yes",
    "Look",
    "Actually",
    "Secretary",
    "Minister",
    "President",
}


# ----------------------------------------------------------------------------
# Parsing


def _find_journalist(text: str) -> tuple[str | None, str | None]:
    position = 0
    while (match := JOURNALIST_PATTERN.search(text, position)) is not None:
        name = match.group("name")
        first = name.split()[0]
        if first in _NOT_NAMES:
            # "Next, Nike Ching of VOA": look again after the word that is no name.
            position = match.start("name") + len(first)
            continue
        name = re.sub(r"-san\b", "", name)
        return name, match.group("outlet").rstrip(".")
    return None, None


def parse_transcript(
    text: str,
    *,
    roster=None,
    event_id: str = "event",
    source: str = "<string>",
    title: str = "",
    location: str = "",
) -> pd.DataFrame:
    """Parse transcript text into the tidy paragraph table.

    Parameters
    ----------
    text : str
        The transcript: paragraphs separated by line breaks, speaker labels in
        upper case followed by a colon.
    roster : Event, str, Path, Mapping, pandas.DataFrame or "infer", optional
        Speaker roster (see :func:`load_roster`). With a roster, every label in
        the transcript must be in it. Without one, :func:`default_speaker`
        resolves what it can. ``"infer"`` infers each label's role and
        delegation from ``title``, ``location`` and the known U.S. offices
        (:func:`analysis.delegations.infer_roster`); labels it cannot resolve
        keep ``<NA>`` as delegation.
    event_id : str, default="event"
        Identifier written into every row and into ``paragraph_id``.
    source : str, default="<string>"
        Name used in error messages.
    title : str, default=""
        The page title, used by ``roster="infer"`` (e.g. "... Japanese Foreign
        Minister Hayashi Yoshimasa ..." makes FOREIGN MINISTER HAYASHI Japan's).
    location : str, default=""
        Where the event took place ("London, United Kingdom"), used by
        ``roster="infer"`` to place a moderator with the host.

    Returns
    -------
    pandas.DataFrame
        One row per paragraph, in speaking order, with columns

        - ``event_id`` : str
        - ``paragraph_id`` : str, unique, ``"{event_id}:p{n:03d}"``
        - ``line`` : int, 1-based line of the paragraph in the source
        - ``turn`` : int, 1-based; a new turn starts at every speaker label
        - ``paragraph_in_turn`` : int, 1-based
        - ``speaker_label`` : str, as printed, white space normalised (a
          label printed with a title-case surname, "AMBASSADOR Argüello", is
          upper-cased)
        - ``speaker``, ``role``, ``delegation`` : str, from the roster
        - ``interpreted`` : bool, the paragraph reached the transcript through
          an interpreter (from a ``(Via interpreter)`` note until an
          ``(In English)`` note or the end of the turn; every paragraph of an
          ``interpreter`` role)
        - ``segment`` : ``"statements"`` or ``"qa"``; the Q&A starts at the
          first ``press`` turn, or at the moderator turn just before it
        - ``called_by`` : str, for press turns: the delegation of the
          moderator who gave the floor (the nearest moderator turn before;
          when no moderator has spoken yet, a host chairing the Q&A: the
          nearest principal turn before); ``<NA>`` elsewhere
        - ``journalist``, ``outlet`` : str, for press turns, when the calling
          turn names them; ``<NA>`` otherwise
        - ``reply_to`` : Int64, for principal turns in the Q&A: the turn
          number of the question they answer
        - ``raw_text`` : str, the paragraph as printed, without the label
        - ``text`` : str, normalised, stage directions removed
        - ``n_words`` : int, ``len(tokenize(text))``

    Raises
    ------
    TranscriptError
        If the text is empty, has no speaker label, or has labels missing
        from the given roster (all of them are listed).

    Examples
    --------
    >>> table = parse_transcript("Title\\n\\nMR A: Hello there.\\n\\nQUESTION: Why?")
    >>> table[["turn", "speaker_label", "n_words"]].to_dict("list")
    {'turn': [1, 2], 'speaker_label': ['MR A', 'QUESTION'], 'n_words': [2, 1]}
    """
    return paragraph_frame(
        parse_columns(text, roster=roster, event_id=event_id, source=source, title=title, location=location)
    )


def parse_columns(
    text: str, *, roster, event_id: str, source: str, title: str, location: str
) -> dict[str, list]:
    """The work of :func:`parse_transcript`, as one list per column.

    Parameters
    ----------
    text, roster, event_id, source, title, location
        As for :func:`parse_transcript`.

    Returns
    -------
    dict of str to list
        One list per column of :data:`PARAGRAPH_COLUMNS`; :func:`paragraph_frame`
        makes the table.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = nonblank_lines(text)
    if not paragraphs:
        raise TranscriptError(
            "the transcript is empty; pass a file that holds the transcript text.", path=source, line=1
        )

    # Lines → (line, turn, label, raw text). Plain Python lists: a per-event
    # DataFrame is built once, at the end (the corpus has 16,000 paragraphs).
    lines: list[int] = []
    turn_of: list[int] = []
    labels: list[str] = []
    raw: list[str] = []
    turn = 0
    label = ""
    first_line: dict[str, int] = {}  # where each label is first printed
    for number, line in paragraphs:
        found = label_of(line)
        if found is not None:
            turn += 1
            label = normalize_label(found[0])
            first_line.setdefault(label, number)
            rest = found[1]
            # A label alone on its line followed by its text: keep the empty
            # row only if the turn has no other paragraph (dropped below).
            lines.append(number)
            turn_of.append(turn)
            labels.append(label)
            raw.append(rest)
            continue
        if turn == 0 or END_MARKER.match(line):
            continue
        lines.append(number)
        turn_of.append(turn)
        labels.append(label)
        raw.append(line)
    if not lines:
        raise TranscriptError(
            "no speaker label found; a turn must start with an upper-case label and a colon, "
            "e.g. 'SECRETARY BLINKEN: Good evening.'",
            path=source,
            line=paragraphs[0][0],
        )
    keep = [
        not (raw[i].strip() == "" and i + 1 < len(lines) and turn_of[i + 1] == turn_of[i])
        for i in range(len(lines))
    ]
    if not all(keep):
        lines, turn_of, labels, raw = (
            [values[i] for i in range(len(keep)) if keep[i]] for values in (lines, turn_of, labels, raw)
        )

    # Text, stage directions, interpretation marks.
    normalized = [normalize_text(value) for value in raw]
    texts = [strip_stage_directions(value) for value in normalized]
    n_words = [len(tokenize(value)) for value in texts]
    interpreted: list[bool] = []
    state, previous_turn = False, 0
    for value, number in zip(normalized, turn_of, strict=True):
        if number != previous_turn:
            state, previous_turn = False, number
        if INTERPRETED_PATTERN.search(value):
            state = True
        elif IN_ENGLISH_PATTERN.search(value):
            state = False
        interpreted.append(state)

    # Roster lookup.
    lookup = _lookup(
        roster,
        first_line,
        source=source,
        title=title,
        location=location,
        interpreted_labels={value for value, flag in zip(labels, interpreted, strict=True) if flag},
        turn_labels=[value for i, value in enumerate(labels) if i == 0 or turn_of[i] != turn_of[i - 1]],
    )
    speaker = [lookup[value][0] for value in labels]
    role = [lookup[value][1] for value in labels]
    delegation = [lookup[value][2] for value in labels]
    interpreted = [flag or r == "interpreter" for flag, r in zip(interpreted, role, strict=True)]

    paragraph_in_turn, previous_turn, count = [], 0, 0
    for number in turn_of:
        count = count + 1 if number == previous_turn else 1
        previous_turn = number
        paragraph_in_turn.append(count)

    qa = _qa_structure(turn_of, role, delegation, texts)
    n = len(lines)
    return {
        "event_id": [event_id] * n,
        "paragraph_id": [f"{event_id}:p{i:03d}" for i in range(1, n + 1)],
        "line": lines,
        "turn": turn_of,
        "paragraph_in_turn": paragraph_in_turn,
        "speaker_label": labels,
        "speaker": speaker,
        "role": role,
        "delegation": delegation,
        "interpreted": interpreted,
        **qa,
        "raw_text": [value.strip() for value in raw],
        "text": texts,
        "n_words": n_words,
    }


_INT_COLUMNS = ("line", "turn", "paragraph_in_turn", "n_words")


def paragraph_frame(columns: dict[str, list]) -> pd.DataFrame:
    """The paragraph table from :func:`parse_columns`' lists (of one or many events).

    Parameters
    ----------
    columns : dict of str to list
        One list per column of :data:`PARAGRAPH_COLUMNS`, all of one length.

    Returns
    -------
    pandas.DataFrame
        See :func:`parse_transcript`.
    """
    data = {}
    for name in PARAGRAPH_COLUMNS:
        values = columns[name]
        if name in _INT_COLUMNS:
            data[name] = np.asarray(values, dtype="int64")
        elif name == "interpreted":
            data[name] = np.asarray(values, dtype=bool)
        elif name == "reply_to":
            data[name] = pd.array(values, dtype="Int64")
        else:
            data[name] = pd.array(values, dtype="str")
    return pd.DataFrame(data)


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def _lookup(
    roster,
    first_line: dict[str, int],
    *,
    source: str,
    title: str,
    location: str,
    interpreted_labels: set,
    turn_labels: list[str],
) -> dict[str, tuple]:
    """``label -> (speaker, role, delegation)`` for every label in ``first_line``."""
    if isinstance(roster, str) and roster == "infer":
        inferred = infer_speakers(
            list(first_line),
            title,
            location=location,
            interpreted=interpreted_labels,
            turn_labels=turn_labels,
        )
        return {label: (row["speaker"], row["role"], row["delegation"]) for label, row in inferred.items()}
    elif roster is not None:
        table = load_roster(roster)
        known = set(table["speaker_label"])
        unknown = [(label, line) for label, line in first_line.items() if label not in known]
        if unknown:
            listed = "; ".join(f"{label!r} (line {line})" for label, line in unknown)
            raise TranscriptError(
                f"{len(unknown)} speaker label(s) not in the roster: {listed}. "
                "Add them to the roster (label, name, role, delegation).",
                path=source,
                line=unknown[0][1],
            )
    else:
        return {
            label: tuple(default_speaker(label)[key] for key in ("speaker", "role", "delegation"))
            for label in first_line
        }
    entries = {}
    for label, speaker, role, delegation in zip(
        table["speaker_label"], table["speaker"], table["role"], table["delegation"], strict=True
    ):
        entries.setdefault(label, (speaker, role, None if _missing(delegation) else delegation))
    return {label: entries[label] for label in first_line}


def _qa_structure(turn_of: list[int], role: list[str], delegation: list, texts: list[str]) -> dict[str, list]:
    """Per-paragraph ``segment``, ``called_by``, ``journalist``, ``outlet``, ``reply_to``."""
    # One entry per turn (turns are numbered 1..n in order).
    turn_role: dict[int, str] = {}
    turn_delegation: dict[int, object] = {}
    turn_text: dict[int, list[str]] = {}
    for number, r, d, t in zip(turn_of, role, delegation, texts, strict=True):
        if number not in turn_role:
            turn_role[number], turn_delegation[number], turn_text[number] = r, d, []
        turn_text[number].append(t)
    numbers = list(turn_role)
    segment = dict.fromkeys(numbers, "statements")
    called_by: dict[int, object] = dict.fromkeys(numbers)
    journalist: dict[int, object] = dict.fromkeys(numbers)
    outlet: dict[int, object] = dict.fromkeys(numbers)
    reply_to: dict[int, object] = dict.fromkeys(numbers)
    press_turns = [number for number in numbers if turn_role[number] == "press"]
    if press_turns:
        first = press_turns[0]
        start = first - 1 if turn_role.get(first - 1) == "moderator" else first
        for number in numbers:
            if number >= start:
                segment[number] = "qa"
        last_moderator = None
        last_principal = None
        last_question = None
        for number in numbers:
            kind = turn_role[number]
            if kind == "moderator":
                last_moderator = number
            elif kind == "press":
                last_question = number
                # A host who chairs the Q&A gives the floor when no moderator has spoken.
                # Only the host's last paragraph can give the floor, and only a
                # full name counts there: answers are full of "X of the Y".
                if last_moderator is not None:
                    caller, calling_text, full_name_only = last_moderator, None, False
                else:
                    caller, full_name_only = last_principal, True
                if caller is not None:
                    called_by[number] = turn_delegation[caller]
                    if caller == number - 1:
                        paragraphs_of_caller = turn_text[caller]
                        calling_text = (
                            paragraphs_of_caller[-1] if full_name_only else " ".join(paragraphs_of_caller)
                        )
                        name, paper = _find_journalist(calling_text)
                        if name is not None and (not full_name_only or " " in name):
                            journalist[number], outlet[number] = name, paper
            elif kind == "principal":
                last_principal = number
                if last_question is not None and segment[number] == "qa":
                    reply_to[number] = last_question
    return {
        "segment": [segment[number] for number in turn_of],
        "called_by": [called_by[number] for number in turn_of],
        "journalist": [journalist[number] for number in turn_of],
        "outlet": [outlet[number] for number in turn_of],
        "reply_to": [reply_to[number] for number in turn_of],
    }


def _decode(data: bytes, path: Path) -> str:
    return decode_utf8(data, path)


def read_transcript(
    path: str | Path,
    roster=None,
    *,
    event_id: str | None = None,
    title: str = "",
    location: str = "",
) -> pd.DataFrame:
    """Read a transcript file into the tidy paragraph table.

    Parameters
    ----------
    path : str or Path
        A UTF-8 text file (a byte-order mark and CRLF or CR line endings are
        fine).
    roster : Event, str, Path, Mapping, pandas.DataFrame or "infer", optional
        Speaker roster; see :func:`load_roster`. ``"infer"`` infers roles and
        delegations from ``title`` and ``location`` (see
        :func:`parse_transcript`).
    event_id : str, optional
        Defaults to the roster's event id when ``roster`` is an :class:`Event`
        or an event file, otherwise to the file name without extension.
    title, location : str, default=""
        Page title and place, for ``roster="infer"``.

    Returns
    -------
    pandas.DataFrame
        See :func:`parse_transcript` for the columns.

    Raises
    ------
    TranscriptError
        For a path that is not a readable regular file of at most
        :data:`analysis.parsing.files.MAX_INPUT_BYTES` bytes (missing, a
        folder, a FIFO or device, unreadable...), an empty file, bytes that
        are not UTF-8, no speaker label, or labels missing from the roster.

    Examples
    --------
    >>> from analysis import paths
    >>> table = read_transcript(paths.SEED_TRANSCRIPT, roster=paths.SEED_EVENT)
    >>> int(table["turn"].max())
    29
    """
    data = read_bytes(path, what="transcript")
    path = Path(path)
    if isinstance(roster, (str, Path)) and Path(roster).suffix.lower() == ".toml":
        roster = load_event(roster)
    if event_id is None:
        event_id = roster.event_id if isinstance(roster, Event) else path.stem
    return parse_transcript(
        _decode(data, path),
        roster=roster,
        event_id=event_id,
        source=str(path),
        title=title,
        location=location,
    )


def read_event(event: str | Path | Event = paths.SEED_EVENT) -> pd.DataFrame:
    """Paragraph table of an event described by a metadata file.

    Parameters
    ----------
    event : str, Path or Event, default=analysis.paths.SEED_EVENT
        The event file (or a loaded :class:`Event`); its transcript and roster
        are used.

    Returns
    -------
    pandas.DataFrame
        See :func:`parse_transcript`.

    Examples
    --------
    >>> read_event()["delegation"].unique().tolist()
    ['US', 'Japan', 'press']
    """
    if not isinstance(event, Event):
        event = load_event(event)
    return read_transcript(event.transcript, roster=event, event_id=event.event_id)


def turns(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """One row per turn, derived from the paragraph table.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Output of :func:`read_transcript` (or any table with its columns).

    Returns
    -------
    pandas.DataFrame
        Columns ``event_id, turn, speaker_label, speaker, role, delegation,
        segment, called_by, journalist, outlet, reply_to`` (from the turn's
        first paragraph), ``n_paragraphs``, ``n_words``,
        ``n_words_interpreted`` (words in interpreted paragraphs), ``text``
        (paragraphs joined by a blank line), ``first_line``.

    Examples
    --------
    >>> len(turns(read_event()))
    29
    """
    keys = ["event_id", "turn"]
    first_of = [
        "speaker_label",
        "speaker",
        "role",
        "delegation",
        "segment",
        "called_by",
        "journalist",
        "outlet",
        "reply_to",
    ]
    interpreted_words = paragraphs["n_words"].where(paragraphs["interpreted"], 0)
    grouped = paragraphs.assign(n_words_interpreted=interpreted_words).groupby(keys, sort=False)
    table = grouped.agg(
        **{column: (column, "first") for column in first_of},
        n_paragraphs=("paragraph_id", "size"),
        n_words=("n_words", "sum"),
        n_words_interpreted=("n_words_interpreted", "sum"),
        text=("text", "\n\n".join),
        first_line=("line", "min"),
    )
    return table.reset_index()
