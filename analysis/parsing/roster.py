"""Events and speaker rosters: who each speaker label is.

An event file (TOML, like ``data/events/*.toml``) holds an event's metadata
and its roster: for each printed speaker label, the person's canonical name,
office, role (``principal``, ``moderator``, ``press``, ``interpreter``) and
delegation. :func:`load_event` reads one; :func:`load_roster` turns any
supported roster form into one table; :func:`default_speaker` gives the
event-independent meaning of generic labels (QUESTION, MODERATOR, ...).
"""

from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from .. import paths
from .._validation import check_table
from ..exceptions import TranscriptError
from .files import decode_utf8, read_bytes
from .labels import normalize_label

__all__ = [
    "ROLES",
    "ROSTER_COLUMNS",
    "Event",
    "canonical_delegation",
    "default_speaker",
    "delegation_order",
    "load_event",
    "load_roster",
]

ROLES = ("principal", "moderator", "press", "interpreter")
ROSTER_COLUMNS = ["speaker_label", "speaker", "office", "role", "delegation"]


@dataclass(frozen=True)
class Event:
    """Metadata of one event, read from its TOML file by :func:`load_event`.

    Attributes
    ----------
    event_id : str
        Short identifier, used in every table (the file name when the file
        has none).
    title, short_title, place, venue : str
        As in the file (empty when absent).
    date : datetime.date or None
        Day of the event; None for a roster file without a date.
    transcript : Path or None
        The raw transcript; None for a roster file without one (such a file
        is a roster for ``--roster`` / ``roster=``, not an event to read).
    roster : pandas.DataFrame
        Columns ``speaker_label, speaker, office, role, delegation``.
    sources : dict
        Source URLs.
    """

    event_id: str
    title: str
    date: date | None
    transcript: Path | None
    roster: pd.DataFrame = field(repr=False)
    short_title: str = ""
    place: str = ""
    venue: str = ""
    sources: dict = field(default_factory=dict)


def _is_missing(value) -> bool:
    """None, pandas' NA or a float NaN: an empty cell of a roster table."""
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _roster_error(message: str, source: str, lines: Mapping | None, label) -> TranscriptError:
    line = None if lines is None else lines.get(label)
    return TranscriptError(message, path=source, line=line)


def _roster_from_mapping(speakers, source: str, lines: Mapping | None = None) -> pd.DataFrame:
    """The roster table of ``label -> entry``, every entry checked.

    ``lines`` maps a label (as written) to the line of the file that defines
    it, for the messages.
    """
    if not isinstance(speakers, Mapping):
        raise TranscriptError(
            f'the roster must be a table of labels (e.g. [speakers."MR PRICE"] with name, role and '
            f"delegation), not {type(speakers).__name__}.",
            path=source,
        )
    rows = []
    seen: dict[str, object] = {}
    for label, entry in speakers.items():
        if not isinstance(label, str) or not normalize_label(label):
            raise _roster_error(
                f"roster label {label!r} must be a non-empty string, as printed in the transcript "
                "(e.g. 'SECRETARY BLINKEN').",
                source,
                lines,
                label,
            )
        key = normalize_label(label)
        if key in seen:
            other = seen[key]
            where = "" if lines is None or lines.get(other) is None else f" (line {lines[other]})"
            raise _roster_error(
                f"roster labels {other!r}{where} and {label!r} are the same label once spaces and "
                "invisible characters are normalised; keep one entry per label.",
                source,
                lines,
                label,
            )
        seen[key] = label
        if not isinstance(entry, Mapping):
            raise _roster_error(
                f"roster entry {label!r} must be a table with name, role and delegation.",
                source,
                lines,
                label,
            )
        missing = [k for k in ("role", "delegation") if k not in entry]
        if missing:
            raise _roster_error(
                f"roster entry {label!r} lacks {', '.join(missing)}; add them "
                f"(role is one of {', '.join(ROLES)}).",
                source,
                lines,
                label,
            )
        if not isinstance(entry["role"], str) or entry["role"] not in ROLES:
            raise _roster_error(
                f"roster entry {label!r} has role {entry['role']!r}; use one of {', '.join(ROLES)}.",
                source,
                lines,
                label,
            )
        values = {}
        for name in ("delegation", "name", "office"):
            value = entry.get(name)
            if _is_missing(value):
                value = None
            elif not isinstance(value, str):
                raise _roster_error(
                    f"roster entry {label!r} has {name} {value!r} ({type(value).__name__}); write a "
                    f'string, e.g. {name} = "{value[0] if isinstance(value, list) and value else "US"}".',
                    source,
                    lines,
                    label,
                )
            values[name] = value
        rows.append(
            {
                "speaker_label": key,
                "speaker": values["name"] if values["name"] is not None else label,
                "office": values["office"] if values["office"] is not None else "",
                "role": entry["role"],
                # An empty delegation (an unresolved label of a drafted roster) is unknown.
                "delegation": values["delegation"] if values["delegation"] != "" else None,
            }
        )
    return pd.DataFrame(rows, columns=ROSTER_COLUMNS)


