"""Keyness (analysis.measures.keyness) against published and hand-computed values."""

import json
import math
import re

import numpy as np
import pandas as pd
import pytest

from analysis import paths
from analysis.exceptions import ParameterError, TableError
from analysis.measures.keyness import (
    KEYNESS_COLUMNS,
    background_counts,
    keyness,
    keyness_one_vs_rest,
    log_likelihood,
    log_odds_dirichlet,
    log_ratio,
)
from analysis.measures.stopwords import STOP_WORDS

# --- the measures against published check values ----------------------------


def test_log_likelihood_ucrel_calculator():
    # Lancaster UCREL log-likelihood calculator, a = 540 in 116,000 words vs b = 7,525 in
    # 5,451,382 words: LL = 534.64 (two-term form).
    assert log_likelihood(540, 116_000, 7_525, 5_451_382) == pytest.approx(534.64, abs=0.005)


def test_log_ratio_ucrel_calculator():
    # Same calculator: Log Ratio = 1.754.
    assert log_ratio(540, 116_000, 7_525, 5_451_382) == pytest.approx(1.754, abs=0.0005)


def test_fightin_words_check_value():
    # y_i = 12 of n_i = 1,000 vs y_j = 2 of n_j = 1,200, uniform alpha_w = 0.01 over 5,000 words
    # (alpha0 = 50): delta = 1.972, z = 2.587 with variance 1/(y_i + a_w) + 1/(y_j + a_w).
    delta, z = log_odds_dirichlet(12, 1_000, 2, 1_200, alpha_w=0.01, alpha0=50)
    assert float(delta) == pytest.approx(1.972, abs=0.0005)
    assert float(z) == pytest.approx(2.587, abs=0.0005)


def test_zero_counts():
    # Log Ratio replaces a zero by 0.5: log2((0.5/100) / (5/200)) = log2(0.2).
    assert log_ratio(0, 100, 5, 200) == pytest.approx(math.log2(0.2))
    # G² with a = 0: only the b term, 2 * 5 * ln(5 / (200 * 5 / 300)).
    assert log_likelihood(0, 100, 5, 200) == pytest.approx(2 * 5 * math.log(5 / (1000 / 300)))


# --- keyness on the tiny transcript, by hand ------------------------------------


def test_tiny_keyness_uniform_prior_by_hand(tiny_paragraphs):
    # US principal (Smith): 26 tokens, 23 types; Japan principal (Tanaka): 17 tokens, 15 types
    # (thank you north korea the dprk fired missiles democratic people republic of is a threat);
    # shared: thank, you, the → |V| = 23 + 15 - 3 = 35. alpha0 = 0.35 gives alpha_w = 0.01.
    table = keyness(tiny_paragraphs, prior="uniform", alpha0=0.35, stop_words=None, min_count=1)
    assert table.columns.tolist() == KEYNESS_COLUMNS
    assert len(table) == 35
    korea = table.set_index("term").loc["korea"]
    # "korea": US 0, Japan 2 ("North Korea", "...Republic of Korea").
    assert (korea["count_a"], korea["count_b"], korea["n_a"], korea["n_b"]) == (0, 2, 26, 17)
    # delta = ln(0.01 / (26 + 0.35 - 0.01)) - ln(2.01 / (17 + 0.35 - 2 - 0.01)) = -7.87622 + 2.03232
    assert korea["log_odds"] == pytest.approx(-5.84390, abs=1e-4)
    # z = delta / sqrt(1/0.01 + 1/2.01) = -5.84390 / 10.02484
    assert korea["z"] == pytest.approx(-5.84390 / 10.02484, abs=1e-4)
    # G²: E_b = 17 * 2 / 43 = 0.790698; 2 * 2 * ln(2 / 0.790698) = 3.71195.
    assert korea["g2"] == pytest.approx(3.71195, abs=1e-4)
    # Log Ratio: log2((0.5 / 26) / (2 / 17)) = log2(0.163462) = -2.61297.
    assert korea["log_ratio"] == pytest.approx(-2.61297, abs=1e-4)
    # Two-sided p-value of z = -0.58294: 2 * (1 - Phi(0.58294)) = 0.55994.
    assert korea["p_value"] == pytest.approx(0.55994, abs=1e-4)
    # Sorted by z, largest first.
    assert table["z"].is_monotonic_decreasing


def test_user_prior_table(tiny_paragraphs):
    # A user table of counts. Terms of V it lacks get half its smallest positive count (0.5 * 7 = 3.5);
    # "elsewhere" is outside V and carries no weight. Over |V| = 35: korea 10, china 30, the 33 others
    # 3.5 each = 115.5; total 155.5, so alpha_w(korea) = alpha0 * 10 / 155.5.
    prior = pd.Series({"korea": 10, "china": 30, "elsewhere": 7})
    table = keyness(tiny_paragraphs, prior=prior, alpha0=205, stop_words=None, min_count=1)
    korea = table.set_index("term").loc["korea"]
    alpha_w = 205 * 10 / 155.5
    expected = math.log(alpha_w / (26 + 205 - alpha_w)) - math.log((2 + alpha_w) / (17 + 205 - 2 - alpha_w))
    assert korea["log_odds"] == pytest.approx(expected)
    frame = prior.rename_axis("term").rename("count").reset_index()
    same = keyness(tiny_paragraphs, prior=frame, alpha0=205, stop_words=None, min_count=1)
    pd.testing.assert_frame_equal(table, same)
    by_background = keyness(
        tiny_paragraphs, prior="background", background=prior, alpha0=205, stop_words=None, min_count=1
    )
    pd.testing.assert_frame_equal(table, by_background)


