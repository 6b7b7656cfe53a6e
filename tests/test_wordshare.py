"""Word share (analysis.measures.wordshare)."""

import numpy as np
import pandas as pd
import pytest

from analysis import parse_transcript
from analysis.exceptions import ParameterError, TableError
from analysis.measures import wordshare
from analysis.measures.stats import bootstrap_indices, check_random_state, draw_counts, percentile_interval
from analysis.measures.wordshare import word_share

COLUMNS = [
    "n_words",
    "n_turns",
    "n_paragraphs",
    "share",
    "share_low",
    "share_high",
    "share_principals",
    "principal_share_low",
    "principal_share_high",
    "mean_words_per_turn",
    "sd_words_per_turn",
    "n_types",
    "n_words_interpreted",
    "share_interpreted",
]


def test_columns(tiny_paragraphs):
    assert word_share(tiny_paragraphs, n_boot=10).columns.tolist() == [
        "speaker",
        "delegation",
        "role",
        "n_speakers",
        *COLUMNS,
    ]
    assert word_share(tiny_paragraphs, by=["delegation", "segment"], n_boot=10).columns.tolist() == [
        "delegation",
        "segment",
        *COLUMNS,
    ]


def test_tiny_by_speaker(tiny_paragraphs):
    # Hand counts (conftest.py): Smith 26 words in turns 1 (8 + 9) and 5 (4 + 5); Tanaka 17 in turns 2 (8,
    # interpreted) and 6 (9); moderator 4; journalist 7; total 54; principals 43.
    table = word_share(tiny_paragraphs, n_boot=0).set_index("speaker")
    smith, tanaka = table.loc["Jane Smith"], table.loc["Tanaka Taro"]
    assert table["n_words"].to_dict() == {
        "Jane Smith": 26,
        "Journalists": 7,
        "Moderator": 4,
        "Tanaka Taro": 17,
    }
    assert (smith["n_turns"], smith["n_paragraphs"]) == (2, 4)
    assert smith["share"] == pytest.approx(26 / 54)
    assert smith["share_principals"] == pytest.approx(26 / 43)
    assert tanaka["share_principals"] == pytest.approx(17 / 43)
    assert np.isnan(table.loc["Moderator", "share_principals"])
    # Words per turn: Smith 17 and 9 → mean 13, sd sqrt(((17-13)² + (9-13)²) / 1) = sqrt(32).
    assert smith["mean_words_per_turn"] == 13
    assert smith["sd_words_per_turn"] == pytest.approx(np.sqrt(32))
    assert np.isnan(table.loc["Journalists", "sd_words_per_turn"])  # one turn
    # Distinct tokens of Smith: good evening china and the u.s. japan alliance (8) + we discussed east sea
    # russia war (6) + no russian forces remain (4) + to minister tanaka thank you (5) = 23.
    assert smith["n_types"] == 23
    # Interpretation: Tanaka's turn 2 (8 words) only; turn 6 says "(In English)".
    assert (tanaka["n_words_interpreted"], tanaka["share_interpreted"]) == (8, pytest.approx(8 / 17))
    assert smith["n_words_interpreted"] == 0
    assert (table.loc["Moderator", "delegation"], table.loc["Moderator", "role"]) == ("Japan", "moderator")
    # No intervals with n_boot=0.
    assert table["share_low"].isna().all()


def test_tiny_by_delegation_and_segment(tiny_paragraphs):
    # conftest.py: statements US 17, Japan 8; Q&A (from the moderator turn 3) US 9, Japan 9 + 4, press 7.
    table = word_share(tiny_paragraphs, by=["delegation", "segment"], n_boot=0)
    words = table.set_index(["delegation", "segment"])["n_words"].to_dict()
    assert words == {
        ("Japan", "qa"): 13,
        ("Japan", "statements"): 8,
        ("US", "qa"): 9,
        ("US", "statements"): 17,
        ("press", "qa"): 7,
    }
    assert table["share"].sum() == pytest.approx(1)
    # Principal words only: Japan's Q&A words are 9 of Tanaka's + 0 of the moderator's → 9 / 43.
    japan_qa = table.query("delegation == 'Japan' and segment == 'qa'").iloc[0]
    assert japan_qa["share_principals"] == pytest.approx(9 / 43)


