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
