"""Topic clusters (analysis.measures.topics).

The planted corpus (``fixtures/topics_planted.txt``, roster
``fixtures/topics_planted.toml``) has two subjects that share no content word:

=========  =========  ==========================================================
speaker    paragraphs content words
=========  =========  ==========================================================
Ocean      p001-p006  fishing boats tuna catch harbour trawlers nets quotas
Chip       p007-p012  semiconductor factories chips wafers export controls
                      lithography foundry
Journalist p014, p015 p014 "Tuna quotas and fishing nets?" (5 words, fisheries);
                      p015 "And chips, wafers and export controls?" (6 words,
                      semiconductors)
Moderator  p013, p016 "Thank you very much." (stop words only) and "Next,
                      Zanzibar." ("zanzibar" occurs once: pruned by min_df=2)
=========  =========  ==========================================================

Every other word (bring, use, set, protect, make, cover, ships...) occurs once
and is pruned by ``min_df=2``, so the vocabulary is exactly the 16 planted
words, the TF-IDF matrix is block-diagonal and a 2-topic NMF must recover the
two blocks, with weight exactly 0 off the block (coordinate descent keeps a
zero whose gradient is non-negative).
"""

import dataclasses
import hashlib
import os
import subprocess
import sys
import textwrap
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

import analysis
from analysis import paths, topics
from analysis.exceptions import ParameterError, TopicModelError
from analysis.measures.stopwords import DOMAIN_STOP_WORDS, STOP_WORDS
from analysis.measures.topics import (
    DEFAULT_N_COMPONENTS,
    NPMI_EPSILON,
    average_jaccard,
    document_topics,
    fit_topics,
    npmi_coherence,
    ranking_agreement,
    recommend_k,
    select_k,
    topic_coherence,
    topic_prevalence,
    topic_terms,
)
from analysis.parsing.text import tokenize

from .conftest import FIXTURES

FISHERIES = {"fishing", "boats", "tuna", "catch", "harbour", "trawlers", "nets", "quotas"}
SEMICONDUCTORS = {
    "semiconductor",
    "factories",
    "chips",
    "wafers",
    "export",
    "controls",
    "lithography",
    "foundry",
}


@pytest.fixture(scope="module")
def planted():
    return analysis.read_event(FIXTURES / "topics_planted.toml")


@pytest.fixture(scope="module")
def planted_model(planted):
    return fit_topics(planted, n_components=2)


@pytest.fixture(scope="module")
def seed_model(seed_paragraphs):
    return fit_topics(seed_paragraphs)


def _topic_of(model, vocabulary):
    """1-based topic whose top terms are the given block."""
    terms = topic_terms(model, n_terms=8)
    for topic, group in terms.groupby("topic"):
        if set(group["term"]) == vocabulary:
            return topic
    raise AssertionError(f"no topic made of {sorted(vocabulary)}: {terms}")


# --- the planted corpus --------------------------------------------------------


def test_planted_vocabulary_is_exactly_the_planted_words(planted_model):
    assert set(planted_model.terms) == FISHERIES | SEMICONDUCTORS


def test_planted_topics_are_recovered(planted_model):
    fish = _topic_of(planted_model, FISHERIES)
    chips = _topic_of(planted_model, SEMICONDUCTORS)
    assert {fish, chips} == {1, 2}
    weights = document_topics(planted_model).pivot(index="paragraph_id", columns="topic", values="weight")
    fish_paragraphs = [f"planted:p{n:03d}" for n in (1, 2, 3, 4, 5, 6, 14)]
    chip_paragraphs = [f"planted:p{n:03d}" for n in (7, 8, 9, 10, 11, 12, 15)]
    assert (weights.loc[fish_paragraphs, fish] > 0).all()
    assert (weights.loc[fish_paragraphs, chips] == 0).all()
    assert (weights.loc[chip_paragraphs, chips] > 0).all()
    assert (weights.loc[chip_paragraphs, fish] == 0).all()