def test_bootstrap_matches_a_plain_loop(tiny_paragraphs):
    """The vectorised bootstrap equals a per-resample loop over the same turn indices."""
    n_boot = 200
    table = word_share(
        tiny_paragraphs, by="delegation", n_boot=n_boot, random_state=7, stratify=None
    ).set_index("delegation")
    # Turn units in (event_id, turn) order: turns 1..6. Words per turn and delegation, by hand:
    # t1 US 17, t2 Japan 8, t3 Japan 4 (moderator), t4 press 7, t5 US 9, t6 Japan 9.
    words = {"US": [17, 0, 0, 0, 9, 0], "Japan": [0, 8, 4, 0, 0, 9], "press": [0, 0, 0, 7, 0, 0]}
    principal = {"US": [17, 0, 0, 0, 9, 0], "Japan": [0, 8, 0, 0, 0, 9], "press": [0] * 6}
    shares, principal_shares = {g: [] for g in words}, {g: [] for g in words}
    for draw in bootstrap_indices(6, n_boot, random_state=7):
        total = sum(words[g][i] for g in words for i in draw)
        total_p = sum(principal[g][i] for g in words for i in draw)
        for g in words:
            shares[g].append(sum(words[g][i] for i in draw) / total)
            if total_p:
                principal_shares[g].append(sum(principal[g][i] for i in draw) / total_p)
    for g in ("US", "Japan", "press"):
        assert table.loc[g, "share_low"] == pytest.approx(np.quantile(shares[g], 0.025))
        assert table.loc[g, "share_high"] == pytest.approx(np.quantile(shares[g], 0.975))
    for g in ("US", "Japan"):
        assert table.loc[g, "principal_share_low"] == pytest.approx(np.quantile(principal_shares[g], 0.025))
        assert table.loc[g, "principal_share_high"] == pytest.approx(np.quantile(principal_shares[g], 0.975))
    assert np.isnan(table.loc["press", "principal_share_low"])


def _bootstrap_in_one_matrix(per_turn, groups, n_by, n_boot, ci, random_state, unit_strata=None):
    """The bootstrap with every draw in one resamples × units index matrix and one dense product."""
    table = per_turn.reset_index()
    units = sorted(set(zip(table["event_id"], table["turn"], strict=True)))
    row_of = {unit: i for i, unit in enumerate(units)}
    keys = list(zip(*(table[c] for c in table.columns[:n_by]), strict=True))
    column_of = {key: groups.get_loc(key[0] if n_by == 1 else key) for key in set(keys)}
    words, principal = np.zeros((len(units), len(groups))), np.zeros((len(units), len(groups)))
    for unit, key, n, p in zip(
        zip(table["event_id"], table["turn"], strict=True),
        keys,
        table["n_words"],
        table["_principal_words"],
        strict=True,
    ):
        words[row_of[unit], column_of[key]] += n
        principal[row_of[unit], column_of[key]] += p
    rng = check_random_state(random_state)
    indices = np.empty((n_boot, len(units)), dtype=np.int64)
    labels = np.zeros(len(units), dtype=int) if unit_strata is None else unit_strata
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        indices[:, members] = members[bootstrap_indices(len(members), n_boot, rng)]
    draws = draw_counts(indices, len(units))
    out = []
    for matrix in (words, principal):
        totals = draws @ matrix
        defined = totals.sum(axis=1) > 0
        out += percentile_interval(totals[defined] / totals[defined].sum(axis=1, keepdims=True), ci=ci)
    return tuple(out)


@pytest.mark.parametrize(
    ("by", "stratify"),
    [
        ("delegation", "speaker"),
        ("speaker", "speaker"),
        ("delegation", None),
        (["delegation", "segment"], "role"),
    ],
)
def test_bootstrap_is_that_of_one_index_matrix_to_the_bit(seed_paragraphs, monkeypatch, by, stratify):
    """Strata resampled one at a time into a sparse product: the same intervals, bit for bit."""
    found = word_share(seed_paragraphs, by=by, n_boot=300, random_state=11, stratify=stratify)
    monkeypatch.setattr(wordshare, "_bootstrap_shares", _bootstrap_in_one_matrix)
    expected = word_share(seed_paragraphs, by=by, n_boot=300, random_state=11, stratify=stratify)
    pd.testing.assert_frame_equal(found, expected, check_exact=True)
    assert found["share_low"].notna().any()


