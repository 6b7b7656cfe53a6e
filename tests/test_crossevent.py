"""Comparing events (analysis.measures.crossevent), checked on two copies of the hand-counted tiny transcript.

The tiny transcript (counts in conftest.py): principals Smith (US) 26 words in
turns 1 and 5, Tanaka (Japan) 17 words in turns 2 and 6. Principals' mentions:
China 1 (Smith, paragraph 1; paragraph 5 is the journalist's), Russia 2 (Smith),
North Korea 3 (Tanaka), Taiwan 0 (only the journalist names it).
"""

import matplotlib
import numpy as np
import pandas as pd
import pytest

from analysis import figures, plots
from analysis.exceptions import DegenerateInputWarning
from analysis.measures.crossevent import event_word_share, mention_rates_over_time
from analysis.measures.tables import corpus_tables

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def two_events(tiny_paragraphs):
    second = tiny_paragraphs.assign(
        event_id="tiny2", paragraph_id=tiny_paragraphs["paragraph_id"].str.replace("tiny", "tiny2")
    )
    # The second event loses Smith's last turn (turn 5: 4 + 5 words; "Russian forces" is one of
    # Smith's two Russia mentions).
    second = second.loc[second["turn"] != 5]
    return pd.concat([tiny_paragraphs, second], ignore_index=True)


@pytest.fixture(scope="module")
def meta():
    return pd.DataFrame(
        {
            "event_id": ["tiny", "tiny2", "unused"],
            "date": pd.to_datetime(["2023-01-01", "2023-05-02", "2023-06-01"]),
            "kind": ["joint press availability"] * 3,
        }
    )


def test_event_word_share(two_events, meta):
    table = event_word_share(two_events, meta)
    assert table[["event_id", "delegation", "n_words", "n_turns"]].values.tolist() == [
        ["tiny", "US", 26, 2],
        ["tiny", "Japan", 17, 2],
        # tiny2: Smith 26 - 9 = 17 words in one turn; Tanaka still 17.
        ["tiny2", "US", 17, 1],
        ["tiny2", "Japan", 17, 2],
    ]
    # 26 / 43 and 17 / 43; 17 / 34 = 0.5 twice.
    np.testing.assert_allclose(table["share"], [26 / 43, 17 / 43, 0.5, 0.5])
    assert table["side"].tolist() == ["US", "counterpart", "US", "counterpart"]
    assert table["n_delegations"].tolist() == [2, 2, 2, 2]
    assert table["date"].tolist()[2] == pd.Timestamp("2023-05-02")


def test_event_word_share_all_roles_and_unresolved(tiny_paragraphs, meta):
    table = event_word_share(tiny_paragraphs, meta, roles=None)
    # Everyone: US 26, Japan 17 + moderator 4 = 21, press 7; total 54.
    assert table.set_index("delegation")["n_words"].to_dict() == {"US": 26, "Japan": 21, "press": 7}
    unresolved = tiny_paragraphs.assign(
        delegation=tiny_paragraphs["delegation"].where(lambda d: d != "Japan")
    )
    table = event_word_share(unresolved, meta)
    assert table["delegation"].isna().sum() == 1
    assert table.loc[table["delegation"].isna(), "n_words"].tolist() == [17]
    assert table["n_delegations"].tolist() == [1, 1]  # the unresolved row is not a delegation


