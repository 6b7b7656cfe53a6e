"""The scale benchmark's corpus copies (benchmarks/replicate.py)."""

import importlib.util

import pytest

from analysis import load_corpus, paths, read_corpus
from analysis.exceptions import ParameterError

_spec = importlib.util.spec_from_file_location("replicate", paths.ROOT / "benchmarks" / "replicate.py")
replicate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(replicate)
replicate_corpus = replicate.replicate_corpus


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_bad_copies(corpus):
    with pytest.raises(ParameterError, match="positive integer"):
        replicate_corpus(corpus, 0)


def test_replicate_corpus(corpus):
    tripled = replicate_corpus(corpus.head(5), 3)
    assert len(tripled) == 15 and tripled["event_id"].is_unique
    assert tripled["event_id"].iloc[5] == corpus["event_id"].iloc[0] + "~2"
    # Copies keep every word but repeat no paragraph text. Letters of "evening." from the end:
    # g 1, n 2, i 3; so copy 2 writes "Good eveniNg." and copy 3 "Good evenIng.".
    swapped = replicate._swap_case_from_end("SECRETARY X:\nGood evening.", 2)
    assert swapped == "SECRETARY X:\nGood eveniNg."
    # A letter is never taken from a speaker label: "MR A: Yes" has 3 letters after the colon.
    assert replicate._swap_case_from_end("MR A: Yes", 4) == "MR A: Yes"
    assert replicate._swap_case_from_end("Good evening.", 3) == "Good evenIng."
    pages = replicate_corpus(corpus.head(30), 3)  # 30 pages, 1,334 paragraphs per copy
    first, third = read_corpus(pages.iloc[:30]), read_corpus(pages.iloc[60:])
    assert first["n_words"].tolist() == third["n_words"].tolist()
    assert first["speaker_label"].tolist() == third["speaker_label"].tolist()
    # A text repeats only where the swapped letter sat in a stage direction that is then removed
    # ("... resist. (Laughter.)"), or the text is empty: 2.4 % of these paragraphs in copy 2.
    shared = set(first["text"]) & set(third["text"])
    assert len(shared) <= 0.05 * len(first)
