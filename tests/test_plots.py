"""Plotting functions (analysis.plotting.plots) and the palette (analysis.plotting.style).

The tests read back what was drawn (bar lengths, point positions, image
values) and compare it with numbers counted by hand on the tiny transcript
(see conftest.py) or written into small hand-made tables.
"""

import subprocess
import sys
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from analysis import plots
from analysis.exceptions import TableError
from analysis.measures.mentions import find_mentions, mention_rates
from analysis.measures.tables import principal_groups
from analysis.measures.wordshare import word_share
from analysis.parsing.roster import delegation_order
from analysis.plotting.style import (
    DELEGATION_COLORS,
    FALLBACK_COLORS,
    delegation_color,
    delegation_palette,
    use_style,
)

US, JAPAN, PRESS = DELEGATION_COLORS["US"], DELEGATION_COLORS["Japan"], DELEGATION_COLORS["press"]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _widths(container):
    return [patch.get_width() for patch in container]


def _hex(color):
    return matplotlib.colors.to_hex(color).upper()


# --- palette and style ---------------------------------------------------------


def test_palette_is_okabe_ito_for_the_bundled_delegations():
    assert delegation_palette(["US", "Japan", "press"]) == {
        "US": "#0072B2",
        "Japan": "#D55E00",
        "press": "#999999",
    }
    assert delegation_color("U.S.") == US


def test_palette_falls_back_for_other_delegations():
    # Unknown names take the fallback colours alphabetically, whatever the order given.
    first = delegation_palette(["Korea", "US", "Australia"])
    second = delegation_palette(["Australia", "Korea", "US"])
    assert first == second
    assert first["Australia"] == FALLBACK_COLORS[0]
    assert first["Korea"] == FALLBACK_COLORS[1]
    assert len(set(delegation_palette([f"d{i}" for i in range(6)]).values())) == 6
    assert delegation_palette([None])[None] == "#CCCCCC"


def test_delegation_order():
    assert delegation_order(["press", "Korea", "Japan", "Australia", "US"]) == [
        "US",
        "Japan",
        "Australia",
        "Korea",
        "press",
    ]


def test_style_is_applied_only_inside_the_block():
    before = matplotlib.rcParams["svg.hashsalt"]
    with use_style():
        assert matplotlib.rcParams["svg.hashsalt"] == "pressconf-analysis"
        assert matplotlib.rcParams["font.sans-serif"][0] == "DejaVu Sans"
        font = matplotlib.font_manager.findfont("DejaVu Sans")
        # The font that ships with matplotlib, not whatever the system has.
        assert Path(font).resolve().is_relative_to(Path(matplotlib.get_data_path()).resolve())
    assert matplotlib.rcParams["svg.hashsalt"] == before


def test_importing_the_plotting_modules_changes_nothing():
    code = (
        "import matplotlib, sys\n"
        "before = matplotlib.rcParams.copy()\n"
        "import analysis.plotting.style, analysis.plotting.plots, analysis.figures\n"
        "assert matplotlib.rcParams.copy() == before\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- who speaks ----------------------------------------------------------------


def test_word_share_bars_are_the_hand_counted_shares(tiny_paragraphs):
    shares = word_share(tiny_paragraphs, by="speaker", n_boot=50)
    ax = plots.plot_word_share(shares)
    # Order: US (Smith), Japan (Tanaka 17 > moderator 4), press. Total 54 words.
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Jane Smith",
        "Tanaka Taro",
        "Moderator",
        "Journalists",
    ]
    np.testing.assert_allclose(_widths(ax.containers[0]), np.array([26, 17, 4, 7]) / 54 * 100)
    # Interpreted: Tanaka's first paragraph, 8 words of 54.
    np.testing.assert_allclose(_widths(ax.containers[1]), np.array([0, 8, 0, 0]) / 54 * 100)
    assert [_hex(p.get_facecolor()) for p in ax.containers[0]] == [US, JAPAN, JAPAN, PRESS]
    # The bars are the module's shares, not a recomputation.
    by_speaker = shares.set_index("speaker")["share"] * 100
    np.testing.assert_allclose(
        _widths(ax.containers[0]), by_speaker.loc[["Jane Smith", "Tanaka Taro", "Moderator", "Journalists"]]
    )


