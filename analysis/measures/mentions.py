"""Mentions of entities (countries, regions, forums, domains) and keyword in context.

Counting semantics
------------------
A mention is found on the project's token stream (:func:`analysis.text.tokenize`
applied to each paragraph's ``text``), never on raw substrings:

* Matching ignores case, and a possessive ``'s`` is not part of the word:
  ``China's`` and ``CHINA`` are both the token ``china``.
* Hyphens separate words, so ``U.S.-China`` holds a mention of China and
  ``G-7`` is the two-word alias ``g 7``.
* Aliases are token sequences; at every position the **longest** alias wins,
  and the words it covers count for that one entity only. ``East China Sea`` is
  the East China Sea, not China; ``Democratic People's Republic of Korea`` is
  North Korea, not South Korea (whose alias ``Republic of Korea`` it contains).
* A lexicon entry may list ``exclude`` phrases (``Indian Ocean`` under India):
  they take part in the longest-match rule and, when they win, count for
  nothing.
* Plural and adjectival forms count only when listed (the bundled lexicon lists
  ``Russian`` under Russia, ``Chinese`` under China).
* The bundled lexicon has no entry for the United States or Japan, so
  ``U.S.-Japan`` is no mention at all; with a user lexicon that lists
  ``Japan``, it is one mention of Japan.

Rates are per 1,000 words of the speakers selected (principals by default),
with exact Poisson intervals; the U.S.:Japan rate ratio has the exact
conditional (binomial) interval (:mod:`analysis.stats`).
"""

from __future__ import annotations

import re
import tomllib
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, compress, count
from pathlib import Path

import numpy as np
import pandas as pd

from .. import paths
from .._validation import as_columns, check_table
from ..exceptions import DegenerateInputWarning, LexiconError, ParameterError, TableError
from ..parsing.files import decode_utf8, read_bytes
from ..parsing.text import normalize_text, token_offsets, token_spans, tokenize
from .stats import poisson_interval, rate_ratio_interval

__all__ = [
    "Lexicon",
    "co_mentions",
    "find_mentions",
    "kwic",
    "load_lexicon",
    "mention_rates",
    "rate_ratio",
]

MENTION_COLUMNS = [
    "event_id",
    "paragraph_id",
    "turn",
    "speaker",
    "role",
    "delegation",
    "segment",
    "entity",
    "alias",
    "matched_text",
    "token_index",
    "word_offset",
    "position",
]
_ENTRY_KEYS = {"aliases", "exclude", "note"}
#: The columns :func:`find_mentions` reads (and :func:`mention_rates` asks of its selection).
_SEARCHED_COLUMNS = [
    "event_id", "paragraph_id", "turn", "speaker", "role", "delegation", "segment", "text", "n_words",
]  # fmt: skip


@dataclass(frozen=True)
class Lexicon:
    """Entities and the token sequences that count as mentions of them.

    Build one with :func:`load_lexicon`.

    Attributes
    ----------
    entities : tuple of str
        Entity names, in the order of the source.
    aliases : dict of str to tuple of str
        The aliases of each entity, as written in the source.
    exclude : dict of str to tuple of str
        Phrases that are not mentions, per entity.
    version : str
        The source's ``version`` (``""`` when it has none).
    source : str
        Where the lexicon came from (a path, or ``"<dict>"``).
    """

    entities: tuple
    aliases: dict
    exclude: dict
    version: str = ""
    source: str = "<dict>"

    def to_frame(self) -> pd.DataFrame:
        """The lexicon as a table.

        Returns
        -------
        pandas.DataFrame
            One row per alias or exclusion: ``entity``, ``alias`` (as written),
            ``kind`` (``"alias"`` or ``"exclude"``), ``tokens`` (the alias
            tokenized, words joined by a space), ``n_tokens``.

        Examples
        --------
        >>> load_lexicon({"G7": ["G-7"]}).to_frame()[["alias", "tokens"]].to_dict("list")
        {'alias': ['G-7'], 'tokens': ['g 7']}
        """
        rows = [
            (entity, phrase, kind, " ".join(tokenize(phrase)), len(tokenize(phrase)))
            for entity in self.entities
            for kind, source in (("alias", self.aliases), ("exclude", self.exclude))
            for phrase in source.get(entity, ())
        ]
        return pd.DataFrame(rows, columns=["entity", "alias", "kind", "tokens", "n_tokens"])


