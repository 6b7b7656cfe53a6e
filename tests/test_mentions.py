"""Mentions, rates, co-mentions and keyword in context (analysis.measures.mentions)."""

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from analysis import normalize_text, parse_transcript, tokenize
from analysis.exceptions import LexiconError, TableError
from analysis.measures import mentions as mentions_module
from analysis.measures.mentions import (
    Lexicon,
    co_mentions,
    find_mentions,
    kwic,
    load_lexicon,
    mention_rates,
    rate_ratio,
)
from analysis.parsing.text import token_offsets, token_spans


def _one(text: str, lexicon=None) -> list[tuple[str, str]]:
    """(entity, matched_text) of every mention in one paragraph."""
    table = parse_transcript("MR A: " + text)
    return find_mentions(table, lexicon)[["entity", "matched_text"]].apply(tuple, axis=1).tolist()


# --- the bundled lexicon ------------------------------------------------------


def test_bundled_lexicon_has_the_required_entities():
    lexicon = load_lexicon()
    assert lexicon.version == "1.0.0"
    for entity in [
        "China",
        "Taiwan",
        "Russia",
        "Ukraine",
        "North Korea",
        "South Korea",
        "Okinawa",
        "Senkaku",
        "Nansei Islands",
        "East China Sea",
        "South China Sea",
        "NATO",
        "G7",
        "Quad",
        "ASEAN",
        "Australia",
        "India",
        "Europe",
        "Space",
        "Cyber",
    ]:
        assert entity in lexicon.entities


@pytest.mark.parametrize(
    ("phrase", "entity"),
    [
        ("the PRC", "China"),
        ("the People's Republic of China", "China"),
        ("Chinese vessels", "China"),
        ("officials in Beijing", "China"),
        ("the Taiwan Straits", "Taiwan"),
        ("Russian forces", "Russia"),
        ("President Putin", "Russia"),
        ("Moscow", "Russia"),
        ("the DPRK", "North Korea"),
        ("Pyongyang", "North Korea"),
        ("the Democratic People's Republic of Korea", "North Korea"),
        ("the ROK", "South Korea"),
        ("the Republic of Korea", "South Korea"),
        ("Seoul", "South Korea"),
        ("the Senkaku Islands", "Senkaku"),
        ("the Nansei Islands", "Nansei Islands"),
        ("the G-7", "G7"),
        ("the European Union", "European Union"),
        ("outer space", "Space"),
        ("cyberspace", "Cyber"),
    ],
)
def test_alias_maps_to_entity(phrase, entity):
    assert [e for e, _ in _one(phrase)] == [entity]


# --- counting semantics ---------------------------------------------------------


def test_longest_match_and_one_entity_per_span():
    # The full name of North Korea contains "Republic of Korea" (South Korea): one North Korea mention.
    assert _one("The Democratic People's Republic of Korea fired.") == [
        ("North Korea", "Democratic People's Republic of Korea")
    ]
    # "East China Sea" is its own entity and no China mention; the bare "China" after it is one.
    assert _one("In the East China Sea, China acts.") == [
        ("East China Sea", "East China Sea"),
        ("China", "China"),
    ]
    # The elliptical "East and South China Seas" counts once, for the South China Sea (documented).
    assert _one("the East and South China Seas") == [("South China Sea", "South China Seas")]
    # An exclusion wins the span: "Indian Ocean" is not India, "Indian officials" is.
    assert _one("the Indian Ocean and Indian officials") == [("India", "Indian")]


def _match_plainly(tokens, lexicon):
    """Leftmost-longest matching written out: at each position, the longest alias or exclusion there."""
    phrases = [
        (tuple(tokenize(phrase)), entity if kind == "alias" else None, phrase)
        for entity in lexicon.entities
        for kind, source in (("alias", lexicon.aliases), ("exclude", lexicon.exclude))
        for phrase in source[entity]
    ]
    found, i = [], 0
    while i < len(tokens):
        here = [item for item in phrases if tuple(tokens[i : i + len(item[0])]) == item[0]]
        if not here:
            i += 1
            continue
        key, entity, alias = max(here, key=lambda item: len(item[0]))
        if entity is not None:
            found.append((i, i + len(key), entity, alias))
        i += len(key)
    return found