def test_planted_labels_come_from_top_terms(planted_model):
    terms = topic_terms(planted_model, n_terms=5)
    for _, group in terms.groupby("topic"):
        assert group["rank"].tolist() == [1, 2, 3, 4, 5]
        assert group["weight"].is_monotonic_decreasing
        assert group["label"].nunique() == 1
        assert group["label"].iloc[0] == " / ".join(group["term"].iloc[:3])


def test_paragraphs_without_terms_are_kept_with_zero_weight(planted, planted_model):
    # p013 "Thank you very much." has no word outside the stop list; p016's only
    # content word, "zanzibar", occurs once and is pruned by min_df=2.
    ids = planted_model.paragraph_ids.tolist()
    assert ids == planted["paragraph_id"].tolist()
    not_fitted = [pid for pid, used in zip(ids, planted_model.fitted, strict=True) if not used]
    assert not_fitted == ["planted:p013", "planted:p016"]
    table = document_topics(planted_model)
    assert len(table) == len(planted) * 2
    assert table.loc[table["paragraph_id"].isin(not_fitted), "weight"].eq(0).all()
    assert planted_model.tfidf.shape == (14, 16)


def test_planted_select_k_recommends_two(planted):
    # k=3 is the most coherent (0.30); k=2 (0.26) is within 0.05 of it and the
    # more stable; k=4 falls outside the coherence screen.
    table = select_k(planted, k_values=[2, 3, 4], n_runs=5)
    assert table["k"].tolist() == [2, 3, 4]
    assert table["recommended"].sum() == 1
    assert table.loc[table["recommended"], "k"].item() == 2
    assert table["stability"].between(0, 1).all()
    assert table["reconstruction_error"].is_monotonic_decreasing
    assert recommend_k(table) == 2


# --- prevalence -----------------------------------------------------------------


def test_prevalence_on_planted_blocks(planted, planted_model):
    fish = _topic_of(planted_model, FISHERIES)
    table = topic_prevalence(planted_model, planted, by="speaker", n_boot=200)
    share = table.set_index(["speaker", "topic"])["share"]
    assert share[("Ocean", fish)] == 1.0
    assert share[("Chip", fish)] == 0.0
    # Journalist: p014 (5 words) is pure fisheries, p015 (6 words) pure
    # semiconductors: 5 / 11 = 0.454545 and 6 / 11 = 0.545455.
    assert share[("Journalist", fish)] == pytest.approx(5 / 11, abs=1e-12)
    assert share[("Journalist", 3 - fish)] == pytest.approx(6 / 11, abs=1e-12)
    # The moderator has no paragraph with topic weight: NaN, documented.
    moderator = table[table["speaker"] == "Moderator"]
    assert moderator["share"].isna().all() and (moderator["n_paragraphs"] == 0).all()
    assert table.set_index("speaker").loc["Ocean", "delegation"].unique().tolist() == ["North"]


def test_prevalence_arithmetic_by_hand(planted, planted_model):
    # Replace the weights of the journalist's two paragraphs by known values:
    #   p014 (5 words): W = (0.3, 0.1) -> mix (0.75, 0.25)
    #   p015 (6 words): W = (0.2, 0.2) -> mix (0.50, 0.50)
    # share(topic 1) = (5 * 0.75 + 6 * 0.5) / 11 = 6.75 / 11 = 0.613636...
    # share(topic 2) = (5 * 0.25 + 6 * 0.5) / 11 = 4.25 / 11 = 0.386364...
    # Bootstrap resamples of two paragraphs give topic-1 shares 0.75 (both p014,
    # probability 1/4), 0.5 (both p015, 1/4) or 6.75/11 (mixed, 1/2): the 2.5 %
    # and 97.5 % quantiles are 0.5 and 0.75.
    weights = np.array(planted_model.document_topic)
    weights[13] = [0.3, 0.1]
    weights[14] = [0.2, 0.2]
    model = dataclasses.replace(planted_model, document_topic=weights)
    table = topic_prevalence(model, planted, by="speaker", n_boot=1000, random_state=1)
    journalist = table[table["speaker"] == "Journalist"].set_index("topic")
    assert journalist.loc[1, "share"] == pytest.approx(6.75 / 11, abs=1e-12)
    assert journalist.loc[2, "share"] == pytest.approx(4.25 / 11, abs=1e-12)
    assert journalist.loc[1, "n_words"] == 11 and journalist.loc[1, "n_paragraphs"] == 2
    assert journalist.loc[1, "share_low"] == pytest.approx(0.5)
    assert journalist.loc[1, "share_high"] == pytest.approx(0.75)