def _phrases(entity: str, value, key: str, where: str) -> tuple:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise LexiconError(
            f"{where}: entry {entity!r}: {key} must be a list of strings, not {type(value).__name__}; "
            f'write e.g. {key} = ["{value}"].'
        )
    for phrase in value:
        if not isinstance(phrase, str):
            raise LexiconError(
                f"{where}: entry {entity!r}: {key} holds {phrase!r} ({type(phrase).__name__}); "
                "every alias must be a string."
            )
        if not tokenize(phrase):
            raise LexiconError(
                f"{where}: entry {entity!r}: {key} {phrase!r} has no words under the project "
                "tokenizer; remove it or write the words."
            )
    return tuple(value)


def _from_mapping(entries: Mapping, *, version: str = "", where: str = "<dict>") -> Lexicon:
    if not isinstance(entries, Mapping) or not entries:
        raise LexiconError(f"{where}: the lexicon has no entries; give at least one entity with aliases.")
    aliases: dict[str, tuple] = {}
    exclude: dict[str, tuple] = {}
    seen: dict[tuple, tuple[str, str]] = {}
    for entity, entry in entries.items():
        if not isinstance(entity, str) or not entity.strip():
            raise LexiconError(f"{where}: entity name {entity!r} must be a non-empty string.")
        if isinstance(entry, Mapping):
            unknown = sorted(set(entry) - _ENTRY_KEYS)
            if unknown:
                raise LexiconError(
                    f"{where}: entry {entity!r} has unknown key(s) {', '.join(unknown)}; "
                    f"allowed: {', '.join(sorted(_ENTRY_KEYS))}."
                )
            if "aliases" not in entry:
                raise LexiconError(f"{where}: entry {entity!r} has no 'aliases' list; add one.")
            entity_aliases = _phrases(entity, entry["aliases"], "aliases", where)
            entity_exclude = _phrases(entity, entry.get("exclude", []), "exclude", where)
        else:
            entity_aliases = _phrases(entity, entry, "aliases", where)
            entity_exclude = ()
        if not entity_aliases:
            raise LexiconError(f"{where}: entry {entity!r} has an empty alias list; add at least one alias.")
        for kind, phrases in (("alias", entity_aliases), ("exclude", entity_exclude)):
            for phrase in phrases:
                key = tuple(tokenize(phrase))
                if key in seen:
                    other_entity, other_phrase = seen[key]
                    raise LexiconError(
                        f"{where}: entry {entity!r}: {kind} {phrase!r} is the same words as "
                        f"{other_phrase!r} in entry {other_entity!r}; a span can count for one entity "
                        "only, so keep it in one entry."
                    )
                seen[key] = (entity, phrase)
        aliases[entity] = entity_aliases
        exclude[entity] = entity_exclude
    return Lexicon(tuple(aliases), aliases, exclude, version=str(version), source=where)


def _lexicon_error(message: str, path: Path, line: int | None = None) -> LexiconError:
    return LexiconError(f"{path}{'' if line is None else f':{line}'}: {message}")