# Words of the bundled lexicon's aliases and exclusions, and a few others.
_LEXICON = load_lexicon()
_WORDS = sorted(
    {
        word
        for phrases in (*_LEXICON.aliases.values(), *_LEXICON.exclude.values())
        for phrase in phrases
        for word in tokenize(phrase)
    }
    | {"the", "and", "u.s.", "japan", "sea"}
)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_matching_is_the_plain_leftmost_longest_scan(tokens):
    matcher = mentions_module._matcher(_LEXICON)
    assert mentions_module._match_tokens(tokens, matcher) == _match_plainly(tokens, _LEXICON)


_SPELLINGS = [
    "China",
    "CHINA\u2019S",
    "East China  Sea",
    "South\u00a0China Seas",
    "U.S.-China",
    "DPRK's",
    "Democratic People\u2019s Republic of Korea",
    "Indian Ocean",
    "Indian",
    "Xi\u200b Jinping",
    "Russia",
    "Kyiv,",
    "the",
    "and",
    "(",
    "2+2",
    "\u00e9l\u00e9phant",
    "Taiwan Strait.",
    "G-7",
    "\u2014",
]


@settings(max_examples=200)
@given(st.lists(st.lists(st.sampled_from(_SPELLINGS), max_size=25).map(" ".join), min_size=1, max_size=4))
def test_find_mentions_is_the_plain_search(texts):
    """Every paragraph tokenized and matched as written out above, matched text from token_spans."""
    paragraphs = pd.DataFrame(
        {
            "event_id": "e",
            "paragraph_id": [f"e:p{i}" for i in range(len(texts))],
            "turn": 1,
            "speaker": "A",
            "role": "principal",
            "delegation": "US",
            "segment": "qa",
            "text": texts,
            "n_words": [len(tokenize(text)) for text in texts],
        }
    )
    expected = []
    for text in texts:
        spans = token_spans(text)
        for start, stop, entity, alias in _match_plainly(tokenize(text), _LEXICON):
            matched = normalize_text(text)[spans[start][1] : spans[stop - 1][2]]
            expected.append((entity, alias, matched, start))
    found = find_mentions(paragraphs)
    assert (
        list(found[["entity", "alias", "matched_text", "token_index"]].itertuples(index=False, name=None))
        == expected
    )


def test_case_possessive_and_hyphen():
    assert _one("CHINA'S navy; China\u2019s coast guard; U.S.-China ties") == [
        ("China", "CHINA'S"),
        # matched_text is the paragraph's normalised text: the curly apostrophe is straight.
        ("China", "China's"),
        ("China", "China"),
    ]


def test_us_japan_counts_for_nothing_with_the_bundled_lexicon():
    assert _one("the U.S.-Japan Alliance and the Japan-U.S. 2+2") == []
    # With hosts in a user lexicon, "U.S.-Japan" is one mention of each.
    hosts = {"United States": ["U.S.", "United States"], "Japan": ["Japan"]}
    assert _one("the U.S.-Japan Alliance", hosts) == [("United States", "U.S."), ("Japan", "Japan")]


def test_tiny_mentions_match_the_hand_count(tiny_paragraphs):
    # conftest.py: China 2, East China Sea 1, Russia 2, North Korea 3, Taiwan 1, South Korea 0.
    mentions = find_mentions(tiny_paragraphs)
    assert mentions["entity"].value_counts().to_dict() == {
        "North Korea": 3,
        "China": 2,
        "Russia": 2,
        "East China Sea": 1,
        "Taiwan": 1,
    }
    assert mentions.loc[mentions["entity"] == "Russia", "matched_text"].tolist() == ["Russia's", "Russian"]


def test_tiny_positions(tiny_paragraphs):
    mentions = find_mentions(tiny_paragraphs)
    # Paragraph word counts 8, 9, 8, 4, 7, 4, 5, 9 (54 in all); offsets = words before + token index:
    # China p1 token 2 → 2; East China Sea p2 token 3 → 8+3; Russia's p2 token 7 → 8+7;
    # North Korea p3 token 2 → 17+2; DPRK p3 token 5 → 17+5; China p5 token 1 → 29+1;
    # Taiwan Strait p5 token 5 → 29+5; Russian p6 token 1 → 36+1; DPRK (full name) p8 token 1 → 45+1.
    assert mentions["token_index"].tolist() == [2, 3, 7, 2, 5, 1, 5, 1, 1]
    assert mentions["word_offset"].tolist() == [2, 11, 15, 19, 22, 30, 34, 37, 46]
    np.testing.assert_allclose(mentions["position"], mentions["word_offset"] / 54)
    assert mentions["turn"].tolist() == [1, 1, 1, 2, 2, 4, 4, 5, 6]
    assert mentions["paragraph_id"].iloc[-1] == "tiny:p008"