def test_prevalence_bootstrap_matches_explicit_resampling(seed_paragraphs, seed_model):
    # The interval computed with resample counts equals the one computed by
    # summing the resampled paragraphs one by one.
    table = topic_prevalence(seed_model, seed_paragraphs, by="delegation", n_boot=50, ci=0.9, random_state=7)
    rng = np.random.default_rng(7)
    weights = seed_model.document_topic
    words = seed_model.n_words.astype(float)
    for delegation in sorted(seed_paragraphs["delegation"].unique()):
        rows = np.flatnonzero((seed_paragraphs["delegation"] == delegation).to_numpy())
        rows = rows[weights[rows].sum(axis=1) > 0]
        mix = weights[rows] / weights[rows].sum(axis=1, keepdims=True) * words[rows, None]
        samples = []
        for draw in rng.integers(0, rows.size, size=(50, rows.size)):
            samples.append(mix[draw].sum(axis=0) / words[rows][draw].sum())
        low = np.quantile(samples, 0.05, axis=0)
        high = np.quantile(samples, 0.95, axis=0)
        got = table[table["delegation"] == delegation]
        np.testing.assert_allclose(got["share_low"], low, rtol=1e-12)
        np.testing.assert_allclose(got["share_high"], high, rtol=1e-12)


@pytest.mark.parametrize("by", ["speaker", "delegation", ["delegation", "segment"]])
def test_prevalence_sums_to_one_within_each_group(seed_paragraphs, seed_model, by):
    table = topic_prevalence(seed_model, seed_paragraphs, by=by, n_boot=20)
    by_cols = [by] if isinstance(by, str) else by
    topical = table[table["n_paragraphs"] > 0]
    sums = topical.groupby(by_cols)["share"].sum()
    np.testing.assert_allclose(sums, 1.0, atol=1e-12)
    assert len(sums) == table.groupby(by_cols).ngroups - (by == "speaker")
    assert (topical["share_low"] <= topical["share"] + 1e-12).all()
    assert (topical["share"] <= topical["share_high"] + 1e-12).all()
    assert table.groupby(by_cols).size().eq(DEFAULT_N_COMPONENTS).all()
    if by == "speaker":
        # Ned Price's three paragraphs are floor management only (no term left
        # after the stop list): his shares are NaN, as documented.
        price = table[table["speaker"] == "Ned Price"]
        assert price["share"].isna().all() and (price["n_paragraphs"] == 0).all()
        assert "delegation" in table.columns
        blinken = table[table["speaker"] == "Antony J. Blinken"]
        assert blinken["delegation"].unique().tolist() == ["US"]


def test_prevalence_input_checks(seed_paragraphs, seed_model, planted):
    with pytest.raises(TopicModelError, match=r"lacks column.*party"):
        topic_prevalence(seed_model, seed_paragraphs, by="party")
    with pytest.raises(TopicModelError, match="not in the model"):
        topic_prevalence(seed_model, planted, by="speaker")
    with pytest.raises(ParameterError, match="ci"):
        topic_prevalence(seed_model, seed_paragraphs, ci=95)


# --- the seed: tokenizer, vocabulary, stop words ---------------------------------


def test_vectorizer_uses_the_project_tokenizer(seed_model):
    vectorizer = seed_model.vectorizer
    assert vectorizer.tokenizer is tokenize
    assert vectorizer.lowercase is False
    analyzer = vectorizer.build_analyzer()
    assert analyzer("We've met the U.S. 2+2 allies; we'll thank Japan's minister.") == [
        "met",
        "u.s.",
        "2+2",
        "allies",
        "japan",
    ]


