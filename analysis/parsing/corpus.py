"""The corpora: State Department and White House pages, their metadata, their paragraphs.

Two sources (provenance in ``data/README.md``):

``"state"``
    The State Department "Remarks" corpus (``data/raw/state-gov-remarks-2021-2023/``):
    three overlapping JSON lists of pages ``{url, title, speaker, audience,
    location, date, content}``, de-duplicated by ``url`` (the first file in
    name order wins; the copies are identical).
``"whitehouse"``
    The White House transcripts (``data/raw/whitehouse-2021-2025/``): one
    Markdown file per page with YAML front matter, and ``MANIFEST.csv`` giving
    each file's ``class`` (joint press conference, spray, press briefing...).
    The same event printed twice is kept once (:func:`duplicate_pages`).

:func:`load_corpus` returns one row per page with cleaned metadata and its
``source`` (the State Department corpus alone by default;
``load_corpus(sources=SOURCES)`` or :func:`load_corpora` for both). A page is
*transcript-style* when it holds at least one speaker label
(``SECRETARY BLINKEN:``, a White House ``Q``); the others are prepared
speeches, statements and notices.

:func:`read_corpus` parses every transcript-style page into one paragraph
table (the columns of :func:`analysis.parse_transcript`, keyed by
``event_id``). Speakers are resolved by a hand-written roster where one exists
(an event file whose ``sources.official`` is the page's url: a roster file
always wins) and by :func:`analysis.delegations.infer_roster` everywhere else.
:func:`parse_report` says, page by page, what parsed and what did not.
"""

from __future__ import annotations

import csv
import json
import re
import warnings
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .. import paths
from .._validation import check_table
from ..exceptions import CorpusError, TranscriptError, TranscriptWarning
from .delegations import infer_roster
from .formats import clean_markdown, page_metadata, split_paragraphs, strip_notes
from .labels import label_of, normalize_label, normalized_lines
from .roster import Event, load_event, load_roster
from .text import normalize_text, strip_stage_directions, tokenize
from .transcript import paragraph_frame, parse_columns, parse_transcript

__all__ = [
    "CORPUS_COLUMNS",
    "CORPUS_FILES",
    "REPORT_COLUMNS",
    "SOURCES",
    "WHITEHOUSE_KINDS",
    "corpus_rosters",
    "duplicate_pages",
    "events_with",
    "load_corpora",
    "load_corpus",
    "parse_report",
    "read_corpus",
    "roster_files",
]

#: The three files of the corpus, in the order they are read.
CORPUS_FILES = ("remarks-page1.json", "remarks-page19.json", "remarks-page8.json")

CORPUS_COLUMNS = [
    "event_id",
    "url",
    "date",
    "title",
    "location",
    "venue",
    "page_speaker",
    "kind",
    "transcript_style",
    "n_labels",
    "content",
    "source",
]

#: The corpora :func:`load_corpus` reads, by name.
SOURCES = ("state", "whitehouse")
_SOURCE_DIRS = {"state": paths.CORPUS_DIR, "whitehouse": paths.WHITEHOUSE_DIR}

#: The ``kind`` of a White House page: its ``class`` in the folder's ``MANIFEST.csv``.
WHITEHOUSE_KINDS = (
    "joint_press_conference",
    "press_conference",
    "joint_statements_no_q",
    "spray",
    "press_briefing",
    "press_gaggle",
    "other",
)

REPORT_COLUMNS = [
    "event_id",
    "url",
    "date",
    "kind",
    "transcript_style",
    "status",
    "error",
    "n_paragraphs",
    "n_turns",
    "n_words",
    "n_labels",
    "n_unresolved_labels",
    "unresolved_labels",
    "n_unresolved_paragraphs",
    "n_preamble_paragraphs",
    "n_unattributed_paragraphs",
    "n_unattributed_words",
    "roster_source",
    "source",
    "warnings",
]

_KINDS = (
    (
        "joint press availability",
        re.compile(r"joint press (?:availability|conference)|joint remarks to the press"),
    ),
    (
        "press availability",
        re.compile(r"press (?:availability|conference)|remarks to (?:the |traveling )?press"),
    ),
    ("before meeting", re.compile(r"before (?:their|the|a|our) (?:meeting|bilateral)")),
    ("interview", re.compile(r"interview|conversation with|podcast")),
)


# A preamble line of at most this many words and no sentence punctuation is a place line.
_PLACE_LINE_WORDS = 8