def load_lexicon(source=None) -> Lexicon:
    """Read and check a mention lexicon.

    Parameters
    ----------
    source : None, str, Path, dict or Lexicon, default=None
        ``None`` reads the bundled ``data/lexicon.toml``. A path reads a TOML
        file with a ``version`` string and one ``[entities.NAME]`` table per
        entity holding ``aliases`` (a list of strings) and optionally
        ``exclude``. A dict maps entity names to a list of aliases or to a
        table ``{"aliases": [...], "exclude": [...]}``.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        If the file cannot be read (missing, a folder, not a regular file,
        too large: see :func:`analysis.parsing.files.read_bytes`), is not
        UTF-8 (the message gives the line) or not TOML, or an entry is
        malformed: no aliases, an alias that is not a string or has no words,
        an unknown key, or the same words listed under two entries. The
        message names the file and the entry.

    Examples
    --------
    >>> lexicon = load_lexicon()
    >>> lexicon.entities[:4]
    ('China', 'Taiwan', 'Russia', 'Ukraine')
    >>> load_lexicon({"Moon": ["Moon", "lunar"]}).aliases
    {'Moon': ('Moon', 'lunar')}
    """
    if isinstance(source, Lexicon):
        return source
    if source is None:
        source = paths.LEXICON
    if isinstance(source, (str, Path)):
        path = Path(source)
        text = decode_utf8(read_bytes(path, what="lexicon", error=_lexicon_error), path, error=_lexicon_error)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise _lexicon_error(
                f"not valid TOML ({error}); fix the syntax.", path, getattr(error, "lineno", None)
            ) from None
        if not isinstance(data.get("entities", {}), Mapping):
            raise LexiconError(
                f"{path}: 'entities' must be a table of [entities.NAME] tables, not "
                f"{type(data['entities']).__name__}."
            )
        if not isinstance(data.get("version", ""), str):
            raise LexiconError(f"{path}: version must be a string in quotes, not {data['version']!r}.")
        if "entities" not in data:
            raise LexiconError(
                f"{path}: no [entities.NAME] tables; write one per entity, e.g. "
                '[entities.China] with aliases = ["China", "PRC"].'
            )
        return _from_mapping(data["entities"], version=data.get("version", ""), where=str(path))
    if isinstance(source, Mapping):
        return _from_mapping(source)
    raise TypeError(f"lexicon must be None, a path, a dict or a Lexicon, not {type(source).__name__}")


def _matcher(lexicon: Lexicon) -> dict:
    """First token → list of (tokens, entity or None, alias), longest first."""
    table: dict[str, list] = {}
    for entity in lexicon.entities:
        for kind, phrases in (("alias", lexicon.aliases[entity]), ("exclude", lexicon.exclude[entity])):
            for phrase in phrases:
                key = tuple(tokenize(phrase))
                table.setdefault(key[0], []).append((key, entity if kind == "alias" else None, phrase))
    for candidates in table.values():
        candidates.sort(key=lambda item: -len(item[0]))
    return table


def _match_tokens(tokens: list[str], matcher: dict) -> list[tuple[int, int, str, str]]:
    """Leftmost-longest matches: (start, stop, entity, alias); exclusions consume but are not returned."""
    found = []
    i = 0  # the first token not covered by a match
    # Only a token that opens some alias can start a match. Those positions are picked out in C
    # (a map and a compress over the tokens); the Python loop visits them alone.
    for start in compress(count(), map(matcher.__contains__, tokens)):
        if start < i:
            continue
        for key, entity, alias in matcher[tokens[start]]:
            if tuple(tokens[start : start + len(key)]) == key:
                if entity is not None:
                    found.append((start, start + len(key), entity, alias))
                i = start + len(key)
                break
    return found


def _search(texts, matcher: dict, *, matched_text: bool = True) -> list[tuple]:
    """``(position, first token, entity, alias, matched text)`` of every mention in ``texts``.

    Each mention is one tuple of strings and numbers, which the garbage collector leaves
    alone. Without ``matched_text`` (counts need none) the matched text is None and no
    character offsets are computed.
    """
    found = []
    for position, value in enumerate(texts):
        # tokenize normalises the text itself (and normalising twice changes nothing): the text
        # as stored finds its tokens in the cache; only a paragraph with a mention is normalised
        # here, for its matched text.
        matches = _match_tokens(tokenize(value), matcher)
        if not matches:
            continue
        if not matched_text:
            found += [(position, start, entity, alias, None) for start, _, entity, alias in matches]
            continue
        # Character offsets of the first and last word of each match: the matched text.
        text = normalize_text(value)
        spans = token_offsets(text, [index for start, stop, *_ in matches for index in (start, stop - 1)])
        found += [
            (position, start, entity, alias, text[spans[2 * k][0] : spans[2 * k + 1][1]])
            for k, (start, _, entity, alias) in enumerate(matches)
        ]
    return found