def test_seed_vocabulary_has_no_fragments_or_stop_words(seed_model):
    terms = set(seed_model.terms)
    assert not terms & {"ve", "ll", "s", "t", "d", "re", "m", "don"}
    assert {"u.s.", "2+2", "china", "taiwan"} <= terms
    assert not terms & STOP_WORDS
    top = set(topic_terms(seed_model, n_terms=10)["term"])
    assert not top & DOMAIN_STOP_WORDS
    assert not top & {"thank", "secretary", "minister", "welcome", "question", "blinken", "hayashi"}


def test_seed_shapes_and_sparsity(seed_paragraphs, seed_model):
    assert seed_model.document_topic.shape == (110, DEFAULT_N_COMPONENTS)
    assert sparse.issparse(seed_model.tfidf)
    assert seed_model.tfidf.shape[0] == int(seed_model.fitted.sum())
    assert seed_model.n_words.sum() == 7164
    table = document_topics(seed_model)
    assert table.columns.tolist() == ["paragraph_id", "topic", "weight"]
    np.testing.assert_array_equal(table["weight"].to_numpy(), seed_model.document_topic.ravel())
    assert (table.groupby("topic")["weight"].max() > 0).all()  # no all-zero topic
    assert (seed_model.nmf.components_.max(axis=1) > 0).all()


def test_inputs_are_not_mutated(seed_paragraphs):
    before = seed_paragraphs.copy()
    model = fit_topics(seed_paragraphs, n_components=3)
    topic_prevalence(model, seed_paragraphs, n_boot=5)
    pd.testing.assert_frame_equal(seed_paragraphs, before)


# --- determinism -------------------------------------------------------------------


def _digest(paragraphs, n_components):
    model = fit_topics(paragraphs, n_components=n_components, random_state=3)
    text = (
        document_topics(model).to_csv(index=False)
        + topic_terms(model).to_csv(index=False)
        + topic_prevalence(model, paragraphs, n_boot=30, random_state=3).to_csv(index=False)
    )
    return hashlib.sha256(text.encode()).hexdigest()


def test_same_output_in_one_process(seed_paragraphs):
    assert _digest(seed_paragraphs, 6) == _digest(seed_paragraphs.copy(), 6)
    a = select_k(seed_paragraphs, k_values=[3, 5], n_runs=3, random_state=2)
    b = select_k(seed_paragraphs, k_values=[3, 5], n_runs=3, random_state=2)
    pd.testing.assert_frame_equal(a, b)


def test_same_output_across_processes(seed_paragraphs):
    # Another interpreter with another hash seed (so set iteration order
    # differs) must produce the same bytes.
    script = textwrap.dedent(
        """
        import sys
        sys.path.insert(0, sys.argv[1])
        import analysis
        from tests.test_topics import _digest
        print(_digest(analysis.read_event(), 6))
        """
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", script, str(paths.ROOT)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=paths.ROOT,
    )
    assert result.stdout.strip() == _digest(seed_paragraphs, 6)


# --- small data and bad input --------------------------------------------------


def test_more_topics_than_the_data_support(planted):
    # 14 fitted paragraphs x 16 terms: at most 14 topics.
    with pytest.raises(TopicModelError, match="at most 14"):
        fit_topics(planted, n_components=15)
    with pytest.raises(ParameterError, match="positive int"):
        fit_topics(planted, n_components=0)
    # 80 % of 14 paragraphs = 11: select_k cannot compare k = 12.
    with pytest.raises(TopicModelError, match="subsample"):
        select_k(planted, k_values=[2, 12], n_runs=2)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # scikit-learn's sqrt of a rounding-negative error