def test_positions_are_per_event(tiny_paragraphs):
    other = tiny_paragraphs.assign(
        event_id="tiny2", paragraph_id=tiny_paragraphs["paragraph_id"].str.replace("tiny", "tiny2")
    )
    both = find_mentions(pd.concat([tiny_paragraphs, other], ignore_index=True))
    first, second = (both[both["event_id"] == e] for e in ("tiny", "tiny2"))
    assert second["word_offset"].tolist() == first["word_offset"].tolist()


@pytest.mark.parametrize("by", ["delegation", "speaker", ["delegation", "segment"], ["event_id", "turn"]])
@pytest.mark.parametrize("roles", [("principal",), None])
def test_rates_count_the_mentions_find_mentions_finds(seed_paragraphs, by, roles):
    """mention_rates counts without building find_mentions' table: the same counts."""
    by = [by] if isinstance(by, str) else by
    selected = seed_paragraphs if roles is None else seed_paragraphs.loc[seed_paragraphs["role"].isin(roles)]
    found = find_mentions(selected).drop(columns=[c for c in by if c != "paragraph_id"], errors="ignore")
    found = found.merge(selected[["paragraph_id", *by]], on="paragraph_id")
    expected = found.groupby([*by, "entity"]).size()
    rates = mention_rates(seed_paragraphs, by=by, roles=roles)
    counted = rates.loc[rates["count"] > 0].set_index([*by, "entity"])["count"]
    assert counted.sort_index().to_dict() == expected.sort_index().to_dict()
    assert int(rates["count"].sum()) == len(found) > 0


def test_rates_by_hand(tiny_paragraphs):
    rates = mention_rates(tiny_paragraphs)  # principals only, by delegation
    # Every delegation × entity row is present: principals are US and Japan only.
    assert len(rates) == 2 * len(load_lexicon().entities)
    china_us = rates.query("delegation == 'US' and entity == 'China'").iloc[0]
    # Smith (US principal) says "China" once (p1; p2 is the East China Sea) in 26 words.
    assert (china_us["count"], china_us["n_words"]) == (1, 26)
    assert china_us["rate_per_1000"] == pytest.approx(1000 / 26)
    # Garwood's exact 95% interval for k = 1 is (0.0253, 5.5716) (published tables, e.g.
    # Ulm 1990, Am J Epidemiol 131:373); per 1,000 of 26 words: × 1000/26.
    assert china_us["rate_low"] == pytest.approx(0.02532 * 1000 / 26, rel=1e-3)
    assert china_us["rate_high"] == pytest.approx(5.5716 * 1000 / 26, rel=1e-4)
    nk_japan = rates.query("delegation == 'Japan' and entity == 'North Korea'").iloc[0]
    # Tanaka: North Korea, DPRK (p3), the full name (p8) in 8 + 9 = 17 words; the moderator is excluded.
    assert (nk_japan["count"], nk_japan["n_words"]) == (3, 17)
    zero = rates.query("delegation == 'Japan' and entity == 'South Korea'").iloc[0]
    # k = 0: interval (0, 3.6889).
    assert (zero["count"], zero["rate_low"]) == (0, 0.0)
    assert zero["rate_high"] == pytest.approx(3.6889 * 1000 / 17, rel=1e-4)


def test_rates_by_speaker_all_roles(tiny_paragraphs):
    rates = mention_rates(tiny_paragraphs, by="speaker", roles=None)
    china = rates[rates["entity"] == "China"].set_index("speaker")
    assert china["count"].to_dict() == {"Jane Smith": 1, "Journalist": 1, "Moderator": 0, "Tanaka Taro": 0}
    words = {"Jane Smith": 26, "Journalist": 7, "Moderator": 4, "Tanaka Taro": 17}
    assert china["n_words"].to_dict() == words