def _clean(value) -> str | None:
    if not isinstance(value, str):
        return None
    cleaned = re.sub(r"\s+", " ", normalize_text(value)).strip()
    return cleaned or None


def _kind(title: str | None) -> str:
    lowered = (title or "").lower()
    for name, pattern in _KINDS:
        if pattern.search(lowered):
            return name
    return "remarks"


def _slug(url: str, limit: int = 60) -> str:
    slug = url.rstrip("/").rsplit("/", 1)[-1].lower()
    slug = re.sub(r"[^a-z0-9-]+", "-", slug).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "page"


def _count_labels(content: str | None) -> int:
    if not content:
        return 0
    labels = set()
    for line in content.split("\n"):
        found = label_of(line)
        if found is not None:
            labels.add(re.sub(r"\s+", " ", found[0].replace("\u00a0", " ")).strip())
    return len(labels)


def load_corpus(path: str | Path | None = None, *, sources=None) -> pd.DataFrame:
    """One row per page of a corpus, de-duplicated.

    Parameters
    ----------
    path : str or Path, optional
        A folder holding the State Department JSON files or one such file;
        or a folder of White House Markdown files (with or without
        ``MANIFEST.csv``). Defaults to the bundled corpora of ``sources``.
    sources : str or sequence of str, optional
        Bundled corpora to read when ``path`` is None, among :data:`SOURCES`;
        default ``("state",)``, the State Department corpus alone.
        ``sources=("state", "whitehouse")`` reads both into one table.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``date`` then ``url``, with columns

        - ``event_id`` : str, unique, ``"{date}-{slug of the url}"`` (at most
          60 characters of slug; ``"undated-..."`` without a date)
        - ``url`` : str, unique (a White House page's ``source_url``)
        - ``date`` : datetime64, the day of the event (``NaT`` for the three
          State records that hold only a url)
        - ``title`` : str, white space collapsed, quotes straightened
        - ``location`` : str, e.g. "London, United Kingdom" (may be missing)
        - ``venue`` : str, the page's ``audience`` field, e.g. "Treaty Room"
          (White House: the first place line, e.g. "Rose Garden")
        - ``page_speaker`` : str, the page's ``speaker`` field (State only)
        - ``kind`` : str; State pages, from the title: "joint press
          availability", "press availability", "before meeting", "interview"
          or "remarks"; White House pages, the ``class`` of ``MANIFEST.csv``
          (:data:`WHITEHOUSE_KINDS`)
        - ``transcript_style`` : bool, the page has speaker labels
        - ``n_labels`` : int, distinct speaker labels (a White House ``Q``
          counts as one)
        - ``content`` : str, the page text as stored (missing for 3 records;
          a White House page's whole file, front matter included)
        - ``source`` : str, ``"state"`` or ``"whitehouse"``

    Raises
    ------
    CorpusError
        If the folder holds no JSON or Markdown file, a file is not a JSON
        list of records with a ``url``, a Markdown file is not UTF-8 or its
        front matter cannot be read (the message names the file and line),
        or ``sources`` names an unknown corpus.

    Examples
    --------
    >>> corpus = load_corpus()
    >>> len(corpus), int(corpus["transcript_style"].sum())
    (569, 557)
    >>> both = load_corpus(sources=("state", "whitehouse"))
    >>> both["source"].value_counts().to_dict()
    {'state': 569, 'whitehouse': 144}
    """
    if path is not None:
        path = Path(path)
        table = _load_whitehouse(path) if _is_whitehouse(path) else _load_state(path)
        return _finish([table])
    if sources is None:
        sources = ("state",)
    sources = [sources] if isinstance(sources, str) else list(sources)
    unknown = [name for name in sources if name not in SOURCES]
    if unknown or not sources:
        raise CorpusError(
            f"unknown source(s) {', '.join(map(repr, unknown)) or '(none)'}; use some of "
            f"{', '.join(map(repr, SOURCES))}."
        )
    loaders = {"state": _load_state, "whitehouse": _load_whitehouse}
    return _finish([loaders[name](_SOURCE_DIRS[name]) for name in dict.fromkeys(sources)])


def load_corpora() -> pd.DataFrame:
    """Both bundled corpora in one table: ``load_corpus(sources=SOURCES)``.

    Returns
    -------
    pandas.DataFrame
        See :func:`load_corpus`.
    """
    return load_corpus(sources=SOURCES)


