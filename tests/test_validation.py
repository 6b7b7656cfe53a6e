"""Bad parameter values: a ParameterError (a ValueError) that names the parameter, from every layer."""

import pytest

from analysis import mentions, stats, topics, wordshare
from analysis.exceptions import ParameterError, TableError
from analysis.measures import keyness
from analysis.measures.tables import event_tables


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda p: wordshare.word_share(p, n_boot=0.5), "n_boot"),
        (lambda p: wordshare.word_share(p, ci=2), "ci"),
        (lambda p: wordshare.word_share(p, n_boot=True), "n_boot"),
        (lambda p: mentions.mention_rates(p, ci=2), "ci"),
        (lambda p: mentions.rate_ratio(p, ci=0), "ci"),
        (lambda p: mentions.kwic(p, "China", window=-1), "window"),
        (lambda p: keyness.keyness(p, alpha0=-1), "alpha0"),
        (lambda p: keyness.keyness(p, min_count=0), "min_count"),
        (lambda p: topics.fit_topics(p, n_components=0), "n_components"),
        (lambda p: event_tables(p, n_boot=-1), "n_boot"),
        (lambda p: event_tables(p, n_components="many"), "n_components"),
        (lambda p: stats.poisson_interval(3, ci=1.5), "ci"),
    ],
)
def test_bad_parameters_name_themselves(tiny_paragraphs, call, parameter):
    with pytest.raises(ParameterError, match=parameter) as caught:
        call(tiny_paragraphs)
    assert caught.value.parameter == parameter
    assert isinstance(caught.value, ValueError) and not isinstance(caught.value, TableError)
