"""Transcript → tidy paragraph table.

A State Department-style transcript is a sequence of paragraphs; a paragraph
that starts with an upper-case speaker label (``SECRETARY BLINKEN:``) opens a
new turn, any other paragraph continues the current one. Everything before the
first label (page banner, title line) is preamble and contributes no words.

:func:`read_transcript` (a file) and :func:`parse_transcript` (a string) return
one row per paragraph; :func:`turns` derives the one-row-per-turn view from it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .text import (
    IN_ENGLISH_PATTERN,
    INTERPRETED_PATTERN,
    normalize_text,
    strip_stage_directions,
    tokenize,
)

__all__ = [
    "DELEGATIONS",
    "PARAGRAPH_COLUMNS",
    "ROLES",
    "ROSTER_COLUMNS",
    "Event",
    "TableError",
    "TranscriptError",
    "as_columns",
    "check_paragraphs",
    "load_event",
    "load_roster",
    "parse_transcript",
    "read_event",
    "read_transcript",
    "turns",
]

ROLES = ("principal", "moderator", "press", "interpreter")
#: Delegation codes of the bundled event; other events add their own.
DELEGATIONS = ("US", "Japan", "press")
ROSTER_COLUMNS = ["speaker_label", "speaker", "office", "role", "delegation"]

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

# A speaker label: upper-case words (letters of any script, periods, hyphens,
# apostrophes), separated by spaces or no-break spaces, then a colon and a
# space, a no-break space or the end of the line. "The bottom line is this:"
# and "To Secretary Blinken:" are not labels: they hold lower-case letters.
# Two printing slips are accepted: a stray backtick before the label
# ("`MR PRICE:") and a surname in title case after an upper-case office
# ("AMBASSADOR Argüello:"); such labels are upper-cased.
_LABEL_WORD = r"[^\W\d_][^\W\d_.'\u2019-]*(?:[.'\u2019-]+[^\W\d_]*)*"
LABEL_PATTERN = re.compile(
    rf"^[ \t\u00a0]*`?(?P<label>{_LABEL_WORD}(?:[ \u00a0]+{_LABEL_WORD})*)[ \u00a0]*:"
    r"(?:[ \t\u00a0]+|$)(?P<rest>.*)$"
)
#: Offices and forms of address that may precede a title-case surname in a label.
_OFFICE_WORDS = frozenset(
    {"AMBASSADOR", "MINISTER", "SECRETARY", "PRESIDENT", "MR", "MS", "MRS", "DR", "SENATOR", "GOVERNOR"}
)


def _label_of(line: str) -> tuple[str, str] | None:
    """``(label, rest)`` when ``line`` opens a turn, else ``None``."""
    match = LABEL_PATTERN.match(line)
    if match is None:
        return None
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
    return label, match.group("rest")


# Paragraphs that end a page rather than continue a turn.
_END_MARKER = re.compile(r"^\s*(?:#\s*){3}\s*$")

# Callers' phrasing for a journalist: "Shaun Tandon of the AFP",
# "Ryo Kiyomiya from Asahi Shimbun", "Tajima-san, Asahi Shimbun newspaper".
_NAME = r"[A-Z][\w'\u2019]+(?:-san)?(?: [A-Z][\w'\u2019-]+(?:-san)?){0,2}"
_OUTLET = (
    r"[A-Z][\w.&'\u2019-]*(?: (?:[A-Z][\w.&'\u2019-]*|newspaper|company|news|"
    r"television|radio|agency))*"
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


class TranscriptError(ValueError):
    """A transcript or roster that cannot be read as it is.

    Parameters
    ----------
    message : str
        What is wrong and what to do about it.
    path : str or Path, optional
        The file (or source name) concerned.
    line : int, optional
        The 1-based line in that file.

    Attributes
    ----------
    path, line, message
        As given; ``str(error)`` reads ``"path:line: message"``.
    """

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        where = ""
        if self.path is not None:
            where = self.path + (f":{line}" if line is not None else "") + ": "
        super().__init__(where + message)


class TableError(ValueError):
    """A table that lacks the columns, rows or values a function needs."""


def check_paragraphs(paragraphs, required, caller: str) -> None:
    """Check that ``paragraphs`` is a non-empty table with the ``required`` columns.

    Parameters
    ----------
    paragraphs : object
        What the caller received.
    required : list of str
        Columns the caller needs.
    caller : str
        Name of the calling function, for the message.

    Raises
    ------
    TableError
        If ``paragraphs`` is not a DataFrame, is empty, or lacks a column;
        the message lists the missing columns.

    Examples
    --------
    >>> check_paragraphs(pd.DataFrame({"text": ["a"]}), ["text", "n_words"], "f")
    Traceback (most recent call last):
    ...
    analysis.transcript.TableError: f: the table lacks column(s) 'n_words'; ...
    """
    if not isinstance(paragraphs, pd.DataFrame):
        raise TableError(
            f"{caller}: expected the paragraph table (a pandas DataFrame from read_transcript), "
            f"not {type(paragraphs).__name__}."
        )
    missing = [column for column in required if column not in paragraphs.columns]
    if missing:
        raise TableError(
            f"{caller}: the table lacks column(s) {', '.join(map(repr, missing))}; "
            "pass the paragraph table from read_transcript / read_event (or one with its columns)."
        )
    if paragraphs.empty:
        raise TableError(f"{caller}: the table has no rows.")


def as_columns(by) -> list:
    """A column name or a sequence of names, as a list.

    Parameters
    ----------
    by : str or sequence of str

    Returns
    -------
    list of str

    Examples
    --------
    >>> as_columns("speaker"), as_columns(("delegation", "segment"))
    (['speaker'], ['delegation', 'segment'])
    """
    return [by] if isinstance(by, str) else list(by)


def _normalize_label(label: str) -> str:
    return re.sub(r"\s+", " ", normalize_text(label)).strip()


# ----------------------------------------------------------------------------
# Events and rosters


@dataclass(frozen=True)
class Event:
    """Metadata of one event, read from its TOML file by :func:`load_event`.

    Attributes
    ----------
    event_id : str
        Short identifier, used in every table.
    title, short_title, place, venue : str
        As in the file.
    date : datetime.date
        Day of the event.
    transcript : Path
        The raw transcript.
    roster : pandas.DataFrame
        Columns ``speaker_label, speaker, office, role, delegation``.
    sources : dict
        Source URLs.
    """

    event_id: str
    title: str
    date: date
    transcript: Path
    roster: pd.DataFrame = field(repr=False)
    short_title: str = ""
    place: str = ""
    venue: str = ""
    sources: dict = field(default_factory=dict)


def _roster_from_mapping(speakers: Mapping, source: str) -> pd.DataFrame:
    rows = []
    for label, entry in speakers.items():
        if not isinstance(entry, Mapping):
            raise TranscriptError(
                f"roster entry {label!r} must be a table with name, role and delegation.",
                path=source,
            )
        missing = [key for key in ("role", "delegation") if key not in entry]
        if missing:
            raise TranscriptError(
                f"roster entry {label!r} lacks {', '.join(missing)}; add them "
                f"(role is one of {', '.join(ROLES)}).",
                path=source,
            )
        if entry["role"] not in ROLES:
            raise TranscriptError(
                f"roster entry {label!r} has role {entry['role']!r}; use one of {', '.join(ROLES)}.",
                path=source,
            )
        rows.append(
            {
                "speaker_label": _normalize_label(label),
                "speaker": entry.get("name", label),
                "office": entry.get("office", ""),
                "role": entry["role"],
                "delegation": entry["delegation"],
            }
        )
    return pd.DataFrame(rows, columns=ROSTER_COLUMNS)


def load_event(path: str | Path = paths.SEED_EVENT) -> Event:
    """Read an event metadata file.

    Parameters
    ----------
    path : str or Path, default=analysis.paths.SEED_EVENT
        A TOML file with ``event_id``, ``title``, ``date``, ``transcript``
        (relative to the TOML file's folder, or absolute) and a
        ``[speakers."LABEL"]`` table per speaker label.

    Returns
    -------
    Event

    Raises
    ------
    TranscriptError
        If the file is missing, not TOML, or lacks a required key.

    Examples
    --------
    >>> event = load_event()
    >>> event.event_id
    '2023-01-11-us-japan-2plus2'
    """
    path = Path(path)
    try:
        meta = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TranscriptError("event file not found; check the path.", path=path) from None
    except tomllib.TOMLDecodeError as error:
        raise TranscriptError(f"not valid TOML ({error}); fix the syntax.", path=path) from None
    missing = [key for key in ("event_id", "title", "date", "transcript", "speakers") if key not in meta]
    if missing:
        raise TranscriptError(f"event file lacks {', '.join(missing)}; add them.", path=path)
    transcript = Path(meta["transcript"])
    if not transcript.is_absolute():
        transcript = path.resolve().parent / transcript
    return Event(
        event_id=meta["event_id"],
        title=meta["title"],
        date=meta["date"],
        transcript=transcript,
        roster=_roster_from_mapping(meta["speakers"], str(path)),
        short_title=meta.get("short_title", ""),
        place=meta.get("place", ""),
        venue=meta.get("venue", ""),
        sources=dict(meta.get("sources", {})),
    )


def load_roster(roster) -> pd.DataFrame:
    """Coerce any supported roster form to a roster table.

    Parameters
    ----------
    roster : Event, str, Path, Mapping or pandas.DataFrame
        An :class:`Event`; an event TOML file; a CSV file with columns
        ``speaker_label, speaker, office, role, delegation``; a mapping
        ``label -> {"name", "office", "role", "delegation"}``; or a table with
        those columns.

    Returns
    -------
    pandas.DataFrame
        Columns ``speaker_label, speaker, office, role, delegation``, one row
        per label.

    Raises
    ------
    TranscriptError
        If an entry lacks a role or delegation or has an unknown role.
    """
    if isinstance(roster, Event):
        return roster.roster
    if isinstance(roster, (str, Path)):
        path = Path(roster)
        if path.suffix.lower() == ".csv":
            try:
                table = pd.read_csv(path, dtype=str, keep_default_na=False)
            except FileNotFoundError:
                raise TranscriptError("roster file not found; check the path.", path=path) from None
            return load_roster(
                table.set_index("speaker_label").rename(columns={"speaker": "name"}).to_dict("index")
            )
        return load_event(path).roster
    if isinstance(roster, pd.DataFrame):
        missing = [c for c in ("speaker_label", "role", "delegation") if c not in roster.columns]
        if missing:
            raise TranscriptError(f"roster table lacks columns {', '.join(missing)}.")
        renamed = roster.rename(columns={"speaker": "name"}).set_index("speaker_label")
        return _roster_from_mapping(renamed.to_dict("index"), "<roster table>")
    if isinstance(roster, Mapping):
        return _roster_from_mapping(roster, "<roster>")
    raise TypeError(f"roster must be an Event, a path, a mapping or a DataFrame, not {type(roster).__name__}")


def default_speaker(label: str) -> dict:
    """Role and delegation of a label when no roster is given.

    Only labels whose meaning does not depend on the event are resolved:
    ``QUESTION``, ``AUDIENCE``, ``PARTICIPANT`` → press; ``MODERATOR`` →
    moderator; ``INTERPRETER`` → interpreter. Everything else is a principal
    of unknown delegation (``<NA>``); :mod:`analysis.delegations` infers more.

    Parameters
    ----------
    label : str
        A normalised speaker label.

    Returns
    -------
    dict
        Keys ``speaker, office, role, delegation``.
    """
    if label in {"QUESTION", "AUDIENCE", "AUDIENCE MEMBER", "PARTICIPANT", "REPORTER", "Q"}:
        return {"speaker": label, "office": "", "role": "press", "delegation": "press"}
    if label == "MODERATOR":
        return {"speaker": label, "office": "", "role": "moderator", "delegation": pd.NA}
    if label == "INTERPRETER":
        return {"speaker": label, "office": "", "role": "interpreter", "delegation": pd.NA}
    return {"speaker": label, "office": "", "role": "principal", "delegation": pd.NA}


# ----------------------------------------------------------------------------
# Parsing


def _split_paragraphs(text: str) -> list[tuple[int, str]]:
    """Non-blank lines with their 1-based line numbers."""
    return [
        (number, line) for number, line in enumerate(text.split("\n"), start=1) if line.strip(" \t\u00a0")
    ]


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
    return _frame(
        _parse_columns(text, roster=roster, event_id=event_id, source=source, title=title, location=location)
    )


def _parse_columns(
    text: str, *, roster, event_id: str, source: str, title: str, location: str
) -> dict[str, list]:
    """The work of :func:`parse_transcript`, as one list per column."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = _split_paragraphs(text)
    if not paragraphs:
        raise TranscriptError(
            "the transcript is empty; pass a file that holds the transcript text.", path=source, line=1
        )

    # Lines → (line, turn, label, raw text). Plain Python lists: a per-event
    # DataFrame is built once, at the end (the corpus has 16,000 paragraphs).
    lines: list[int] = []
    turn_of: list[int] = []
    label_of: list[str] = []
    raw: list[str] = []
    turn = 0
    label = ""
    for number, line in paragraphs:
        found = _label_of(line)
        if found is not None:
            turn += 1
            label = _normalize_label(found[0])
            rest = found[1]
            # A label alone on its line followed by its text: keep the empty
            # row only if the turn has no other paragraph (dropped below).
            lines.append(number)
            turn_of.append(turn)
            label_of.append(label)
            raw.append(rest)
            continue
        if turn == 0 or _END_MARKER.match(line):
            continue
        lines.append(number)
        turn_of.append(turn)
        label_of.append(label)
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
        lines, turn_of, label_of, raw = (
            [values[i] for i in range(len(keep)) if keep[i]] for values in (lines, turn_of, label_of, raw)
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
    first_line: dict[str, int] = {}
    for number, value in zip(lines, label_of, strict=True):
        first_line.setdefault(value, number)
    lookup = _lookup(
        roster,
        first_line,
        source=source,
        title=title,
        location=location,
        interpreted_labels={value for value, flag in zip(label_of, interpreted, strict=True) if flag},
        turn_labels=[value for i, value in enumerate(label_of) if i == 0 or turn_of[i] != turn_of[i - 1]],
    )
    speaker = [lookup[value][0] for value in label_of]
    role = [lookup[value][1] for value in label_of]
    delegation = [lookup[value][2] for value in label_of]
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
        "speaker_label": label_of,
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


def _frame(columns: dict[str, list]) -> pd.DataFrame:
    """The paragraph table from :func:`_parse_columns`' lists (of one or many events)."""
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
        from .delegations import _infer  # delegations imports this module

        inferred = _infer(
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
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TranscriptError(
            f"byte {data[error.start : error.start + 1]!r} at offset {error.start} is not UTF-8; "
            "re-save the file as UTF-8 (e.g. `iconv -f cp1252 -t utf-8`).",
            path=path,
            line=line,
        ) from None


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
        A UTF-8 text file (a byte-order mark and CRLF line endings are fine).
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
        For a missing or empty file, bytes that are not UTF-8, no speaker
        label, or labels missing from the roster.

    Examples
    --------
    >>> from analysis import paths
    >>> table = read_transcript(paths.SEED_TRANSCRIPT, roster=paths.SEED_EVENT)
    >>> int(table["turn"].max())
    29
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TranscriptError("file not found; check the path.", path=path) from None
    except IsADirectoryError:
        raise TranscriptError("this is a folder; pass a transcript file.", path=path) from None
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