def test_no_topic_comes_out_empty_or_repeated():
    # Two distinct paragraphs, each repeated four times: the matrix has rank 2,
    # so a third topic can only be empty or a scaled copy of another (NMF
    # gives the copy here), and either is an error, not a result.
    table = pd.DataFrame(
        {"paragraph_id": [f"p{i}" for i in range(8)], "text": ["tuna nets"] * 4 + ["chips wafers"] * 4}
    )
    assert fit_topics(table, n_components=2, max_df=1.0).document_topic.shape == (8, 2)
    with pytest.raises(TopicModelError, match="same terms in the same proportions"):
        fit_topics(table, n_components=3, max_df=1.0)
    # An all-zero topic is caught as well (the check runs on every fit).
    model = fit_topics(table, n_components=2, max_df=1.0)
    components = model.nmf.components_.copy()
    components[1] = 0
    with pytest.raises(TopicModelError, match=r"topic.*2 came out all zeros"):
        topics._check_topics(SimpleNamespace(components_=components), model.document_topic, 8)


def test_empty_vocabulary_is_a_clear_error(planted):
    courtesies = pd.DataFrame({"paragraph_id": ["a", "b"], "text": ["Thank you very much.", "Good evening."]})
    with pytest.raises(TopicModelError, match="no paragraph holds a word outside the stop list"):
        fit_topics(courtesies, n_components=1)
    with pytest.raises(TopicModelError, match="Lower min_df"):
        fit_topics(planted, n_components=2, min_df=50)


def test_bad_tables(planted):
    with pytest.raises(TopicModelError, match=r"lacks column.*text"):
        fit_topics(planted.drop(columns="text"), n_components=2)
    with pytest.raises(TopicModelError, match="not unique"):
        fit_topics(pd.concat([planted, planted]), n_components=2)
    with pytest.raises(TopicModelError, match="stop_words"):
        fit_topics(planted, n_components=2, stop_words="english")
    assert issubclass(TopicModelError, ValueError)


def test_events_concatenate(planted, tiny_paragraphs):
    both = pd.concat([planted, tiny_paragraphs], ignore_index=True)
    model = fit_topics(both, n_components=2)
    table = topic_prevalence(model, both, by="event_id", n_boot=10)
    assert sorted(table["event_id"].unique()) == ["planted", "tiny"]


# --- coherence: hand-computed ----------------------------------------------------


def test_npmi_by_hand():
    # Four documents, terms a b c d:   doc1: a b   doc2: a b d   doc3: c d   doc4: -
    # p_a = p_b = p_d = 2/4, p_c = 1/4.
    presence = np.array([[1, 1, 0, 0], [1, 1, 0, 1], [0, 0, 1, 1], [0, 0, 0, 0]])
    a, b, c, d = range(4)
    scores = npmi_coherence(presence, [[a, b], [a, c], [a, d], [c, d], [a, b, d]])
    # [a, b]: p_ab = 1/2: log((1/2) / (1/4)) / -log(1/2) = log 2 / log 2 = 1
    # [a, c]: never together: log(eps / (1/8)) / -log(eps) = -1 + log 8 / log 1e12
    #         = -1 + 2.0794415 / 27.6310211 = -0.9247425
    # [a, d]: p_ad = 1/4 = p_a p_d: log 1 = 0
    # [c, d]: p_cd = 1/4, p_c p_d = 1/8: log 2 / -log(1/4) = 1/2
    # [a, b, d]: mean of ab = 1, ad = 0, bd = 0 -> 1/3
    np.testing.assert_allclose(scores, [1.0, -0.9247425, 0.0, 0.5, 1 / 3], atol=1e-7)
    assert NPMI_EPSILON == 1e-12
    # Sparse input gives the same; two terms in every document score 1.
    np.testing.assert_allclose(npmi_coherence(sparse.csr_matrix(presence), [[a, b]]), [1.0], atol=1e-9)
    assert npmi_coherence(np.ones((3, 2)), [[0, 1]]).tolist() == [1.0]
    assert np.isnan(npmi_coherence(presence, [[a]])[0])