def test_word_share_on_the_seed_uses_short_names(seed_paragraphs):
    shares = word_share(seed_paragraphs, by="speaker", n_boot=20)
    labels = plots.speaker_labels(seed_paragraphs)
    ax = plots.plot_word_share(shares, labels=labels)
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names[:2] == ["Blinken", "Austin"]  # 2,252 and 1,634 words
    assert set(names) == {
        "Blinken",
        "Austin",
        "Price",
        "Hayashi",
        "Hamada",
        "Japanese moderator",
        "Journalists",
    }
    assert sum(_widths(ax.containers[0])) == pytest.approx(100.0)
    # The press (four journalists) is drawn without an error bar: the table has none for it.
    press = names.index("Journalists")
    bars = ax.containers[2]  # the error bars
    segments = bars.lines[2][0].get_segments()
    assert segments[press][0][0] == segments[press][1][0]


def test_words_by_segment_bars(tiny_paragraphs):
    counts = word_share(tiny_paragraphs, by=["delegation", "segment"], n_boot=10)
    ax = plots.plot_words_by_segment(counts)
    # conftest: statements US 17, Japan 8; Q&A US 9, Japan 13, press 7.
    heights = {c.get_label(): [p.get_height() for p in c] for c in ax.containers}
    assert heights == {"US": [17, 9], "Japan": [8, 13], "press": [0, 7]}
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Statements", "Q&A"]


def test_timeline_bars_follow_the_transcript(tiny_paragraphs):
    ax = plots.plot_timeline(tiny_paragraphs)
    bars = ax.containers[0]
    # Paragraph words 8 9 8 4 7 4 5 9; each starts where the previous ones end.
    assert _widths(bars) == [8, 9, 8, 4, 7, 4, 5, 9]
    assert [p.get_x() for p in bars] == [0, 8, 17, 25, 29, 36, 40, 45]
    assert ax.get_xlim() == (0, 54)
    # The Q&A starts with the moderator's turn, after 25 words.
    qa_lines = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert qa_lines[0].get_xdata()[0] == 25
    # One question, called by the Japanese moderator: a vermillion marker at its start.
    markers = [line for line in ax.lines if line.get_marker() == "v"]
    assert len(markers) == 1
    assert markers[0].get_xdata()[0] == 29
    assert _hex(markers[0].get_color()) == JAPAN
    # Only the interpreted paragraph is hatched.
    assert _widths(ax.containers[1]) == [8]


def test_timeline_refuses_several_events(tiny_paragraphs):
    two = pd.concat([tiny_paragraphs, tiny_paragraphs.assign(event_id="other")])
    with pytest.raises(TableError, match="one event"):
        plots.plot_timeline(two)


# --- mentions ------------------------------------------------------------------


def test_mention_rate_points_are_the_hand_counted_rates(tiny_paragraphs):
    rates = mention_rates(tiny_paragraphs)
    ax = plots.plot_mention_rates(rates)
    # Principals: Smith (US, 26 words) China 1, East China Sea 1, Russia 2;
    # Tanaka (Japan, 17 words) North Korea 3. Taiwan (journalist only) is left out.
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "North Korea",
        "Russia",
        "China",
        "East China Sea",
    ]
    us, japan = (c.lines[0].get_xdata() for c in ax.containers)
    np.testing.assert_allclose(us, [0, 2000 / 26, 1000 / 26, 1000 / 26])
    np.testing.assert_allclose(japan, [3000 / 17, 0, 0, 0])
    assert [c.get_label() for c in ax.containers] == ["US", "Japan"]


def test_mention_rates_max_entities(tiny_paragraphs):
    ax = plots.plot_mention_rates(mention_rates(tiny_paragraphs), max_entities=2)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["North Korea", "Russia"]