def find_mentions(paragraphs: pd.DataFrame, lexicon=None) -> pd.DataFrame:
    """Every mention of every lexicon entity, one row per mention.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        The paragraph table (:func:`analysis.read_transcript`), one event or
        many keyed by ``event_id``, in speaking order within each event.
    lexicon : None, str, Path, dict or Lexicon, default=None
        See :func:`load_lexicon`; ``None`` is the bundled lexicon.

    Returns
    -------
    pandas.DataFrame
        In text order, with columns

        - ``event_id, paragraph_id, turn, speaker, role, delegation, segment``:
          from the paragraph
        - ``entity`` : str, the lexicon entry
        - ``alias`` : str, the alias that matched, as written in the lexicon
        - ``matched_text`` : str, the words as printed (``"Russia's"``; quotes
          and spaces normalised as in the ``text`` column)
        - ``token_index`` : int, 0-based position of the first word in the
          paragraph's tokens
        - ``word_offset`` : int, 0-based position of the first word among all
          the event's words in the table (``n_words`` of the earlier rows of
          the same event plus ``token_index``)
        - ``position`` : float, ``word_offset`` divided by the event's total
          words, in [0, 1): where in the event the mention falls

        Pass the whole event table and filter the result, so that offsets
        count every word of the event.

    Raises
    ------
    TableError
        If a required column is missing.

    Examples
    --------
    >>> from analysis import parse_transcript
    >>> table = parse_transcript("MR A: The East China Sea and China's role.")
    >>> find_mentions(table)[["entity", "matched_text", "word_offset"]].values.tolist()
    [['East China Sea', 'East China Sea', 1], ['China', "China's", 5]]
    """
    check_table(paragraphs, _SEARCHED_COLUMNS, "find_mentions")
    matcher = _matcher(load_lexicon(lexicon))
    offsets = paragraphs.groupby("event_id", sort=False)["n_words"].cumsum() - paragraphs["n_words"]
    totals = paragraphs.groupby("event_id", sort=False)["n_words"].transform("sum")
    keys = ["event_id", "paragraph_id", "turn", "speaker", "role", "delegation", "segment"]
    # Every paragraph is searched, few hold a mention: the key columns are read only for those.
    found = _search(paragraphs["text"].to_numpy(), matcher)
    selected = [position for position, *_ in found]
    rows = []
    for row, offset, total, (_, start, entity, alias, matched_text) in zip(
        paragraphs[keys].iloc[selected].itertuples(index=False),
        offsets.iloc[selected],
        totals.iloc[selected],
        found,
        strict=True,
    ):
        word_offset = int(offset) + start
        rows.append((*row, entity, alias, matched_text, start, word_offset, word_offset / total))
    table = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return table.astype({"token_index": "int64", "word_offset": "int64", "position": "float64"})


def _select_roles(paragraphs: pd.DataFrame, roles) -> pd.DataFrame:
    if roles is None:
        return paragraphs
    roles = [roles] if isinstance(roles, str) else list(roles)
    selected = paragraphs.loc[paragraphs["role"].isin(roles)]
    if selected.empty:
        raise TableError(
            f"no paragraphs with role {', '.join(map(repr, roles))}; the table has roles "
            f"{', '.join(map(repr, sorted(paragraphs['role'].dropna().unique())))}. "
            "Pass roles=None to keep every speaker."
        )
    return selected


