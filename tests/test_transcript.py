"""Transcript → paragraph table (analysis.parsing.transcript)."""

import hashlib
import json

import pandas as pd
import pytest

import analysis
from analysis import TranscriptError, paths, read_transcript, turns

from .conftest import TINY_EVENT, TINY_TRANSCRIPT

SEED_SHA256 = "dd987747a27067d0a6dd01edd94a99797ebdfebf007f2563e062eab7a93fdb87"


def test_seed_is_byte_identical_to_its_source():
    assert hashlib.sha256(paths.SEED_TRANSCRIPT.read_bytes()).hexdigest() == SEED_SHA256


# --- the hand-counted tiny transcript (counts worked out in conftest.py) -----


def test_tiny_word_counts(tiny_paragraphs):
    assert tiny_paragraphs["n_words"].tolist() == [8, 9, 8, 4, 7, 4, 5, 9]
    assert tiny_paragraphs.groupby("speaker")["n_words"].sum().to_dict() == {
        "Jane Smith": 26,
        "Tanaka Taro": 17,
        "Moderator": 4,
        "Journalist": 7,
    }


def test_tiny_structure(tiny_paragraphs):
    t = tiny_paragraphs
    assert t["turn"].tolist() == [1, 1, 2, 3, 4, 5, 5, 6]
    assert t["paragraph_in_turn"].tolist() == [1, 2, 1, 1, 1, 1, 2, 1]
    assert t["paragraph_id"].is_unique
    # "To Minister Tanaka:" is a mixed-case prefix, not a label: it continues turn 5.
    assert t.loc[6, "speaker_label"] == "SECRETARY SMITH"
    # The no-break space after "MINISTER TANAKA:" is handled.
    assert t.loc[2, "speaker_label"] == "MINISTER TANAKA"
    # Interpreted: turn 2 (Via interpreter); turn 6 says (In English).
    assert t["interpreted"].tolist() == [False, False, True, False, False, False, False, False]
    # The moderator turn that gives the floor opens the Q&A.
    assert t["segment"].tolist() == ["statements"] * 3 + ["qa"] * 5
    assert t.loc[t["role"] == "press", "called_by"].tolist() == ["Japan"]
    assert t["reply_to"].tolist()[5:] == [4, 4, 4]
    assert t["reply_to"].iloc[:5].isna().all()
    # Stage directions leave text but not words.
    assert t.loc[7, "text"] == "The Democratic People's Republic of Korea is a threat."
    assert "(Laughter.)" in t.loc[7, "raw_text"]
    # The banner and title line contribute nothing.
    assert t["line"].min() == 5


def test_turn_view_is_derived(tiny_paragraphs):
    view = turns(tiny_paragraphs)
    assert view["turn"].tolist() == [1, 2, 3, 4, 5, 6]
    assert view["n_words"].tolist() == [17, 8, 4, 7, 9, 9]
    assert view["n_words_interpreted"].tolist() == [0, 8, 0, 0, 0, 0]
    assert view["n_paragraphs"].sum() == len(tiny_paragraphs)


def test_input_is_not_mutated(tiny_paragraphs):
    before = tiny_paragraphs.copy()
    turns(tiny_paragraphs)
    pd.testing.assert_frame_equal(tiny_paragraphs, before)


# --- the seed ----------------------------------------------------------------


def test_seed_turns_per_label(seed_paragraphs):
    view = turns(seed_paragraphs)
    assert len(view) == 29
    assert view["speaker_label"].value_counts().to_dict() == {
        "SECRETARY BLINKEN": 6,
        "SECRETARY AUSTIN": 5,
        "DEFENSE MINISTER HAMADA": 5,
        "FOREIGN MINISTER HAYASHI": 4,
        "QUESTION": 4,
        "MR PRICE": 3,
        "MODERATOR": 2,
    }


def test_seed_delegations(seed_paragraphs):
    delegation = seed_paragraphs.drop_duplicates("speaker_label").set_index("speaker_label")["delegation"]
    assert delegation["SECRETARY BLINKEN"] == delegation["SECRETARY AUSTIN"] == "US"
    assert delegation["FOREIGN MINISTER HAYASHI"] == delegation["DEFENSE MINISTER HAMADA"] == "Japan"
    assert seed_paragraphs["delegation"].notna().all()


def test_seed_banner_contributes_no_words(seed_paragraphs):
    # Line 14 holds the first label; lines 1-12 are the .gov banner and the title.
    assert seed_paragraphs["line"].min() == 14
    assert "official website" not in " ".join(seed_paragraphs["text"]).lower()


def test_seed_questions(seed_paragraphs):
    questions = turns(seed_paragraphs).query("role == 'press'")
    # Checked by hand against lines 114, 156, 182 and 208 of the transcript.
    assert questions["called_by"].tolist() == ["US", "Japan", "US", "Japan"]
    assert questions["journalist"].tolist() == ["Shaun Tandon", "Miki", "Ryo Kiyomiya", "Tajima"]
    assert questions["outlet"].tolist() == [
        "AFP",
        "Nikkei newspaper company",
        "Asahi Shimbun",
        "Asahi Shimbun newspaper",
    ]
    # The Q&A starts with MR PRICE's "We'll now turn to questions" (turn 5).
    view = turns(seed_paragraphs)
    assert view.loc[view["segment"] == "qa", "turn"].min() == 5