def test_topic_coherence_on_planted(planted_model):
    # Counted on the 14 fitted paragraphs; the top-3 fisheries terms of the
    # label are checked pair by pair against the table of the fixture.
    table = topic_coherence(planted_model, n_terms=10)
    assert table.columns.tolist() == ["topic", "label", "coherence"]
    assert table["coherence"].between(-1, 1).all()
    presence = planted_model.tfidf > 0
    rankings = [
        [int(np.flatnonzero(planted_model.terms == t)[0]) for t in group["term"]]
        for _, group in topic_terms(planted_model, n_terms=10).groupby("topic")
    ]
    np.testing.assert_allclose(table["coherence"], npmi_coherence(presence, rankings))


# --- stability: hand-computed ------------------------------------------------------


def test_average_jaccard_by_hand():
    assert average_jaccard(["a", "b", "c"], ["a", "b", "c"]) == 1.0
    assert average_jaccard(["a", "b"], ["c", "d"]) == 0.0
    # d=1: {a} vs {b} -> 0;  d=2: {a,b} vs {b,a} -> 1;  mean 1/2
    assert average_jaccard(["a", "b"], ["b", "a"]) == 0.5
    # d=1: 1;  d=2: 1;  d=3: {d,e,f} vs {d,e,x} -> 2/4;  mean 2.5/3
    assert average_jaccard(["d", "e", "f"], ["d", "e", "x"]) == pytest.approx(2.5 / 3)


def test_ranking_agreement_by_hand():
    model_a = [["a", "b", "c"], ["d", "e", "f"]]
    assert ranking_agreement(model_a, model_a) == 1.0
    assert ranking_agreement(model_a, [["u", "v", "w"], ["x", "y", "z"]]) == 0.0
    # Topics come in the other order: the Hungarian matching pairs a-b-c with
    # a-b-c (AJ 1) and d-e-f with d-e-x (AJ 2.5/3), so (1 + 5/6) / 2 = 11/12.
    # Matching by position would give 0.
    model_b = [["d", "e", "x"], ["a", "b", "c"]]
    assert ranking_agreement(model_a, model_b) == pytest.approx(11 / 12)
    with pytest.raises(TopicModelError, match="same number of topics"):
        ranking_agreement(model_a, model_b[:1])


# --- the rule for k ------------------------------------------------------------------


def test_recommend_k_rule():
    table = pd.DataFrame(
        {
            "k": [3, 4, 5, 6, 7],
            "coherence": [0.30, 0.28, 0.27, 0.26, 0.10],
            "stability": [0.60, 0.70, 0.74, 0.75, 0.99],
            "stability_se": [0.02, 0.02, 0.02, 0.02, 0.01],
        }
    )
    # k=7 fails the coherence screen (0.10 < 0.30 - 0.05); the best stability
    # among 3-6 is 0.75 (k=6), SE 0.02: 5 (0.74) is within it, 4 (0.70) is not.
    assert recommend_k(table) == 5
    # A wider screen admits k=7; a narrower one only 3 and 4.
    assert recommend_k(table, coherence_tol=0.25) == 7
    assert recommend_k(table, coherence_tol=0.025) == 4
    # Without run-to-run error, exact ties go to the smaller k.
    tied = table.assign(stability=[0.6, 0.75, 0.75, 0.75, 0.1], stability_se=np.nan)
    assert recommend_k(tied) == 4
    with pytest.raises(TopicModelError, match="stability_se"):
        recommend_k(table.drop(columns="stability_se"))


@pytest.mark.slow
def test_default_n_components_is_what_the_rule_picks_on_the_seed(seed_paragraphs):
    # The documented default: select_k with its defaults (k 3-12, 20 runs).
    table = select_k(seed_paragraphs)
    assert table.loc[table["recommended"], "k"].item() == DEFAULT_N_COMPONENTS


# --- select_k's fast path: the same numbers as scikit-learn, in fewer seconds --------


def _seed_subsets(matrix, n_runs=3, seed=0):
    rng = np.random.default_rng(seed)
    n_sub = round(0.8 * matrix.shape[0])
    return [np.sort(rng.choice(matrix.shape[0], size=n_sub, replace=False)) for _ in range(n_runs)]