def _is_whitehouse(path: Path) -> bool:
    if path.is_dir():
        return (path / "MANIFEST.csv").exists() or (not any(path.glob("*.json")) and any(path.rglob("*.md")))
    return path.suffix.lower() == ".md"


def _load_state(path: Path) -> pd.DataFrame:
    if path.is_dir():
        files = [path / name for name in CORPUS_FILES if (path / name).exists()]
        files += sorted(f for f in path.glob("*.json") if f.name not in CORPUS_FILES)
    elif path.is_file():
        files = [path]
    else:
        raise CorpusError(
            f"{path}: no such file or folder; pass the corpus folder (analysis.paths.CORPUS_DIR)."
        )
    if not files:
        raise CorpusError(f"{path}: no .json file in this folder; pass the corpus folder.")
    records: dict[str, dict] = {}
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CorpusError(f"{file}: not a UTF-8 JSON file ({error}).") from None
        if not isinstance(data, list) or not all(isinstance(r, Mapping) and "url" in r for r in data):
            raise CorpusError(f"{file}: expected a JSON list of records, each with a 'url'.")
        for record in data:
            records.setdefault(record["url"], dict(record))
    rows = []
    for url, record in records.items():
        title = _clean(record.get("title"))
        content = record.get("content") if isinstance(record.get("content"), str) else None
        n_labels = _count_labels(content)
        rows.append(
            {
                "url": url,
                "date": pd.to_datetime(record.get("date"), format="%B %d, %Y", errors="coerce"),
                "title": title,
                "location": _clean(record.get("location")),
                "venue": _clean(record.get("audience")),
                "page_speaker": _clean(record.get("speaker")),
                "kind": _kind(title),
                "transcript_style": n_labels > 0,
                "n_labels": n_labels,
                "content": content,
                "source": "state",
            }
        )
    return _with_ids(pd.DataFrame(rows))


def _with_ids(table: pd.DataFrame, taken: set | None = None) -> pd.DataFrame:
    """Sort by date and url and give each page a unique ``event_id``."""
    table["date"] = pd.to_datetime(table["date"])
    table = table.sort_values(["date", "url"], na_position="last", kind="stable").reset_index(drop=True)
    ids, seen = [], set() if taken is None else set(taken)
    for date, url in zip(table["date"], table["url"], strict=True):
        stem = f"{date:%Y-%m-%d}-{_slug(url)}" if pd.notna(date) else f"undated-{_slug(url)}"
        candidate, n = stem, 1
        while candidate in seen:
            n += 1
            candidate = f"{stem}-{n}"
        seen.add(candidate)
        ids.append(candidate)
    table.insert(0, "event_id", ids)
    return table


def _finish(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """One table of one or more sources: unique ids across sources, sorted, typed."""
    taken: set[str] = set()
    for i, table in enumerate(tables):
        if i and taken & set(table["event_id"]):
            tables[i] = table = _with_ids(table.drop(columns="event_id"), taken)
        taken |= set(table["event_id"])
    table = pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]
    if len(tables) > 1:
        table = table.sort_values(["date", "url"], na_position="last", kind="stable").reset_index(drop=True)
    for column in (
        "event_id", "url", "title", "location", "venue", "page_speaker", "kind", "content", "source",
    ):  # fmt: skip
        table[column] = table[column].astype("str")
    table["n_labels"] = table["n_labels"].astype("int64")
    table["transcript_style"] = table["transcript_style"].astype(bool)
    table["date"] = table["date"].astype("datetime64[us]")  # one resolution, whatever the source
    return table[CORPUS_COLUMNS]


def _read_manifest(folder: Path) -> dict[str, dict]:
    manifest = folder / "MANIFEST.csv"
    if not manifest.exists():
        return {}
    with manifest.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if rows and "path" not in rows[0]:
        raise CorpusError(f"{manifest}: expected a 'path' column (and 'class'); check the file.")
    return {row["path"]: row for row in rows}


