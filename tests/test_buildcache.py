"""The cache of built figure sets (analysis.buildcache): never stale, byte-identical either way."""

import shutil
import subprocess
import sys

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


@pytest.mark.slow
def test_a_cached_build_imports_neither_pandas_nor_matplotlib(tmp_path):
    # A cache hit is a copy: `import analysis` and the figure script's start load only the
    # standard library, so a rebuild with nothing changed costs a small part of one import of
    # pandas + scikit-learn + matplotlib. Run in a fresh interpreter, where nothing is imported yet.
    cache = tmp_path / "cache"
    build = [sys.executable, "-m", "analysis.figures", "--formats", "png", "--cache-dir", str(cache)]
    subprocess.run([*build, "--outdir", str(tmp_path / "first")], check=True, capture_output=True)
    probe = (
        "import sys, runpy\n"
        f"sys.argv = {[*build[2:], '--outdir', str(tmp_path / 'again')]!r}\n"
        "try:\n"
        "    runpy.run_module('analysis.figures', run_name='__main__')\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        "heavy = sorted({'numpy', 'pandas', 'scipy', 'sklearn', 'matplotlib'} & set(sys.modules))\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    assert "copied from the cache" in result.stdout
    assert result.stdout.strip().endswith("[]")
    assert _files(tmp_path / "again") == _files(tmp_path / "first")


def test_the_package_loads_its_modules_on_first_use():
    probe = (
        "import sys, analysis\n"
        "assert 'pandas' not in sys.modules\n"
        "assert set(analysis.__all__) <= set(dir(analysis))\n"
        "from analysis import read_event, topics\n"
        "assert topics.__name__ == 'analysis.measures.topics'\n"
        "assert read_event.__module__ == 'analysis.parsing.transcript'\n"
        "missing = [name for name in analysis.__all__ if getattr(analysis, name, None) is None]\n"
        "assert not missing, missing\n"
        "try:\n"
        "    analysis.no_such_name\n"
        "except AttributeError as error:\n"
        "    assert 'no_such_name' in str(error)\n"
        "else:\n"
        "    raise SystemExit('no AttributeError')\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True)