def test_bootstrap_uses_one_resample_for_all_groups(seed_paragraphs):
    # US and Japan principal shares add to 1 in every resample, so their intervals mirror each other.
    table = word_share(seed_paragraphs, by="delegation", n_boot=500).set_index("delegation")
    assert table.loc["US", "principal_share_low"] == pytest.approx(
        1 - table.loc["Japan", "principal_share_high"]
    )
    assert table.loc["US", "principal_share_high"] == pytest.approx(
        1 - table.loc["Japan", "principal_share_low"]
    )


def test_stratified_bootstrap_by_hand(tiny_paragraphs):
    # Stratified by speaker, each replicate keeps every speaker's number of turns. Smith's two turns
    # (17, 9 words) resample to S in {18, 26, 34}, Tanaka's (8, 9) to T in {16, 17, 18}; moderator 4
    # and journalist 7 are fixed (one turn each). Smith's share S / (S + T + 11) is smallest at
    # S = 18, T = 18 (probability 1/4 * 1/4 = 6.25% > 2.5%) and largest at S = 34, T = 16 (6.25%), so
    # the 95% interval is [18 / 47, 34 / 61].
    table = word_share(tiny_paragraphs, stratify="speaker").set_index("speaker")
    assert table.loc["Jane Smith", "share_low"] == pytest.approx(18 / 47)
    assert table.loc["Jane Smith", "share_high"] == pytest.approx(34 / 61)
    # Principal share: 18 / 36 at the bottom, 34 / 50 at the top.
    assert table.loc["Jane Smith", "principal_share_low"] == pytest.approx(18 / 36)
    assert table.loc["Jane Smith", "principal_share_high"] == pytest.approx(34 / 50)


def test_stratified_one_turn_each_is_degenerate():
    table = parse_transcript("MR A: One two three.\n\nMS B: Four.")
    shares = word_share(table, stratify="speaker", n_boot=50)
    np.testing.assert_allclose(shares["share_low"], [0.75, 0.25])
    np.testing.assert_allclose(shares["share_high"], [0.75, 0.25])


def test_stratify_must_be_constant_within_turns(tiny_paragraphs):
    with pytest.raises(TableError, match="changes within turn 1"):
        word_share(tiny_paragraphs, stratify="paragraph_in_turn")


def test_deterministic(tiny_paragraphs):
    first = word_share(tiny_paragraphs, n_boot=100, random_state=3)
    pd.testing.assert_frame_equal(first, word_share(tiny_paragraphs, n_boot=100, random_state=3))
    other = word_share(tiny_paragraphs, n_boot=100, random_state=4)
    assert not first["share_low"].equals(other["share_low"]) or not first["share_high"].equals(
        other["share_high"]
    )


def test_multi_event_turns_are_keyed_by_event(tiny_paragraphs):
    other = tiny_paragraphs.assign(event_id="tiny2")
    both = pd.concat([tiny_paragraphs, other], ignore_index=True)
    table = word_share(both, n_boot=50).set_index("speaker")
    # Smith speaks in turns 1 and 5 of each event: four turns, not two.
    assert table.loc["Jane Smith", "n_turns"] == 4
    assert table.loc["Jane Smith", "share"] == pytest.approx(26 / 54)
    by_event = word_share(both, by="event_id", n_boot=0)
    assert by_event["n_words"].tolist() == [54, 54]


