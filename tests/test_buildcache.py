"""The cache of built figure sets (analysis.buildcache): never stale, byte-identical either way."""

import shutil

import pytest

from analysis import figures, paths
from analysis.buildcache import BuildCache, build_key, event_files


def test_the_key_changes_with_any_setting_input_or_source(tmp_path, monkeypatch):
    base = build_key({"formats": ["png"]})
    assert build_key({"formats": ["png"]}) == base
    assert build_key({"formats": ["png", "pdf"]}) != base
    # An input outside data/ (an event file and its transcript) is part of the key.
    event = tmp_path / "event.toml"
    event.write_text('transcript = "t.txt"\n')
    (tmp_path / "t.txt").write_text("MR A: One.\n")
    assert event_files(event) == [event, tmp_path / "t.txt"]
    with_event = build_key({"formats": ["png"]}, event_files(event))
    (tmp_path / "t.txt").write_text("MR A: Two.\n")
    assert build_key({"formats": ["png"]}, event_files(event)) != with_event
    # A file of data/ (here a copy of the tree with one lexicon entry changed).
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR / "events", data / "events")
    shutil.copy(paths.LEXICON, data / "lexicon.toml")
    monkeypatch.setattr(paths, "DATA_DIR", data)
    before = build_key({"formats": ["png"]})
    (data / "lexicon.toml").write_text(paths.LEXICON.read_text().replace('"Okinawan", ', ""))
    assert build_key({"formats": ["png"]}) != before


def test_a_damaged_entry_is_not_used(tmp_path):
    source = tmp_path / "build"
    source.mkdir()
    (source / "a.png").write_bytes(b"figure")
    cache = BuildCache(tmp_path / "cache")
    cache.store("k", ["a.png"], source)
    assert cache.files("k") == ["a.png"]
    (tmp_path / "cache" / "k" / "a.png").write_bytes(b"changed")
    assert cache.files("k") is None
    assert cache.files("missing") is None


def _files(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.slow
def test_cached_builds_equal_fresh_ones_and_an_input_change_rebuilds_exactly_its_figures(
    tmp_path, monkeypatch
):
    cache = tmp_path / "cache"
    run = ["--formats", "png", "--cache-dir", str(cache)]
    assert figures.main(["--outdir", str(tmp_path / "first"), *run]) == 0
    assert figures.main(["--outdir", str(tmp_path / "again"), *run]) == 0  # from the cache
    assert figures.main(["--outdir", str(tmp_path / "fresh"), "--formats", "png", "--no-cache"]) == 0
    first = _files(tmp_path / "first")
    assert _files(tmp_path / "again") == first == _files(tmp_path / "fresh")

    # One lexicon entry removed (Okinawa, which the Japanese ministers name 7 times): a new key,
    # a new build, and only the figures drawn from mentions change.
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data, ignore=shutil.ignore_patterns("raw"))
    lexicon = paths.LEXICON.read_text()
    start = lexicon.index("[entities.Okinawa]")
    end = lexicon.index("[entities.Senkaku]")
    (data / "lexicon.toml").write_text(lexicon[:start] + lexicon[end:])
    monkeypatch.setattr(paths, "DATA_DIR", data)
    monkeypatch.setattr(paths, "LEXICON", data / "lexicon.toml")
    assert figures.main(["--outdir", str(tmp_path / "changed"), *run]) == 0
    changed = _files(tmp_path / "changed")
    differ = sorted(name for name in first if first[name] != changed[name])
    assert differ == ["fig04_mention_rates.png", "fig05_mention_dispersion.png"]
