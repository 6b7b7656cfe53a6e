r"""Distinctive words: which words are typical of one group of speakers rather than another.

Three measures are reported for each word, with counts from the project
tokenizer (:func:`analysis.text.tokenize`).

Log-odds ratio with an informative Dirichlet prior ("Fightin' Words")
---------------------------------------------------------------------
Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and
Evaluation for Identifying the Content of Political Conflict", *Political
Analysis* 16(4): 372-403, doi:10.1093/pan/mpn018, eqs. 16 and 18-19.
Implementations disagree on the prior and the variance; this package pins:

.. math::

    \delta_w = \log\frac{y_{aw} + \alpha_w}{n_a + \alpha_0 - y_{aw} - \alpha_w}
             - \log\frac{y_{bw} + \alpha_w}{n_b + \alpha_0 - y_{bw} - \alpha_w},
    \qquad
    \sigma^2(\delta_w) \approx \frac{1}{y_{aw} + \alpha_w} + \frac{1}{y_{bw} + \alpha_w},
    \qquad
    z_w = \delta_w / \sigma(\delta_w)

where :math:`y_{aw}` is the count of word *w* in group *a*, :math:`n_a` the
group's total words (stop words included), and :math:`\alpha_w = \alpha_0\pi_w`
with :math:`\pi_w` the prior's share of *w* over the vocabulary *V* of the two
groups (every word either group uses) and :math:`\alpha_0` (``alpha0``) the
prior's total mass in pseudo-words. The prior's shares come from

* ``"background"`` (default): the State Department "Remarks" corpus of the
  Blinken era (:func:`background_counts`, about 1 million words): a word
  that is common in U.S. diplomatic speech in general is not distinctive of
  one side because one side says it more often at one event. A word of *V*
  that the background lacks gets half a count (as in Log Ratio below).
* ``"event"``: the pooled counts of the whole table given (all speakers), the
  choice of Monroe et al. when no outside corpus is at hand;
* ``"uniform"``: :math:`\pi_w = 1/|V|` (with ``alpha0 = 0.01 * |V|`` this is the
  common ":math:`\alpha_w = 0.01`" uninformative prior);
* a user table of term counts (a ``Series`` indexed by term or a ``DataFrame``
  with ``term`` and ``count`` columns), by ``prior=`` or by ``background=``.

``alpha0`` defaults to 1,000 pseudo-words: about a sixth of the seed event's
principal words, enough to keep a word said twice by one side and never by
the other from topping the list, small enough that the data dominate for
words said ten times or more. Monroe et al. leave the prior's size to the
analyst; report it with the results.

Dunning's log-likelihood and Hardie's Log Ratio
-----------------------------------------------
``g2`` is Dunning's (1993) log-likelihood in the two-term form of the
Lancaster UCREL calculator (Rayson & Garside 2000):
:math:`G^2 = 2\,(a \ln(a/E_a) + b \ln(b/E_b))` with
:math:`E_a = n_a (a + b)/(n_a + n_b)` and :math:`E_b = n_b (a + b)/(n_a + n_b)`;
a zero count contributes 0. ``log_ratio`` is Hardie's (2014) Log Ratio,
:math:`\log_2\big((a / n_a) / (b / n_b)\big)`, with a zero count replaced by 0.5.

``p_value`` is the two-sided normal p-value of ``z`` and ``p_adjusted`` its
Benjamini-Hochberg adjustment over the terms reported (after the stop list
and ``min_count``). A word's statistics do not depend on the stop list: stop
words count in ``n_a`` and ``n_b`` and are only left out of the table.
"""

from __future__ import annotations

import functools
import json
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from .. import paths
from .._validation import check_integer, check_positive, check_table
from ..exceptions import DegenerateInputWarning, TableError
from ..parsing.text import normalize_text, strip_stage_directions, tokenize
from .stopwords import STOP_WORDS

__all__ = [
    "KEYNESS_COLUMNS",
    "background_counts",
    "keyness",
    "keyness_one_vs_rest",
    "log_likelihood",
    "log_odds_dirichlet",
    "log_ratio",
    "write_background_counts",
]