def _toml_lines(text: str, labels) -> dict:
    """``label -> line`` of the ``[speakers."LABEL"]`` header that defines it, where there is one."""
    lines = {}
    headers = [
        (number, line.strip())
        for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1)
        if line.lstrip().startswith("[speakers")
    ]
    for label in labels:
        if not isinstance(label, str):
            continue
        for number, header in headers:
            if f'"{label}"' in header or f"'{label}'" in header or header == f"[speakers.{label}]":
                lines[label] = number
                break
    return lines


#: Keys of an event file, the type each must have, and whether it is required.
#: Only ``speakers`` is required: a roster file (``python -m analysis roster``) has no transcript or date.
_EVENT_KEYS = {
    "event_id": (str, False),
    "title": (str, False),
    "date": (date, False),
    "transcript": (str, False),
    "speakers": (Mapping, True),
    "short_title": (str, False),
    "place": (str, False),
    "venue": (str, False),
    "sources": (Mapping, False),
}
_TYPE_NAMES = {str: "a string in quotes", date: "a date such as 2023-01-11", Mapping: "a table"}


def _check_event_keys(meta: Mapping, path: Path, text: str) -> None:
    missing = [key for key, (_, required) in _EVENT_KEYS.items() if required and key not in meta]
    if missing:
        raise TranscriptError(f"event file lacks {', '.join(missing)}; add them.", path=path)
    for key, (kind, _) in _EVENT_KEYS.items():
        if key not in meta:
            continue
        value = meta[key]
        line = next(
            (
                number
                for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1)
                if line.split("=", 1)[0].strip() == key or line.strip() == f"[{key}]"
            ),
            None,
        )
        if not isinstance(value, kind) or (kind is str and key in ("event_id", "transcript") and not value):
            raise TranscriptError(
                f"{key} must be {_TYPE_NAMES[kind]}, not {value!r}; fix the event file.", path=path, line=line
            )
    for name, url in meta.get("sources", {}).items():
        if not isinstance(url, str):
            raise TranscriptError(
                f"sources.{name} must be a string (a url), not {url!r}; fix the event file.", path=path
            )


def load_event(path: str | Path = paths.SEED_EVENT) -> Event:
    """Read an event metadata file.

    Parameters
    ----------
    path : str or Path, default=analysis.paths.SEED_EVENT
        A UTF-8 TOML file with a ``[speakers."LABEL"]`` table per speaker
        label and, for an event to read, ``transcript`` (relative to the TOML
        file's folder, or absolute); optionally ``event_id`` (default: the
        file name), ``title``, ``date``, ``short_title``, ``place``,
        ``venue`` and a ``[sources]`` table of urls. A roster written by
        ``python -m analysis roster`` has only what it knows.

    Returns
    -------
    Event

    Raises
    ------
    TranscriptError
        If the file cannot be read (see :func:`analysis.parsing.files.read_bytes`),
        is not UTF-8 or not TOML, lacks a required key or has one of the wrong
        type, or a roster entry is malformed (see :func:`load_roster`).

    Examples
    --------
    >>> event = load_event()
    >>> event.event_id
    '2023-01-11-us-japan-2plus2'
    """
    path = Path(path) if isinstance(path, (str, Path)) else path
    text = decode_utf8(read_bytes(path, what="event file"), path)
    path = Path(path)
    try:
        meta = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None)
        raise TranscriptError(f"not valid TOML ({error}); fix the syntax.", path=path, line=line) from None
    _check_event_keys(meta, path, text)
    transcript = None
    if "transcript" in meta:
        transcript = Path(meta["transcript"])
        if not transcript.is_absolute():
            transcript = path.resolve().parent / transcript
    return Event(
        event_id=meta.get("event_id", path.stem),
        title=meta.get("title", ""),
        date=meta.get("date"),
        transcript=transcript,
        roster=_roster_from_mapping(meta["speakers"], str(path), _toml_lines(text, meta["speakers"])),
        short_title=meta.get("short_title", ""),
        place=meta.get("place", ""),
        venue=meta.get("venue", ""),
        sources=dict(meta.get("sources", {})),
    )


