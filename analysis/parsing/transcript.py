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
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from .. import paths
from ..exceptions import TranscriptError, TranscriptWarning
from .delegations import infer_speakers
from .files import decode_utf8, read_bytes
from .formats import clean_markdown, page_metadata, resolve_format, split_paragraphs, strip_notes
from .labels import normalize_label
from .roster import Event, default_speaker, load_event, load_roster
from .text import (
    IN_ENGLISH_PATTERN,
    INTERPRETED_PATTERN,
    NO_TRANSLATION_PATTERN,
    SPEAKS_ENGLISH_PATTERN,
    normalize_text,
    strip_stage_directions,
    tokenize,
)

__all__ = [
    "PARAGRAPH_COLUMNS",
    "journalist_key",
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
    "format",
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


def journalist_key(name: str, outlet: str | None = None) -> str:
    """The speaker key of a journalist named by the moderator: "Shaun Tandon (AFP)".

    Parameters
    ----------
    name : str
        The name read from the moderator's call (the ``journalist`` column).
    outlet : str, optional
        The outlet (the ``outlet`` column); cut at a sentence end ("Bloomberg.
        Peter" → "Bloomberg"), a leading "The" dropped, so that one journalist
        keeps one key across events.

    Returns
    -------
    str

    Examples
    --------
    >>> journalist_key("Shaun Tandon", "AFP"), journalist_key("Missy Ryan", "The Washington Post. Missy")
    ('Shaun Tandon (AFP)', 'Missy Ryan (Washington Post)')
    """
    outlet = re.split(r"\.\s", outlet or "")[0].strip().rstrip(".")
    outlet = re.sub(r"^[Tt]he\s+", "", outlet)
    return f"{name} ({outlet})" if outlet else name


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
    format: str | None = None,
    date=None,
) -> pd.DataFrame:
    """Parse transcript text into the tidy paragraph table.

    Parameters
    ----------
    text : str
        The transcript: paragraphs separated by line breaks, speaker labels in
        upper case followed by a colon; or a White House page (YAML front
        matter, hard-wrapped paragraphs, press questions printed ``Q``; see
        :mod:`analysis.parsing.formats`).
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
    format : {"state", "defense", "whitehouse"}, optional
        The transcript's format; detected from the text when None
        (:func:`analysis.parsing.formats.detect_format`). A White House page's
        front matter gives ``title`` (and its opening lines ``location``)
        when they are not passed.
    date : date, Timestamp, ISO str or None, default=None
        The event's day, used by ``roster="infer"`` to tell apart people who
        share a label (see :func:`analysis.parsing.people.load_people`); a
        White House page's front matter gives it when it is not passed.

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
        - ``speaker``, ``role``, ``delegation`` : str, from the roster; a
          journalist whom the moderator names is a speaker of his or her own,
          ``"Shaun Tandon (AFP)"`` (:func:`journalist_key`)
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
        - ``format`` : str, the transcript's format (a column, so that it
          survives concatenating the tables of several events)

        ``attrs`` holds ``format`` and, for a White House page, ``title``,
        ``date``, ``source_url``, ``venue`` and ``location`` (attrs are lost
        by most pandas operations; the ``format`` column is not).

    Raises
    ------
    TranscriptError
        If the text is empty, has no speaker label, has labels missing from
        the given roster (all of them are listed), or has White House front
        matter that cannot be read.

    Warns
    -----
    TranscriptWarning
        When question-like paragraphs sit inside a principal's turn, or the
        title says "press conference" and no press question was found.

    Examples
    --------
    >>> table = parse_transcript("Title\\n\\nMR A: Hello there.\\n\\nQUESTION: Why?")
    >>> table[["turn", "speaker_label", "n_words"]].to_dict("list")
    {'turn': [1, 2], 'speaker_label': ['MR A', 'QUESTION'], 'n_words': [2, 1]}
    """
    text = _clean_newlines(text)
    format = resolve_format(text, format)
    table = paragraph_frame(
        parse_columns(
            text,
            roster=roster,
            event_id=event_id,
            source=source,
            title=title,
            location=location,
            format=format,
            date=date,
        )
    )
    table.attrs.update(page_metadata(text, source=source, format=format))
    return table


