"""Who is who across events: the person registry.

``data/people.toml`` (schema and the rules it follows in its header comment;
how it was made in ``data/README.md``) lists every person who speaks under a
non-generic speaker label in the bundled corpora: a stable ``id``, the
canonical ``name`` (Japanese, Korean, Chinese, Vietnamese and Cambodian names
family name first: "Hayashi Yoshimasa"), the ``delegation`` the person speaks
for, the name ``variants`` printed in page titles, every speaker ``label`` the
person speaks under, and the ``offices`` held (with dates where certain).

:func:`load_people` reads it into a :class:`Registry`, which

* resolves a speaker label to one person (:meth:`Registry.resolve`): labels
  are compared accent-, case-, period- and hyphen-insensitively
  (``MR. PRICE`` = ``MR PRICE``, ``ÇAVUŞOĞLU`` = ``CAVUSOGLU``). When two
  people share such a label (``FOREIGN MINISTER AL-SABAH`` and ``FOREIGN
  MINISTER AL SABAH`` are two Kuwaiti foreign ministers; ``MR GOLDMAN`` and
  ``MR. GOLDMAN`` two different men) the page title decides (the one whose
  name it prints), then the date (the one in office that day, where offices
  carry dates), then the label exactly as printed; if none of these settles
  it, the label stays unresolved. A label that names nobody (``THE
  PRESIDENT``) resolves only on a date inside the person's dated office;
* finds a person by any form of the name (:meth:`Registry.by_name`): accent-,
  case- and order-insensitive, so "Yoshimasa Hayashi", "Hayashi Yoshimasa"
  and "HAYASHI Yoshimasa" are one person.

:func:`analysis.parsing.delegations.infer_roster` uses the registry before its
rules (``resolved_by = "registry"``). The registry was written from the
bundled corpora: on them, resolution by registry is in-sample by construction
(README, "People").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .. import paths
from ..exceptions import RegistryError
from .labels import normalize_label
from .text import fold

__all__ = [
    "REGISTRY_COLUMNS",
    "Office",
    "Person",
    "Registry",
    "as_date",
    "label_key",
    "load_people",
    "name_key",
]

#: Columns of :meth:`Registry.table`.
REGISTRY_COLUMNS = ["id", "name", "delegation", "label", "office", "start", "end"]

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PERSON_KEYS = {"id", "name", "delegation", "variants", "labels", "offices"}
_OFFICE_KEYS = {"office", "start", "end"}


def label_key(label: str) -> str:
    """The form in which speaker labels are compared.

    Upper case, accents dropped, periods and backticks dropped, hyphens and
    runs of white space made one space.

    Parameters
    ----------
    label : str

    Returns
    -------
    str

    Examples
    --------
    >>> label_key("Mr. Price"), label_key("FOREIGN MINISTER ÇAVUŞOĞLU"), label_key("AL-SABAH")
    ('MR PRICE', 'FOREIGN MINISTER CAVUSOGLU', 'AL SABAH')
    """
    folded = fold(label).replace(".", "").replace("`", "").replace("-", " ")
    return " ".join(folded.split())


def name_key(name: str) -> tuple[str, ...]:
    """The form in which names are compared: accent-, case- and order-insensitive.

    Parameters
    ----------
    name : str

    Returns
    -------
    tuple of str
        The name's words, folded to upper case without accents or periods,
        hyphens splitting words, sorted.

    Examples
    --------
    >>> name_key("Yoshimasa Hayashi") == name_key("HAYASHI Yoshimasa")
    True
    >>> name_key("Mevlüt Çavuşoğlu") == name_key("Mevlut Cavusoglu")
    True
    """
    folded = re.sub(r"[^\w']+", " ", fold(name).replace(".", "").replace("\u2019", "'"))
    return tuple(sorted(folded.split()))


def as_date(value) -> date | None:
    """A ``datetime.date`` from a date, a timestamp, an ISO string or nothing.

    Parameters
    ----------
    value : datetime.date, datetime.datetime, pandas.Timestamp, str or None

    Returns
    -------
    datetime.date or None
        ``None`` for ``None``, ``NaT`` or an empty string.

    Raises
    ------
    RegistryError
        For a string that is not an ISO date, or another type.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise RegistryError(f"{value!r} is not an ISO date (YYYY-MM-DD).") from None
    raise RegistryError(f"a date must be a date, a timestamp or an ISO string, not {type(value).__name__}.")