def test_mention_rates_over_time(two_events, meta):
    rates = mention_rates_over_time(two_events, meta, entities=["China", "Russia", "North Korea", "Taiwan"])
    # 2 quarters × 2 sides × 4 entities, zeros included.
    assert len(rates) == 16
    by = rates.set_index(["period", "side", "entity"])
    assert by.loc[("2023Q1", "US", "China"), ["count", "n_words", "n_events"]].tolist() == [1, 26, 1]
    assert by.loc[("2023Q1", "US", "Russia"), "count"] == 2
    assert by.loc[("2023Q2", "US", "Russia"), ["count", "n_words"]].tolist() == [1, 17]
    assert by.loc[("2023Q1", "counterpart", "North Korea"), ["count", "n_words"]].tolist() == [3, 17]
    assert by.loc[("2023Q2", "US", "Taiwan"), "count"] == 0
    # 1 / 26 words = 38.46 per 1,000; 3 / 17 = 176.47.
    assert by.loc[("2023Q1", "US", "China"), "rate_per_1000"] == pytest.approx(1000 / 26)
    assert by.loc[("2023Q1", "counterpart", "North Korea"), "rate_per_1000"] == pytest.approx(3000 / 17)
    # Exact Poisson bounds for k = 0: [0, 3.6889] per exposure (stats doctest), 26 words = 0.026 k.
    assert by.loc[("2023Q1", "US", "Taiwan"), "rate_high"] == pytest.approx(3.6889 / 0.026, rel=1e-4)
    assert by.loc[("2023Q1", "US", "Taiwan"), "rate_low"] == 0
    assert rates["period_start"].min() == pd.Timestamp("2023-01-01")


def test_a_silent_side_gets_zero_words_and_no_rate(tiny_paragraphs, meta):
    us_only = tiny_paragraphs.loc[tiny_paragraphs["delegation"] != "Japan"]
    with pytest.warns(DegenerateInputWarning, match="2023Q1 counterpart"):
        rates = mention_rates_over_time(us_only, meta, entities=["China"])
    counterpart = rates.loc[rates["side"] == "counterpart"].iloc[0]
    assert counterpart["n_words"] == 0 and counterpart["count"] == 0
    assert np.isnan(counterpart["rate_per_1000"])


def test_bad_input(tiny_paragraphs, meta):
    with pytest.raises(match="not in the corpus table"):
        event_word_share(tiny_paragraphs.assign(event_id="elsewhere"), meta)
    with pytest.raises(match="lacks column"):
        event_word_share(tiny_paragraphs.drop(columns="delegation"), meta)
    with pytest.raises(match=r"'Atlantis'.* not in the lexicon"):
        mention_rates_over_time(tiny_paragraphs, meta, entities=["Atlantis"])
    with pytest.raises(match="not a period alias"):
        mention_rates_over_time(tiny_paragraphs, meta, freq="fortnight")
    with pytest.raises(match="no rows"):
        event_word_share(tiny_paragraphs.iloc[:0], meta)


def test_inputs_are_not_mutated(two_events, meta):
    before, meta_before = two_events.copy(), meta.copy()
    event_word_share(two_events, meta)
    mention_rates_over_time(two_events, meta)
    pd.testing.assert_frame_equal(two_events, before)
    pd.testing.assert_frame_equal(meta, meta_before)


# --- figures -------------------------------------------------------------------------


def test_plot_event_word_share_draws_one_point_per_event(two_events, meta):
    table = event_word_share(two_events, meta)
    ax = plots.plot_event_word_share(table)
    points = ax.collections[0].get_offsets()
    np.testing.assert_allclose(np.asarray(points)[:, 1], [26 / 43, 0.5])
    with pytest.raises(match="no event with 'France'"):
        plots.plot_event_word_share(table, delegation="France")


def test_plot_mention_rates_over_time(two_events, meta):
    rates = mention_rates_over_time(two_events, meta)
    (ax,) = plots.plot_mention_rates_over_time(rates, entities=["Russia"])
    us_line = ax.lines[0]
    np.testing.assert_allclose(np.asarray(us_line.get_ydata(), dtype=float), [2000 / 26, 1000 / 17])
    assert "Russia" in (ax.get_title(), ax.get_title("left"))
    with pytest.raises(match="no rows for 'Atlantis'"):
        plots.plot_mention_rates_over_time(rates, entities=["Atlantis"])