def mention_rates(
    paragraphs: pd.DataFrame, lexicon=None, by="delegation", *, roles=("principal",), ci: float = 0.95
) -> pd.DataFrame:
    """Mention counts and rates per 1,000 words, with exact Poisson intervals.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        The paragraph table.
    lexicon : None, str, Path, dict or Lexicon, default=None
        See :func:`load_lexicon`.
    by : str or list of str, default="delegation"
        Column(s) to group by (``"speaker"``, ``"delegation"``,
        ``["delegation", "segment"]``, ``"event_id"``...).
    roles : sequence of str or None, default=("principal",)
        Keep only the paragraphs of these roles; ``None`` keeps all.
    ci : float, default=0.95
        Coverage of the intervals.

    Returns
    -------
    pandas.DataFrame
        One row per group × entity, zeros included, groups in sorted order and
        entities in lexicon order, with columns

        - the ``by`` column(s)
        - ``entity`` : str
        - ``count`` : int, mentions
        - ``n_words`` : int, words of the group's selected paragraphs
        - ``rate_per_1000`` : float, ``1000 * count / n_words``
        - ``rate_low``, ``rate_high`` : float, exact (Garwood) Poisson
          interval of the count, scaled the same way

        A group without words has NaN rates and intervals, with a
        :class:`~analysis.exceptions.DegenerateInputWarning`.

    Examples
    --------
    >>> from analysis import parse_transcript
    >>> table = parse_transcript("MR A: China, China.\\n\\nMR B: Hello Taiwan, how are you?")
    >>> rates = mention_rates(table, {"China": ["China"]}, by="speaker")
    >>> rates[["speaker", "count", "n_words", "rate_per_1000"]].values.tolist()
    [['MR A', 2, 2, 1000.0], ['MR B', 0, 5, 0.0]]
    """
    by = as_columns(by)
    check_table(paragraphs, [*by, "role", "text", "n_words"], "mention_rates")
    lexicon = load_lexicon(lexicon)
    selected = _select_roles(paragraphs, roles)
    words = selected.groupby(by, dropna=False, sort=True)["n_words"].sum().reset_index()
    check_table(selected, _SEARCHED_COLUMNS, "find_mentions")
    # Counts need the entity of each mention and its paragraph's groups, not the matched text
    # or the offsets find_mentions computes.
    found = _search(selected["text"].to_numpy(), _matcher(lexicon), matched_text=False)
    mentions = selected[by].iloc[[position for position, *_ in found]]
    mentions = mentions.assign(entity=[entity for _, _, entity, _, _ in found])
    counts = mentions.groupby([*by, "entity"], dropna=False).size().rename("count").reset_index()
    # Same key dtypes on both sides, also when a group column is all missing (no roster).
    counts = counts.astype({column: words[column].dtype for column in by})
    grid = words.merge(pd.DataFrame({"entity": list(lexicon.entities)}), how="cross")
    table = grid.merge(counts, on=[*by, "entity"], how="left")
    table["count"] = table["count"].fillna(0)
    low, high = poisson_interval(table["count"], ci=ci)
    n_words = table["n_words"].to_numpy(dtype=float)
    # A group without words has no rate: NaN, and a warning that says so (not 0 * inf).
    scale = np.divide(1000.0, n_words, out=np.full(len(n_words), np.nan), where=n_words > 0)
    if (n_words == 0).any():
        silent = [" / ".join(map(str, key)) for key in words.loc[words["n_words"] == 0, by].to_numpy()]
        warnings.warn(
            f"mention_rates: {', '.join(silent[:5])} {'has' if len(silent) == 1 else 'have'} no words among "
            "the selected paragraphs, so their rates and intervals are undefined (NaN).",
            DegenerateInputWarning,
            stacklevel=2,
        )
    table["count"] = table["count"].astype("int64")
    table["n_words"] = table["n_words"].astype("int64")
    table["rate_per_1000"] = table["count"] * scale
    table["rate_low"] = low * scale
    table["rate_high"] = high * scale
    return table[[*by, "entity", "count", "n_words", "rate_per_1000", "rate_low", "rate_high"]]