KEYNESS_COLUMNS = [
    "term",
    "count_a",
    "count_b",
    "n_a",
    "n_b",
    "log_odds",
    "z",
    "g2",
    "log_ratio",
    "p_value",
    "p_adjusted",
]
_PRIORS = ("background", "event", "uniform")


# ----------------------------------------------------------------------------
# The measures, on arrays


def log_odds_dirichlet(y_a, n_a, y_b, n_b, alpha_w, alpha0):
    """Monroe et al. (2008) log-odds ratio with a Dirichlet prior, and its z-score.

    Parameters
    ----------
    y_a, y_b : array-like of float
        Counts of each word in groups *a* and *b*.
    n_a, n_b : float or array-like
        Total words of each group.
    alpha_w : array-like of float
        Prior pseudo-counts of each word.
    alpha0 : float or array-like
        Total prior mass (the sum of ``alpha_w`` over the vocabulary).

    Returns
    -------
    log_odds, z : numpy.ndarray
        :math:`\\delta_w` and :math:`\\delta_w / \\sigma(\\delta_w)` with
        :math:`\\sigma^2 = 1/(y_a + \\alpha_w) + 1/(y_b + \\alpha_w)` (see the
        module docstring).

    Examples
    --------
    >>> delta, z = log_odds_dirichlet(12, 1000, 2, 1200, alpha_w=0.01, alpha0=50)
    >>> round(float(delta), 3), round(float(z), 3)
    (1.972, 2.587)
    """
    y_a, y_b, alpha_w = (np.asarray(v, dtype=float) for v in (y_a, y_b, alpha_w))
    n_a, n_b, alpha0 = (np.asarray(v, dtype=float) for v in (n_a, n_b, alpha0))
    delta = np.log((y_a + alpha_w) / (n_a + alpha0 - y_a - alpha_w)) - np.log(
        (y_b + alpha_w) / (n_b + alpha0 - y_b - alpha_w)
    )
    variance = 1.0 / (y_a + alpha_w) + 1.0 / (y_b + alpha_w)
    return delta, delta / np.sqrt(variance)


