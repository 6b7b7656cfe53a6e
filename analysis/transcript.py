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
    "TranscriptError",
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

# A speaker label: upper-case words (letters, periods, hyphens, apostrophes),
# separated by spaces or no-break spaces, then a colon and a space, a no-break
# space or the end of the line. "The bottom line is this:" and
# "To Secretary Blinken:" are not labels: they hold lower-case letters.
_LABEL_WORD = r"[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de.'\u2019-]*"
LABEL_PATTERN = re.compile(
    rf"^[ \t\u00a0]*(?P<label>{_LABEL_WORD}(?:[ \u00a0]+{_LABEL_WORD})*)[ \u00a0]*:"
    r"(?:[ \t\u00a0]+|$)(?P<rest>.*)$"
)
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
_NOT_NAMES = {"Next", "Our", "We", "This", "And", "The", "Thank", "Last", "First", "Finally", "So"}


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
    for match in JOURNALIST_PATTERN.finditer(text):
        name = match.group("name")
        if name.split()[0] in _NOT_NAMES:
            continue
        name = re.sub(r"-san\b", "", name)
        return name, match.group("outlet").rstrip(".")
    return None, None


def parse_transcript(
    text: str, *, roster=None, event_id: str = "event", source: str = "<string>"
) -> pd.DataFrame:
    """Parse transcript text into the tidy paragraph table.

    Parameters
    ----------
    text : str
        The transcript: paragraphs separated by line breaks, speaker labels in
        upper case followed by a colon.
    roster : Event, str, Path, Mapping or pandas.DataFrame, optional
        Speaker roster (see :func:`load_roster`). With a roster, every label in
        the transcript must be in it. Without one, :func:`default_speaker`
        resolves what it can.
    event_id : str, default="event"
        Identifier written into every row and into ``paragraph_id``.
    source : str, default="<string>"
        Name used in error messages.

    Returns
    -------
    pandas.DataFrame
        One row per paragraph, in speaking order, with columns

        - ``event_id`` : str
        - ``paragraph_id`` : str, unique, ``"{event_id}:p{n:03d}"``
        - ``line`` : int, 1-based line of the paragraph in the source
        - ``turn`` : int, 1-based; a new turn starts at every speaker label
        - ``paragraph_in_turn`` : int, 1-based
        - ``speaker_label`` : str, as printed, white space normalised
        - ``speaker``, ``role``, ``delegation`` : str, from the roster
        - ``interpreted`` : bool, the paragraph reached the transcript through
          an interpreter (from a ``(Via interpreter)`` note until an
          ``(In English)`` note or the end of the turn; every paragraph of an
          ``interpreter`` role)
        - ``segment`` : ``"statements"`` or ``"qa"``; the Q&A starts at the
          first ``press`` turn, or at the moderator turn just before it
        - ``called_by`` : str, for press turns: the delegation of the
          moderator who gave the floor (the nearest moderator turn before);
          ``<NA>`` elsewhere
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
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = _split_paragraphs(text)
    if not paragraphs:
        raise TranscriptError(
            "the transcript is empty; pass a file that holds the transcript text.", path=source, line=1
        )

    rows = []
    turn = 0
    first_label_seen = False
    pending_label_line: dict[int, int] = {}
    for number, line in paragraphs:
        match = LABEL_PATTERN.match(line)
        if match:
            first_label_seen = True
            turn += 1
            label = _normalize_label(match.group("label"))
            pending_label_line.setdefault(turn, number)
            rest = match.group("rest")
            rows.append((number, turn, label, rest))
            continue
        if not first_label_seen or _END_MARKER.match(line):
            continue
        rows.append((number, turn, rows[-1][2], line))
    if not rows:
        raise TranscriptError(
            "no speaker label found; a turn must start with an upper-case label and a colon, "
            "e.g. 'SECRETARY BLINKEN: Good evening.'",
            path=source,
            line=paragraphs[0][0],
        )

    # A label alone on its line followed by its text: drop the empty row if the
    # turn has more paragraphs.
    frame = pd.DataFrame(rows, columns=["line", "turn", "speaker_label", "raw_text"])
    empty_label_rows = (frame["raw_text"].str.strip() == "") & frame["turn"].duplicated(keep=False)
    frame = frame.loc[~empty_label_rows].reset_index(drop=True)

    # Roster lookup.
    labels = frame.drop_duplicates("speaker_label")
    if roster is not None:
        roster_table = load_roster(roster)
        known = set(roster_table["speaker_label"])
        unknown = labels.loc[~labels["speaker_label"].isin(known)]
        if len(unknown):
            listed = "; ".join(f"{row.speaker_label!r} (line {row.line})" for row in unknown.itertuples())
            raise TranscriptError(
                f"{len(unknown)} speaker label(s) not in the roster: {listed}. "
                "Add them to the roster (label, name, role, delegation).",
                path=source,
                line=int(unknown["line"].iloc[0]),
            )
        lookup = roster_table.set_index("speaker_label")[["speaker", "role", "delegation"]]
    else:
        lookup = pd.DataFrame.from_dict(
            {label: default_speaker(label) for label in labels["speaker_label"]}, orient="index"
        )[["speaker", "role", "delegation"]]
    frame = frame.join(lookup, on="speaker_label")

    # Text, stage directions, interpretation.
    normalized = frame["raw_text"].map(normalize_text)
    frame["text"] = normalized.map(strip_stage_directions)
    frame["n_words"] = frame["text"].map(lambda t: len(tokenize(t))).astype("int64")
    marks_interpreted = normalized.str.contains(INTERPRETED_PATTERN)
    marks_english = normalized.str.contains(IN_ENGLISH_PATTERN)
    state = pd.Series(
        np.where(marks_interpreted, 1.0, np.where(marks_english, 0.0, np.nan)), index=frame.index
    )
    state = state.groupby(frame["turn"]).ffill().fillna(0.0).astype(bool)
    frame["interpreted"] = state | (frame["role"] == "interpreter")

    frame["paragraph_in_turn"] = frame.groupby("turn").cumcount() + 1
    frame["event_id"] = event_id
    frame["paragraph_id"] = [f"{event_id}:p{n:03d}" for n in range(1, len(frame) + 1)]

    _add_qa_structure(frame)
    frame["raw_text"] = frame["raw_text"].str.strip()
    return frame[PARAGRAPH_COLUMNS]


def _add_qa_structure(frame: pd.DataFrame) -> None:
    """Add ``segment``, ``called_by``, ``journalist``, ``outlet``, ``reply_to`` in place."""
    by_turn = frame.groupby("turn", sort=True).agg(
        role=("role", "first"), delegation=("delegation", "first"), text=("text", " ".join)
    )
    segment = pd.Series("statements", index=by_turn.index, dtype=object)
    called_by = pd.Series(pd.NA, index=by_turn.index, dtype=object)
    journalist = pd.Series(pd.NA, index=by_turn.index, dtype=object)
    outlet = pd.Series(pd.NA, index=by_turn.index, dtype=object)
    reply_to = pd.Series(pd.NA, index=by_turn.index, dtype="Int64")

    press_turns = by_turn.index[by_turn["role"] == "press"]
    if len(press_turns):
        first = press_turns[0]
        start = (
            first - 1
            if first - 1 in by_turn.index and by_turn.at[first - 1, "role"] == "moderator"
            else first
        )
        segment.loc[start:] = "qa"
        last_caller = None
        last_question = None
        for number, row in by_turn.iterrows():
            if row["role"] == "moderator":
                last_caller = number
            elif row["role"] == "press":
                last_question = number
                if last_caller is not None:
                    called_by.at[number] = by_turn.at[last_caller, "delegation"]
                    name, paper = _find_journalist(by_turn.at[last_caller, "text"])
                    if name is not None and last_caller == number - 1:
                        journalist.at[number], outlet.at[number] = name, paper
            elif row["role"] == "principal" and last_question is not None and segment.at[number] == "qa":
                reply_to.at[number] = last_question
    frame["segment"] = frame["turn"].map(segment)
    frame["called_by"] = frame["turn"].map(called_by)
    frame["journalist"] = frame["turn"].map(journalist)
    frame["outlet"] = frame["turn"].map(outlet)
    frame["reply_to"] = frame["turn"].map(reply_to).astype("Int64")


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


def read_transcript(path: str | Path, roster=None, *, event_id: str | None = None) -> pd.DataFrame:
    """Read a transcript file into the tidy paragraph table.

    Parameters
    ----------
    path : str or Path
        A UTF-8 text file (a byte-order mark and CRLF line endings are fine).
    roster : Event, str, Path, Mapping or pandas.DataFrame, optional
        Speaker roster; see :func:`load_roster`.
    event_id : str, optional
        Defaults to the roster's event id when ``roster`` is an :class:`Event`
        or an event file, otherwise to the file name without extension.

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
    return parse_transcript(_decode(data, path), roster=roster, event_id=event_id, source=str(path))


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