def rate_ratio(
    paragraphs: pd.DataFrame,
    lexicon=None,
    *,
    group_col: str = "delegation",
    groups=("US", "Japan"),
    roles=("principal",),
    ci: float = 0.95,
) -> pd.DataFrame:
    """Rate ratio of mentions between two groups, with its exact interval.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        The paragraph table.
    lexicon : None, str, Path, dict or Lexicon, default=None
        See :func:`load_lexicon`.
    group_col : str, default="delegation"
        Column holding the groups.
    groups : tuple of (str, str), default=("US", "Japan")
        Group *a* (numerator) and group *b* (denominator).
    roles : sequence of str or None, default=("principal",)
        Keep only the paragraphs of these roles; ``None`` keeps all.
    ci : float, default=0.95
        Coverage of the interval.

    Returns
    -------
    pandas.DataFrame
        One row per entity, in lexicon order, with columns

        - ``entity`` : str
        - ``count_a``, ``n_words_a``, ``count_b``, ``n_words_b`` : int
        - ``rate_ratio`` : float, ``(count_a / n_words_a) / (count_b / n_words_b)``
          (``inf`` when only *a* mentions it, ``nan`` when neither does)
        - ``ratio_low``, ``ratio_high`` : float, exact conditional interval:
          given ``count_a + count_b``, ``count_a`` is binomial, and the
          Clopper-Pearson interval of its proportion maps to the ratio
          (:func:`analysis.stats.rate_ratio_interval`)

    Raises
    ------
    TableError
        If ``group_col`` is missing or a group has no paragraphs or no words.

    Examples
    --------
    >>> from analysis import parse_transcript
    >>> table = parse_transcript("MR A: China China.\\n\\nMR B: China and more words.")
    >>> rr = rate_ratio(table, {"China": ["China"]}, group_col="speaker", groups=("MR A", "MR B"))
    >>> rr[["count_a", "n_words_a", "count_b", "n_words_b"]].values.tolist()
    [[2, 2, 1, 4]]
    >>> float(rr.loc[0, "rate_ratio"])
    4.0
    """
    if len(groups) != 2:
        raise TableError(f"rate_ratio compares two groups; got groups={groups!r}.")
    rates = mention_rates(paragraphs, lexicon, by=group_col, roles=roles, ci=ci)
    present = set(rates[group_col])
    missing = [g for g in groups if g not in present]
    if missing:
        raise TableError(
            f"rate_ratio: no selected paragraphs with {group_col} = {', '.join(map(repr, missing))}; "
            f"the table has {', '.join(map(repr, sorted(map(str, present))))}."
        )
    a = rates.loc[rates[group_col] == groups[0]].set_index("entity")
    b = rates.loc[rates[group_col] == groups[1]].set_index("entity").reindex(a.index)
    silent = [g for g, side in zip(groups, (a, b), strict=True) if (side["n_words"] == 0).all()]
    if silent:
        raise TableError(
            f"rate_ratio: {group_col} = {', '.join(map(repr, silent))} has no words among the selected "
            "paragraphs, so its mention rate, and the ratio, are undefined; compare groups that speak."
        )
    ratio, low, high = rate_ratio_interval(a["count"], a["n_words"], b["count"], b["n_words"], ci=ci)
    return pd.DataFrame(
        {
            "entity": a.index.to_numpy(),
            "count_a": a["count"].to_numpy(dtype="int64"),
            "n_words_a": a["n_words"].to_numpy(dtype="int64"),
            "count_b": b["count"].to_numpy(dtype="int64"),
            "n_words_b": b["n_words"].to_numpy(dtype="int64"),
            "rate_ratio": ratio,
            "ratio_low": low,
            "ratio_high": high,
        }
    )


