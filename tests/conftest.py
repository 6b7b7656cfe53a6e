"""Shared fixtures.

The tiny transcript (``fixtures/tiny_transcript.txt``, roster in
``fixtures/tiny_event.toml``) is counted by hand under the word-count
convention of :mod:`analysis.parsing.text` (hyphens split words, ``'s`` dropped,
stage directions removed):

====  ================  ====  =================================================  =====
para  speaker           turn  tokens                                             words
====  ================  ====  =================================================  =====
1     SECRETARY SMITH   1     good evening china and the u.s. japan alliance     8
2     SECRETARY SMITH   1     we discussed the east china sea and russia war     9
3     MINISTER TANAKA   2     thank you north korea the dprk fired missiles      8  (interpreted)
4     MODERATOR         3     we'll take one question                            4
5     QUESTION          4     is china worried about the taiwan strait           7
6     SECRETARY SMITH   5     no russian forces remain                           4
7     SECRETARY SMITH   5     to minister tanaka thank you                       5
8     MINISTER TANAKA   6     the democratic people republic of korea is a       9  (after "(In English)")
                              threat
====  ================  ====  =================================================  =====

Per speaker: Smith 8 + 9 + 4 + 5 = 26; Tanaka 8 + 9 = 17 (8 interpreted);
moderator 4; journalist 7. Total 54. Per delegation: US 26, Japan 17 + 4 = 21,
press 7. Principals only: 26 + 17 = 43, U.S. share 26 / 43 = 0.6047.
Segments: turns 1-2 statements (US 17, Japan 8); turns 3-6 Q&A (the moderator
turn 3 opens it): US 9, Japan 9 + 4 = 13, press 7.

Mentions under the lexicon's longest-match semantics: China 2 (paragraphs 1
and 5; "East China Sea" is its own entity), East China Sea 1, Russia 2
("Russia's", "Russian"), North Korea 3 ("North Korea", "DPRK", "Democratic
People's Republic of Korea"), Taiwan 1 ("Taiwan Strait"), South Korea 0.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import analysis

from . import fuzzing

# Property-based tests (tests/test_fuzz.py): derandomised and bounded in `make test`, so that the suite
# is deterministic; `make fuzz` selects the "fuzz" profile (PRESSCONF_FUZZ=1): random, 10,000 inputs
# per property, failures kept as reproducers in tests/fixtures/fuzz/.
_COMMON = {
    "deadline": None,  # the time limit is fuzzing.time_limit (a hang fails; slow machines do not)
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
}
settings.register_profile("default", derandomize=True, database=None, print_blob=False, **_COMMON)
settings.register_profile("fuzz", derandomize=False, print_blob=True, **_COMMON)
settings.load_profile("fuzz" if fuzzing.FUZZ else os.environ.get("HYPOTHESIS_PROFILE", "default"))

FIXTURES = Path(__file__).parent / "fixtures"
TINY_TRANSCRIPT = FIXTURES / "tiny_transcript.txt"
TINY_EVENT = FIXTURES / "tiny_event.toml"


@pytest.fixture(scope="session")
def tiny_paragraphs():
    """Paragraph table of the hand-counted tiny transcript (do not mutate)."""
    return analysis.read_event(TINY_EVENT)


@pytest.fixture(scope="session")
def seed_paragraphs():
    """Paragraph table of the bundled U.S.-Japan 2+2 event (do not mutate)."""
    return analysis.read_event()


def pytest_terminal_summary(terminalreporter):
    """Outcomes and time per call of the generated inputs (the README's Reliability figures)."""
    lines = fuzzing.summary()
    if lines:
        terminalreporter.section("generated inputs")
        for line in lines:
            terminalreporter.write_line(line)
        if fuzzing.FUZZ:
            fuzzing.write_summary(Path(os.environ.get("PRESSCONF_FUZZ_SUMMARY", "fuzz-summary.json")))