def test_rate_ratio_against_binomial_interval(seed_paragraphs):
    rr = rate_ratio(seed_paragraphs).set_index("entity")
    china = rr.loc["China"]
    counts = china[["count_a", "n_words_a", "count_b", "n_words_b"]].tolist()
    assert counts == [16, 3886, 11, 2427]
    assert china["rate_ratio"] == pytest.approx((16 / 3886) / (11 / 2427))
    # Independent route: the Clopper-Pearson interval of 16 successes in 27 (scipy's binomtest),
    # mapped to a rate ratio by p / (1 - p) * n_words_b / n_words_a.
    ci = stats.binomtest(16, 27).proportion_ci(method="exact")
    assert china["ratio_low"] == pytest.approx(ci.low / (1 - ci.low) * 2427 / 3886)
    assert china["ratio_high"] == pytest.approx(ci.high / (1 - ci.high) * 2427 / 3886)
    # Only Japan mentions Okinawa: ratio 0, lower bound 0; nobody mentions the EU: undefined.
    assert rr.loc["Okinawa", "rate_ratio"] == 0 and rr.loc["Okinawa", "ratio_low"] == 0
    assert np.isnan(rr.loc["European Union", "rate_ratio"])


def test_rate_ratio_unknown_group(tiny_paragraphs):
    with pytest.raises(TableError, match="'France'"):
        rate_ratio(tiny_paragraphs, groups=("US", "France"))


def test_co_mentions(tiny_paragraphs):
    # p2: East China Sea + Russia; p5: China + Taiwan; the other paragraphs hold one entity or none.
    table = co_mentions(tiny_paragraphs)
    assert table.values.tolist() == [["China", "Taiwan", 1], ["East China Sea", "Russia", 1]]


def test_kwic(tiny_paragraphs):
    table = kwic(tiny_paragraphs, "china", window=3)
    assert table.columns.tolist() == [
        "event_id",
        "paragraph_id",
        "turn",
        "speaker",
        "delegation",
        "left",
        "match",
        "right",
    ]
    # kwic matches words, not lexicon entities: "China" inside "East China Sea" is found too.
    assert table[["left", "match", "right"]].values.tolist() == [
        ["Good evening.", "China", "and the U.S."],
        ["discussed the East", "China", "Sea and Russia's"],
        ["Is", "China", "worried about the"],
    ]
    phrase = kwic(tiny_paragraphs, "Taiwan Strait", window=2)
    assert phrase[["left", "match", "right", "speaker"]].values.tolist() == [
        ["about the", "Taiwan Strait", "", "Journalist"]
    ]
    regex = kwic(tiny_paragraphs, re.compile(r"russia.*"), window=0)
    assert regex["match"].tolist() == ["Russia's", "Russian"]


def test_seed_headline_counts(seed_paragraphs):
    """Mentions per delegation in the seed (all speakers, press included).

    Checked by a different route: an awk script gave every line of the raw
    transcript the delegation of the last speaker label (BLINKEN, AUSTIN,
    PRICE → US; HAYASHI, HAMADA, MODERATOR → Japan; QUESTION → press), then
    ``grep -oiE`` counted, per delegation, ``china|chinese|prc|beijing|xi``
    after deleting "East/South China Sea(s)" and rewriting "People's Republic
    of China" as PRC; ``taiwan(ese)?``; ``russia|russians?|putin|moscow|kremlin``;
    ``north korea|dprk|pyongyang`` after rewriting the DPRK's full name.
    """
    mentions = find_mentions(seed_paragraphs)
    counts = mentions.groupby(["entity", "delegation"]).size()
    expected = {
        "China": {"US": 16, "Japan": 11, "press": 11},
        "Taiwan": {"US": 4, "Japan": 6, "press": 4},
        "Russia": {"US": 6, "Japan": 4, "press": 1},
        "North Korea": {"US": 3, "Japan": 3, "press": 1},
    }
    for entity, by_delegation in expected.items():
        assert counts[entity].to_dict() == by_delegation, entity
    # The Japanese moderator names none of them: Japan's counts are its ministers'.
    assert mentions.query("delegation == 'Japan'")["role"].eq("principal").all()


# --- user lexicons and errors -------------------------------------------------


def test_user_lexicon_dict_forms_agree(tiny_paragraphs):
    plain = find_mentions(tiny_paragraphs, {"China": ["China", "Chinese"]})
    table = find_mentions(tiny_paragraphs, {"China": {"aliases": ["China", "Chinese"]}})
    pd.testing.assert_frame_equal(plain, table)
    # Without the East China Sea entry, "East China Sea" holds a China mention: 3, not 2.
    assert len(plain) == 3


