"""The State Department "Remarks" corpus: events, their metadata, their paragraphs.

The corpus (``data/raw/state-gov-remarks-2021-2023/``, provenance in
``data/README.md``) is three overlapping JSON lists of pages
``{url, title, speaker, audience, location, date, content}``.
:func:`load_corpus` de-duplicates them by ``url`` (the first file in name
order wins; the copies are identical) and returns one row per page with
cleaned metadata. A page is *transcript-style* when it holds at least one
speaker label (``SECRETARY BLINKEN:``); the others are prepared speeches,
statements and notices.

:func:`read_corpus` parses every transcript-style page into one paragraph
table (the columns of :func:`analysis.parse_transcript`, keyed by
``event_id``). Speakers are resolved by a hand-written roster where one exists
(an event file whose ``sources.official`` is the page's url: a roster file
always wins) and by :func:`analysis.delegations.infer_roster` everywhere else.
:func:`parse_report` says, page by page, what parsed and what did not.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .. import paths
from .._validation import check_table
from ..exceptions import CorpusError, TranscriptError
from .delegations import infer_roster
from .labels import label_of, nonblank_lines
from .roster import Event, load_event, load_roster
from .text import normalize_text, strip_stage_directions, tokenize
from .transcript import paragraph_frame, parse_columns, parse_transcript

__all__ = [
    "CORPUS_COLUMNS",
    "CORPUS_FILES",
    "REPORT_COLUMNS",
    "corpus_rosters",
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
]

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


def load_corpus(path: str | Path | None = None) -> pd.DataFrame:
    """One row per page of the corpus, de-duplicated by url.

    Parameters
    ----------
    path : str or Path, optional
        A folder holding the corpus JSON files, or one JSON file. Defaults to
        :data:`analysis.paths.CORPUS_DIR`.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``date`` then ``url``, with columns

        - ``event_id`` : str, unique, ``"{date}-{slug of the url}"`` (at most
          60 characters of slug; ``"undated-..."`` without a date)
        - ``url`` : str, unique
        - ``date`` : datetime64, the day of the event (``NaT`` for the three
          records that hold only a url)
        - ``title`` : str, white space collapsed, quotes straightened
        - ``location`` : str, e.g. "London, United Kingdom" (may be missing)
        - ``venue`` : str, the page's ``audience`` field, e.g. "Treaty Room"
        - ``page_speaker`` : str, the page's ``speaker`` field
        - ``kind`` : str, from the title: "joint press availability",
          "press availability", "before meeting", "interview" or "remarks"
        - ``transcript_style`` : bool, the page has speaker labels
        - ``n_labels`` : int, distinct speaker labels
        - ``content`` : str, the page text as stored (missing for 3 records)

    Raises
    ------
    CorpusError
        If the folder holds no JSON file, or a file is not a JSON list of
        records with a ``url``.

    Examples
    --------
    >>> corpus = load_corpus()
    >>> len(corpus), int(corpus["transcript_style"].sum())
    (569, 557)
    """
    path = paths.CORPUS_DIR if path is None else Path(path)
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
            }
        )
    table = pd.DataFrame(rows)
    table["date"] = pd.to_datetime(table["date"])
    table = table.sort_values(["date", "url"], na_position="last", kind="stable").reset_index(drop=True)
    ids, seen = [], set()
    for date, url in zip(table["date"], table["url"], strict=True):
        stem = f"{date:%Y-%m-%d}-{_slug(url)}" if pd.notna(date) else f"undated-{_slug(url)}"
        candidate, n = stem, 1
        while candidate in seen:
            n += 1
            candidate = f"{stem}-{n}"
        seen.add(candidate)
        ids.append(candidate)
    table.insert(0, "event_id", ids)
    for column in ("event_id", "url", "title", "location", "venue", "page_speaker", "kind", "content"):
        table[column] = table[column].astype("str")
    table["n_labels"] = table["n_labels"].astype("int64")
    return table[CORPUS_COLUMNS]


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


def _preamble(content: str) -> tuple[int, int, int]:
    """``(paragraphs, unattributed paragraphs, their words)`` before the first label.

    A short line without sentence punctuation ("Israel Presidency",
    "Ministry of Foreign Affairs, Jerusalem") is a place line, not speech.
    """
    n_paragraphs = n_unattributed = n_words = 0
    for _, line in nonblank_lines(content.replace("\r\n", "\n")):
        if label_of(line) is not None:
            break
        n_paragraphs += 1
        text = strip_stage_directions(normalize_text(line))
        words = len(tokenize(text))
        if words > _PLACE_LINE_WORDS or (words and re.search(r"[.?!:;]", text)):
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
    try:
        columns = parse_columns(
            content,
            roster="infer" if roster is None else roster,
            event_id=page["event_id"],
            source=page["url"],
            title=title,
            location=location,
        )
    except TranscriptError as error:
        report.update(status="error", error=str(error))
        return None, report
    unresolved = [
        label
        for label, delegation in zip(columns["speaker_label"], columns["delegation"], strict=True)
        if delegation is None
    ]
    n_preamble, n_unattributed, n_unattributed_words = _preamble(content)
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
    check_table(corpus, CORPUS_COLUMNS, "the corpus table", producer="load_corpus()", error=CorpusError)
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else list(kinds)
        unknown = sorted(set(kinds) - {name for name, _ in _KINDS} - {"remarks"})
        if unknown:
            raise CorpusError(
                f"unknown kind(s) {', '.join(map(repr, unknown))}; use any of "
                f"{', '.join(repr(n) for n, _ in _KINDS)}, 'remarks'."
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
    for column in ("event_id", "url", "kind", "status", "error", "unresolved_labels", "roster_source"):
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
            table_of_page = parse_transcript(page["content"], event_id=page["event_id"], source=page["url"])
            labels = list(dict.fromkeys(table_of_page["speaker_label"]))
            interpreted = set(table_of_page.loc[table_of_page["interpreted"], "speaker_label"])
            table = infer_roster(
                labels,
                page["title"] if isinstance(page["title"], str) else "",
                location=page["location"] if isinstance(page["location"], str) else "",
                interpreted=interpreted,
                turn_labels=table_of_page.drop_duplicates("turn")["speaker_label"].tolist(),
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