def _load_whitehouse(path: Path) -> pd.DataFrame:
    if path.is_file():
        folder, files = path.parent, [path]
    elif path.is_dir():
        folder = path
        manifest = _read_manifest(folder)
        files = [folder / name for name in manifest] if manifest else sorted(folder.rglob("*.md"))
        files = [file for file in files if file.name != "README.md"]
    else:
        raise CorpusError(
            f"{path}: no such file or folder; pass the corpus folder (analysis.paths.WHITEHOUSE_DIR)."
        )
    if not files:
        raise CorpusError(f"{path}: no .md file in this folder; pass the White House corpus folder.")
    manifest = _read_manifest(folder)
    rows = []
    for file in files:
        try:
            text = file.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise CorpusError(f"{file}: listed in MANIFEST.csv but missing; restore the file.") from None
        except UnicodeDecodeError as error:
            raise CorpusError(f"{file}: not a UTF-8 file ({error}).") from None
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        try:
            meta = page_metadata(text, source=str(file), format="whitehouse")
        except TranscriptError as error:
            raise CorpusError(str(error)) from None
        labels = {
            normalize_label(paragraph.label)
            for paragraph in split_paragraphs(text, "whitehouse", source=str(file))
            if paragraph.kind == "label"
        }
        entry = manifest.get(file.relative_to(folder).as_posix(), {})
        date = meta["date"] if meta["date"] is not None else entry.get("date")
        rows.append(
            {
                "url": meta["source_url"] or entry.get("source_url") or file.relative_to(folder).as_posix(),
                "date": pd.to_datetime(date, errors="coerce"),
                "title": _clean(meta["title"]),
                "location": _clean(meta["location"]),
                "venue": _clean(meta["venue"]),
                "page_speaker": None,
                "kind": entry.get("class") or "other",
                "transcript_style": bool(labels),
                "n_labels": len(labels),
                "content": text,
                "source": "whitehouse",
            }
        )
    table = pd.DataFrame(rows).drop_duplicates("url")
    dropped = duplicate_pages(table)
    table = table.loc[~table["url"].isin(dropped["dropped_url"])]
    return _with_ids(table.reset_index(drop=True))


def _title_key(title) -> str:
    text = normalize_text(title) if isinstance(title, str) else ""
    text = re.sub(r"^\s*corrected\s*:\s*", "", text, flags=re.IGNORECASE)
    return " ".join(text.casefold().split())


def duplicate_pages(table: pd.DataFrame) -> pd.DataFrame:
    """Pages that print the same event as another page, and which one is kept.

    The rule: two pages of one date whose titles are equal once a leading
    "CORRECTED:" is removed (and case, spaces and quotes are normalised) are
    the same event; the corrected page is kept (else the first by url). In the
    bundled White House corpus this drops the original of the 2022-03-10
    Harris–Duda joint press conference and keeps its "CORRECTED:" reprint.

    Parameters
    ----------
    table : pandas.DataFrame
        Pages with ``url``, ``date`` and ``title`` columns.

    Returns
    -------
    pandas.DataFrame
        One row per page dropped, with columns ``date``, ``title_key`` (the
        normalised title), ``kept_url`` and ``dropped_url``.

    Examples
    --------
    >>> import pandas as pd
    >>> pages = pd.DataFrame({"url": ["a", "b"], "date": ["2022-03-10"] * 2,
    ...                       "title": ["CORRECTED: Remarks by X", "Remarks by X"]})
    >>> duplicate_pages(pages)[["kept_url", "dropped_url"]].values.tolist()
    [['a', 'b']]
    """
    check_table(
        table, ["url", "date", "title"], "duplicate_pages", producer="load_corpus()", allow_empty=True
    )
    rows = []
    keys = pd.DataFrame(
        {
            "url": table["url"].to_numpy(),
            "date": pd.to_datetime(table["date"]).to_numpy(),
            "title_key": [_title_key(title) for title in table["title"]],
            "corrected": [
                bool(re.match(r"\s*corrected\s*:", title, re.IGNORECASE)) if isinstance(title, str) else False
                for title in table["title"]
            ],
        }
    )
    keys = keys.loc[keys["title_key"] != ""]
    for (date, title_key), group in keys.groupby(["date", "title_key"], sort=True):
        if len(group) < 2:
            continue
        group = group.sort_values(["corrected", "url"], ascending=[False, True], kind="stable")
        kept = group["url"].iloc[0]
        for url in group["url"].iloc[1:]:
            rows.append({"date": date, "title_key": title_key, "kept_url": kept, "dropped_url": url})
    return pd.DataFrame(rows, columns=["date", "title_key", "kept_url", "dropped_url"])