@pytest.mark.parametrize("init", ["nndsvda", "nndsvd", "nndsvdar"])
def test_fast_fits_equal_scikit_learn_bit_for_bit(seed_paragraphs, init):
    # select_k's subsample fits (topics._nmf_components) must give NMF(...).fit's components_
    # exactly: the same initialisation, update and stopping rule, with less overhead.
    _, matrix, *_ = topics._vectorize(
        seed_paragraphs, min_df=2, max_df=0.5, stop_words=None, sublinear_tf=True
    )
    options = {"init": init, "max_iter": 1000, "tol": 1e-4}
    for subset in _seed_subsets(matrix, n_runs=2):
        for k in (3, 9, 12):
            sample = matrix[subset]
            expected, _ = topics._fit_nmf(sample, k, 0, **options)
            got = topics._nmf_components(sample, k, 0, **options)
            assert got.dtype == expected.components_.dtype
            np.testing.assert_array_equal(got, expected.components_)


def test_sparse_products_equal_the_operator_bit_for_bit(seed_paragraphs):
    # topics._sparse_products calls SciPy's kernels directly: the same arrays as x @ d and
    # x.T @ d, for the operands _nmf_components passes and for those it hands to the operator.
    _, matrix, *_ = topics._vectorize(
        seed_paragraphs, min_df=2, max_df=0.5, stop_words=None, sublinear_tf=True
    )
    x = matrix[_seed_subsets(matrix, n_runs=1)[0]]
    x_times, xt_times = topics._sparse_products(x)
    rng = np.random.default_rng(3)
    for k in (1, 2, 9):
        ht = rng.random((x.shape[1], k))
        w = rng.random((x.shape[0], k))
        for got, expected in ((x_times(ht), x @ ht), (xt_times(w), x.T @ w)):
            assert got.dtype == expected.dtype and got.shape == expected.shape
            np.testing.assert_array_equal(got, expected)
    strided = rng.random((x.shape[1], 6))[:, ::2]  # not C-contiguous: left to the operator
    np.testing.assert_array_equal(x_times(strided), x @ strided)
    single = rng.random((x.shape[1], 4)).astype(np.float32)
    np.testing.assert_array_equal(x_times(single), x @ single)


def test_sparse_products_use_scipy_kernels(seed_paragraphs, monkeypatch):
    # Without the kernels (another SciPy) the products fall back to the operator, same values.
    _, matrix, *_ = topics._vectorize(
        seed_paragraphs, min_df=2, max_df=0.5, stop_words=None, sublinear_tf=True
    )
    ht = np.random.default_rng(4).random((matrix.shape[1], 5))
    calls = []
    original = topics.csr_matvecs
    monkeypatch.setattr(topics, "csr_matvecs", lambda *args: calls.append(1) or original(*args))
    direct = topics._sparse_products(matrix)[0](ht)
    assert calls == [1]
    monkeypatch.setattr(topics, "csr_matvecs", None)
    monkeypatch.setattr(topics, "csc_matvecs", None)
    np.testing.assert_array_equal(topics._sparse_products(matrix)[0](ht), direct)


def test_fast_fits_stop_where_scikit_learn_stops(planted):
    # A small max_iter: both stop there, warn alike, and agree.
    _, matrix, *_ = topics._vectorize(planted, min_df=2, max_df=0.5, stop_words=None, sublinear_tf=True)
    options = {"init": "nndsvda", "max_iter": 3, "tol": 1e-12}
    with pytest.warns(Warning, match="Maximum number of iterations 3"):
        expected, _ = topics._fit_nmf(matrix, 2, 0, **options)
    with pytest.warns(Warning, match="Maximum number of iterations 3"):
        got = topics._nmf_components(matrix, 2, 0, **options)
    np.testing.assert_array_equal(got, expected.components_)