def test_mention_dispersion_points(tiny_paragraphs):
    mentions = find_mentions(tiny_paragraphs)
    ax = plots.plot_mention_dispersion(mentions, qa_start=25 / 54)
    by_label = {c.get_label(): c.get_offsets() for c in ax.collections}
    # US: China (token 2 of 54), East China Sea, Russia twice; Japan: North Korea 3; press: 2.
    assert {k: len(v) for k, v in by_label.items()} == {
        "said by US": 4,
        "said by Japan": 3,
        "said by press": 2,
    }
    assert by_label["said by US"][0][0] == pytest.approx(100 * 2 / 54)
    # Rows: North Korea (3) first, then China and Russia (2, alphabetical), then the 1s.
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["North Korea (3)", "China (2)", "Russia (2)", "East China Sea (1)", "Taiwan (1)"]
    assert set(by_label["said by Japan"][:, 1]) == {0.0}


# --- keyness and topics (hand-made tables with the documented columns) ---------


@pytest.fixture
def keyness_table():
    return pd.DataFrame(
        {
            "term": ["alliance", "ukraine", "the", "okinawa", "nansei"],
            "count_a": [20, 12, 300, 0, 0],
            "count_b": [5, 1, 200, 9, 4],
            "z": [3.1, 2.5, 0.2, -2.8, -2.0],
            "p_adjusted": [0.01, 0.03, 0.9, 0.02, 0.2],
        }
    )


def test_keyness_points_and_labels(keyness_table):
    before = keyness_table.copy()
    ax = plots.plot_keyness(keyness_table, groups=("US", "Japan"), n_labels=2)
    offsets = ax.collections[0].get_offsets()
    np.testing.assert_allclose(offsets[:, 0], [25, 13, 500, 9, 4])
    np.testing.assert_allclose(offsets[:, 1], [3.1, 2.5, 0.2, -2.8, -2.0])
    colors = [_hex(c) for c in ax.collections[0].get_facecolors()]
    # Significant (p_adjusted < 0.05) terms take their group's colour; the rest grey.
    assert colors == [US, US, "#BBBBBB", JAPAN, "#BBBBBB"]
    # Labelled: the two largest and the two smallest z, significant or not.
    assert sorted(t.get_text() for t in ax.texts) == ["alliance", "nansei", "okinawa", "ukraine"]
    assert ax.get_xscale() == "log"
    pd.testing.assert_frame_equal(keyness_table, before)


def test_keyness_other_groups_use_the_fallback_palette(keyness_table):
    ax = plots.plot_keyness(keyness_table, groups=("France", "Germany"))
    colors = [_hex(c) for c in ax.collections[0].get_facecolors()]
    assert colors[0] == FALLBACK_COLORS[0] and colors[3] == FALLBACK_COLORS[1]
    assert "France" in ax.get_title() and "Germany" in ax.get_title()


def test_topic_terms_bars():
    terms = pd.DataFrame(
        {
            "topic": [2, 1, 1, 2],
            "rank": [1, 2, 1, 2],
            "term": ["ukraine", "taiwan", "china", "russia"],
            "weight": [0.9, 0.3, 0.7, 0.4],
            "label": ["ukraine / russia", "china / taiwan", "china / taiwan", "ukraine / russia"],
        }
    )
    ax = plots.plot_topic_terms(terms)
    np.testing.assert_allclose(_widths(ax.containers[0]), [0.7, 0.3, 0.9, 0.4])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["china", "taiwan", "ukraine", "russia"]
    single = plots.plot_topic_terms(terms, topics=[2], n_terms=1)
    assert _widths(single.containers[0]) == [0.9]
    assert single.get_title() == "Topic 2"


def test_topic_prevalence_heatmap_groups_delegations():
    prevalence = pd.DataFrame(
        {
            "speaker": ["Tanaka", "Tanaka", "Smith", "Smith", "Reporter", "Reporter", "Aide", "Aide"],
            "delegation": ["Japan", "Japan", "US", "US", "press", "press", "US", "US"],
            "topic": [1, 2, 1, 2, 1, 2, 1, 2],
            "label": ["a", "b"] * 4,
            "share": [0.25, 0.75, 0.6, 0.4, 1.0, 0.0, np.nan, np.nan],
        }
    )
    ax = plots.plot_topic_prevalence(prevalence)
    # Rows: US (Smith, then Aide, who has no topic weight), Japan, press; columns topics 1, 2; in %.
    image = ax.images[0].get_array()
    np.testing.assert_allclose(image.data[[0, 2, 3]], [[60, 40], [25, 75], [100, 0]])
    assert image.mask[1].all() and not image.mask[[0, 2, 3]].any()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Smith", "Aide", "Tanaka", "Reporter"]
    assert [_hex(t.get_color()) for t in ax.get_yticklabels()] == [US, US, JAPAN, PRESS]
    with pytest.raises(TableError, match="several rows"):
        plots.plot_topic_prevalence(pd.concat([prevalence, prevalence]))