def _clean_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_columns(
    text: str,
    *,
    roster,
    event_id: str,
    source: str,
    title: str,
    location: str,
    format: str | None = None,
    date=None,
) -> dict[str, list]:
    """The work of :func:`parse_transcript`, as one list per column.

    Parameters
    ----------
    text, roster, event_id, source, title, location, format, date
        As for :func:`parse_transcript`.

    Returns
    -------
    dict of str to list
        One list per column of :data:`PARAGRAPH_COLUMNS`; :func:`paragraph_frame`
        makes the table.
    """
    text = _clean_newlines(text)
    format = resolve_format(text, format)
    if format == "whitehouse":
        meta = page_metadata(text, source=source, format=format)
        title, location = title or meta["title"], location or meta["location"]
        date = meta["date"] if date is None or pd.isna(date) else date
    paragraphs = split_paragraphs(text, format, source=source)
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
    for number, kind, found, line in paragraphs:
        if kind == "label":
            turn += 1
            label = normalize_label(found)
            first_line.setdefault(label, number)
            # A label alone on its line followed by its text: keep the empty
            # row only if the turn has no other paragraph (dropped below).
            lines.append(number)
            turn_of.append(turn)
            labels.append(label)
            raw.append(line)
            continue
        if turn == 0 or kind == "marker":
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
            line=paragraphs[0].line,
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
    if format == "whitehouse":
        normalized = [clean_markdown(value) for value in normalized]
    texts = [strip_stage_directions(value) for value in normalized]
    if format == "whitehouse":
        texts = [strip_notes(value) for value in texts]
    n_words = [len(tokenize(value)) for value in texts]
    interpreted: list[bool] = []
    state, previous_turn = False, 0
    for value, number in zip(normalized, turn_of, strict=True):
        if number != previous_turn:
            state, previous_turn = False, number
        # Every interpretation note opens with "(": most paragraphs have none to look for.
        if "(" in value:
            if INTERPRETED_PATTERN.search(value) or NO_TRANSLATION_PATTERN.search(value):
                state = True
            elif IN_ENGLISH_PATTERN.search(value) or SPEAKS_ENGLISH_PATTERN.search(value):
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
        format=format,
        date=date,
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

    qa = _qa_structure(turn_of, role, delegation, texts, floor_by_text=format == "whitehouse")
    _warn_structure(lines, turn_of, role, texts, qa["segment"], source=source, title=title)
    # A journalist the moderator names is a speaker of his or her own.
    speaker = [
        journalist_key(name, outlet) if r == "press" and name is not None else value
        for value, r, name, outlet in zip(speaker, role, qa["journalist"], qa["outlet"], strict=True)
    ]
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
        "format": [format] * n,
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
    format: str = "state",
    date=None,
) -> dict[str, tuple]:
    """``label -> (speaker, role, delegation)`` for every label in ``first_line``."""
    if isinstance(roster, str) and roster == "infer":
        inferred = infer_speakers(
            list(first_line),
            title,
            location=location,
            interpreted=interpreted_labels,
            turn_labels=turn_labels,
            format=format,
            date=date,
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


# A paragraph that gives the floor (White House pages, where the leaders call): "Kyodo, please.",
# "Now we have time for questions.", "Go ahead, Peter.", "Aamer, with the AP.", "I'll call on ...".
_FLOOR_PATTERN = re.compile(
    r"\b(?:please|go ahead|call on|calling on|(?:go|turn) to|(?:take|taking|accept|receive|have time for) "
    r"(?:[a-z]+ ){0,3}questions?|next question|last question|final question|questions? from|last one|"
    r"(?:any|more|other) questions|right here|in the back|front row|you're up|yes, sir|yes, ma'am)\b",
    re.IGNORECASE,
)
# "This concludes the press conference. Please stay seated." ends the floor.
_FLOOR_CLOSED = re.compile(
    r"\bconclude|\b(?:this|that) (?:ends|is the end)|\bend of (?:the|this|our)\b", re.IGNORECASE
)
_NAME_WITH_OUTLET = re.compile(
    r"^(?P<name>[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2}),? (?:with|of|from) (?:the )?(?P<outlet>[A-Z][\w.&'-]*+"
    r"(?: [A-Z][\w.&'-]*+)*+)"
)
_FLOOR_WORDS = 25
_NOT_CALLS = {"I", "Okay", "OK", "Thanks", "Right", "All", "Sorry", "Sure", "No", "Good", "Great", "Please"}


def _gives_floor(text: str, *, moderator: bool = False) -> bool:
    """The last paragraph of a turn gives the floor to the press (White House pages)."""
    words = text.split()
    if not words or _FLOOR_CLOSED.search(text):
        return False
    names = [word.strip(".,?!:;—–-") for word in words]
    if (
        len(words) <= 3
        and all(name[:1].isupper() for name in names if name)
        and any(len(name) >= 3 for name in names)
        and names[0] not in _NOT_NAMES | _NOT_CALLS
    ):
        return True  # "Steve.", "Asahi.", "Kristen Welker?" (not "Thanks, everybody.", "I —")
    if len(words) <= 8 and _NAME_WITH_OUTLET.match(text):
        return True
    if (moderator or len(words) <= _FLOOR_WORDS) and _FLOOR_PATTERN.search(text):
        return True
    name, _ = _find_journalist(text)
    return name is not None and len(words) <= _FLOOR_WORDS


def _qa_structure(
    turn_of: list[int], role: list[str], delegation: list, texts: list[str], *, floor_by_text: bool = False
) -> dict[str, list]:
    """Per-paragraph ``segment``, ``called_by``, ``journalist``, ``outlet``, ``reply_to``.

    With ``floor_by_text`` (White House pages, where the leaders and the press
    secretary give the floor themselves), a press turn is called by the turn
    just before it when that turn's last paragraph gives the floor ("Kyodo,
    please"; "Jordan Fabian of Bloomberg"; "Now we have time for
    questions"); a follow-up or a shouted question has no caller.
    """
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
            if floor_by_text and kind == "press":
                # Called only where the text says so: by the turn just before.
                last_question = number
                before = number - 1
                caller_role = turn_role.get(before)
                if caller_role in ("moderator", "principal") and _gives_floor(
                    turn_text[before][-1], moderator=caller_role == "moderator"
                ):
                    called_by[number] = turn_delegation[before]
                    name, paper = _find_journalist(turn_text[before][-1])
                    if name is None and (short := _NAME_WITH_OUTLET.match(turn_text[before][-1])):
                        name, paper = short.group("name"), short.group("outlet").rstrip(".")
                    if name is not None:
                        journalist[number], outlet[number] = name, paper
                continue
            if floor_by_text and kind == "principal":
                if last_question is not None and segment[number] == "qa":
                    reply_to[number] = last_question
                continue
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


# A paragraph that reads like a press question: an unrecognised question marker
# ("Q.", "QUESTION "), or a leader addressed by office and a question mark at the end.
_QUESTION_MARKER = re.compile(r"^(?:Q[.:)](?:\s|$)|QUESTION[\s.]|Question:)")
_ADDRESSED = re.compile(
    r"^(?:(?:Thank you(?: very much)?|Thanks|Hi|Hello|Good (?:morning|afternoon|evening)|Yes|And|So),?\s+)*"
    r"(?:Mr\.?|Madam|Madame|Ms\.?)\s+(?:President|Prime Minister|Vice President|Chancellor|Secretary)\b"
)


def _question_like(text: str) -> bool:
    text = text.strip()
    if _QUESTION_MARKER.match(text):
        return True
    return bool(_ADDRESSED.match(text)) and text.rstrip("\"' ").endswith("?")


def _warn_structure(lines, turn_of, role, texts, segment, *, source: str, title: str) -> None:
    """Warn about question-like principal paragraphs, or a press conference without a question."""
    suspects = [
        line
        for line, r, text in zip(lines, role, texts, strict=True)
        if r == "principal" and _question_like(text)
    ]
    if suspects:
        warnings.warn(
            TranscriptWarning(
                f"{len(suspects)} question-like paragraph(s) inside a principal's turn: a press question "
                "whose marker was not recognised is credited to the speaker before it; check these lines "
                "and pass a roster or fix the marker.",
                path=source,
                lines=suspects,
            ),
            stacklevel=4,
        )
    if re.search(r"press conference", title or "", re.IGNORECASE) and "qa" not in segment:
        warnings.warn(
            TranscriptWarning(
                "the title says 'press conference' but no press question was found: check how questions "
                "are marked (a White House page marks them 'Q', a State Department page 'QUESTION:').",
                path=source,
                lines=lines[:1],
            ),
            stacklevel=4,
        )


def _decode(data: bytes, path: Path) -> str:
    return decode_utf8(data, path)


def read_transcript(
    path: str | Path,
    roster=None,
    *,
    event_id: str | None = None,
    title: str = "",
    location: str = "",
    format: str | None = None,
    date=None,
) -> pd.DataFrame:
    """Read a transcript file into the tidy paragraph table.

    Parameters
    ----------
    path : str or Path
        A UTF-8 text file (a byte-order mark and CRLF or CR line endings are
        fine): a State Department transcript, its defense.gov copy, or a White
        House page (Markdown with YAML front matter).
    roster : Event, str, Path, Mapping, pandas.DataFrame or "infer", optional
        Speaker roster; see :func:`load_roster`. ``"infer"`` infers roles and
        delegations from ``title`` and ``location`` (see
        :func:`parse_transcript`).
    event_id : str, optional
        Defaults to the roster's event id when ``roster`` is an :class:`Event`
        or an event file, otherwise to the file name without extension.
    title, location : str, default=""
        Page title and place, for ``roster="infer"``; a White House page's
        front matter and opening lines give them when they are empty.
    format : {"state", "defense", "whitehouse"}, optional
        Overrides the format detected from the text (see
        :mod:`analysis.parsing.formats`).
    date : date, Timestamp, ISO str or None, default=None
        The event's day, for ``roster="infer"``.

    Returns
    -------
    pandas.DataFrame
        See :func:`parse_transcript` for the columns and ``attrs``.

    Raises
    ------
    TranscriptError
        For a path that is not a readable regular file of at most
        :data:`analysis.parsing.files.MAX_INPUT_BYTES` bytes (missing, a
        folder, a FIFO or device, unreadable...), an empty file, bytes that
        are not UTF-8, no speaker label, labels missing from the roster, or
        front matter that cannot be read.

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
        format=format,
        date=date,
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
    if event.transcript is None:
        raise TranscriptError(
            "this event file names no transcript (a roster only); read the transcript with it as roster, "
            "e.g. read_transcript(path, roster=...) or `report TRANSCRIPT --roster FILE`."
        )
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
