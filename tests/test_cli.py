"""The command line (analysis.cli): ``python -m analysis report PATH``."""

import json
import subprocess
import sys
import tomllib
import uuid

import pandas as pd
import pytest

from analysis import paths
from analysis.cli import main

from .conftest import TINY_EVENT, TINY_TRANSCRIPT


def test_help_explains_every_option(capsys):
    with pytest.raises(SystemExit) as info:
        main(["report", "--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    for option in (
        "PATH",
        "--roster",
        "--outdir",
        "--title",
        "--formats",
        "--no-figures",
        "--n-jobs",
        "--kinds",
    ):
        assert option in text
    assert "a roster file always wins" in " ".join(text.split())


def test_module_and_console_script_entry_points():
    scripts = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["pressconf"] == "analysis.cli:main"
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "report", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "--roster" in done.stdout


def test_tables_of_a_transcript_with_a_roster(tmp_path):
    outdir = tmp_path / "out"
    code = main(
        ["report", str(TINY_TRANSCRIPT), "--roster", str(TINY_EVENT), "--outdir", str(outdir), "--no-figures"]
    )
    assert code == 0
    written = {p.stem for p in outdir.glob("*.csv")}
    assert {
        "paragraphs",
        "turns",
        "word_share_speaker",
        "word_share_delegation",
        "mention_rates",
        "rate_ratio",
    } <= (written)
    # Hand counts of the tiny transcript (conftest.py): US 26, Japan 17 + 4, press 7 words.
    shares = pd.read_csv(outdir / "word_share_delegation.csv").set_index("delegation")
    assert shares["n_words"].to_dict() == {"US": 26, "Japan": 21, "press": 7}
    paragraphs = pd.read_csv(outdir / "paragraphs.csv")
    assert paragraphs["n_words"].tolist() == [8, 9, 8, 4, 7, 4, 5, 9]
    assert (paragraphs["event_id"] == "tiny").all()


def test_event_file_and_inferred_roster(tmp_path, capsys):
    # An event file: its own roster.
    assert (
        main(["report", str(TINY_EVENT), "--outdir", str(tmp_path / "a"), "--no-figures", "--n-boot", "0"])
        == 0
    )
    # A bare transcript: roles and delegations inferred; the title line names no nationality,
    # so the two ministers stay unresolved, and the run says so.
    assert main(["report", str(TINY_TRANSCRIPT), "--outdir", str(tmp_path / "b"), "--no-figures"]) == 0
    err = capsys.readouterr().err
    assert "unresolved speaker label(s)" in err and "SECRETARY SMITH" in err
    # With a title that names their nationalities and the place (the host's moderator), they resolve.
    title = (
        "U.S. Secretary of State Jane Smith and Japanese Minister Tanaka Taro at a Joint Press Availability"
    )
    options = ["--no-figures", "--title", title, "--location", "Tokyo, Japan"]
    assert main(["report", str(TINY_TRANSCRIPT), "--outdir", str(tmp_path / "c"), *options]) == 0
    table = pd.read_csv(tmp_path / "c" / "paragraphs.csv")
    assert table.drop_duplicates("speaker_label").set_index("speaker_label")["delegation"].to_dict() == {
        "SECRETARY SMITH": "US",
        "MINISTER TANAKA": "Japan",
        "MODERATOR": "Japan",
        "QUESTION": "press",
    }


def test_figures_are_written(tmp_path):
    outdir = tmp_path / "out"
    code = main(["report", str(TINY_EVENT), "--outdir", str(outdir), "--formats", "png", "--n-boot", "50"])
    assert code == 0
    figures = sorted(p.name for p in (outdir / "figures").glob("*.png"))
    assert "fig01_word_share.png" in figures and len(figures) >= 5


def _failing_figure(context):
    raise RuntimeError("this figure cannot be drawn")


def test_a_figure_that_fails_is_left_out_of_the_report_with_a_note(tmp_path, capsys, monkeypatch):
    """report draws its figures in forked processes; a bug in one figure loses that figure only."""
    from analysis import cli, figures

    broken = figures.FigureSpec("fig00_broken", "A figure that fails", "none", _failing_figure)
    monkeypatch.setattr(cli, "REGISTRY", [broken, *figures.REGISTRY])
    outdir = tmp_path / "out"
    code = main(["report", str(TINY_EVENT), "--outdir", str(outdir), "--formats", "png", "--n-boot", "20"])
    assert code == 0
    drawn = sorted(p.name for p in (outdir / "figures").iterdir())
    assert "fig01_word_share.png" in drawn and not [name for name in drawn if name.startswith("fig00")]
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("note: ")]
    assert (
        "note: fig00_broken left out: drawing it failed inside the package (RuntimeError: this figure "
        "cannot be drawn); this is a bug, please report it."
    ) in notes
    listed = json.loads((outdir / ".pressconf-report.json").read_text())["files"]
    assert sorted(name for name in listed if name.startswith("figures/")) == [f"figures/{n}" for n in drawn]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file or folder"),
        (lambda d: _write(d / "empty.txt", b"\n \n"), "the transcript is empty"),
        (lambda d: _write(d / "latin1.txt", "QUESTION: caf\u00e9\n".encode("latin-1")), "not UTF-8"),
        (lambda d: _write(d / "prose.txt", b"Just prose.\n"), "no speaker label found"),
        (lambda d: _write(d / "bad.json", b"{oops"), "not a UTF-8 JSON file"),
    ],
)
def test_bad_paths_and_files_exit_1(tmp_path, capsys, make, message):
    path = make(tmp_path)
    assert main(["report", str(path), "--outdir", str(tmp_path / "out"), "--no-figures"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("pressconf: error: ") and message in err
    assert str(path.name) in err


def test_bad_roster_exits_1(tmp_path, capsys):
    roster = _write(tmp_path / "roster.csv", b"speaker_label,role,delegation\nSECRETARY SMITH,principal,US\n")
    assert main(["report", str(TINY_TRANSCRIPT), "--roster", str(roster), "--no-figures"]) == 1
    assert "not in the roster" in capsys.readouterr().err
    assert main(["report", str(TINY_TRANSCRIPT), "--roster", str(tmp_path / "nope.csv")]) == 1
    assert "roster file not found" in capsys.readouterr().err


def test_bad_command_line_exits_2():
    with pytest.raises(SystemExit) as info:
        main(["report"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["report", "x.txt", "--formats", "gif"])
    assert info.value.code == 2


def test_corpus_report(tmp_path, capsys):
    """A corpus file: every page parsed, the corpus tables and figures written, a progress bar shown."""
    records = json.loads((paths.CORPUS_DIR / "remarks-page1.json").read_text("utf-8"))
    joint = [r for r in records if "Joint Press Availability" in (r.get("title") or "")]
    corpus_file = _write(tmp_path / "joint.json", json.dumps(joint).encode("utf-8"))
    outdir = tmp_path / "out"
    assert main(["report", str(corpus_file), "--outdir", str(outdir), "--formats", "png"]) == 0
    err = capsys.readouterr().err
    assert "parsing" in err  # tqdm's bar
    report = pd.read_csv(outdir / "parse_report.csv")
    assert len(report) == len(joint) and (report["status"] == "parsed").all()
    shares = pd.read_csv(outdir / "event_word_share.csv")
    assert set(shares["event_id"]) == set(report["event_id"])
    assert sorted(p.name for p in (outdir / "figures").iterdir()) == [
        "corpus01_event_word_share.png",
        "corpus02_mention_rates_over_time.png",
    ]


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_seed_transcript_without_roster_matches_the_hand_roster(tmp_path, capsys, seed_paragraphs):
    """The title is the last line before the first label; inference then agrees with data/events/."""
    outdir = tmp_path / "seed"
    assert (
        main(["report", str(paths.SEED_TRANSCRIPT), "--outdir", str(outdir), "--no-figures", "--n-boot", "0"])
        == 0
    )
    assert "Japanese Foreign Minister Hayashi Yoshimasa" in capsys.readouterr().err
    inferred = pd.read_csv(outdir / "word_share_delegation.csv").set_index("delegation")["n_words"]
    expected = seed_paragraphs.groupby("delegation")["n_words"].sum()
    assert inferred.sort_index().to_dict() == expected.sort_index().to_dict()


@pytest.mark.slow
def test_the_tables_and_the_figures_of_one_report_describe_one_topic_model(tmp_path, monkeypatch):
    """topic_terms.csv and fig07 of one report name the same topics (one model, computed once)."""
    from analysis import plots

    original = plots.plot_topic_terms
    drawn_dir = tmp_path / "drawn"
    drawn_dir.mkdir()

    def recording(terms, *args, **kwargs):
        # Written to files: report draws its figures in forked processes.
        terms.to_pickle(drawn_dir / f"{uuid.uuid4().hex}.pkl")
        return original(terms, *args, **kwargs)

    monkeypatch.setattr(plots, "plot_topic_terms", recording)
    outdir = tmp_path / "out"
    code = main(["report", str(paths.SEED_EVENT), "--outdir", str(outdir), "--formats", "png", "--quiet"])
    assert code == 0 and (outdir / "figures" / "fig07_topic_terms.png").is_file()
    table = pd.read_csv(outdir / "topic_terms.csv")
    selection = pd.read_csv(outdir / "k_selection.csv")
    # The recommended k of the k-selection table is the number of topics in the CSV and in the figure.
    k = int(selection.loc[selection["recommended"], "k"].iloc[0])
    assert table["topic"].nunique() == k
    shown = pd.concat([pd.read_pickle(path) for path in drawn_dir.iterdir()])
    assert shown["topic"].nunique() == k
    # Every term the figure shows is the CSV's term of that topic and rank (the figure shows the top 8).
    merged = shown.merge(table, on=["topic", "rank"], suffixes=("_figure", "_csv"))
    assert len(merged) == len(shown)
    assert (merged["term_figure"] == merged["term_csv"]).all()


# --- --groups: which two delegations the comparisons compare ---------------------------------


def test_groups_choose_and_name_the_compared_sides(tmp_path, capsys):
    """Hand counts (conftest.py): principals' North Korea mentions Tanaka (Japan) 3 in 17 words, Smith (US)
    0 in 26; China 1 (Smith) and 0. The CSVs say which side is a and which is b."""
    base = ["report", str(TINY_TRANSCRIPT), "--roster", str(TINY_EVENT), "--no-figures", "--n-boot", "0"]
    assert main([*base, "--outdir", str(tmp_path / "default")]) == 0
    default = pd.read_csv(tmp_path / "default" / "rate_ratio.csv").set_index("entity")
    assert set(default["group_a"]) == {"US"} and set(default["group_b"]) == {"Japan"}
    assert default.loc["North Korea", ["count_a", "n_words_a", "count_b", "n_words_b"]].tolist() == [
        0,
        26,
        3,
        17,
    ]
    assert main([*base, "--groups", "Japan", "US", "--outdir", str(tmp_path / "flipped")]) == 0
    assert "comparing Japan (group a) with US (group b)" in capsys.readouterr().err
    flipped = pd.read_csv(tmp_path / "flipped" / "rate_ratio.csv").set_index("entity")
    assert set(flipped["group_a"]) == {"Japan"} and set(flipped["group_b"]) == {"US"}
    assert flipped.loc["North Korea", ["count_a", "n_words_a", "count_b", "n_words_b"]].tolist() == [
        3,
        17,
        0,
        26,
    ]
    assert flipped.loc["China", ["count_a", "count_b"]].tolist() == [0, 1]
    # keyness.csv of the tiny event has no term frequent enough (its columns are checked on the seed below).
    assert "group_a" in pd.read_csv(tmp_path / "flipped" / "keyness.csv").columns


def test_bad_groups_exit_1(tmp_path, capsys):
    base = [
        "report",
        str(TINY_TRANSCRIPT),
        "--roster",
        str(TINY_EVENT),
        "--no-figures",
        "--outdir",
        str(tmp_path),
    ]
    assert main([*base, "--groups", "US", "France"]) == 1
    err = capsys.readouterr().err
    assert "--groups needs two different delegations" in err and "'France'" in err and "'Japan', 'US'" in err
    assert main([*base, "--groups", "US", "US"]) == 1
    # The press is not a side whose principals speak.
    assert main([*base, "--groups", "US", "press"]) == 1


# --- the roster command --------------------------------------------------------------------------


def test_roster_command_writes_a_draft_that_report_reads(tmp_path, capsys):
    """The seed transcript: every label resolved, as the hand roster (data/events/) says; the draft is a
    roster file without transcript or date that --roster reads back."""
    out = tmp_path / "seed-roster.toml"
    assert main(["roster", str(paths.SEED_TRANSCRIPT), "--out", str(out), "--date", "2023-01-11"]) == 0
    assert "7 speaker labels, 0 unresolved" in capsys.readouterr().err
    draft = tomllib.loads(out.read_text("utf-8"))
    assert draft["date"].isoformat() == "2023-01-11" and "transcript" not in draft
    speakers = draft["speakers"]
    truth = tomllib.loads(paths.SEED_EVENT.read_text("utf-8"))["speakers"]
    assert list(speakers) == [
        "SECRETARY BLINKEN",
        "FOREIGN MINISTER HAYASHI",
        "SECRETARY AUSTIN",
        "DEFENSE MINISTER HAMADA",
        "MR PRICE",
        "QUESTION",
        "MODERATOR",
    ]
    for label, entry in speakers.items():
        assert (entry["role"], entry["delegation"]) == (truth[label]["role"], truth[label]["delegation"]), (
            label
        )
    assert speakers["FOREIGN MINISTER HAYASHI"]["name"] == "Hayashi Yoshimasa"
    assert speakers["FOREIGN MINISTER HAYASHI"]["resolved_by"] == "registry"
    assert speakers["MODERATOR"]["resolved_by"] == "moderator_side"
    assert "# 6 turn(s), 2,252 words." in out.read_text("utf-8")  # Blinken: 2,252 words (test_wordshare)
    report = tmp_path / "report"
    options = ["--outdir", str(report), "--no-figures", "--n-boot", "0", "--groups", "Japan", "US"]
    assert main(["report", str(paths.SEED_TRANSCRIPT), "--roster", str(out), *options]) == 0
    shares = pd.read_csv(report / "word_share_delegation.csv").set_index("delegation")["n_words"]
    # Principals US 3,886 + Price 42; Japan 2,427 + the Japanese moderator 24; press 785.
    assert shares.to_dict() == {"Japan": 2451, "US": 3928, "press": 785}
    # Japan as group a: the README's keyness headline ("u.s.": 12 U.S. vs 38 Japanese uses) seen from Japan.
    keyness = pd.read_csv(report / "keyness.csv").set_index("term")
    assert set(keyness["group_a"]) == {"Japan"} and set(keyness["group_b"]) == {"US"}
    assert set(keyness["n_a"]) == {2427} and set(keyness["n_b"]) == {3886}
    assert keyness.loc["u.s.", ["count_a", "count_b"]].tolist() == [38, 12] and keyness.loc["u.s.", "z"] > 0
    # A roster file is not an event to read.
    assert main(["report", str(out), "--outdir", str(tmp_path / "x")]) == 1
    assert "a roster without a transcript" in capsys.readouterr().err


def test_roster_command_marks_unresolved_labels_and_keeps_edits(tmp_path, capsys):
    out = tmp_path / "tiny-roster.toml"
    assert main(["roster", str(TINY_TRANSCRIPT), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "4 speaker labels, 3 unresolved" in err and "SECRETARY SMITH, MINISTER TANAKA, MODERATOR" in err
    text = out.read_text("utf-8")
    assert text.count("# UNRESOLVED") == 3
    # Unedited, the unresolved labels stay unresolved when the draft is used as roster.
    report = tmp_path / "report"
    assert (
        main(["report", str(TINY_TRANSCRIPT), "--roster", str(out), "--outdir", str(report), "--no-figures"])
        == 0
    )
    paragraphs = pd.read_csv(report / "paragraphs.csv")
    assert paragraphs["delegation"].isna().sum() == 7  # Smith's 4 paragraphs, Tanaka's 2, the moderator's 1
    # The file is not overwritten without --force (a user's edits survive a second run).
    out.write_text(text.replace('delegation = ""', 'delegation = "US"', 1), encoding="utf-8")
    assert main(["roster", str(TINY_TRANSCRIPT), "--out", str(out)]) == 1
    assert "pass --force" in capsys.readouterr().err
    assert 'delegation = "US"' in out.read_text("utf-8")
    assert main(["roster", str(TINY_TRANSCRIPT), "--out", str(out), "--force", "--no-registry"]) == 0
    assert main(["roster", str(paths.SEED_EVENT), "--out", str(tmp_path / "e.toml")]) == 1
    # Never into data/raw/, never onto a folder.
    assert main(["roster", str(TINY_TRANSCRIPT), "--out", str(paths.RAW_DIR / "tiny-roster.toml")]) == 1
    assert "never written to" in capsys.readouterr().err
    assert not (paths.RAW_DIR / "tiny-roster.toml").exists()
    assert main(["roster", str(TINY_TRANSCRIPT), "--out", str(tmp_path)]) == 1
    assert "this is a folder" in capsys.readouterr().err


def test_report_fits_select_k_on_every_core_with_the_same_tables(tmp_path, monkeypatch):
    """report asks select_k for every core (n_jobs=-1) unless --n-jobs says otherwise; same CSV tables."""
    from analysis.measures import topics

    asked = []
    original = topics.select_k

    def recording(*args, n_jobs=1, **kwargs):
        asked.append(n_jobs)
        return original(*args, n_jobs=n_jobs, **kwargs)

    base = ["report", str(paths.SEED_EVENT), "--no-figures", "--n-boot", "0", "--quiet"]
    monkeypatch.setattr(topics, "select_k", recording)
    assert main([*base, "--outdir", str(tmp_path / "every-core")]) == 0
    assert asked == [-1]
    assert main([*base, "--n-jobs", "1", "--outdir", str(tmp_path / "one-process")]) == 0
    assert asked == [-1, 1]
    written = sorted(path.name for path in (tmp_path / "every-core").glob("*.csv"))
    assert "k_selection.csv" in written
    assert written == sorted(path.name for path in (tmp_path / "one-process").glob("*.csv"))
    for name in written:
        assert (tmp_path / "every-core" / name).read_bytes() == (tmp_path / "one-process" / name).read_bytes()