def test_k_selection_line_and_recommended_k():
    selection = pd.DataFrame(
        {
            "k": [5, 3, 4],
            "reconstruction_error": [8.0, 9.0, 8.5],
            "coherence": [0.2, 0.1, 0.3],
            "stability": [0.5, 0.6, 0.7],
            "stability_sd": [0.1, 0.1, 0.1],
            "recommended": [False, False, True],
        }
    )
    for metric, expected in [("coherence", [0.1, 0.3, 0.2]), ("stability", [0.6, 0.7, 0.5])]:
        ax = plots.plot_k_selection(selection, metric)
        np.testing.assert_allclose(ax.lines[0].get_xdata(), [3, 4, 5])
        np.testing.assert_allclose(ax.lines[0].get_ydata(), expected)
        assert ax.lines[1].get_xdata()[0] == 4  # the recommended k
    with pytest.raises(TableError, match="metric"):
        plots.plot_k_selection(selection, "perplexity")


# --- input checks and helpers ----------------------------------------------------


def test_missing_columns_are_named():
    with pytest.raises(TableError, match="share_interpreted"):
        plots.plot_word_share(pd.DataFrame({"speaker": ["a"], "delegation": ["US"], "share": [1.0]}))
    with pytest.raises(TableError, match="no rows"):
        plots.plot_topic_terms(pd.DataFrame(columns=["topic", "rank", "term", "weight"]))
    with pytest.raises(TableError, match="DataFrame"):
        plots.plot_keyness([1, 2, 3])


def test_plots_draw_on_a_given_axes_and_return_it(tiny_paragraphs):
    _, ax = plt.subplots()
    assert plots.plot_timeline(tiny_paragraphs, ax) is ax


def test_speaker_labels_fall_back_on_collisions(tiny_paragraphs):
    assert plots.speaker_labels(tiny_paragraphs) == {
        "Jane Smith": "Smith",
        "Tanaka Taro": "Tanaka",
        "Moderator": "Moderator",
        "Journalist": "Journalist",
    }
    clash = tiny_paragraphs.replace({"speaker_label": {"MINISTER TANAKA": "MINISTER SMITH"}})
    labels = plots.speaker_labels(clash)
    assert labels["Jane Smith"] == "Jane Smith" and labels["Tanaka Taro"] == "Tanaka Taro"


def test_principal_groups(seed_paragraphs, tiny_paragraphs):
    assert principal_groups(seed_paragraphs) == ("US", "Japan")
    renamed = tiny_paragraphs.replace({"delegation": {"US": "Germany", "Japan": "France"}})
    # Principal words: Germany 26, France 17; shown in alphabetical order (neither is known).
    assert principal_groups(renamed) == ("France", "Germany")
    assert principal_groups(tiny_paragraphs.loc[tiny_paragraphs["delegation"] != "Japan"]) is None


def test_speakers_without_a_delegation_are_drawn_in_grey(tiny_paragraphs):
    # Without a roster only the press has a delegation: the others come before it, in grey.
    no_roster = tiny_paragraphs.assign(
        delegation=tiny_paragraphs["delegation"].where(tiny_paragraphs["role"] == "press")
    )
    ax = plots.plot_word_share(word_share(no_roster, by="speaker", n_boot=10))
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "Journalists"
    assert [_hex(p.get_facecolor()) for p in ax.containers[0]] == ["#CCCCCC"] * 3 + [PRESS]
    assert "delegation unknown" in [t.get_text() for t in ax.get_legend().get_texts()]
    timeline = plots.plot_timeline(no_roster)
    assert sum(_widths(timeline.containers[0])) == 54
    dispersion = plots.plot_mention_dispersion(find_mentions(no_roster))
    counts = {c.get_label(): len(c.get_offsets()) for c in dispersion.collections}
    assert counts == {"said by press": 2, "said by others": 7}
