"""The State Department corpus (analysis.parsing.corpus) and the parser quirks it holds."""

import hashlib
import json
import os
import subprocess
import sys

import pandas as pd
import pytest

import analysis
from analysis import paths
from analysis.exceptions import CorpusError
from analysis.parsing.corpus import (
    CORPUS_COLUMNS,
    REPORT_COLUMNS,
    load_corpus,
    parse_report,
    read_corpus,
)
from analysis.parsing.transcript import parse_transcript, turns

# sha256sum data/raw/state-gov-remarks-2021-2023/*.json, run when the files were copied.
CORPUS_SHA256 = {
    "remarks-page1.json": "6f008b8b3d1a78018b21da38f9890262498315ea21f499a6dc9b0005a3656854",
    "remarks-page8.json": "3ab2ad56e831ee97aebf3f6f9aebf99848b72965ed6954ef7eaa1b060a79890e",
    "remarks-page19.json": "89d64c4f40fa0389c04447cd9e68c14162dce40932259306ac948efdae2478cf",
}


SEED_IN_CORPUS = "2023-01-11-secretary-antony-j-blinken-secretary-of-defense-lloyd-j"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def report(corpus):
    return parse_report(corpus)


@pytest.fixture(scope="module")
def paragraphs(corpus):
    return read_corpus(corpus)


# --- the raw files -------------------------------------------------------------


def test_corpus_files_are_byte_identical_to_their_source():
    found = {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in paths.CORPUS_DIR.glob("*.json")}
    assert found == CORPUS_SHA256


def test_569_unique_urls_in_570_records():
    urls = []
    for name in CORPUS_SHA256:
        urls += [record["url"] for record in json.loads((paths.CORPUS_DIR / name).read_text("utf-8"))]
    # 30 + 210 + 330 records; one page (the Uzbek acting foreign minister) is in two files.
    assert len(urls) == 570
    assert len(set(urls)) == 569


# --- load_corpus -----------------------------------------------------------------


def test_load_corpus_metadata(corpus):
    assert list(corpus.columns) == CORPUS_COLUMNS
    assert len(corpus) == 569 and corpus["url"].is_unique and corpus["event_id"].is_unique
    assert pd.api.types.is_datetime64_any_dtype(corpus["date"])
    assert corpus["date"].min() == pd.Timestamp("2021-12-10")
    assert corpus["date"].max() == pd.Timestamp("2023-06-21")
    # Three records hold only a url: no date, no content.
    assert corpus["date"].isna().sum() == 3 and corpus["content"].isna().sum() == 3
    assert corpus["date"].is_monotonic_increasing or corpus["date"].dropna().is_monotonic_increasing
    # Titles are printed with tabs and line breaks around them in the JSON.
    assert not corpus["title"].dropna().str.contains(r"\s{2,}|^\s|\s$|\t|\n").any()
    cleverly = corpus["url"].str.contains("cleverly-at-a-joint-press-availability")
    row = corpus.loc[cleverly & (corpus["date"] == "2023-06-20")].iloc[0]
    assert row["title"] == (
        "Secretary Antony J. Blinken And UK Foreign Secretary James Cleverly at a Joint Press Availability"
    )
    assert (row["location"], row["venue"]) == (
        "London, United Kingdom",
        "United Kingdom Foreign Secretary's Residence",
    )
    assert row["kind"] == "joint press availability"
    assert row["event_id"] == "2023-06-20-secretary-antony-j-blinken-and-uk-foreign-secretary-james"


def test_transcript_style_pages(corpus):
    # 566 pages with content; 9 of them (speeches, a statement, a notice) have no speaker label.
    assert int(corpus["transcript_style"].sum()) == 557
    speeches = corpus.loc[corpus["content"].notna() & ~corpus["transcript_style"], "url"]
    assert len(speeches) == 9
    assert any("bnei-brak" in url for url in speeches)