def log_likelihood(a, n_a, b, n_b):
    """Dunning's log-likelihood G², two-term form (Lancaster UCREL calculator).

    Parameters
    ----------
    a, b : array-like of float
        Counts of the word in corpus *a* and corpus *b*.
    n_a, n_b : float or array-like
        Corpus sizes.

    Returns
    -------
    numpy.ndarray
        ``2 * (a ln(a / E_a) + b ln(b / E_b))``, ``E_a = n_a (a + b) / (n_a + n_b)``,
        ``E_b = n_b (a + b) / (n_a + n_b)``; a zero count adds 0.

    Examples
    --------
    >>> round(float(log_likelihood(540, 116_000, 7_525, 5_451_382)), 2)
    534.64
    """
    a, n_a, b, n_b = (np.asarray(v, dtype=float) for v in (a, n_a, b, n_b))
    expected_a = n_a * (a + b) / (n_a + n_b)
    expected_b = n_b * (a + b) / (n_a + n_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        term_a = np.where(a > 0, a * np.log(a / expected_a), 0.0)
        term_b = np.where(b > 0, b * np.log(b / expected_b), 0.0)
    return 2.0 * (term_a + term_b)


def log_ratio(a, n_a, b, n_b):
    """Hardie's (2014) Log Ratio: binary log of the ratio of relative frequencies.

    Parameters
    ----------
    a, b : array-like of float
        Counts of the word in corpus *a* and corpus *b*; a zero is replaced by 0.5.
    n_a, n_b : float or array-like
        Corpus sizes.

    Returns
    -------
    numpy.ndarray
        ``log2((a / n_a) / (b / n_b))``.

    Examples
    --------
    >>> round(float(log_ratio(540, 116_000, 7_525, 5_451_382)), 3)
    1.754
    """
    a, n_a, b, n_b = (np.asarray(v, dtype=float) for v in (a, n_a, b, n_b))
    a = np.where(a == 0, 0.5, a)
    b = np.where(b == 0, 0.5, b)
    return np.log2((a / n_a) / (b / n_b))


# ----------------------------------------------------------------------------
# Background word frequencies


@functools.lru_cache(maxsize=4)
def _background_counts(directory: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    pages: dict[str, str] = {}
    files = sorted(Path(directory).glob("*.json"))
    if not files:
        raise TableError(f"background_counts: no JSON files in {directory}; check the corpus folder.")
    for file in files:
        for record in json.loads(file.read_text(encoding="utf-8")):
            url = str(record.get("url", "")).rstrip("/")
            pages.setdefault(url, record.get("content") or "")
    counts: Counter = Counter()
    for url in sorted(pages):
        counts.update(tokenize(strip_stage_directions(normalize_text(pages[url]))))
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(term for term, _ in ordered), tuple(count for _, count in ordered)


def background_counts(directory: str | Path | None = None) -> pd.Series:
    """Word counts of the State Department "Remarks" corpus, for the keyness prior.

    Reads the corpus JSON files, keeps one record per ``url`` (trailing ``/``
    ignored; 569 pages in the bundled files, 3 of them without text), and
    counts the project tokenizer's words in every page's ``content`` after
    :func:`~analysis.text.strip_stage_directions`. Speaker labels
    (``SECRETARY BLINKEN:``) are counted as words; they are a few words per
    turn and are stop words in :mod:`analysis.stopwords`. The result is cached
    in memory for the session. For the bundled corpus the counts come from
    the committed table :data:`analysis.paths.BACKGROUND_COUNTS` (made by
    :func:`write_background_counts`; a test recounts it).

    Parameters
    ----------
    directory : str or Path, optional
        Folder of JSON lists of records with ``url`` and ``content``; default
        :data:`analysis.paths.CORPUS_DIR`.

    Returns
    -------
    pandas.Series
        Counts (int64) indexed by ``term``, named ``count``, most frequent
        first (ties alphabetical). A new Series on every call: change it freely.

    Examples
    --------
    >>> counts = background_counts()
    >>> int(counts["the"]) > int(counts["china"]) > 0
    True
    """
    if directory is None and paths.BACKGROUND_COUNTS.is_file():
        terms, counts = _committed_counts(str(paths.BACKGROUND_COUNTS))
    else:
        directory = paths.CORPUS_DIR if directory is None else Path(directory)
        terms, counts = _background_counts(str(Path(directory).resolve()))
    return pd.Series(counts, index=pd.Index(terms, name="term"), name="count", dtype="int64")


@functools.lru_cache(maxsize=1)
def _committed_counts(path: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    rows = [line.split("\t") for line in Path(path).read_text(encoding="utf-8").splitlines()[1:]]
    return tuple(term for term, _ in rows), tuple(int(count) for _, count in rows)


def write_background_counts(path: str | Path = paths.BACKGROUND_COUNTS) -> Path:
    """Count the corpus's words again and write them as the committed table.

    The table (``term``, ``count``; tab-separated, UTF-8, most frequent first,
    ties alphabetical) spares every keyness call reading and tokenizing the
    1-million-word corpus. Rerun this after a change to the corpus or the
    tokenizer; a test fails while the table and a fresh count differ.

    Parameters
    ----------
    path : str or Path, default=analysis.paths.BACKGROUND_COUNTS

    Returns
    -------
    Path
    """
    path = Path(path)
    terms, counts = _background_counts(str(paths.CORPUS_DIR.resolve()))
    lines = ["term\tcount", *(f"{term}\t{count}" for term, count in zip(terms, counts, strict=True))]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ----------------------------------------------------------------------------
# Keyness tables


def _term_counts(table) -> pd.Series:
    """A user's term-count table as a Series indexed by term."""
    if isinstance(table, (str, Path)):
        return background_counts(table)
    if isinstance(table, pd.DataFrame):
        check_table(
            table,
            ["term", "count"],
            "the prior table",
            producer="a DataFrame with 'term' and 'count' columns, or a Series of counts indexed by term,",
        )
        table = table.groupby("term")["count"].sum()
    if not isinstance(table, pd.Series):
        raise TableError(
            f"prior must be 'background', 'event', 'uniform', or a table of term counts, not {table!r}."
        )
    values = pd.to_numeric(table, errors="coerce")
    if values.isna().any() or (values < 0).any() or values.sum() <= 0:
        raise TableError("the prior table's counts must be non-negative numbers with a positive total.")
    return values.groupby(level=0).sum().astype(float)


def _prior_shares(prior, background, vocabulary: pd.Index, event_counts: Counter) -> np.ndarray:
    """Shares pi_w of the prior over the vocabulary (summing to 1)."""
    if isinstance(prior, str):
        if prior not in _PRIORS:
            raise TableError(
                f"prior must be one of {', '.join(map(repr, _PRIORS))} or a table of term counts, "
                f"not {prior!r}."
            )
        if prior == "uniform":
            return np.full(len(vocabulary), 1.0 / len(vocabulary))
        if prior == "event":
            weights = np.array([event_counts[t] for t in vocabulary], dtype=float)
            return weights / weights.sum()
        counts = background_counts() if background is None else _term_counts(background)
    else:
        counts = _term_counts(prior)
    weights = counts.reindex(vocabulary).to_numpy(dtype=float)
    positive = counts[counts > 0]
    floor = 0.5 * float(positive.min()) if len(positive) else 0.5
    weights = np.where(np.isnan(weights) | (weights <= 0), floor, weights)
    return weights / weights.sum()


def _compare(
    counts_a: Counter, counts_b: Counter, *, alpha0, prior, background, event_counts, stop_words, min_count
):
    vocabulary = pd.Index(sorted(set(counts_a) | set(counts_b)), name="term")
    if len(vocabulary) < 2:
        raise TableError(
            f"keyness: the two groups use a single word type ({vocabulary[0]!r}); keyness compares how "
            "often groups use different words, so it needs at least two (the log-odds is 0 / 0 here)."
        )
    y_a = np.array([counts_a[t] for t in vocabulary], dtype=float)
    y_b = np.array([counts_b[t] for t in vocabulary], dtype=float)
    n_a, n_b = y_a.sum(), y_b.sum()
    alpha_w = alpha0 * _prior_shares(prior, background, vocabulary, event_counts)
    delta, z = log_odds_dirichlet(y_a, n_a, y_b, n_b, alpha_w, alpha0)
    table = pd.DataFrame(
        {
            "term": vocabulary.to_numpy(),
            "count_a": y_a.astype("int64"),
            "count_b": y_b.astype("int64"),
            "n_a": np.full(len(vocabulary), int(n_a), dtype="int64"),
            "n_b": np.full(len(vocabulary), int(n_b), dtype="int64"),
            "log_odds": delta,
            "z": z,
            "g2": log_likelihood(y_a, n_a, y_b, n_b),
            "log_ratio": log_ratio(y_a, n_a, y_b, n_b),
        }
    )
    stop = frozenset() if stop_words is None else frozenset(stop_words)
    keep = ~table["term"].isin(stop) & (table["count_a"] + table["count_b"] >= min_count)
    table = table.loc[keep]
    table["p_value"] = 2.0 * stats.norm.sf(np.abs(table["z"].to_numpy()))
    # Benjamini-Hochberg (1995) false discovery rate over the terms compared.
    p_values = table["p_value"].to_numpy()
    table["p_adjusted"] = stats.false_discovery_control(p_values) if len(p_values) else p_values
    return table.sort_values(["z", "term"], ascending=[False, True], ignore_index=True)


def _selected_texts(paragraphs, group_col, roles, caller):
    check_table(paragraphs, [group_col, "role", "text"], caller)
    selected = paragraphs
    if roles is not None:
        roles = [roles] if isinstance(roles, str) else list(roles)
        selected = paragraphs.loc[paragraphs["role"].isin(roles)]
        if selected.empty:
            raise TableError(
                f"{caller}: no paragraphs with role {', '.join(map(repr, roles))}; pass roles=None "
                "to keep every speaker."
            )
    selected = selected.loc[selected[group_col].notna()]
    # Texts, not tokens: a caller tokenizes the paragraphs of the groups it compares, and no
    # list of tokens is kept per paragraph.
    return selected[group_col], selected["text"]


def _check_options(alpha0, min_count, caller):
    check_positive(alpha0, "alpha0")
    check_integer(min_count, "min_count", minimum=1)


def _event_counts(paragraphs) -> Counter:
    counts: Counter = Counter()
    for text in paragraphs["text"]:
        counts.update(tokenize(text))
    return counts


def keyness(
    paragraphs: pd.DataFrame,
    *,
    group_col: str = "delegation",
    groups=("US", "Japan"),
    roles=("principal",),
    prior="background",
    background=None,
    alpha0: float = 1000.0,
    stop_words=STOP_WORDS,
    min_count: int = 3,
) -> pd.DataFrame:
    """Words distinctive of one group against another.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        The paragraph table (one event or many).
    group_col : str, default="delegation"
        Column holding the groups.
    groups : tuple of (str, str), default=("US", "Japan")
        Group *a* and group *b*; positive ``log_odds``, ``z`` and
        ``log_ratio`` mean "more typical of *a*".
    roles : sequence of str or None, default=("principal",)
        Keep only the paragraphs of these roles; ``None`` keeps all.
    prior : {"background", "event", "uniform"}, pandas.Series or pandas.DataFrame, default="background"
        Source of the Dirichlet prior's shares (module docstring). The
        background corpus is the default because it measures what is ordinary
        in U.S. diplomatic speech independently of the event compared.
    background : pandas.Series, pandas.DataFrame, str or Path, optional
        With ``prior="background"``: a term-count table (or a corpus folder)
        to use instead of the bundled corpus.
    alpha0 : float, default=1000.0
        Total prior mass, in pseudo-words.
    stop_words : collection of str or None, default=analysis.stopwords.STOP_WORDS
        Terms left out of the table (they still count in ``n_a``, ``n_b``).
    min_count : int, default=3
        Report terms used at least this often by the two groups together.
        The default keeps several hundred terms of a 7,000-word event.

    Returns
    -------
    pandas.DataFrame
        One row per reported term, sorted by ``z`` descending (ties by term):

        - ``term`` : str
        - ``count_a``, ``count_b`` : int, the term's count in each group
        - ``n_a``, ``n_b`` : int, each group's total words (stop words included)
        - ``log_odds`` : float, Monroe et al.'s :math:`\\delta_w`
        - ``z`` : float, :math:`\\delta_w / \\sigma(\\delta_w)`
        - ``g2`` : float, Dunning's log-likelihood (two-term form), >= 0
        - ``log_ratio`` : float, Hardie's Log Ratio (log2, zero counts as 0.5)
        - ``p_value`` : float, two-sided normal p-value of ``z``
        - ``p_adjusted`` : float, Benjamini-Hochberg over the reported terms

    Raises
    ------
    TableError
        If a column is missing, a group has no words, the two groups use a
        single word type between them, or an option is invalid.

    Examples
    --------
    >>> from analysis import parse_transcript
    >>> table = parse_transcript("MR A: ships ships ships port.\\n\\nMR B: planes planes planes port.")
    >>> kw = keyness(table, group_col="speaker", groups=("MR A", "MR B"), prior="uniform", min_count=1)
    >>> kw["term"].tolist()
    ['ships', 'port', 'planes']
    """
    _check_options(alpha0, min_count, "keyness")
    if isinstance(groups, str) or len(groups) != 2:
        raise TableError(
            f"keyness compares two groups; got groups={groups!r}. Use keyness_one_vs_rest for more."
        )
    labels, texts = _selected_texts(paragraphs, group_col, roles, "keyness")
    counts = []
    for group in groups:
        group_counts: Counter = Counter()
        for text in texts[labels == group]:
            group_counts.update(tokenize(text))
        if not group_counts:
            present = sorted(map(str, labels.unique()))
            raise TableError(
                f"keyness: no words for {group_col} = {group!r} among the selected paragraphs; "
                f"the groups present are {', '.join(map(repr, present))}."
            )
        counts.append(group_counts)
    event_counts = _event_counts(paragraphs) if isinstance(prior, str) and prior == "event" else Counter()
    return _compare(
        counts[0],
        counts[1],
        alpha0=alpha0,
        prior=prior,
        background=background,
        event_counts=event_counts,
        stop_words=stop_words,
        min_count=min_count,
    )[KEYNESS_COLUMNS]


def keyness_one_vs_rest(
    paragraphs: pd.DataFrame,
    *,
    group_col: str = "speaker",
    groups=None,
    roles=("principal",),
    prior="background",
    background=None,
    alpha0: float = 1000.0,
    stop_words=STOP_WORDS,
    min_count: int = 3,
) -> pd.DataFrame:
    """Words distinctive of each group against all the other groups together.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        The paragraph table.
    group_col : str, default="speaker"
        Column holding the groups.
    groups : sequence of str, optional
        Groups to report (each against all other selected paragraphs); default
        every group among the selected paragraphs.
    roles, prior, background, alpha0, stop_words, min_count
        As in :func:`keyness`; *b* is "the rest" and ``min_count`` applies to
        the term's total count.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`keyness` plus ``group`` (first), sorted by
        group then ``z`` descending. ``p_adjusted`` is adjusted within each
        group's comparison. With ``groups=None``, a group without words is
        left out, with a :class:`~analysis.exceptions.DegenerateInputWarning`.

    Raises
    ------
    TableError
        If a column is missing, a requested group is absent or has no words,
        fewer than two groups have words, or an option is invalid.

    Examples
    --------
    >>> from analysis import parse_transcript
    >>> text = "MR A: ships ships.\\n\\nMR B: planes planes.\\n\\nMR C: tanks tanks."
    >>> kw = keyness_one_vs_rest(parse_transcript(text), prior="uniform", min_count=1)
    >>> kw.groupby("group")["term"].first().to_dict()
    {'MR A': 'ships', 'MR B': 'planes', 'MR C': 'tanks'}
    """
    _check_options(alpha0, min_count, "keyness_one_vs_rest")
    labels, texts = _selected_texts(paragraphs, group_col, roles, "keyness_one_vs_rest")
    present = sorted(labels.unique(), key=str)
    per_group = {g: Counter() for g in present}
    for group, text in zip(labels, texts, strict=True):
        per_group[group].update(tokenize(text))
    silent = [g for g in present if not per_group[g]]
    if groups is None:
        groups = [g for g in present if per_group[g]]
        if silent:
            warnings.warn(
                f"keyness_one_vs_rest: {group_col} = {', '.join(map(repr, map(str, silent)))} has no words "
                "among the selected paragraphs (a word rate of nothing is undefined); left out.",
                DegenerateInputWarning,
                stacklevel=2,
            )
    missing = [g for g in groups if g not in set(present)]
    if missing:
        raise TableError(
            f"keyness_one_vs_rest: no selected paragraphs with {group_col} = "
            f"{', '.join(map(repr, missing))}; the groups present are "
            f"{', '.join(map(repr, map(str, present)))}."
        )
    wordless = [g for g in groups if not per_group[g]]
    if wordless:
        raise TableError(
            f"keyness_one_vs_rest: {group_col} = {', '.join(map(repr, map(str, wordless)))} has no words "
            "among the selected paragraphs; leave it out of groups."
        )
    if len(present) - len(silent) < 2:
        raise TableError(
            f"keyness_one_vs_rest: fewer than two {group_col} values have words among the selected "
            "paragraphs."
        )
    total: Counter = Counter()
    for group_counts in per_group.values():
        total.update(group_counts)
    event_counts = _event_counts(paragraphs) if isinstance(prior, str) and prior == "event" else Counter()
    tables = []
    for group in groups:
        rest = total - per_group[group]
        table = _compare(
            per_group[group],
            rest,
            alpha0=alpha0,
            prior=prior,
            background=background,
            event_counts=event_counts,
            stop_words=stop_words,
            min_count=min_count,
        )
        tables.append(table.assign(group=group))
    return pd.concat(tables, ignore_index=True)[["group", *KEYNESS_COLUMNS]]