def _read_csv_roster(path: Path) -> pd.DataFrame:
    """A roster CSV file (header ``speaker_label,speaker,office,role,delegation``), every line checked."""
    text = decode_utf8(read_bytes(path, what="roster"), path)
    reader = csv.reader(io.StringIO(text, newline=""))
    entries: dict[str, dict] = {}
    lines: dict[str, int] = {}
    header = None
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip() for cell in row]
                missing = [c for c in ("speaker_label", "role", "delegation") if c not in header]
                repeated = sorted({c for c in header if header.count(c) > 1})
                if missing or repeated:
                    problem = (
                        f"lacks column(s) {', '.join(missing)}"
                        if missing
                        else f"names column(s) {', '.join(repeated)} twice"
                    )
                    raise TranscriptError(
                        f"the header {problem}; the first line must be "
                        f"{','.join(ROSTER_COLUMNS)} (speaker and office may be left out).",
                        path=path,
                        line=reader.line_num,
                    )
                continue
            if len(row) != len(header):
                raise TranscriptError(
                    f"this line has {len(row)} field(s) and the header {len(header)}; quote a field "
                    'that holds a comma ("Blinken, Antony") and give every line all the columns.',
                    path=path,
                    line=reader.line_num,
                )
            entry = dict(zip(header, row, strict=True))
            label = entry.pop("speaker_label")
            if label in lines:
                raise TranscriptError(
                    f"label {label!r} is also on line {lines[label]}; keep one line per label.",
                    path=path,
                    line=reader.line_num,
                )
            lines[label] = reader.line_num
            if "speaker" in entry:
                entry["name"] = entry.pop("speaker") or None
            # An empty cell is no value: no delegation, no office.
            entries[label] = {key: (value if value != "" else None) for key, value in entry.items()}
    except csv.Error as error:
        raise TranscriptError(
            f"not a valid CSV file ({error}); fix the line.", path=path, line=reader.line_num
        ) from None
    if header is None:
        raise TranscriptError(
            f"the roster file is empty; write the header {','.join(ROSTER_COLUMNS)} and one line per label.",
            path=path,
            line=1,
        )
    for entry in entries.values():
        if entry.get("role") is None:
            entry["role"] = ""
    return _roster_from_mapping(entries, str(path), lines)


def load_roster(roster) -> pd.DataFrame:
    """Coerce any supported roster form to a roster table.

    Parameters
    ----------
    roster : Event, str, Path, Mapping or pandas.DataFrame
        An :class:`Event`; an event TOML file; a UTF-8 CSV file with the
        header ``speaker_label,speaker,office,role,delegation`` (``speaker``
        and ``office`` may be left out; an empty cell is no value); a mapping
        ``label -> {"name", "office", "role", "delegation"}``; or a table with
        those columns.

    Returns
    -------
    pandas.DataFrame
        Columns ``speaker_label, speaker, office, role, delegation``, one row
        per label (labels normalised: single spaces, invisible characters
        removed; see :func:`analysis.parsing.labels.normalize_label`).

    Raises
    ------
    TranscriptError
        If the file cannot be read or parsed, a label is not a non-empty
        string or is given twice (also when two spellings differ only in
        spaces or invisible characters), an entry lacks a role or delegation,
        has an unknown role, or a name, office or delegation that is not a
        string. The message names the file and, where it can, the line.
    """
    if isinstance(roster, Event):
        return roster.roster
    if isinstance(roster, (str, Path)):
        path = Path(roster)
        if path.suffix.lower() == ".csv":
            return _read_csv_roster(path)
        return load_event(path).roster
    if isinstance(roster, pd.DataFrame):
        check_table(
            roster,
            ["speaker_label", "role", "delegation"],
            "the roster table",
            producer="load_roster (columns speaker_label, speaker, office, role, delegation)",
            allow_empty=True,
            error=TranscriptError,
        )
        renamed = roster.rename(columns={"speaker": "name"})
        labels = renamed["speaker_label"].tolist()
        repeated = sorted({str(label) for label in labels if labels.count(label) > 1})
        if repeated:
            raise TranscriptError(
                f"roster table has label(s) {', '.join(map(repr, repeated))} on several rows; keep one row "
                "per label.",
                path="<roster table>",
            )
        entries = {
            label: {key: value for key, value in row.items() if key != "speaker_label"}
            for label, row in zip(labels, renamed.to_dict("records"), strict=True)
        }
        return _roster_from_mapping(entries, "<roster table>")
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


# Other spellings of the known delegations (compared case-insensitively).
_ALIASES = {
    "us": "US",
    "u.s.": "US",
    "usa": "US",
    "united states": "US",
    "japan": "Japan",
    "press": "press",
    "journalists": "press",
}


def canonical_delegation(delegation) -> str | None:
    """The standard code of a known delegation (``"US"``, ``"Japan"``, ``"press"``), else None.

    Parameters
    ----------
    delegation : str or missing

    Returns
    -------
    str or None

    Examples
    --------
    >>> canonical_delegation("U.S."), canonical_delegation("Canada")
    ('US', None)
    """
    if delegation is None or (not isinstance(delegation, str) and pd.isna(delegation)):
        return None
    return _ALIASES.get(str(delegation).strip().lower())


def delegation_order(delegations: Iterable) -> list:
    """Delegations in display order: U.S., Japan, others alphabetically, press last.

    Parameters
    ----------
    delegations : iterable of str
        Delegation names (duplicates and missing values allowed).

    Returns
    -------
    list of str
        The distinct names, missing values dropped.

    Examples
    --------
    >>> delegation_order(["press", "Japan", "US", "Japan"])
    ['US', 'Japan', 'press']
    """
    names = list(dict.fromkeys(d for d in delegations if isinstance(d, str)))
    rank = {"US": 0, "Japan": 1, "press": 3}
    return sorted(names, key=lambda d: (rank.get(canonical_delegation(d), 2), str(d)))