def test_load_corpus_bad_input(tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder"):
        load_corpus(tmp_path / "missing")
    with pytest.raises(CorpusError, match=r"no \.json file"):
        load_corpus(tmp_path)
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad\.json: not a UTF-8 JSON file"):
        load_corpus(tmp_path)
    (tmp_path / "bad.json").write_text('[{"title": "no url"}]', encoding="utf-8")
    with pytest.raises(CorpusError, match="each with a 'url'"):
        load_corpus(tmp_path)


# --- every transcript parses ---------------------------------------------------


def test_every_transcript_style_page_parses(report):
    assert list(report.columns) == REPORT_COLUMNS
    assert report["status"].value_counts().to_dict() == {
        "parsed": 557,
        "not a transcript": 9,
        "no content": 3,
    }
    assert report["error"].isna().all()


def test_unattributed_speech_is_reported(report):
    # Only one page opens with speech under no label: the University of Michigan
    # host's six-paragraph introduction (305 words) before SECRETARY BLINKEN.
    # Venue lines ("Israel Presidency") and a lone "(Via interpreter.)" are preamble, not speech.
    unattributed = report.loc[report["n_unattributed_paragraphs"] > 0]
    assert len(unattributed) == 1
    assert "university-of-michigan" in unattributed["url"].iloc[0]
    assert unattributed["n_unattributed_paragraphs"].iloc[0] == 6
    assert report["n_preamble_paragraphs"].sum() == 6 + 3


def test_paragraph_table_of_the_corpus(paragraphs, report):
    parsed = report.loc[report["status"] == "parsed"]
    assert list(paragraphs.columns) == analysis.parsing.transcript.PARAGRAPH_COLUMNS
    assert paragraphs["paragraph_id"].is_unique
    assert paragraphs["event_id"].nunique() == 557
    assert len(paragraphs) == parsed["n_paragraphs"].sum()
    assert paragraphs["n_words"].sum() == parsed["n_words"].sum()
    assert set(paragraphs["role"]) == {"principal", "moderator", "press", "interpreter"}


def test_roster_file_wins_in_the_corpus(paragraphs, seed_paragraphs):
    """The seed page of the corpus is parsed with the hand-written roster (data/events/)."""
    seed = paragraphs.loc[paragraphs["event_id"] == SEED_IN_CORPUS]
    assert seed["n_words"].sum() == 7164  # the seed's count (tests/test_transcript.py)
    pd.testing.assert_series_equal(
        seed.groupby("speaker")["n_words"].sum(), seed_paragraphs.groupby("speaker")["n_words"].sum()
    )


def test_parallel_parse_is_identical(corpus):
    subset = corpus.loc[corpus["kind"] == "joint press availability"]
    pd.testing.assert_frame_equal(read_corpus(subset, n_jobs=2), read_corpus(subset, n_jobs=1))


def test_a_page_that_does_not_parse_is_named(corpus):
    page = corpus.iloc[[0]].copy()
    page["content"] = "Just prose, and no label."  # but claimed to be a transcript
    page["transcript_style"] = True
    with pytest.raises(
        CorpusError, match=r"page https://www\.state\.gov/.* does not parse: .*no speaker label"
    ):
        read_corpus(page)
    report = parse_report(page)
    assert report["status"].tolist() == ["error"]
    assert "no speaker label" in report["error"].iloc[0]
    with pytest.raises(CorpusError, match="no transcript-style page"):
        read_corpus(page, errors="skip")


def test_bad_arguments(corpus):
    with pytest.raises(CorpusError, match="errors must be"):
        read_corpus(corpus, errors="ignore")
    with pytest.raises(CorpusError, match="unknown kind"):
        read_corpus(corpus, kinds="press conferences")
    with pytest.raises(CorpusError, match="lacks column"):
        read_corpus(corpus.drop(columns="content"))


# --- parser quirks found in the corpus (analysis.parsing.transcript) ----------------------


def test_labels_in_any_latin_script():
    # "FOREIGN MINISTER RINKĒVIČS:", "ÇAVUŞOĞLU", "KORČOK" are outside Latin-1.
    text = "FOREIGN MINISTER RINKĒVIČS: Labdien.\nFOREIGN MINISTER ÇAVUŞOĞLU: Merhaba.\nQUESTION: Why?"
    table = parse_transcript(text)
    assert table["speaker_label"].tolist() == [
        "FOREIGN MINISTER RINKĒVIČS",
        "FOREIGN MINISTER ÇAVUŞOĞLU",
        "QUESTION",
    ]


def test_label_with_a_title_case_surname_and_a_stray_backtick():
    text = (
        "SECRETARY BLINKEN: Ambassador?\nAMBASSADOR Argüello: Perfect. Thank you.\n`MR PRICE: Final question."
    )
    table = parse_transcript(text)
    assert table["speaker_label"].tolist() == ["SECRETARY BLINKEN", "AMBASSADOR ARGÜELLO", "MR PRICE"]
    assert table["n_words"].tolist() == [1, 3, 2]
    # Mixed case in prose is still not a label.
    prose = parse_transcript(
        "SECRETARY BLINKEN: Hi.\nThe bottom line is this: no.\nTo Secretary Blinken: yes."
    )
    assert prose["turn"].tolist() == [1, 1, 1]


def test_interpreter_turns_and_a_turn_in_korean():
    text = (
        "FOREIGN MINISTER CHUNG: (In Korean) (Via interpreter) Thank you.\n"
        "INTERPRETER:\u00a0My apologies, the audio feed is cut off.\n"
        "VICE MINISTER CHO:\u00a0\u00a0(In Korean.)\n"
        "SECRETARY BLINKEN: Thanks."
    )
    table = parse_transcript(text)
    assert table["role"].tolist() == ["principal", "interpreter", "principal", "principal"]
    # "(In Korean)" and "(Via interpreter)" are stage directions; the Korean turn has no words.
    assert table["n_words"].tolist() == [2, 8, 0, 1]
    assert table["interpreted"].tolist() == [True, True, False, False]


def test_language_switch_inside_a_question():
    text = (
        "MODERATOR: Next.\n"
        "QUESTION: Merci. (In French) Je vais poser. (Via interpreter) Madam Joly, the agreement?\n"
        "(In English) And Mr. Secretary, one more.\n"
    )
    table = parse_transcript(text)
    assert table["interpreted"].tolist() == [False, True, False]
    # "Merci" + "Je vais poser" + "Madam Joly the agreement" = 1 + 3 + 4 words.
    assert table["n_words"].tolist() == [1, 8, 5]


def test_participant_audience_and_end_marker():
    text = (
        "SECRETARY BLINKEN:\u00a0 Good evening.\n\nPARTICIPANTS:\u00a0 Good evening.\n\n"
        "AUDIENCE:  Free Assange.\n\nPARTICIPANT: Thanks.\n\n# # #\n"
    )
    table = parse_transcript(text, roster="infer")
    assert table["role"].tolist() == ["principal", "press", "press", "press"]
    assert table["delegation"].tolist() == ["US", "press", "press", "press"]
    assert len(table) == 4  # "# # #" ends the page


def test_host_chairs_the_qa():
    """Without a moderator, the press is called on by the host, whose delegation is recorded."""
    text = (
        "FOREIGN MINISTER PARK: Welcome. We will take questions. Shaun Tandon of AFP.\n"
        "QUESTION: Thank you. A question for both.\n"
        "SECRETARY BLINKEN: An answer.\n"
        "FOREIGN MINISTER PARK: Another answer. Next, Nike Ching of Voice of America.\n"
        "QUESTION: Thanks.\n"
    )
    table = turns(
        parse_transcript(
            text, roster="infer", title="Secretary Blinken and Republic of Korea Foreign Minister Park Jin"
        )
    )
    questions = table.loc[table["role"] == "press"]
    assert questions["called_by"].tolist() == ["South Korea", "South Korea"]
    assert questions["journalist"].tolist() == ["Shaun Tandon", "Nike Ching"]
    assert table["reply_to"].tolist()[2:4] == [2, 2]


def test_real_page_with_a_latvian_label(corpus):
    page = corpus.loc[corpus["url"].str.contains("latvian-foreign-minister-edgars-rinkevics")].iloc[0]
    table = parse_transcript(page["content"], roster="infer", title=page["title"], location=page["location"])
    first = table.iloc[0]
    assert first["speaker_label"] == "FOREIGN MINISTER RINKĒVIČS"
    assert first["delegation"] == "Latvia" and bool(first["interpreted"])


def test_same_output_across_processes_and_hash_seeds(tmp_path):
    """Parsing and inference use no set or dict order that PYTHONHASHSEED could change."""
    script = (
        "import hashlib; from analysis.parsing.corpus import read_corpus, parse_report;"
        "t = read_corpus(kinds='joint press availability');"
        "r = parse_report(kinds='joint press availability');"
        "print(hashlib.sha256((t.to_csv() + r.to_csv()).encode()).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        )
        digests.add(done.stdout.strip())
    assert len(digests) == 1


def test_inputs_are_not_mutated(corpus):
    before = corpus.copy()
    read_corpus(corpus.head(20))
    parse_report(corpus.head(20))
    pd.testing.assert_frame_equal(corpus, before)
