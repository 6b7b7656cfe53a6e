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

from analysis import figures, plots
from analysis.exceptions import TableError
from analysis.measures.mentions import find_mentions, mention_rates
from analysis.measures.tables import principal_groups
from analysis.measures.wordshare import word_share
from analysis.parsing.roster import delegation_order
from analysis.plotting.style import (
    DELEGATION_COLORS,
    FALLBACK_COLORS,
    delegation_color,
    delegation_label,
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


def _title(ax):
    """The Axes' title, wherever the style puts it (the project's style: on the left)."""
    return next((ax.get_title(loc) for loc in ("left", "center", "right") if ax.get_title(loc)), "")


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


def test_one_spelling_of_each_delegation():
    assert [delegation_label(d) for d in ["US", "U.S.", "us", "United States"]] == ["U.S."] * 4
    assert [delegation_label(d) for d in ["Japan", "South Korea", "press"]] == [
        "Japan",
        "South Korea",
        "press",
    ]
    assert delegation_label(None) == delegation_label(pd.NA) == "delegation unknown"


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
    bars = ax.containers[2]  # the error bars, one per speaker with an interval
    heights = sorted(segment[0][1] for segment in bars.lines[2][0].get_segments())
    assert len(heights) == len(names) - 1 and names.index("Journalists") not in heights


def test_words_by_segment_bars(tiny_paragraphs):
    counts = word_share(tiny_paragraphs, by=["delegation", "segment"], n_boot=10)
    ax = plots.plot_words_by_segment(counts)
    # conftest: statements US 17, Japan 8; Q&A US 9, Japan 13, press 7.
    heights = {c.get_label(): [p.get_height() for p in c] for c in ax.containers}
    assert heights == {"US": [17, 9], "Japan": [8, 13], "press": [0, 7]}
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Statements", "Q&A"]
    # seaborn's bars keep the palette's exact colours (no desaturation).
    assert [_hex(c.patches[0].get_facecolor()) for c in ax.containers] == [US, JAPAN, PRESS]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["U.S.", "Japan", "press"]


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


def _points_by_group(ax, palette):
    """{group: x of its points, top row first} from the points collection of plot_mention_rates."""
    points = ax.collections[1]
    colors = [_hex(c) for c in points.get_facecolors()]
    offsets = np.asarray(points.get_offsets())
    found = {}
    for group, color in palette.items():
        mine = offsets[[c == color for c in colors]]
        found[group] = mine[np.argsort(mine[:, 1])][:, 0].tolist()
    return found


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
    points = _points_by_group(ax, {"US": US, "Japan": JAPAN})
    np.testing.assert_allclose(points["US"], [0, 2000 / 26, 1000 / 26, 1000 / 26])
    np.testing.assert_allclose(points["Japan"], [3000 / 17, 0, 0, 0])
    # The U.S. point of each row is dodged above (smaller y: the axis runs downwards) Japan's.
    offsets = np.asarray(ax.collections[1].get_offsets())
    us_rows = offsets[[_hex(c) == US for c in ax.collections[1].get_facecolors()]][:, 1]
    assert sorted(us_rows - np.round(us_rows)) == pytest.approx([-0.2] * 4)
    # Intervals: one segment per point, from the exact Poisson bounds of the table.
    segments = {(round(seg[0, 1], 6)): (seg[0, 0], seg[1, 0]) for seg in ax.collections[0].get_segments()}
    china_us = rates.set_index(["delegation", "entity"]).loc[("US", "China")]
    assert segments[round(2 - 0.2, 6)] == pytest.approx((china_us["rate_low"], china_us["rate_high"]))
    assert _title(ax) == "Mentions per 1,000 words: U.S. vs Japan"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["U.S.", "Japan"]


def test_mention_rates_default_groups_are_every_delegation_with_words(tiny_paragraphs):
    # A third delegation: the journalist's words counted as a "Korea" principal's.
    three = tiny_paragraphs.assign(
        role=tiny_paragraphs["role"].replace({"press": "principal"}),
        delegation=tiny_paragraphs["delegation"].replace({"press": "South Korea"}),
    )
    rates = mention_rates(three)
    ax = plots.plot_mention_rates(rates)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["U.S.", "Japan", "South Korea"]
    assert _title(ax) == "Mentions per 1,000 words: U.S., Japan, South Korea"
    korea = _points_by_group(ax, {"South Korea": FALLBACK_COLORS[0]})["South Korea"]
    # The journalist (7 words) names China and Taiwan once each; rows: NK, China, Russia, ECS, Taiwan.
    np.testing.assert_allclose(sorted(korea), sorted([0, 1000 / 7, 0, 0, 1000 / 7]))
    two = plots.plot_mention_rates(rates, groups=["Japan", "South Korea"], ax=plt.figure().add_subplot())
    assert _title(two) == "Mentions per 1,000 words: Japan vs South Korea"


def test_mention_rates_max_entities(tiny_paragraphs):
    ax = plots.plot_mention_rates(mention_rates(tiny_paragraphs), max_entities=2)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["North Korea", "Russia"]


def test_mention_dispersion_points(tiny_paragraphs):
    mentions = find_mentions(tiny_paragraphs)
    ax = plots.plot_mention_dispersion(mentions, qa_start=25 / 54)
    by_label = {c.get_label(): c.get_offsets() for c in ax.collections}
    # US: China (token 2 of 54), East China Sea, Russia twice; Japan: North Korea 3; press: 2.
    assert {k: len(v) for k, v in by_label.items()} == {
        "said by U.S.": 4,
        "said by Japan": 3,
        "said by press": 2,
    }
    assert by_label["said by U.S."][0][0] == pytest.approx(100 * 2 / 54)
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


def test_keyness_groups_come_from_the_table(keyness_table):
    named = keyness_table.assign(group_a="US", group_b="South Korea")
    with use_style():
        ax = plots.plot_keyness(named)
        ax.figure.canvas.draw()
    assert _title(ax) == "Keyness: U.S. vs South Korea"
    colors = [_hex(c) for c in ax.collections[0].get_facecolors()]
    assert colors[0] == US and colors[3] == FALLBACK_COLORS[0]
    assert "typical of U.S." in ax.get_ylabel()
    with pytest.raises(TableError, match="groups="):
        plots.plot_keyness(keyness_table)
    # Plain numbers on the log axis (no 10^n mathtext), no minor labels.
    assert all(t.get_text().isdigit() for t in ax.get_xticklabels())
    assert not [t.get_text() for t in ax.xaxis.get_minorticklabels() if t.get_text()]


def test_keyness_other_groups_use_the_fallback_palette(keyness_table):
    ax = plots.plot_keyness(keyness_table, groups=("France", "Germany"))
    colors = [_hex(c) for c in ax.collections[0].get_facecolors()]
    assert colors[0] == FALLBACK_COLORS[0] and colors[3] == FALLBACK_COLORS[1]
    assert _title(ax) == "Keyness: France vs Germany"


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
    # Topics are named by their top terms wherever they are shown.
    assert [t.get_text() for t in ax.texts] == ["1: china / taiwan", "2: ukraine / russia"]
    single = plots.plot_topic_terms(terms, topics=[2], n_terms=1, ax=plt.figure().add_subplot())
    assert _widths(single.containers[0]) == [0.9]
    assert _title(single) == "2: ukraine / russia"
    assert plots.topic_names(terms.drop(columns="label")) == {1: "Topic 1", 2: "Topic 2"}


def test_topic_prevalence_heatmap_groups_delegations():
    prevalence = pd.DataFrame(
        {
            "speaker": ["Tanaka", "Tanaka", "Smith", "Smith", "Reporter", "Reporter", "Aide", "Aide"],
            "delegation": ["Japan", "Japan", "US", "US", "press", "press", "US", "US"],
            "topic": [1, 2, 1, 2, 1, 2, 1, 2],
            "label": ["china / taiwan", "ukraine / russia"] * 4,
            "share": [0.25, 0.75, 0.6, 0.4, 1.0, 0.0, np.nan, np.nan],
        }
    )
    ax = plots.plot_topic_prevalence(prevalence)
    # seaborn's heatmap: topics down, speakers across, grouped US (Smith, then Aide, who has no
    # topic weight), Japan, press; in %.
    mesh = ax.collections[0]
    values = np.ma.asarray(mesh.get_array()).reshape(2, 4)
    np.testing.assert_allclose(values.data[:, [0, 2, 3]], [[60, 25, 100], [40, 75, 0]])
    assert values.mask[:, 1].all() and not values.mask[:, [0, 2, 3]].any()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Smith", "Aide", "Tanaka", "Reporter"]
    assert [_hex(t.get_color()) for t in ax.get_xticklabels()] == [US, US, JAPAN, PRESS]
    # Topics are named by their top terms, not only numbered.
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1: china / taiwan", "2: ukraine / russia"]
    # Every cell is written out; the speaker without topic weight gets dashes.
    assert [t.get_text() for t in ax.texts] == ["60", "25", "100", "40", "75", "0", "–", "–"]
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
        ax = plots.plot_k_selection(selection, metric=metric, ax=plt.figure().add_subplot())
        np.testing.assert_allclose(ax.lines[0].get_xdata(), [3, 4, 5])
        np.testing.assert_allclose(ax.lines[0].get_ydata(), expected)
        assert ax.lines[1].get_xdata()[0] == 4  # the recommended k
    with pytest.raises(TableError, match="metric"):
        plots.plot_k_selection(selection, metric="perplexity")


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
    assert plots.plot_timeline(tiny_paragraphs, ax=ax) is ax


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
    timeline = plots.plot_timeline(no_roster, ax=plt.figure().add_subplot())
    assert sum(_widths(timeline.containers[0])) == 54
    dispersion = plots.plot_mention_dispersion(find_mentions(no_roster), ax=plt.figure().add_subplot())
    counts = {c.get_label(): len(c.get_offsets()) for c in dispersion.collections}
    assert counts == {"said by press": 2, "said by others": 7}


# --- drawing on pyplot's current Axes; keyword arguments reach the main artist --------


@pytest.fixture(scope="module")
def seed_tables(seed_paragraphs):
    """The seed event's tables as the figure script makes them (fewer resamples and subsample fits)."""
    return figures.figure_tables(seed_paragraphs, n_boot=50, n_runs=2)


def _calls(tables):
    """{name: (call, main artist)} for every event plotting function, on the tables of one event."""
    labels = plots.speaker_labels(tables["paragraphs"])
    bars = lambda ax: ax.containers[0].patches[0]  # noqa: E731
    return {
        "word_share": (
            lambda **kw: plots.plot_word_share(tables["word_share_speaker"], labels=labels, **kw),
            bars,
        ),
        "words_by_segment": (
            lambda **kw: plots.plot_words_by_segment(tables["word_share_segment"], **kw),
            bars,
        ),
        "timeline": (lambda **kw: plots.plot_timeline(tables["paragraphs"], labels=labels, **kw), bars),
        "mention_rates": (
            lambda **kw: plots.plot_mention_rates(tables["mention_rates"], **kw),
            lambda ax: ax.collections[1],
        ),
        "mention_dispersion": (
            lambda **kw: plots.plot_mention_dispersion(tables["mentions"], **kw),
            lambda ax: ax.collections[0],
        ),
        "keyness": (lambda **kw: plots.plot_keyness(tables["keyness"], **kw), lambda ax: ax.collections[0]),
        "topic_terms": (
            lambda **kw: plots.plot_topic_terms(tables["topic_terms"], topics=[1, 2], **kw),
            bars,
        ),
        "topic_prevalence": (
            lambda **kw: plots.plot_topic_prevalence(tables["topic_prevalence"], labels=labels, **kw),
            lambda ax: ax.collections[0],
        ),
        "k_selection": (
            lambda **kw: plots.plot_k_selection(tables["k_selection"], **kw),
            lambda ax: ax.lines[0],
        ),
    }


PLOTS = [
    "word_share",
    "words_by_segment",
    "timeline",
    "mention_rates",
    "mention_dispersion",
    "keyness",
    "topic_terms",
    "topic_prevalence",
    "k_selection",
]


@pytest.mark.parametrize("name", PLOTS)
def test_without_ax_a_plot_draws_on_pyplots_current_axes(seed_tables, name):
    call, main = _calls(seed_tables)[name]
    assert sorted(_calls(seed_tables)) == sorted(PLOTS)
    plt.close("all")
    # No figure open (a new notebook cell): a pyplot figure is made, so Jupyter shows it inline.
    ax = call(gid="main")
    assert plt.get_fignums() == [ax.figure.number] and ax is plt.gca()
    # Keyword arguments reach the main artist.
    assert main(ax).get_gid() == "main"
    # A figure already open: its current Axes.
    _, existing = plt.subplots()
    assert call() is existing


def _overlap(a, b) -> float:
    """Area (square pixels) that two display boxes share."""
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(width, 0.0) * max(height, 0.0)


def _inside(inner, outer, tolerance=1.0) -> bool:
    return (
        inner.x0 >= outer.x0 - tolerance
        and inner.x1 <= outer.x1 + tolerance
        and inner.y0 >= outer.y0 - tolerance
        and inner.y1 <= outer.y1 + tolerance
    )


def _layout_problems(figure) -> list:
    """What a reader would see cut or covered, after drawing ``figure``: titles outside the figure or on
    each other, any Axes' decorations outside the figure, legends on the data, the axes or their labels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    page = figure.bbox
    problems = []
    axes = [ax for ax in figure.axes if ax.get_visible() and ax.axison]
    # The Axes' title Texts (where the style puts the title: left, centre or right).
    titles = [
        (t.get_text(), t.get_window_extent(renderer))
        for ax in axes
        for t in (ax.title, ax._left_title, ax._right_title)
        if t.get_text()
    ]
    if figure._suptitle is not None and figure._suptitle.get_text():
        titles.append((figure._suptitle.get_text(), figure._suptitle.get_window_extent(renderer)))
    for text, box in titles:
        if not _inside(box, page):
            problems.append(f"title {text!r} cut by the figure's edge")
    for n, (text, box) in enumerate(titles):
        for other, other_box in titles[n + 1 :]:
            if _overlap(box, other_box) > 1:
                problems.append(f"titles {text!r} and {other!r} overlap")
    for ax in axes:
        if not _inside(ax.get_tightbbox(renderer), page):
            problems.append(
                f"the Axes titled {ax.get_title('left') or ax.get_title()!r} reach past the figure"
            )
    legends = [ax.get_legend() for ax in figure.axes if ax.get_legend() is not None] + list(figure.legends)
    for legend in legends:
        box = legend.get_window_extent(renderer)
        if not _inside(box, page):
            problems.append("a legend is cut by the figure's edge")
        for ax in axes:
            decorations = [
                ("the data area", ax.bbox),
                ("the x axis", ax.xaxis.get_tightbbox(renderer)),
                ("the y axis", ax.yaxis.get_tightbbox(renderer)),
            ]
            data = [*ax.collections, *ax.patches, *ax.lines, *ax.images, *ax.texts]
            decorations += [(f"the data ({type(a).__name__})", a.get_window_extent(renderer)) for a in data]
            for what, other in decorations:
                if other is not None and _overlap(box, other) > 1:
                    problems.append(f"a legend covers {what}")
    return problems


@pytest.fixture(scope="module")
def trilateral_tables():
    """A U.S.-Japan-ROK trilateral joint press availability of the corpus (three delegations)."""
    import analysis

    corpus = analysis.load_corpus()
    page = corpus.loc[corpus["event_id"] == TRILATERAL]
    paragraphs = analysis.read_corpus(page)
    assert delegation_order(paragraphs.loc[paragraphs["role"] == "principal", "delegation"]) == [
        "US",
        "Japan",
        "South Korea",
    ]
    return figures.figure_tables(paragraphs, n_boot=50, n_runs=2)


TRILATERAL = "2022-02-12-secretary-antony-j-blinken-joint-press-availability-with"
EVENT_FIGURES = [spec.name for spec in figures.REGISTRY if spec.source == "event"]


@pytest.mark.parametrize("event", ["seed", "trilateral"])
@pytest.mark.parametrize("name", EVENT_FIGURES)
def test_figure_titles_and_legends_are_never_cut_or_on_the_data(request, event, name):
    tables = request.getfixturevalue(f"{event}_tables")
    spec = next(spec for spec in figures.REGISTRY if spec.name == name)
    with use_style():
        figure = spec.make(figures.FigureContext(tables))
        assert _layout_problems(figure) == []


def test_a_trilateral_figure_names_all_its_delegations_in_full(trilateral_tables):
    context = figures.FigureContext(trilateral_tables)
    specs = {spec.name: spec for spec in figures.REGISTRY}
    with use_style():
        rates = specs["fig04_mention_rates"].make(context).axes[0]
        keyness = specs["fig06_keyness"].make(context).axes[0]
    assert _title(rates) == "Mentions per 1,000 words: U.S., Japan, South Korea"
    assert [t.get_text() for t in rates.get_legend().get_texts()] == ["U.S.", "Japan", "South Korea"]
    assert _title(keyness) == "Keyness: U.S. vs South Korea"


@pytest.mark.parametrize("name", PLOTS)
def test_plots_on_pyplot_are_never_cut_or_covered(trilateral_tables, name):
    call, _ = _calls(trilateral_tables)[name]
    plt.close("all")
    with use_style():
        ax = call()
        assert _layout_problems(ax.figure) == []


def test_the_layout_check_finds_a_cut_title_and_a_legend_on_the_data():
    """_layout_problems can fail: a title longer than the figure, a legend drawn over the points."""
    with use_style():
        figure = matplotlib.figure.Figure(figsize=(2, 2), layout="constrained")
        ax = figure.add_subplot()
        ax.plot([0, 1], [0, 1], marker="o", label="data")
        ax.set_title("A title far too long to fit in a figure two inches wide, and not wrapped")
        ax.legend(loc="center")
        problems = _layout_problems(figure)
    assert any("cut by the figure's edge" in p for p in problems)
    assert any("a legend covers the data (Line2D)" in p for p in problems)


# --- corpus figures ----------------------------------------------------------------------


@pytest.fixture
def rates_over_time():
    """Two quarters, three entities; the counterparts have no words in 2023Q2 (rate missing)."""
    rows = []
    for period, start, us_words, other_words in [
        ("2023Q1", "2023-01-01", 2000, 1000),
        ("2023Q2", "2023-04-01", 500, 0),
    ]:
        for side, words in [("US", us_words), ("counterpart", other_words)]:
            for entity, count in [("China", 4), ("Russia", 1), ("Taiwan", 0)]:
                rate = 1000 * count / words if words else np.nan
                rows.append(
                    (period, pd.Timestamp(start), side, entity, count, words, rate, rate / 2, rate * 2 + 1)
                )
    columns = [
        "period",
        "period_start",
        "side",
        "entity",
        "count",
        "n_words",
        "rate_per_1000",
        "rate_low",
        "rate_high",
    ]
    return pd.DataFrame(rows, columns=columns)


def test_mention_rates_over_time_small_multiples(rates_over_time):
    with use_style():
        axes = plots.plot_mention_rates_over_time(rates_over_time, gid="line")
        figure = axes[0].figure
        assert _layout_problems(figure) == []
    # One panel per entity, in table order, titled with its name; two panels a row.
    assert [_title(ax) for ax in axes] == ["China", "Russia", "Taiwan"]
    assert len({round(ax.get_position().y0, 3) for ax in axes}) == 2
    china = axes[0]
    us, other = china.lines
    assert [_hex(us.get_color()), _hex(other.get_color())] == [US, FALLBACK_COLORS[0]]
    # Rates per 1,000 words: U.S. 4 / 2000 and 4 / 500 words; counterparts 4 / 1000, then no words.
    np.testing.assert_allclose(np.asarray(us.get_ydata(), dtype=float), [2.0, 8.0])
    np.testing.assert_allclose(np.asarray(other.get_ydata(), dtype=float), [4.0])
    # x: the middle of the quarter, six days early for the U.S., six days late for the counterparts.
    expected = matplotlib.dates.date2num(pd.to_datetime(["2023-02-09", "2023-05-10"]))
    np.testing.assert_allclose(np.asarray(us.get_xdata(), dtype=float), expected)
    np.testing.assert_allclose(
        np.asarray(other.get_xdata(), dtype=float), matplotlib.dates.date2num(pd.to_datetime(["2023-02-21"]))
    )
    intervals = sorted((seg[0, 1], seg[1, 1]) for seg in china.collections[0].get_segments())
    np.testing.assert_allclose(intervals, [(1.0, 5.0), (2.0, 9.0), (4.0, 17.0)])
    assert us.get_gid() == "line"
    assert [t.get_text() for t in figure.legends[0].get_texts()] == [
        "U.S. principals",
        "counterpart principals",
    ]
    with pytest.raises(TableError, match="no rows for 'Atlantis'"):
        plots.plot_mention_rates_over_time(rates_over_time, entities=["Atlantis"])


def test_mention_rates_over_time_on_pyplot(rates_over_time):
    plt.close("all")
    axes = plots.plot_mention_rates_over_time(rates_over_time, entities=["Russia"])
    assert plt.get_fignums() == [axes[0].figure.number] and len(axes[0].figure.axes) == 1
    # An empty current figure is used; one with Axes is left alone.
    plt.close("all")
    empty = plt.figure()
    assert plots.plot_mention_rates_over_time(rates_over_time)[0].figure is empty
    taken = plt.figure().add_subplot()
    assert plots.plot_mention_rates_over_time(rates_over_time)[0].figure is not taken.figure


def test_event_word_share_labels_the_us_as_us():
    table = pd.DataFrame(
        {
            "event_id": ["a", "a", "b", "b", "c"],
            "date": pd.to_datetime(["2023-01-05", "2023-01-05", "2022-06-01", "2022-06-01", "2022-01-01"]),
            "delegation": ["US", "Japan", "US", "India", "US"],
            "share": [0.6, 0.4, 0.25, 0.75, 1.0],
            "n_delegations": [2, 2, 2, 2, 1],
        }
    )
    plt.close("all")
    with use_style():
        ax = plots.plot_event_word_share(table, gid="points")
        assert _layout_problems(ax.figure) == []
    assert ax is plt.gca()
    # One point per event with another delegation, in date order; event c (U.S. alone) is left out.
    np.testing.assert_allclose(np.asarray(ax.collections[0].get_offsets())[:, 1], [0.25, 0.6])
    assert ax.collections[0].get_gid() == "points"
    assert _title(ax) == "U.S. share of principal speech, 2 events"
    assert ax.get_ylabel() == "U.S. share of principals' words"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "U.S., one event",
        "rolling median of 7 events",
    ]


@pytest.mark.slow
def test_corpus_figures_are_never_cut_or_covered():
    import analysis

    paragraphs = analysis.read_corpus(kinds=list(figures.CORPUS_KINDS))
    context = figures.FigureContext(analysis.corpus_tables(paragraphs))
    for spec in figures.REGISTRY:
        if spec.source == "corpus":
            with use_style():
                assert _layout_problems(spec.make(context)) == [], spec.name


def test_the_readme_figure_table_names_each_figures_plotting_function():
    from analysis import paths

    rows = [
        line
        for line in (paths.ROOT / "README.md").read_text(encoding="utf-8").splitlines()
        if "figures/" in line
    ]
    for spec in figures.REGISTRY:
        row = [line for line in rows if f"`figures/{spec.name}." in line]
        assert len(row) == 1, f"README's figure table has no row for {spec.name}"
        assert f"`{spec.function}`" in row[0], f"README names another function for {spec.name}"
        assert callable(getattr(plots, spec.function.removeprefix("plots.")))


def test_words_by_segment_draws_speakers_without_a_delegation_as_one_grey_group():
    """A transcript without a roster: 'MINISTER A: Hello China.' is 2 words of an unknown delegation."""
    from analysis import parse_transcript
    from analysis.plotting.style import MISSING_COLOR, MISSING_LABEL

    table = parse_transcript("MINISTER A: Hello China.\n\nQUESTION: Why?", roster="infer")
    counts = word_share(table, by=["delegation", "segment"], n_boot=0)
    ax = plots.plot_words_by_segment(counts)
    # Groups: the unknown delegation (2 words: "Hello China."), then the press (1 word: "Why?").
    assert [c.get_label() for c in ax.containers] == [MISSING_LABEL, "press"]
    heights = {c.get_label(): [p.get_height() for p in c] for c in ax.containers}
    assert heights[MISSING_LABEL] == [2.0, 0.0] and heights["press"] == [0.0, 1.0]
    assert matplotlib.colors.to_hex(ax.containers[0][0].get_facecolor()) == MISSING_COLOR.lower()