def roster_files(rosters=None) -> dict[str, Event]:
    """Hand-written rosters, keyed by the url of the page they describe.

    Parameters
    ----------
    rosters : str, Path, iterable of them, or Mapping, optional
        A folder of event TOML files (each with ``sources.official``, the
        page's url), a list of event files or folders, or a mapping
        ``url -> roster`` (any form :func:`analysis.load_roster` reads).
        Defaults to :data:`analysis.paths.EVENTS_DIR`.

    Returns
    -------
    dict
        ``url -> Event or roster``; urls without their trailing slash.

    Examples
    --------
    >>> sorted(e.event_id for e in roster_files().values())
    ['2023-01-11-us-japan-2plus2']
    """
    if rosters is None:
        rosters = [paths.EVENTS_DIR]
    if isinstance(rosters, Mapping):
        return {str(url).rstrip("/"): roster for url, roster in rosters.items()}
    if isinstance(rosters, (str, Path)):
        rosters = [rosters]
    found: dict[str, Event] = {}
    for item in rosters:
        item = Path(item)
        files = sorted(item.glob("*.toml")) if item.is_dir() else [item]
        for file in files:
            event = load_event(file)
            url = event.sources.get("official")
            if url:
                found[url.rstrip("/")] = event
    return found


def _preamble(content: str, format: str = "state") -> tuple[int, int, int]:
    """``(paragraphs, unattributed paragraphs, their words)`` before the first label.

    A short line without sentence punctuation ("Israel Presidency",
    "Ministry of Foreign Affairs, Jerusalem") is a place line, not speech. On
    a White House page, venue, place, date and time lines come before the
    first label ("James S. Brady Press Briefing Room", "Tokyo, Japan"): a
    preamble paragraph is speech when one of its lines holds more than 8
    words and ends a sentence.
    """
    if format == "whitehouse":
        return _whitehouse_preamble(content)
    n_paragraphs = n_unattributed = n_words = 0
    for _, line, normalized in normalized_lines(content.replace("\r\n", "\n")):
        if label_of(line, normalized) is not None:
            break
        n_paragraphs += 1
        text = strip_stage_directions(normalized)
        words = len(tokenize(text))
        if words > _PLACE_LINE_WORDS or (words and re.search(r"[.?!:;]", text)):
            n_unattributed += 1
            n_words += words
    return n_paragraphs, n_unattributed, n_words


def _whitehouse_preamble(content: str) -> tuple[int, int, int]:
    n_paragraphs = n_unattributed = n_words = 0
    for paragraph in split_paragraphs(content, "whitehouse"):
        if paragraph.kind == "label":
            break
        if paragraph.kind == "marker":
            continue
        n_paragraphs += 1
        text = strip_notes(strip_stage_directions(clean_markdown(normalize_text(paragraph.text))))
        words = len(tokenize(text))
        if re.search(r"[.?!]\W*$", text) and words > _PLACE_LINE_WORDS:
            n_unattributed += 1
            n_words += words
    return n_paragraphs, n_unattributed, n_words


def _parse_page(page: dict, roster) -> tuple[dict | None, dict]:
    """Parse one page into column lists; never raises (the error goes into the report row)."""
    report = {
        "event_id": page["event_id"],
        "url": page["url"],
        "date": page["date"],
        "kind": page["kind"],
        "transcript_style": page["transcript_style"],
        "status": "parsed",
        "error": None,
        "n_paragraphs": 0,
        "n_turns": 0,
        "n_words": 0,
        "n_labels": page["n_labels"],
        "n_unresolved_labels": 0,
        "unresolved_labels": "",
        "n_unresolved_paragraphs": 0,
        "n_preamble_paragraphs": 0,
        "n_unattributed_paragraphs": 0,
        "n_unattributed_words": 0,
        "roster_source": "file" if roster is not None else "inferred",
        "source": page.get("source", "state"),
        "warnings": "",
    }
    content = page["content"]
    if not isinstance(content, str) or not content.strip():
        report.update(status="no content", roster_source=None)
        return None, report
    if not page["transcript_style"]:
        report.update(status="not a transcript", roster_source=None)
        return None, report
    title = page["title"] if isinstance(page["title"], str) else ""
    location = page["location"] if isinstance(page["location"], str) else ""
    format = "whitehouse" if report["source"] == "whitehouse" else "state"
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", TranscriptWarning)
            columns = parse_columns(
                content,
                roster="infer" if roster is None else roster,
                event_id=page["event_id"],
                source=page["url"],
                title=title,
                location=location,
                format=format,
                date=page["date"],
            )
    except TranscriptError as error:
        report.update(status="error", error=str(error))
        return None, report
    found = [warning.message for warning in caught if isinstance(warning.message, TranscriptWarning)]
    report["warnings"] = "; ".join(
        f"line{'s' if len(warning.lines) > 1 else ''} {', '.join(map(str, warning.lines))}: {warning.message}"
        for warning in found
    )
    unresolved = [
        label
        for label, delegation in zip(columns["speaker_label"], columns["delegation"], strict=True)
        if delegation is None
    ]
    n_preamble, n_unattributed, n_unattributed_words = _preamble(content, format)
    report.update(
        n_paragraphs=len(columns["turn"]),
        n_turns=columns["turn"][-1],
        n_words=sum(columns["n_words"]),
        n_unresolved_labels=len(set(unresolved)),
        unresolved_labels="; ".join(dict.fromkeys(unresolved)),
        n_unresolved_paragraphs=len(unresolved),
        n_preamble_paragraphs=n_preamble,
        n_unattributed_paragraphs=n_unattributed,
        n_unattributed_words=n_unattributed_words,
    )
    return columns, report


