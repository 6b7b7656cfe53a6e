"""Events and speaker rosters: who each speaker label is.

An event file (TOML, like ``data/events/*.toml``) holds an event's metadata
and its roster: for each printed speaker label, the person's canonical name,
office, role (``principal``, ``moderator``, ``press``, ``interpreter``) and
delegation. :func:`load_event` reads one; :func:`load_roster` turns any
supported roster form into one table; :func:`default_speaker` gives the
event-independent meaning of generic labels (QUESTION, MODERATOR, ...).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from .. import paths
from .._validation import check_table
from ..exceptions import TranscriptError
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
                "speaker_label": normalize_label(label),
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
        check_table(
            roster,
            ["speaker_label", "role", "delegation"],
            "the roster table",
            producer="load_roster (columns speaker_label, speaker, office, role, delegation)",
            allow_empty=True,
            error=TranscriptError,
        )
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