def test_corpus_figures_are_drawn_from_the_corpus_tables(two_events, meta, tmp_path):
    tables = corpus_tables(two_events, meta)
    specs = [spec for spec in figures.REGISTRY if spec.source == "corpus"]
    written = figures.build_figures(specs, tables, tmp_path, formats=("png",))
    # Both tiny events have U.S. and Japanese principals: corpus03 compares them (one level, "ministers").
    assert [p.name for p in written] == [
        "corpus01_event_word_share.png",
        "corpus02_mention_rates_over_time.png",
        "corpus03_ministers_vs_leaders.png",
    ]
    assert all(p.stat().st_size > 1000 for p in written)


# --- selecting events, pooling them: Poisson and event-bootstrap intervals ------------------------

from analysis.exceptions import CorpusError, ParameterError, TableError  # noqa: E402
from analysis.measures.crossevent import event_bootstrap, pooled_mention_rates, pooled_rate_ratio  # noqa: E402
from analysis.measures.stats import poisson_interval, rate_ratio_interval  # noqa: E402
from analysis.parsing.corpus import events_with  # noqa: E402


def _synthetic(events: dict[str, dict[str, tuple[int, int]]]) -> pd.DataFrame:
    """A paragraph table: ``{event: {delegation: (words, China mentions)}}``, one principal paragraph each.

    The text is ``k`` times "China" and filler words; ``n_words`` is set to the given words.
    """
    rows = []
    for event, sides in events.items():
        for turn, (delegation, (words, mentions)) in enumerate(sides.items(), start=1):
            rows.append(
                {
                    "event_id": event,
                    "paragraph_id": f"{event}:p{turn:03d}",
                    "turn": turn,
                    "speaker": f"{delegation} speaker",
                    "role": "principal",
                    "delegation": delegation,
                    "segment": "statements",
                    "text": " ".join(["china"] * mentions + ["word"] * (words - mentions)),
                    "n_words": words,
                }
            )
    return pd.DataFrame(rows)


def test_events_with_selects_by_who_took_part(two_events):
    us_only = two_events.loc[two_events["event_id"] == "tiny"].assign(event_id="tiny3")
    us_only = us_only.loc[us_only["delegation"] != "Japan"]
    table = pd.concat([two_events, us_only], ignore_index=True)
    assert sorted(events_with(table, delegations=["US", "Japan"])["event_id"].unique()) == ["tiny", "tiny2"]
    assert sorted(events_with(table, delegations="US")["event_id"].unique()) == ["tiny", "tiny2", "tiny3"]
    assert sorted(events_with(table, speakers=["Tanaka Taro"])["event_id"].unique()) == ["tiny", "tiny2"]
    # All roles of a selected event stay (the press and the moderator too): tiny has 8 paragraphs.
    assert len(events_with(table, delegations=["Japan"]).query("event_id == 'tiny'")) == 8
    # The press does not take part as a side by default.
    with pytest.raises(CorpusError, match="no event where 'press' all take part"):
        events_with(table, delegations=["press"])
    assert len(events_with(table, delegations=["press"], roles=None)) == len(table)
    with pytest.raises(CorpusError, match="name at least one"):
        events_with(table)


def test_event_bootstrap_by_enumeration():
    """Three events, all 27 ordered resamples: the totals are the sums of the drawn rows."""
    per_event = np.array([[100.0, 0.0], [100.0, 1.0], [100.0, 8.0]])
    every = np.array([[i, j, k] for i in range(3) for j in range(3) for k in range(3)])
    totals = event_bootstrap(per_event, indices=every)
    assert totals.shape == (27, 2)
    assert (totals[:, 0] == 300).all()
    # Mentions: each event fills each of the 3 places in 9 of the 27 resamples, so the mean total is
    # 3 * (0 + 1 + 8) / 3 = 9; 0 once (0, 0, 0), 24 once (8, 8, 8), 3 once (1, 1, 1), 17 three times
    # ((8, 8, 1) in any order).
    counts = totals[:, 1]
    assert counts.mean() == 9
    assert [int((counts == v).sum()) for v in (0, 3, 17, 24)] == [1, 1, 3, 1]
    assert totals[every.tolist().index([2, 0, 1])].tolist() == [300, 9]
    with pytest.raises(ParameterError):
        event_bootstrap(per_event, n_boot=0)