def _pages(corpus, kinds) -> pd.DataFrame:
    if corpus is None:
        corpus = load_corpus()
    elif isinstance(corpus, (str, Path)):
        corpus = load_corpus(corpus)
    elif not isinstance(corpus, pd.DataFrame):
        raise CorpusError(f"corpus must be a path or load_corpus()'s table, not {type(corpus).__name__}.")
    required = [column for column in CORPUS_COLUMNS if column != "source"]
    check_table(corpus, required, "the corpus table", producer="load_corpus()", error=CorpusError)
    if "source" not in corpus.columns:  # a table of the State corpus made before the sources
        corpus = corpus.assign(source="state")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else list(kinds)
        known = [name for name, _ in _KINDS] + ["remarks", *WHITEHOUSE_KINDS]
        unknown = sorted(set(kinds) - set(known))
        if unknown:
            raise CorpusError(
                f"unknown kind(s) {', '.join(map(repr, unknown))}; use any of {', '.join(map(repr, known))}."
            )
        corpus = corpus.loc[corpus["kind"].isin(kinds)]
    return corpus


def _run(corpus, kinds, rosters, n_jobs, progress) -> list[tuple[dict | None, dict]]:
    pages = _pages(corpus, kinds)
    by_url = roster_files(rosters)
    records = pages.to_dict("records")
    # Event ids stay the corpus's (so tables join with load_corpus); a roster file decides the speakers.
    jobs = [(page, by_url.get(page["url"].rstrip("/"))) for page in records]
    if n_jobs in (None, 1) or len(jobs) < 2:
        iterator = (_parse_page(page, roster) for page, roster in jobs)
    else:
        from joblib import Parallel, delayed

        # Batches of pages keep the inter-process traffic small.
        size = max(1, len(jobs) // (8 * max(2, abs(n_jobs))))
        batches = [jobs[i : i + size] for i in range(0, len(jobs), size)]
        parallel = Parallel(n_jobs=n_jobs, return_as="generator")
        results = parallel(delayed(_parse_batch)(batch) for batch in batches)
        iterator = (item for batch in results for item in batch)
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(iterator, total=len(jobs), desc="parsing", unit="page")
    return list(iterator)


def _parse_batch(batch):
    return [_parse_page(page, roster) for page, roster in batch]


def read_corpus(
    corpus=None,
    *,
    kinds=None,
    rosters=None,
    errors: str = "raise",
    n_jobs: int | None = 1,
    progress: bool = False,
) -> pd.DataFrame:
    """Paragraph table of every transcript-style page of the corpus.

    Parameters
    ----------
    corpus : str, Path or pandas.DataFrame, optional
        The corpus folder, or :func:`load_corpus`'s table (possibly filtered
        or replicated). Defaults to the bundled corpus.
    kinds : str or list of str, optional
        Keep only these page kinds (see :func:`load_corpus`), e.g.
        ``"joint press availability"``.
    rosters : optional
        Hand-written rosters (see :func:`roster_files`); a page with one is
        parsed with it, every other page with ``roster="infer"``.
    errors : {"raise", "skip"}, default="raise"
        What a transcript-style page that does not parse does: raise a
        :class:`CorpusError` naming the page, or leave the page out (it is
        listed by :func:`parse_report`).
    n_jobs : int or None, default=1
        Processes parsing pages (joblib; ``-1`` = every core). The result
        does not depend on it.
    progress : bool, default=False
        Show a progress bar (tqdm) on standard error.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`analysis.parse_transcript`, events in the order
        of :func:`load_corpus` (by date), paragraphs in speaking order.
        Labels that could not be resolved have ``<NA>`` delegation.

    Raises
    ------
    CorpusError
        For a bad ``errors`` or ``kinds`` value, a table that is not the
        corpus, or (with ``errors="raise"``) a page that does not parse.

    Examples
    --------
    >>> joint = read_corpus(kinds="joint press availability")
    >>> seed = joint["event_id"].str.startswith("2023-01-11-secretary-antony-j-blinken-secretary-of-defense")
    >>> int(joint.loc[seed, "n_words"].sum())
    7164
    """
    if errors not in ("raise", "skip"):
        raise CorpusError(f"errors must be 'raise' or 'skip', not {errors!r}.")
    return _merge(_run(corpus, kinds, rosters, n_jobs, progress), errors)


def _merge(results, errors: str) -> pd.DataFrame:
    merged: dict[str, list] = {}
    for columns, report in results:
        if report["status"] == "error" and errors == "raise":
            raise CorpusError(
                f"page {report['url']} ({report['event_id']}) does not parse: {report['error']}"
            )
        if columns is not None:
            for name, values in columns.items():
                merged.setdefault(name, []).extend(values)
    if not merged:
        raise CorpusError("no transcript-style page in the selection; check `kinds` and the corpus.")
    # One DataFrame for the whole corpus: per-event frames cost more than the parse.
    return paragraph_frame(merged)


def parse_report(corpus=None, *, kinds=None, rosters=None, n_jobs: int | None = 1) -> pd.DataFrame:
    """Page-by-page account of the parse: what parsed, what was left unresolved.

    Parameters
    ----------
    corpus, kinds, rosters, n_jobs
        As in :func:`read_corpus`.

    Returns
    -------
    pandas.DataFrame
        One row per page, in the order of :func:`load_corpus`, with columns

        - ``event_id``, ``url``, ``date``, ``kind``, ``transcript_style``
        - ``status`` : str, "parsed", "error", "not a transcript" (no speaker
          label: a speech or a statement) or "no content"
        - ``error`` : str, the parser's message (``<NA>`` unless "error")
        - ``n_paragraphs``, ``n_turns``, ``n_words`` : int, of the parsed
          table (0 when not parsed)
        - ``n_labels`` : int, distinct speaker labels
        - ``n_unresolved_labels`` : int, labels without a delegation
        - ``unresolved_labels`` : str, those labels, "; "-separated
        - ``n_unresolved_paragraphs`` : int, paragraphs of those labels
        - ``n_preamble_paragraphs`` : int, paragraphs before the first label
          (venue lines, a lone "(Via interpreter.)"): not part of the table
        - ``n_unattributed_paragraphs``, ``n_unattributed_words`` : int,
          preamble paragraphs that hold words, and their words: speech that
          no label claims
        - ``roster_source`` : str, "file" (a hand-written roster) or
          "inferred"; ``<NA>`` when not parsed

    Examples
    --------
    >>> report = parse_report()
    >>> report["status"].value_counts().to_dict()
    {'parsed': 557, 'not a transcript': 9, 'no content': 3}
    """
    return _report_table(_run(corpus, kinds, rosters, n_jobs, False))


def _report_table(results) -> pd.DataFrame:
    table = pd.DataFrame([report for _, report in results], columns=REPORT_COLUMNS)
    text_columns = ("event_id", "url", "kind", "status", "error", "unresolved_labels", "roster_source")
    for column in (*text_columns, "source", "warnings"):
        table[column] = table[column].astype("str")
    return table


def read_corpus_and_report(corpus, *, kinds=None, rosters=None, n_jobs=1, progress=False):
    """:func:`read_corpus` (``errors="skip"``) and :func:`parse_report` from one parse."""
    results = _run(corpus, kinds, rosters, n_jobs, progress)
    return _merge(results, "skip"), _report_table(results)


def corpus_rosters(corpus=None, *, kinds=None, rosters=None) -> pd.DataFrame:
    """The roster used for every transcript-style page, with how each label was resolved.

    Parameters
    ----------
    corpus, kinds, rosters
        As in :func:`read_corpus`.

    Returns
    -------
    pandas.DataFrame
        One row per event × label, with columns ``event_id``, ``url``,
        ``speaker_label``, ``speaker``, ``office``, ``role``, ``delegation``,
        ``resolved_by`` (``"roster file"`` for a hand-written roster, else the
        rule of :func:`analysis.delegations.infer_roster`) and ``unresolved``.

    Examples
    --------
    >>> table = corpus_rosters(kinds="joint press availability")
    >>> table.loc[table["speaker_label"] == "MR PRICE", "delegation"].unique().tolist()
    ['US']
    """
    pages = _pages(corpus, kinds)
    by_url = roster_files(rosters)
    tables = []
    for page in pages.loc[pages["transcript_style"]].to_dict("records"):
        roster = by_url.get(page["url"].rstrip("/"))
        if roster is not None:
            table = load_roster(roster).assign(resolved_by="roster file", unresolved=False)
        else:
            format = "whitehouse" if page["source"] == "whitehouse" else "state"
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", TranscriptWarning)  # parse_report records them
                table_of_page = parse_transcript(
                    page["content"], event_id=page["event_id"], source=page["url"], format=format
                )
            labels = list(dict.fromkeys(table_of_page["speaker_label"]))
            interpreted = set(table_of_page.loc[table_of_page["interpreted"], "speaker_label"])
            table = infer_roster(
                labels,
                page["title"] if isinstance(page["title"], str) else "",
                location=page["location"] if isinstance(page["location"], str) else "",
                interpreted=interpreted,
                turn_labels=table_of_page.drop_duplicates("turn")["speaker_label"].tolist(),
                format=format,
                date=page["date"] if pd.notna(page["date"]) else table_of_page.attrs.get("date"),
            )
        tables.append(table.assign(event_id=page["event_id"], url=page["url"]))
    columns = [
        "event_id",
        "url",
        "speaker_label",
        "speaker",
        "office",
        "role",
        "delegation",
        "resolved_by",
        "unresolved",
    ]
    return pd.concat(tables, ignore_index=True)[columns]


def events_with(
    paragraphs: pd.DataFrame,
    *,
    delegations=(),
    speakers=(),
    roles=("principal",),
) -> pd.DataFrame:
    """The paragraphs of the events in which all the given delegations and speakers took part.

    The one way to select events by who took part: read the corpus
    (:func:`read_corpus`), then keep, say, the U.S.–Japan events with
    ``events_with(paragraphs, delegations=["US", "Japan"])`` before pooling
    them (:mod:`analysis.measures.crossevent`).

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Paragraph table of many events.
    delegations : iterable of str, default=()
        Every one of these delegations must have spoken words in the event.
    speakers : iterable of str, default=()
        Every one of these speakers (canonical names, as in the ``speaker``
        column: "Hayashi Yoshimasa") must have spoken words in the event.
    roles : sequence of str or None, default=("principal",)
        The roles that count as taking part (``None``: any role; the press
        and moderators do not make an event U.S.–Japanese by default).

    Returns
    -------
    pandas.DataFrame
        The rows of those events (all roles), in the input's order.

    Raises
    ------
    CorpusError
        If nothing is asked for, or no event has them all (the message lists
        the delegations that do take part most often).

    Examples
    --------
    >>> joint = read_corpus(kinds="joint press availability")
    >>> us_japan = events_with(joint, delegations=["US", "Japan"])
    >>> us_japan["event_id"].nunique(), joint["event_id"].nunique()
    (5, 61)
    """
    check_table(
        paragraphs, ["event_id", "speaker", "role", "delegation", "n_words"], "events_with", error=CorpusError
    )
    delegations = [delegations] if isinstance(delegations, str) else list(delegations)
    speakers = [speakers] if isinstance(speakers, str) else list(speakers)
    if not delegations and not speakers:
        raise CorpusError("events_with: name at least one delegation or speaker.")
    taking_part = paragraphs.loc[paragraphs["n_words"] > 0]
    if roles is not None:
        taking_part = taking_part.loc[taking_part["role"].isin(list(roles))]
    keep = set(paragraphs["event_id"])
    for column, wanted in (("delegation", delegations), ("speaker", speakers)):
        for value in wanted:
            keep &= set(taking_part.loc[taking_part[column] == value, "event_id"])
    if not keep:
        common = taking_part.groupby("delegation")["event_id"].nunique().sort_values(ascending=False)
        listed = ", ".join(f"{d!r} ({n})" for d, n in common.head(6).items())
        raise CorpusError(
            f"events_with: no event where {', '.join(map(repr, [*delegations, *speakers]))} all take part; "
            f"delegations taking part most often (events): {listed}."
        )
    return paragraphs.loc[paragraphs["event_id"].isin(keep)]