def test_vectorised_agreement_equals_ranking_agreement():
    # topics._index_agreement must return ranking_agreement's float exactly, also for
    # rankings of different lengths (topics with fewer positive terms than n_terms).
    rng = np.random.default_rng(5)
    for _ in range(200):
        k = int(rng.integers(1, 7))
        t = int(rng.integers(1, 11))
        pool = int(rng.integers(t, 3 * t + 2))
        lists = [rng.permutation(pool)[: int(rng.integers(0, t + 1))].tolist() for _ in range(2 * k)]
        a, b = lists[:k], lists[k:]
        if not any(a) and not any(b):
            a[0] = [0]
        expected = ranking_agreement(a, b)
        got = topics._index_agreement(topics._as_index_array(a, t), topics._as_index_array(b, t))
        assert got == expected


def test_select_k_values_are_unchanged(seed_paragraphs):
    # Values of select_k before the fast path (scikit-learn's NMF and average_jaccard for every
    # fit), exactly: the fast path changes the time, not the numbers.
    table = select_k(seed_paragraphs, k_values=[3, 9], n_runs=4, random_state=0)
    assert table["reconstruction_error"].tolist() == [9.574821451459913, 8.960217411003061]
    assert table["coherence"].tolist() == [0.19690909284199354, 0.2918485031507479]
    assert table["stability"].tolist() == [0.4670958893617563, 0.4688938591221873]
    assert table["stability_sd"].tolist() == [0.1107876353883292, 0.08210211174322497]
    assert table["recommended"].tolist() == [False, True]


def test_select_k_without_the_fast_path_gives_the_same_table(seed_paragraphs, monkeypatch):
    fast = select_k(seed_paragraphs, k_values=[4, 7], n_runs=3, random_state=1)
    monkeypatch.setattr(topics, "_update_cdnmf_fast", None)  # as if scikit-learn lacked it
    slow = select_k(seed_paragraphs, k_values=[4, 7], n_runs=3, random_state=1)
    pd.testing.assert_frame_equal(fast, slow, check_exact=True)


@pytest.mark.filterwarnings("ignore:Maximum number of iterations")  # one k=8 subsample fit, as before
def test_select_k_n_jobs_gives_the_same_table(seed_paragraphs):
    # Fits in two worker processes: the same bytes as in this one (each fit depends only on
    # its subset, k and the seed; results are put back in k and run order).
    one = select_k(seed_paragraphs, k_values=[3, 5, 8], n_runs=7, random_state=2)
    two = select_k(seed_paragraphs, k_values=[3, 5, 8], n_runs=7, random_state=2, n_jobs=2)
    pd.testing.assert_frame_equal(one, two, check_exact=True)
    assert select_k(seed_paragraphs, k_values=[3], n_runs=2, n_jobs=None).equals(
        select_k(seed_paragraphs, k_values=[3], n_runs=2)
    )


def test_select_k_n_jobs_checks(planted):
    for bad in (0, 1.5, "2", True):
        with pytest.raises(TopicModelError, match="n_jobs"):
            select_k(planted, k_values=[2], n_runs=2, n_jobs=bad)


def test_nmf_fits_run_with_one_blas_thread(planted, monkeypatch):
    # Every NMF of the module (fit_topics, select_k's reference and subsample fits) runs with
    # one BLAS thread: numbers that do not depend on the core count, no waiting for a busy core.
    from threadpoolctl import threadpool_info

    seen = []

    def blas_threads():
        return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}

    original_fit = topics.NMF.fit_transform
    original_step = topics._update_cdnmf_fast

    def recording_fit(self, *args, **kwargs):
        seen.append(("NMF", blas_threads()))
        return original_fit(self, *args, **kwargs)

    def recording_step(*args):
        if len(seen) < 50:
            seen.append(("step", blas_threads()))
        return original_step(*args)

    monkeypatch.setattr(topics.NMF, "fit_transform", recording_fit)
    monkeypatch.setattr(topics, "_update_cdnmf_fast", recording_step)
    fit_topics(planted, n_components=2)
    select_k(planted, k_values=[2, 3], n_runs=2)
    kinds = {kind for kind, _ in seen}
    assert kinds == {"NMF", "step"}
    assert all(threads == {1} for _, threads in seen), seen