def test_pooled_rates_on_a_three_event_toy():
    """U.S. 100 words at each of three events, with 0, 1 and 8 China mentions: pooled 9 / 300 = 30 per 1,000.

    Event bootstrap, by enumeration of the 27 equally likely resamples: the smallest total, 0, has
    probability 1/27 = 3.7 % and the largest, 24, too; both exceed 2.5 %, so the 95 % interval is exactly
    [0, 24 / 300] = [0, 80] per 1,000. Poisson (9 mentions): Garwood bounds chi2(0.025, 18) / 2 = 4.1154
    and chi2(0.975, 20) / 2 = 17.0848 (printed tables: 4.12, 17.08), per 300 words.
    Japan: 100 words and 1 mention at each event: the ratio is total U.S. / 3, between 0 and 8; the
    event bootstrap gives [0, 8] by the same enumeration.
    """
    table = _synthetic(
        {e: {"US": (100, k), "Japan": (100, 1)} for e, k in zip("abc", (0, 1, 8), strict=True)}
    )
    rates = pooled_mention_rates(table, entities=["China"], n_boot=4000, random_state=1).set_index(
        "delegation"
    )
    us = rates.loc["US"]
    assert (us["count"], us["n_words"], us["n_events"]) == (9, 300, 3)
    assert us["rate_per_1000"] == pytest.approx(30)
    assert us["top_event_share"] == pytest.approx(8 / 9)
    assert (us["rate_low_cluster"], us["rate_high_cluster"]) == (0, pytest.approx(80))
    low, high = poisson_interval(9)
    assert (us["rate_low"], us["rate_high"]) == (pytest.approx(low / 0.3), pytest.approx(high / 0.3))
    assert float(low) == pytest.approx(4.1154, abs=1e-4) and float(high) == pytest.approx(17.0848, abs=1e-4)
    # Japan's mentions are the same at every event: every resample gives 3 / 300.
    japan = rates.loc["Japan"]
    assert japan["rate_low_cluster"] == japan["rate_high_cluster"] == pytest.approx(10)
    ratio = pooled_rate_ratio(table, entities=["China"], n_boot=4000, random_state=1).iloc[0]
    assert (ratio["group_a"], ratio["group_b"], ratio["count_a"], ratio["count_b"]) == ("US", "Japan", 9, 3)
    assert ratio["rate_ratio"] == pytest.approx(3)
    assert (ratio["ratio_low_cluster"], ratio["ratio_high_cluster"]) == (0, pytest.approx(8))
    expected = rate_ratio_interval(9, 300, 3, 300)
    assert (ratio["ratio_low"], ratio["ratio_high"]) == (
        pytest.approx(expected[1]),
        pytest.approx(expected[2]),
    )


def _widths(table):
    row = table.set_index("delegation").loc["US"]
    return row["rate_high"] - row["rate_low"], row["rate_high_cluster"] - row["rate_low_cluster"]