def test_user_lexicon_file(tmp_path, tiny_paragraphs):
    path = tmp_path / "lexicon.toml"
    path.write_text('version = "0.1"\n[entities.Korea]\naliases = ["Korea", "DPRK"]\n', encoding="utf-8")
    lexicon = load_lexicon(path)
    assert isinstance(lexicon, Lexicon) and lexicon.version == "0.1"
    # "North Korea" (p3) has Korea as its 2nd word, DPRK (p3), "...Republic of Korea" (p8): 3.
    assert len(find_mentions(tiny_paragraphs, path)) == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[entities.China]\nalias = ["China"]\n', r"entry 'China' has unknown key\(s\) alias"),
        ("[entities.China]\naliases = []\n", "entry 'China' has an empty alias list"),
        ('[entities.China]\naliases = "China"\n', "entry 'China': aliases must be a list"),
        ("[entities.China]\naliases = [1]\n", "entry 'China': aliases holds 1"),
        ('[entities.China]\naliases = ["--"]\n', "entry 'China': aliases '--' has no words"),
        (
            '[entities.China]\naliases = ["PRC"]\n[entities.Other]\naliases = ["prc"]\n',
            "entry 'Other': alias 'prc' is the same words as 'PRC' in entry 'China'",
        ),
        ("[entities.China\n", "not valid TOML"),
        ('China = ["China"]\n', r"no \[entities.NAME\] tables"),
    ],
)
def test_malformed_lexicon_file(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        load_lexicon(path)


def test_missing_lexicon_file(tmp_path):
    with pytest.raises(LexiconError, match="not found"):
        load_lexicon(tmp_path / "nope.toml")


def test_bad_table():
    with pytest.raises(TableError, match="'text'"):
        find_mentions(pd.DataFrame({"event_id": ["e"]}))


def test_inputs_are_not_mutated(tiny_paragraphs):
    before = tiny_paragraphs.copy()
    mention_rates(tiny_paragraphs, by=["delegation", "segment"])
    co_mentions(tiny_paragraphs)
    kwic(tiny_paragraphs, "korea")
    pd.testing.assert_frame_equal(tiny_paragraphs, before)


def test_unknown_delegation_is_kept_as_a_group():
    # Without a roster MR A and the moderator have no delegation: they form one NA group, not lost.
    table = parse_transcript("MR A: China and Russia.\n\nMODERATOR: China?\n\nQUESTION: Taiwan.")
    rates = mention_rates(table, roles=None)
    china = rates[(rates["entity"] == "China") & rates["delegation"].isna()].iloc[0]
    # "China and Russia" (3 words) + "China" (1 word): 2 mentions in 4 words.
    assert (china["count"], china["n_words"]) == (2, 4)


def test_rates_when_no_principal_has_a_delegation():
    # Without a roster the principals' delegation is unknown (<NA>): one group of all 43
    # principal words (26 Smith + 17 Tanaka), with China mentioned once (paragraph 1; the
    # journalist's mention in paragraph 5 is not a principal's).
    from analysis import read_transcript

    from .conftest import TINY_TRANSCRIPT

    rates = mention_rates(read_transcript(TINY_TRANSCRIPT))
    china = rates[rates["entity"] == "China"]
    assert len(china) == 1
    assert china["delegation"].isna().all()
    assert china["count"].item() == 1 and china["n_words"].item() == 43


def test_matched_text_after_a_letter_whose_lower_case_is_longer():
    # "İ".lower() is two characters ("i" and a combining dot), so offsets found in the lower-cased
    # text run one character ahead of the printed text after it; they are mapped back. By hand:
    # "MR A: İstanbul and China met." -> the text "İstanbul and China met.", "China" at 13..18.
    table = parse_transcript("MR A: İstanbul and China met.")
    found = find_mentions(table)
    assert found.loc[found["entity"] == "China", "matched_text"].tolist() == ["China"]
    text = table["text"].iloc[0]
    spans = token_spans(text)
    assert [text[start:end] for _, start, end in spans][-2:] == ["China", "met"]
    assert token_offsets(text, [len(spans) - 2]) == [(13, 18)]