@dataclass(frozen=True)
class Office:
    """An office a person held when speaking in the corpora.

    Attributes
    ----------
    office : str
    start, end : datetime.date or None
        Given only where certain.
    """

    office: str
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        """The office has a start or an end date."""
        return self.start is not None or self.end is not None

    def held_on(self, day: date) -> bool:
        """The day falls within the office's dates (an open end counts as held)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    """One person of the registry.

    Attributes
    ----------
    id : str
        Stable slug of the canonical name.
    name : str
        Canonical name.
    delegation : str
        The side the person speaks for (``"US"``, ``"Japan"``, ``"press"``,
        ...; ``"unknown"`` when no source says).
    variants : tuple of str
        The canonical name first, then other printed forms.
    labels : tuple of str
        Speaker labels, as printed (normalised).
    offices : tuple of Office
    """

    id: str
    name: str
    delegation: str
    variants: tuple[str, ...]
    labels: tuple[str, ...]
    offices: tuple[Office, ...]

    def office_on(self, day=None) -> str:
        """The office held on ``day``: the dated office covering it, else the one undated office.

        Parameters
        ----------
        day : date, Timestamp, ISO str or None

        Returns
        -------
        str
            Several offices and no way to choose: all of them, "; "-joined.
        """
        day = as_date(day)
        if day is not None:
            covering = [o for o in self.offices if o.dated and o.held_on(day)]
            if len(covering) == 1:
                return covering[0].office
        if len(self.offices) == 1:
            return self.offices[0].office
        return "; ".join(o.office for o in self.offices)

    def in_office_on(self, day: date) -> bool:
        """A dated office of the person covers ``day``."""
        return any(o.dated and o.held_on(day) for o in self.offices)


def _dates_of(entry_name: str, office: dict, source: str) -> tuple[date | None, date | None]:
    bounds = []
    for key in ("start", "end"):
        value = office.get(key)
        if value is not None and not (isinstance(value, date) and not isinstance(value, datetime)):
            raise RegistryError(f"{source}: person {entry_name!r}: office {key} {value!r} is not a date.")
        bounds.append(value)
    if bounds[0] is not None and bounds[1] is not None and bounds[0] > bounds[1]:
        raise RegistryError(f"{source}: person {entry_name!r}: office starts after it ends.")
    return bounds[0], bounds[1]


def _person(entry, number: int, source: str) -> Person:
    if not isinstance(entry, dict):
        raise RegistryError(f"{source}: [[person]] number {number} is not a table.")
    who = entry.get("id") or entry.get("name") or f"number {number}"
    missing = sorted(_PERSON_KEYS - set(entry))
    if missing:
        raise RegistryError(
            f"{source}: person {who!r} lacks {', '.join(missing)}; see the schema in the header."
        )
    unknown = sorted(set(entry) - _PERSON_KEYS)
    if unknown:
        raise RegistryError(f"{source}: person {who!r} has unknown key(s) {', '.join(unknown)}.")
    for key in ("id", "name", "delegation"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise RegistryError(f"{source}: person {who!r}: {key} must be a non-empty string.")
    if not _ID.match(entry["id"]):
        raise RegistryError(
            f"{source}: person {who!r}: id must be a lower-case ASCII slug (a-z, 0-9, hyphens)."
        )
    for key in ("variants", "labels", "offices"):
        if not isinstance(entry[key], list) or not entry[key]:
            raise RegistryError(f"{source}: person {who!r}: {key} must be a non-empty list.")
    if not all(isinstance(v, str) and v.strip() for v in [*entry["variants"], *entry["labels"]]):
        raise RegistryError(f"{source}: person {who!r}: variants and labels must be non-empty strings.")
    if entry["variants"][0] != entry["name"]:
        raise RegistryError(f"{source}: person {who!r}: the first variant must be the canonical name.")
    offices = []
    for office in entry["offices"]:
        if not isinstance(office, dict) or not isinstance(office.get("office"), str):
            raise RegistryError(f"{source}: person {who!r}: each [[person.offices]] needs an office string.")
        extra = sorted(set(office) - _OFFICE_KEYS)
        if extra:
            raise RegistryError(f"{source}: person {who!r}: unknown office key(s) {', '.join(extra)}.")
        offices.append(Office(office["office"], *_dates_of(who, office, source)))
    return Person(
        id=entry["id"],
        name=entry["name"],
        delegation=entry["delegation"],
        variants=tuple(entry["variants"]),
        labels=tuple(normalize_label(label) for label in entry["labels"]),
        offices=tuple(offices),
    )


class Registry:
    """Persons indexed by speaker label and by name.

    Parameters
    ----------
    persons : iterable of Person
    source : str, default="<registry>"
        Name used in error messages.

    Raises
    ------
    RegistryError
        For two persons with one id, one printed label listed for two
        persons, or one name variant listed for two persons.

    Examples
    --------
    >>> people = load_people()
    >>> people.resolve("FOREIGN MINISTER HAYASHI").name
    'Hayashi Yoshimasa'
    >>> people.by_name("Yoshimasa Hayashi").id
    'hayashi-yoshimasa'
    """

    def __init__(self, persons: Iterable[Person], source: str = "<registry>"):
        self.source = source
        self.persons: tuple[Person, ...] = tuple(persons)
        self._by_id: dict[str, Person] = {}
        self._by_label: dict[str, list[Person]] = {}
        self._by_name: dict[tuple[str, ...], Person] = {}
        printed: dict[str, str] = {}
        for person in self.persons:
            if person.id in self._by_id:
                raise RegistryError(f"{source}: id {person.id!r} is used by two persons; ids must be unique.")
            self._by_id[person.id] = person
            for label in person.labels:
                if label in printed and printed[label] != person.id:
                    raise RegistryError(
                        f"{source}: label {label!r} is listed for {printed[label]!r} and {person.id!r}; "
                        "a printed label must belong to one person."
                    )
                printed[label] = person.id
                bucket = self._by_label.setdefault(label_key(label), [])
                if person not in bucket:
                    bucket.append(person)
            for variant in person.variants:
                key = name_key(variant)
                other = self._by_name.get(key)
                if other is not None and other.id != person.id:
                    raise RegistryError(
                        f"{source}: name {variant!r} of {person.id!r} is also a name of {other.id!r}; "
                        "one name, one person (merge the entries)."
                    )
                self._by_name[key] = person

    def __len__(self) -> int:
        return len(self.persons)

    def __iter__(self) -> Iterator[Person]:
        return iter(self.persons)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._by_id

    def __repr__(self) -> str:
        return f"Registry({len(self)} persons from {self.source})"

    def person(self, person_id: str) -> Person:
        """The person with this id.

        Raises
        ------
        KeyError
            If no person has it.
        """
        return self._by_id[person_id]

    def by_name(self, name: str) -> Person | None:
        """The person with this name or name variant (accent-, case- and order-insensitive), or None."""
        return self._by_name.get(name_key(name))

    def candidates(self, label: str) -> list[Person]:
        """Every person listed under ``label`` (compared with :func:`label_key`)."""
        return list(self._by_label.get(label_key(label), ()))

    def ambiguous_labels(self) -> dict[str, list[str]]:
        """Label keys shared by several persons → their ids (these need a title or a date)."""
        return {key: [p.id for p in people] for key, people in self._by_label.items() if len(people) > 1}

    def resolve(self, label: str, *, title: str = "", date=None) -> Person | None:
        """The one person a speaker label stands for at an event, or None.

        Parameters
        ----------
        label : str
            A speaker label as printed.
        title : str, default=""
            The page title: among several persons under one label, the one
            whose name (a variant) it prints.
        date : date, Timestamp, ISO str or None
            The event's day: among several persons, the one whose dated
            office covers it; a label that names nobody (``THE PRESIDENT``)
            needs it.

        Returns
        -------
        Person or None
            None when no person, or more than one that nothing tells apart.
        """
        found = self.candidates(label)
        if not found:
            return None
        day = as_date(date)
        key = label_key(label)
        if key.startswith("THE "):
            # "THE PRESIDENT" names an office, not a person: whoever held it that day.
            if day is None:
                return None
            found = [p for p in found if p.in_office_on(day)]
            return found[0] if len(found) == 1 else None
        if len(found) == 1:
            return found[0]
        if title:
            words = set(name_key(title))
            named = [p for p in found if any(_names_in(v, words) for v in p.variants)]
            if len(named) == 1:
                return named[0]
            found = named or found
        if day is not None:
            in_office = [p for p in found if p.in_office_on(day)]
            if len(in_office) == 1:
                return in_office[0]
        printed = normalize_label(label).upper()
        exact = [p for p in found if printed in p.labels]
        return exact[0] if len(exact) == 1 else None

    def table(self) -> pd.DataFrame:
        """One row per person × label, columns :data:`REGISTRY_COLUMNS` (the first office's dates)."""
        rows = [
            {
                "id": p.id,
                "name": p.name,
                "delegation": p.delegation,
                "label": label,
                "office": p.office_on(),
                "start": p.offices[0].start,
                "end": p.offices[-1].end,
            }
            for p in self.persons
            for label in p.labels
        ]
        return pd.DataFrame(rows, columns=REGISTRY_COLUMNS)


def _names_in(variant: str, title_words: set[str]) -> bool:
    """All words of a name of at least two words occur in the title."""
    words = name_key(variant)
    return len(words) >= 2 and set(words) <= title_words


def _read(path: Path) -> Registry:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(f"{path}: person registry not found; check the path.") from None
    except UnicodeDecodeError as error:
        raise RegistryError(f"{path}: not UTF-8 ({error}); re-save the file as UTF-8.") from None
    except tomllib.TOMLDecodeError as error:
        raise RegistryError(f"{path}: not valid TOML ({error}); fix the syntax.") from None
    entries = data.get("person")
    if not isinstance(entries, list) or not entries:
        raise RegistryError(f"{path}: no [[person]] entry; see data/people.toml for the format.")
    return Registry((_person(entry, i, str(path)) for i, entry in enumerate(entries, 1)), source=str(path))


@lru_cache(maxsize=8)
def _cached(path: str, mtime_ns: int, size: int) -> Registry:
    return _read(Path(path))


def load_people(path: str | Path | None = None) -> Registry:
    """Read a person registry.

    Parameters
    ----------
    path : str or Path, optional
        A TOML file in the format of ``data/people.toml`` (its header gives
        the schema). Defaults to :data:`analysis.paths.PEOPLE`.

    Returns
    -------
    Registry
        Read once per file version (cached; the file's size and modification
        time are the cache key).

    Raises
    ------
    RegistryError
        If the file is missing or not TOML, an entry lacks a key or has a
        bad value (the message names the entry), two entries share an id, a
        printed label or a name.

    Examples
    --------
    >>> people = load_people()
    >>> len(people)
    372
    >>> nelson = people.resolve("MR NELSON")
    >>> nelson.name, nelson.delegation, nelson.office_on("2023-01-13")
    ('Bill Nelson', 'US', 'NASA Administrator')
    """
    path = Path(paths.PEOPLE if path is None else path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise RegistryError(f"{path}: person registry not found; check the path.") from None
    return _cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