def test_one_dominant_event_widens_the_event_interval_not_the_poisson_one():
    """Ten events of 1,000 U.S. words and 55 China mentions in all. Poisson sees only the 55 mentions in
    10,000 words, however they are spread. The event bootstrap sees the spread: when one event holds 50
    of them (an event about China), a resample holds it 0 times with probability 0.9^10 = 35 % and three
    or more times with probability 7 %, so its interval is several times the Poisson one; spread evenly
    (5 or 6 per event, less variable than Poisson), it is narrower."""
    dominated = _synthetic(
        {f"e{i}": {"US": (1000, k)} for i, k in enumerate([50, 1, 0, 1, 0, 1, 0, 1, 0, 1])}
    )
    even = _synthetic({f"e{i}": {"US": (1000, k)} for i, k in enumerate([5, 6] * 5)})
    poisson_d, cluster_d = _widths(pooled_mention_rates(dominated, entities=["China"], random_state=0))
    poisson_e, cluster_e = _widths(pooled_mention_rates(even, entities=["China"], random_state=0))
    assert poisson_d == pytest.approx(poisson_e)  # same count, same words
    assert cluster_d > 3 * poisson_d
    assert cluster_e < poisson_e
    table = pooled_mention_rates(dominated, entities=["China"], random_state=0).set_index("delegation")
    assert table.loc["US", "top_event_share"] == pytest.approx(50 / 55)


def test_one_event_per_period_has_no_event_interval_width(two_events, meta):
    """Each quarter of the two tiny events holds one event: resampling it always gives it back, so the
    cluster interval is the point estimate itself (the bootstrap cannot say anything with one event)."""
    rates = mention_rates_over_time(two_events, meta, entities=["China", "North Korea"])
    by = rates.set_index(["period", "side", "entity"])
    row = by.loc[("2023Q1", "US", "China")]
    assert row["rate_low_cluster"] == row["rate_high_cluster"] == pytest.approx(1000 / 26)
    assert by.loc[("2023Q1", "counterpart", "North Korea"), "rate_low_cluster"] == pytest.approx(3000 / 17)
    none = mention_rates_over_time(two_events, meta, entities=["China"], n_boot=0)
    assert none["rate_low_cluster"].isna().all()


def test_pooling_needs_groups_and_entities(two_events):
    with pytest.raises(TableError, match="no words of 'France'"):
        pooled_rate_ratio(two_events, groups=("US", "France"))
    with pytest.raises(TableError, match=r"'Atlantis'.* not in the lexicon"):
        pooled_mention_rates(two_events, entities=["Atlantis"])
    with pytest.raises(TableError, match="by must be 'delegation' or 'side'"):
        pooled_mention_rates(two_events, by="speaker")
    sides = pooled_mention_rates(two_events, by="side", entities=["Russia"], n_boot=10)
    # Russia: Smith 2 in tiny (26 words), 1 in tiny2 (17 words): 3 of 43 U.S. words.
    assert sides.set_index("side").loc["US", ["count", "n_words", "n_events"]].tolist() == [3, 43, 2]


def test_us_japan_events_of_the_corpus():
    """The one way to pool the U.S.–Japan events: 22 pages, from their titles: Foreign Minister Hayashi's 19
    (the registry's count) and three without him (Prime Minister Kishida 2023-04-18, Vice Minister Mori
    2023-02-13, Minister Nagaoka 2023-05-21)."""
    from analysis import read_corpus

    paragraphs = read_corpus()
    us_japan = events_with(paragraphs, delegations=["US", "Japan"])
    assert us_japan["event_id"].nunique() == 22
    assert events_with(paragraphs, speakers=["Hayashi Yoshimasa"])["event_id"].nunique() == 19
    without = sorted(
        set(us_japan["event_id"]) - set(events_with(paragraphs, speakers=["Hayashi Yoshimasa"])["event_id"])
    )
    assert [event[:10] for event in without] == ["2023-02-13", "2023-04-18", "2023-05-21"]
    ratio = pooled_rate_ratio(us_japan).set_index("entity")
    assert ratio["n_events"].eq(22).all() and ratio["group_a"].eq("US").all()
    # The README's example: the U.S./Japan Russia ratio is "significant" for Poisson, not across events.
    russia = ratio.loc["Russia"]
    assert russia["ratio_low"] > 1
    assert russia["ratio_low_cluster"] < 1 < russia["ratio_high_cluster"]
    assert russia["ratio_high_cluster"] - russia["ratio_low_cluster"] > 2 * (
        russia["ratio_high"] - russia["ratio_low"]
    )