def test_swapping_groups_negates(tiny_paragraphs):
    ab = keyness(tiny_paragraphs, prior="event", stop_words=None, min_count=1).set_index("term")
    ba = keyness(tiny_paragraphs, groups=("Japan", "US"), prior="event", stop_words=None, min_count=1)
    ba = ba.set_index("term").loc[ab.index]
    np.testing.assert_allclose(ab["z"], -ba["z"])
    np.testing.assert_allclose(ab["log_ratio"], -ba["log_ratio"])
    np.testing.assert_allclose(ab["g2"], ba["g2"])


def test_one_vs_rest_with_two_groups_is_the_pair(tiny_paragraphs):
    pair = keyness(tiny_paragraphs, prior="uniform", min_count=1)
    rest = keyness_one_vs_rest(tiny_paragraphs, group_col="delegation", prior="uniform", min_count=1)
    us = rest[rest["group"] == "US"].drop(columns="group").reset_index(drop=True)
    pd.testing.assert_frame_equal(us, pair)
    assert set(rest["group"]) == {"US", "Japan"}


def test_stop_words_leave_the_statistics_alone(tiny_paragraphs):
    everything = keyness(tiny_paragraphs, prior="uniform", stop_words=None, min_count=1).set_index("term")
    filtered = keyness(tiny_paragraphs, prior="uniform", min_count=1).set_index("term")
    assert not set(filtered.index) & STOP_WORDS
    assert "the" in everything.index
    np.testing.assert_allclose(filtered["z"], everything.loc[filtered.index, "z"])


# --- background counts --------------------------------------------------------


def test_background_counts_by_another_route():
    counts = background_counts()
    pages = {}
    for file in sorted(paths.CORPUS_DIR.glob("*.json")):
        for record in json.loads(file.read_text(encoding="utf-8")):
            pages.setdefault(record["url"].rstrip("/"), record.get("content") or "")
    assert len(pages) == 569 and sum(not text for text in pages.values()) == 3
    # Independent count: a case-insensitive regex over the raw contents ("Kishida's" counts once,
    # as the tokenizer drops the possessive; the name never appears inside a hyphenated word
    # differently).
    text = "\n".join(pages.values())
    assert counts["kishida"] == len(re.findall(r"\bkishida\b", text, flags=re.IGNORECASE))
    assert counts["ukraine"] == len(re.findall(r"\bukraine\b", text, flags=re.IGNORECASE))
    # About 1.05 million words (data/README.md), most frequent first.
    assert 1_000_000 < counts.sum() < 1_100_000
    assert counts.index[0] == "the" and counts.is_monotonic_decreasing


def test_background_counts_are_a_fresh_copy():
    first = background_counts()
    first["the"] = -1
    assert background_counts()["the"] > 0


# --- the seed -------------------------------------------------------------------


def test_seed_defaults_work(seed_paragraphs):
    """Small-event defaults: several hundred terms, the stop list applied.

    ``u.s.`` and ``partners`` checked by hand: ``grep -oE "\\bU\\.S\\b\\.?"`` on each
    minister's lines of the raw transcript (lines given to the last speaker label by
    awk) gives Blinken 5, Austin 7, Hayashi 20, Hamada 18; ``grep -oiE "\\bpartners\\b"``
    gives 7, 4, 0, 1.
    """
    table = keyness(seed_paragraphs)
    assert len(table) > 200
    assert not set(table["term"]) & STOP_WORDS
    terms = table.set_index("term")
    assert terms.loc["u.s.", ["count_a", "count_b"]].tolist() == [5 + 7, 20 + 18]
    assert terms.loc["partners", ["count_a", "count_b"]].tolist() == [7 + 4, 0 + 1]
    assert (terms["n_a"].iloc[0], terms["n_b"].iloc[0]) == (3886, 2427)
    # The Japanese ministers' (interpreted) "U.S." is the most distinctive word of either side.
    assert table["term"].iloc[-1] == "u.s."
    assert table["p_adjusted"].iloc[-1] < 0.01


def test_deterministic(seed_paragraphs):
    pd.testing.assert_frame_equal(keyness(seed_paragraphs), keyness(seed_paragraphs))


def test_bad_input(tiny_paragraphs):
    with pytest.raises(TableError, match="'France'"):
        keyness(tiny_paragraphs, groups=("US", "France"))
    with pytest.raises(TableError, match="prior must be one of"):
        keyness(tiny_paragraphs, prior="corpus")
    with pytest.raises(ParameterError, match="alpha0"):
        keyness(tiny_paragraphs, alpha0=0)
    with pytest.raises(ParameterError, match="min_count"):
        keyness(tiny_paragraphs, min_count=0)
    with pytest.raises(TableError, match="'party'"):
        keyness(tiny_paragraphs, group_col="party")
    with pytest.raises(TableError, match="'term' and 'count'"):
        keyness(tiny_paragraphs, prior=pd.DataFrame({"word": ["a"]}))


def test_input_is_not_mutated(tiny_paragraphs):
    before = tiny_paragraphs.copy()
    keyness_one_vs_rest(tiny_paragraphs, prior="event", min_count=1)
    pd.testing.assert_frame_equal(tiny_paragraphs, before)


def test_the_committed_background_counts_equal_a_fresh_count(tmp_path):
    """data/derived/state-gov-term-counts.tsv is what the corpus and the tokenizer give today."""
    from analysis.measures.keyness import write_background_counts

    fresh = write_background_counts(tmp_path / "counts.tsv")
    assert fresh.read_bytes() == paths.BACKGROUND_COUNTS.read_bytes(), (
        "the committed keyness background counts are stale; run `make background-counts` and commit them"
    )
    # The committed table and a count of the JSON files give the same Series.
    committed = background_counts()
    counted = background_counts(paths.CORPUS_DIR)
    pd.testing.assert_series_equal(committed, counted)