def co_mentions(paragraphs: pd.DataFrame, lexicon=None) -> pd.DataFrame:
    """Pairs of entities mentioned in the same paragraph.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        The paragraph table (filter it first to restrict to some speakers).
    lexicon : None, str, Path, dict or Lexicon, default=None
        See :func:`load_lexicon`.

    Returns
    -------
    pandas.DataFrame
        One row per pair that occurs at least once, sorted by
        ``n_paragraphs`` (descending) then names, with columns

        - ``entity_a``, ``entity_b`` : str, ``entity_a < entity_b``
        - ``n_paragraphs`` : int, paragraphs that mention both (however often)

    Examples
    --------
    >>> from analysis import parse_transcript
    >>> table = parse_transcript("MR A: China and Russia.\\n\\nChina, Russia, India.")
    >>> co_mentions(table).values.tolist()
    [['China', 'Russia', 2], ['China', 'India', 1], ['India', 'Russia', 1]]
    """
    mentions = find_mentions(paragraphs, lexicon)
    pairs: dict[tuple[str, str], int] = {}
    for entities in mentions.groupby("paragraph_id", sort=False)["entity"].agg(lambda s: sorted(set(s))):
        for pair in combinations(entities, 2):
            pairs[pair] = pairs.get(pair, 0) + 1
    table = pd.DataFrame(
        [(a, b, n) for (a, b), n in pairs.items()], columns=["entity_a", "entity_b", "n_paragraphs"]
    ).astype({"n_paragraphs": "int64"})
    return table.sort_values(
        ["n_paragraphs", "entity_a", "entity_b"], ascending=[False, True, True], ignore_index=True
    )


def _pattern_matcher(pattern):
    """A function tokens, i -> length of the match starting at i (0 for none)."""
    if isinstance(pattern, re.Pattern):
        return lambda tokens, i: 1 if pattern.fullmatch(tokens[i]) else 0
    if not isinstance(pattern, str):
        raise TypeError(
            f"pattern must be a str or a compiled regular expression, not {type(pattern).__name__}"
        )
    words = tokenize(pattern)
    if not words:
        raise TableError(f"kwic: pattern {pattern!r} has no words under the project tokenizer.")
    n = len(words)
    return lambda tokens, i: n if tokens[i : i + n] == words else 0


def kwic(paragraphs: pd.DataFrame, pattern, *, window: int = 8) -> pd.DataFrame:
    """Keyword in context.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        The paragraph table.
    pattern : str or re.Pattern
        A word or phrase, tokenized like the text (so case and a possessive
        ``'s`` do not matter, and ``"Taiwan Strait"`` matches the two words);
        or a compiled regular expression that must match one whole token
        (``re.compile(r"chin(a|ese)")``).
    window : int, default=8
        Words of context on each side, within the paragraph.

    Returns
    -------
    pandas.DataFrame
        One row per match, in text order, with columns

        - ``event_id``, ``paragraph_id``, ``turn``, ``speaker``,
          ``delegation`` : from the paragraph
        - ``left`` : str, up to ``window`` words before the match, as printed
        - ``match`` : str, the matched words as printed
        - ``right`` : str, up to ``window`` words after the match, as printed

    Examples
    --------
    >>> from analysis import parse_transcript
    >>> table = parse_transcript("MR A: We discussed China's role in the region.")
    >>> kwic(table, "china", window=2)[["left", "match", "right"]].values.tolist()
    [['We discussed', "China's", 'role in']]
    """
    check_table(paragraphs, ["event_id", "paragraph_id", "turn", "speaker", "delegation", "text"], "kwic")
    if not isinstance(window, (int, np.integer)) or window < 0:
        raise ParameterError("window", f"kwic: window must be a non-negative integer, not {window!r}.")
    match_at = _pattern_matcher(pattern)
    keys = ["event_id", "paragraph_id", "turn", "speaker", "delegation"]
    rows = []
    for row in paragraphs[[*keys, "text"]].itertuples(index=False):
        text = normalize_text(row.text)
        spans = token_spans(text)
        tokens = [token for token, _, _ in spans]
        i = 0
        while i < len(tokens):
            length = match_at(tokens, i)
            if not length:
                i += 1
                continue
            j = i + length
            start, end = spans[i][1], spans[j - 1][2]
            left_start = spans[max(0, i - window)][1] if window else start
            right_end = spans[min(len(spans), j + window) - 1][2] if window else end
            rows.append(
                (
                    *row[: len(keys)],
                    text[left_start:start].strip(),
                    text[start:end],
                    text[end:right_end].strip(),
                )
            )
            i = j
    return pd.DataFrame(rows, columns=[*keys, "left", "match", "right"])
