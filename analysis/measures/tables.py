"""Every table of an event, or of a corpus, computed once.

:func:`event_tables` runs every measure of one event with one set of
parameters and returns the tidy tables by name; :func:`corpus_tables` does the
same for a corpus. The CSV writer of ``python -m analysis report`` and the
figure registry (:mod:`analysis.figures`) both draw from these dicts, so the
tables and the figures of one run always describe the same data and the same
model (one topic model, one set of bootstrap resamples).

A table the input cannot support (keyness with a single delegation, a topic
model on a handful of paragraphs) is left out of the dict, with a line in
``notes`` that says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from .._validation import check_integer, check_table
from ..exceptions import ParameterError
from ..parsing.corpus import load_corpus
from ..parsing.roster import delegation_order
from ..parsing.transcript import turns
from . import crossevent, keyness, mentions, topics, wordshare

__all__ = ["TOPIC_ROLES", "corpus_tables", "event_tables", "principal_groups"]

#: Speakers whose words enter the topic-prevalence table: a moderator's few
#: floor-giving paragraphs carry no topic of their own.
TOPIC_ROLES = ("principal", "press")


def principal_groups(paragraphs: pd.DataFrame) -> tuple[str, str] | None:
    """The two delegations whose principals speak the most words.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Paragraph table.

    Returns
    -------
    tuple of two str, or None
        In display order (:func:`analysis.parsing.roster.delegation_order`:
        the U.S. and Japan first), or None when fewer than two delegations
        have principal words.

    Examples
    --------
    >>> from analysis import read_event
    >>> principal_groups(read_event())
    ('US', 'Japan')
    """
    check_table(paragraphs, ["role", "delegation", "n_words"], "principal_groups", allow_empty=True)
    principals = paragraphs.loc[(paragraphs["role"] == "principal") & paragraphs["delegation"].notna()]
    words = principals.groupby("delegation")["n_words"].sum()
    words = words.loc[words > 0]
    if len(words) < 2:
        return None
    top = sorted(words.index, key=lambda d: (-words[d], str(d)))[:2]
    return tuple(delegation_order(top))


def _optional(name: str, compute, notes: list[str]):
    """Run an analysis the input may be too small for; a ValueError becomes a note."""
    try:
        return compute()
    except ValueError as error:
        notes.append(f"{name} left out: {error}")
        return None


def event_tables(
    paragraphs: pd.DataFrame,
    *,
    groups: Sequence[str] | None = None,
    n_boot: int = 1000,
    random_state: int = 0,
    n_components: int | str = "auto",
    k_values: Iterable[int] = range(3, 13),
    n_runs: int = 20,
    notes: list[str] | None = None,
    n_jobs: int | None = 1,
) -> dict[str, pd.DataFrame]:
    """Every tidy table of one event, by name.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Paragraph table of one event (:func:`analysis.read_transcript`).
    groups : pair of str, optional
        The two delegations that ``rate_ratio`` and ``keyness`` compare;
        default :func:`principal_groups`.
    n_boot : int, default=1000
        Bootstrap resamples for the intervals of word and topic shares
        (0: no intervals).
    random_state : int, default=0
        Seed of every random step.
    n_components : int or "auto", default="auto"
        Number of topics; ``"auto"`` takes
        :func:`analysis.topics.recommend_k` of the ``k_selection`` table.
    k_values : iterable of int, default=range(3, 13)
        Numbers of topics compared in ``k_selection``.
    n_runs : int, default=20
        Subsample fits per k for topic stability.
    notes : list of str, optional
        Receives one line per table left out because the input cannot
        support it (e.g. a single delegation has no keyness).
    n_jobs : int or None, default=1
        Processes for the subsample fits of ``k_selection``
        (:func:`analysis.topics.select_k`); the tables are the same for any
        value.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``paragraphs``, ``turns``; ``word_share_speaker``,
        ``word_share_delegation``, ``word_share_segment`` (by delegation and
        segment); ``mentions`` (:func:`analysis.mentions.find_mentions`),
        ``mention_rates`` (by delegation, principals' words), ``co_mentions``;
        when two delegations have principal words, ``rate_ratio`` and
        ``keyness`` of ``groups`` (columns ``group_a`` and ``group_b`` name
        the groups that the ``_a`` and ``_b`` columns describe); when a topic model can be fitted,
        ``k_selection`` (with ``n_components="auto"``), ``topic_terms``,
        ``document_topics`` and ``topic_prevalence`` (per speaker, principals
        and press: :data:`TOPIC_ROLES`; the press as one group,
        :data:`analysis.measures.wordshare.PRESS_GROUP`).

    Examples
    --------
    >>> from analysis import paths, read_event
    >>> tables = event_tables(read_event(paths.ROOT / "tests/fixtures/tiny_event.toml"), n_boot=0)
    >>> int(tables["word_share_delegation"].set_index("delegation").loc["US", "n_words"])
    26
    """
    check_table(paragraphs, ["event_id", "role", "delegation", "n_words"], "event_tables")
    n_boot = check_integer(n_boot, "n_boot", minimum=0)
    notes = [] if notes is None else notes
    tables: dict[str, pd.DataFrame] = {"paragraphs": paragraphs, "turns": turns(paragraphs)}
    share = {"n_boot": n_boot, "random_state": random_state}
    tables["word_share_speaker"] = wordshare.word_share(paragraphs, "speaker", **share)
    tables["word_share_delegation"] = wordshare.word_share(paragraphs, "delegation", **share)
    tables["word_share_segment"] = wordshare.word_share(paragraphs, ["delegation", "segment"], **share)
    tables["mentions"] = mentions.find_mentions(paragraphs)
    principals = paragraphs.loc[paragraphs["role"] == "principal"]
    if principals["delegation"].notna().any():
        tables["mention_rates"] = mentions.mention_rates(paragraphs, by="delegation")
    else:
        notes.append("mention_rates left out: no principal has a delegation (pass a roster).")
    tables["co_mentions"] = mentions.co_mentions(paragraphs)
    groups = principal_groups(paragraphs) if groups is None else tuple(groups)
    if groups is None:
        notes.append("rate_ratio and keyness left out: fewer than two delegations have principal words.")
    else:
        compared = {"group_a": groups[0], "group_b": groups[1]}
        found = _optional("rate_ratio", lambda: mentions.rate_ratio(paragraphs, groups=groups), notes)
        if found is not None:
            tables["rate_ratio"] = found.assign(**compared)
        found = _optional("keyness", lambda: keyness.keyness(paragraphs, groups=groups), notes)
        if found is not None:
            tables["keyness"] = found.assign(**compared)
    topic_settings = {"k_values": k_values, "n_runs": n_runs, "n_boot": n_boot, "n_jobs": n_jobs}
    tables.update(_topic_tables(paragraphs, n_components, random_state, notes, **topic_settings))
    return tables


def _topic_tables(paragraphs, n_components, random_state, notes, *, k_values, n_runs, n_boot, n_jobs) -> dict:
    tables = {}
    if isinstance(n_components, str):
        if n_components != "auto":
            raise ParameterError(
                "n_components", f"n_components must be an integer or 'auto', not {n_components!r}."
            )
        selection = _optional(
            "k_selection, topic_terms, document_topics and topic_prevalence",
            lambda: topics.select_k(
                paragraphs, k_values=k_values, n_runs=n_runs, random_state=random_state, n_jobs=n_jobs
            ),
            notes,
        )
        if selection is None:
            return tables
        tables["k_selection"] = selection
        n_components = topics.recommend_k(selection)
    model = _optional(
        "topic_terms, document_topics and topic_prevalence",
        lambda: topics.fit_topics(paragraphs, n_components=n_components, random_state=random_state),
        notes,
    )
    if model is None:
        return tables
    tables["topic_terms"] = topics.topic_terms(model)
    tables["document_topics"] = topics.document_topics(model)
    # The press as one group (journalists are separate speakers in the paragraph table).
    speakers = wordshare.press_as_one(paragraphs.loc[paragraphs["role"].isin(TOPIC_ROLES)])
    prevalence = _optional(
        "topic_prevalence",
        lambda: topics.topic_prevalence(
            model, speakers, by="speaker", n_boot=n_boot, random_state=random_state
        ),
        notes,
    )
    if prevalence is not None:
        tables["topic_prevalence"] = prevalence
    return tables


def corpus_tables(
    paragraphs: pd.DataFrame,
    corpus: pd.DataFrame | None = None,
    *,
    kinds: Sequence[str] | None = None,
    n_boot: int = 1000,
    random_state: int = 0,
) -> dict[str, pd.DataFrame]:
    """The corpus-level tables of :mod:`analysis.crossevent`, by name.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Paragraph table of many events (:func:`analysis.read_corpus`), of one
        corpus or both.
    corpus : pandas.DataFrame, optional
        :func:`analysis.load_corpus`'s table (for dates, kinds and sources);
        default the bundled State Department corpus.
    kinds : sequence of str, optional
        Page kinds of ``event_word_share`` and ``mention_rates_over_time``
        (default: every event of ``paragraphs``).
    n_boot : int, default=1000
        Bootstrap resamples (of events) for ``level_word_share`` and the
        event-bootstrap intervals of ``mention_rates_over_time`` and
        ``pooled_mention_rates``.
    random_state : int, default=0

    Returns
    -------
    dict of str to pandas.DataFrame
        ``paragraphs``, ``event_word_share``, ``mention_rates_over_time``
        and ``pooled_mention_rates`` (U.S. against counterparts over the
        selected events; Poisson and event-bootstrap intervals, see
        :mod:`analysis.measures.crossevent`); when events of
        :data:`analysis.crossevent.PRESS_CONFERENCE_KINDS` with U.S. and
        Japanese principals are among them, ``level_events``,
        ``level_word_share`` and ``level_mention_rates`` (ministers' events
        against leaders' events, :func:`analysis.crossevent.level_word_share`).
    """
    selected = paragraphs
    if kinds is not None:
        meta = corpus if corpus is not None else load_corpus()
        check_table(meta, ["event_id", "kind"], "corpus_tables", producer="load_corpus()")
        wanted = set(meta.loc[meta["kind"].isin(list(kinds)), "event_id"])
        selected = paragraphs.loc[paragraphs["event_id"].isin(wanted)]
    tables = {
        "paragraphs": paragraphs,
        "event_word_share": crossevent.event_word_share(selected, corpus),
        "mention_rates_over_time": crossevent.mention_rates_over_time(
            selected, corpus, n_boot=n_boot, random_state=random_state
        ),
        "pooled_mention_rates": crossevent.pooled_mention_rates(
            selected, by="side", n_boot=n_boot, random_state=random_state
        ),
    }
    events = crossevent.level_events(paragraphs, corpus)
    if not events.empty:
        tables["level_events"] = events
        tables["level_word_share"] = crossevent.level_word_share(
            paragraphs, corpus, n_boot=n_boot, random_state=random_state
        )
        tables["level_mention_rates"] = crossevent.level_mention_rates(paragraphs, corpus)
    return tables