def test_seed_interpreted_words(seed_paragraphs):
    view = turns(seed_paragraphs)
    interpreted = view.groupby("speaker_label")["n_words_interpreted"].sum()
    # Every Hamada turn is marked "(Via interpreter)"; Hayashi's last turn
    # ("Please allow me to start.", line 214) is not, so 154 of his 1,366 words
    # are printed as his own English.
    assert (
        interpreted["DEFENSE MINISTER HAMADA"]
        == view.query("speaker_label == 'DEFENSE MINISTER HAMADA'")["n_words"].sum()
        == 1061
    )
    assert interpreted["FOREIGN MINISTER HAYASHI"] == 1366 - 154
    assert interpreted["SECRETARY BLINKEN"] == 0


def test_state_gov_copy_gives_the_same_counts(seed_paragraphs):
    """The state.gov record (no-break spaces, curly quotes, no banner) counts the same."""
    event = analysis.load_event()
    records = {}
    for file in sorted(paths.CORPUS_DIR.glob("*.json")):
        for record in json.loads(file.read_text(encoding="utf-8")):
            records.setdefault(record["url"].rstrip("/"), record)
    content = records[event.sources["official"].rstrip("/")]["content"]
    assert "\u00a0" in content and "\u2019" in content  # the copy really differs in form
    other = analysis.parse_transcript(content, roster=event, event_id=event.event_id)
    pd.testing.assert_series_equal(
        other.groupby("speaker")["n_words"].sum(), seed_paragraphs.groupby("speaker")["n_words"].sum()
    )
    assert other["turn"].max() == 29


# --- edge cases and bad input -----------------------------------------------


def test_crlf_bom_and_label_spacing(tmp_path):
    text = (
        "\ufeffTitle line\r\n\r\nSECRETARY\u00a0BLINKEN:\u00a0\u00a0Hello  there.\r\n"
        "MR  PRICE:  Next.\r\n# # #\r\n"
    )
    path = tmp_path / "t.txt"
    path.write_bytes(text.encode("utf-8"))
    table = read_transcript(path)
    assert table["speaker_label"].tolist() == ["SECRETARY BLINKEN", "MR PRICE"]
    assert table["n_words"].tolist() == [2, 1]


def test_label_on_its_own_line(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("SECRETARY BLINKEN:\nGood evening.\n\nQUESTION: Why?\n", encoding="utf-8")
    table = read_transcript(path)
    assert table["turn"].tolist() == [1, 2]
    assert table["n_words"].tolist() == [2, 1]


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(TranscriptError, match=r"empty\.txt:1: the transcript is empty"):
        read_transcript(path)


def test_no_speaker_label(tmp_path):
    path = tmp_path / "prose.txt"
    path.write_text("\nJust prose.\nThe bottom line is this: nothing.\n", encoding="utf-8")
    with pytest.raises(TranscriptError, match=r"prose\.txt:2: no speaker label found") as info:
        read_transcript(path)
    assert isinstance(info.value, ValueError) and info.value.line == 2


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("QUESTION: fine\nQUESTION: caf\u00e9\n".encode("latin-1"))
    with pytest.raises(TranscriptError, match=r"latin1\.txt:2: .*not UTF-8.*re-save"):
        read_transcript(path)


def test_unknown_labels_are_all_listed(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(
        "SECRETARY SMITH: Hi.\n\nMR NOBODY: Hello.\n\nMS ELSE: Hey.\n\nMR NOBODY: Again.\n", encoding="utf-8"
    )
    with pytest.raises(TranscriptError) as info:
        read_transcript(path, roster=TINY_EVENT)
    message = str(info.value)
    assert "2 speaker label(s) not in the roster" in message
    assert "'MR NOBODY' (line 3)" in message and "'MS ELSE' (line 5)" in message
    assert info.value.line == 3


def test_missing_file():
    with pytest.raises(TranscriptError, match="file not found"):
        read_transcript(TINY_TRANSCRIPT.with_name("nope.txt"))


@pytest.mark.parametrize(
    ("roster", "message"),
    [
        ({"QUESTION": {"role": "press"}}, "lacks delegation"),
        ({"QUESTION": {"role": "journalist", "delegation": "press"}}, "role 'journalist'"),
    ],
)
def test_bad_roster(roster, message):
    with pytest.raises(TranscriptError, match=message):
        read_transcript(TINY_TRANSCRIPT, roster=roster)


def test_roster_forms_agree(tiny_paragraphs):
    event = analysis.load_event(TINY_EVENT)
    from_frame = read_transcript(TINY_TRANSCRIPT, roster=event.roster, event_id="tiny")
    pd.testing.assert_frame_equal(from_frame, tiny_paragraphs)


def test_without_roster_defaults():
    table = read_transcript(TINY_TRANSCRIPT)
    roles = table.drop_duplicates("speaker_label").set_index("speaker_label")["role"].to_dict()
    assert roles == {
        "SECRETARY SMITH": "principal",
        "MINISTER TANAKA": "principal",
        "MODERATOR": "moderator",
        "QUESTION": "press",
    }
    assert table["event_id"].eq("tiny_transcript").all()