def test_seed_headline_principal_share(seed_paragraphs):
    """U.S. vs Japanese principals' word share in the seed.

    Checked by a different route, in the shell on the raw file: ``awk``
    gave every line the last speaker label (and cut the label off); for each
    minister, ``sed`` deleted "(Via interpreter)", "(inaudible)" and a trailing
    's, wrote U.S./D.C. without periods and turned hyphens and dashes into
    spaces, and ``grep -oE "[A-Za-z0-9][A-Za-z0-9'’.,+]*" | wc -l`` counted
    the words: Blinken 2,252, Austin 1,634, Hayashi 1,366, Hamada 1,061,
    the same as the tokenizer. U.S. 2,252 + 1,634 = 3,886; Japan 1,366 + 1,061
    = 2,427; 3,886 / 6,313 = 0.6156.
    """
    table = word_share(seed_paragraphs, by="delegation", n_boot=200).set_index("delegation")
    assert table.loc["US", "n_words"] - 42 == 3886  # minus Ned Price, the U.S. moderator
    assert table.loc["US", "share_principals"] == pytest.approx(3886 / 6313)
    assert table.loc["Japan", "share_principals"] == pytest.approx(2427 / 6313)
    assert table.loc["US", "principal_share_low"] < 3886 / 6313 < table.loc["US", "principal_share_high"]
    # Of the Japanese ministers' 2,427 words, all but Hayashi's last turn (154 words) are interpreted.
    speakers = word_share(seed_paragraphs, n_boot=0).set_index("speaker")
    japan = speakers.loc[["Hayashi Yoshimasa", "Hamada Yasukazu"]]
    assert japan["n_words_interpreted"].sum() == 2427 - 154


def test_journalists_are_speakers_and_the_press_is_one_group(seed_paragraphs):
    """The seed's four questions are called by name (raw file lines 114, 156, 182, 208: "Shaun Tandon of
    the AFP", "Miki-san of Nikkei newspaper company", "Ryo Kiyomiya from Asahi Shimbun", "Tajima-san,
    Asahi Shimbun newspaper"): four speakers in the paragraph table, one press group by speaker, with
    no interval; the by-delegation table keeps the press's interval (the press as a side)."""
    press = seed_paragraphs.loc[seed_paragraphs["role"] == "press"].drop_duplicates("turn")
    assert press["speaker"].tolist() == [
        "Shaun Tandon (AFP)",
        "Miki (Nikkei newspaper company)",
        "Ryo Kiyomiya (Asahi Shimbun)",
        "Tajima (Asahi Shimbun newspaper)",
    ]
    by_speaker = word_share(seed_paragraphs, n_boot=100).set_index("speaker")
    row = by_speaker.loc["Journalists"]
    assert (row["n_speakers"], row["n_turns"], row["delegation"]) == (4, 4, "press")
    assert np.isnan(row["share_low"]) and np.isnan(row["share_high"])
    assert by_speaker.drop(index="Journalists")["share_low"].notna().all()
    assert by_speaker.drop(index="Journalists")["n_speakers"].eq(1).all()
    by_delegation = word_share(seed_paragraphs, by="delegation", n_boot=100).set_index("delegation")
    assert by_delegation.loc["press", "share_low"] < row["share"] < by_delegation.loc["press", "share_high"]


def test_bad_input(tiny_paragraphs):
    with pytest.raises(TableError, match="'party'"):
        word_share(tiny_paragraphs, by="party")
    with pytest.raises(TableError, match="DataFrame"):
        word_share([1, 2, 3])
    with pytest.raises(TableError, match="no rows"):
        word_share(tiny_paragraphs.iloc[:0])
    with pytest.raises(ParameterError, match="n_boot"):
        word_share(tiny_paragraphs, n_boot=-1)
    with pytest.raises(ParameterError, match="ci"):
        word_share(tiny_paragraphs, ci=95)


def test_input_is_not_mutated(tiny_paragraphs):
    before = tiny_paragraphs.copy()
    word_share(tiny_paragraphs, by=["delegation", "segment"], n_boot=10)
    pd.testing.assert_frame_equal(tiny_paragraphs, before)


def test_without_roster_delegation_is_missing():
    table = parse_transcript("MR A: One two.\n\nMODERATOR: Three.")
    shares = word_share(table, by="delegation", n_boot=0)
    # Unknown delegations stay a group of their own (NA), not dropped.
    assert shares["n_words"].sum() == 3


def test_default_bootstrap_is_stratified_by_speaker(tiny_paragraphs):
    # The default keeps each speaker's number of turns; the hand-worked bounds above
    # ([18/47, 34/61] for Smith) hold without naming the stratum.
    table = word_share(tiny_paragraphs).set_index("speaker")
    assert table.loc["Jane Smith", "share_low"] == pytest.approx(18 / 47)
    assert table.loc["Jane Smith", "share_high"] == pytest.approx(34 / 61)
